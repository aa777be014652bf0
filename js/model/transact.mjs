// Transactions over any models: TransactWriteItems / TransactGetItems with typed cancellation.
import { TransactGetItemsCommand, TransactWriteItemsCommand } from '@aws-sdk/client-dynamodb';
import { codecError } from '../errors/make.mjs';
import { TransactionCanceledError } from '../errors/index.mjs';
import { outcomeOf, settleAll } from './s3-writes.mjs';

const KINDS = { put: 'Put', update: 'Update', delete: 'Delete', conditionCheck: 'ConditionCheck' };

/** A write operation for `transactWrite`: made by `putOp()`, `updateOp()`, `deleteOp()`, `conditionCheckOp()`. */
export class WriteOp {
  constructor(model, kind, build) {
    this.model = model;
    this.kind = kind;
    this.build = build;
  }
}

/** A read operation for `transactGet`: made by `Model.getOp(hash, range?)`. */
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

function cancelled(error) {
  const reasons = (error.CancellationReasons ?? []).map((r) => ({ code: r.Code ?? 'None', message: r.Message }));
  const failed = reasons.map((r, i) => (r.code === 'None' ? null : `#${i} ${r.code}`)).filter(Boolean);
  return new TransactionCanceledError(`transaction cancelled: ${failed.join(', ') || 'no reason given'}`, { reasons, cause: error });
}

/**
 * Builds every operation (S3 uploads included) before sending; the S3 side of each write is settled
 * after the transaction, whatever its outcome (js/model/s3-writes.mjs).
 */
export async function transactWrite(client, ops, { clientRequestToken } = {}) {
  checkOps(ops, WriteOp, 'transactWrite');
  const built = await Promise.allSettled(ops.map((op) => op.build()));
  const requests = built.filter((r) => r.status === 'fulfilled').map((r) => r.value);
  const s3 = requests.map((r) => r.s3);
  const failed = built.find((r) => r.status === 'rejected');
  if (failed) {
    await settleAll(s3, 'refused');
    throw failed.reason;
  }
  const input = { TransactItems: requests.map((r, i) => ({ [KINDS[ops[i].kind]]: r.params })) };
  if (clientRequestToken !== undefined) input.ClientRequestToken = clientRequestToken;
  try {
    await client.send(new TransactWriteItemsCommand(input));
  } catch (error) {
    await settleAll(s3, outcomeOf(error));
    throw error.name === 'TransactionCanceledException' ? cancelled(error) : error;
  }
  for (const r of requests) r.commit();
  await settleAll(s3, 'written');
}

/** One instance (or null when missing) per operation, in order. */
export async function transactGet(client, ops) {
  checkOps(ops, GetOp, 'transactGet');
  let out;
  try {
    out = await client.send(new TransactGetItemsCommand({ TransactItems: ops.map((op) => ({ Get: op.key })) }));
  } catch (error) {
    throw error.name === 'TransactionCanceledException' ? cancelled(error) : error;
  }
  return Promise.all((out.Responses ?? []).map((r, i) => (r.Item ? ops[i].decode(r.Item) : null)));
}
