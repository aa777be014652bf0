// Transactions over any models: TransactWriteItems / TransactGetItems (cancellations are typed by send.mjs).
import { TransactGetItemsCommand, TransactWriteItemsCommand } from '@aws-sdk/client-dynamodb';
import { codecError } from '../errors/make.mjs';
import { stage } from './execute.mjs';
import { prepare } from './prepare.mjs';
import { outcomeOf, settleAll } from './s3-writes.mjs';
import { notAborted, send } from './send.mjs';

const KINDS = { put: 'Put', update: 'Update', delete: 'Delete', conditionCheck: 'ConditionCheck' };

/** A write operation for `transactWrite`: made by `putOp()`, `updateOp()`, `deleteOp()`, `conditionCheckOp()`. */
export class WriteOp {
  #plan;

  /** `plan()`: the operation's write plan (js/model/writes.mjs) of model `m`, made synchronously. */
  constructor(model, kind, m, plan) {
    this.model = model;
    this.kind = kind;
    this.m = m;
    this.#plan = plan;
  }

  /** The write plan, once the model's key providers are resolved; throws when the operation is invalid. */
  async plan() {
    await prepare(this.m);
    return this.#plan();
  }
}

/** A read operation for `transactGet`: made by `Model.getOp(hash, range?)`; `decode(item, abortSignal)`. */
export class GetOp {
  constructor(model, key, decode) {
    this.model = model;
    this.key = key;
    this.decode = decode;
  }
}

function checkOps(ops, Type, what) {
  if (!Array.isArray(ops) || ops.length === 0 || ops.length > 100 || !ops.every((op) => op instanceof Type)) {
    throw codecError('E_ARGUMENT', `${what} takes 1 to 100 operations made by the models' *Op() methods`);
  }
}

/** Who sends a transaction: the client, and the model's name when every operation is of one model. */
function sender(client, ops) {
  const names = new Set(ops.map((op) => op.model.name));
  return { client, name: names.size === 1 ? [...names][0] : undefined };
}

/**
 * Plans every operation before any I/O, then stages them all (S3 uploads: js/model/execute.mjs)
 * before sending; the S3 side of each write is settled after the transaction, whatever its outcome
 * (js/model/s3-writes.mjs).
 */
export async function transactWrite(client, ops, { clientRequestToken, abortSignal } = {}) {
  checkOps(ops, WriteOp, 'transactWrite');
  const m = sender(client, ops);
  notAborted(m, TransactWriteItemsCommand, { abortSignal });
  const requests = [];
  for (const op of ops) requests.push(await op.plan());
  const staged = await Promise.allSettled(requests.map((plan) => stage(plan, abortSignal))); // the signal reaches the reads and uploads
  const s3 = requests.filter((_, i) => staged[i].status === 'fulfilled').map((r) => r.s3);
  const failed = staged.find((r) => r.status === 'rejected');
  if (failed) {
    await settleAll(s3, 'refused');
    throw failed.reason;
  }
  const input = { TransactItems: requests.map((r, i) => ({ [KINDS[ops[i].kind]]: r.params })) };
  if (clientRequestToken !== undefined) input.ClientRequestToken = clientRequestToken;
  try {
    await send(m, TransactWriteItemsCommand, input, { abortSignal });
  } catch (error) {
    await settleAll(s3, outcomeOf(error));
    throw error;
  }
  for (const r of requests) r.commit();
  await settleAll(s3, 'written');
}

/** One instance (or null when missing) per operation, in order. */
export async function transactGet(client, ops, { abortSignal } = {}) {
  checkOps(ops, GetOp, 'transactGet');
  const out = await send(sender(client, ops), TransactGetItemsCommand, { TransactItems: ops.map((op) => ({ Get: op.key })) }, { abortSignal });
  return Promise.all((out.Responses ?? []).map((r, i) => (r.Item ? ops[i].decode(r.Item, abortSignal) : null)));
}
