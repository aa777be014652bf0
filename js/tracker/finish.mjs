// The writes a lock holder makes: the final success or failure write, and heartbeats. Each is
// conditional on the lock AND the fence this worker took, so a worker whose lock expired and was
// taken over cannot overwrite the newer owner's item: it gets LockLost instead.
import { UpdateItemCommand } from '@aws-sdk/client-dynamodb';
import { codecError, taskError } from '../errors/make.mjs';
import { send } from '../model/send.mjs';
import { cond } from '../expressions/index.mjs';
import { utcNow } from './clock.mjs';
import { HISTORY_BYTES, historyEntry, historyRecords, v5Records } from './history.mjs';
import { bytesAfter, MAX_ITEM_BYTES, valueBytes } from './item-size.mjs';
import { NOT_LOCKED, valueFor } from './layout.mjs';
import { sender, taskLabel } from './lock.mjs';
import { Task } from './task.mjs';

/**
 * Sends a held-lock update; resolves to the item as written (AttributeValues). A failed condition
 * means the lock is gone (LockLost, with the item as it is).
 */
async function heldWrite(t, held, actions, cause) {
  const A = t.Model.attr;
  const condition = cond.and(A.lock.eq(held.lock), A.fence.eq(held.fence));
  const { params } = await new t.Model({ key: held.key }).updateOp(actions, { condition }).plan();
  try {
    const out = await send(sender(t), UpdateItemCommand, {
      ...params, ReturnValues: 'ALL_NEW', ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
    }, { itemKey: { key: held.key } });
    return out.Attributes;
  } catch (error) {
    if (error.code !== 'E_DYNAMODB_CONDITION') throw error;
    const task = error.item ? new Task(t.config, await t.Model.fromItem(error.item)) : undefined;
    const { taskId } = held.task;
    throw taskError('E_LOCK_LOST', `${taskLabel(t.config, taskId)}: the lock expired and was taken over (or the task was replaced); nothing was written`, {
      taskId, useCaseId: t.config.useCaseId, task, cause,
    });
  }
}

/** `heldWrite`, resolving to the task as written. */
const heldUpdate = async (t, held, actions, cause) => new Task(t.config, await t.Model.fromItem(await heldWrite(t, held, actions, cause)));

/** The status change of a final write: value and status (5.x has only value), and the optional TTL. */
export function statusActions(t, held, code, now) {
  const c = t.config;
  const A = t.Model.attr;
  const actions = [A.value.set(valueFor(c, held.key, code))];
  if (c.layout === 'v6') actions.push(A.status.set(code));
  const ttlSeconds = code === c.codes.succeeded ? c.ttl?.succeeded : code === c.codes.ignored ? c.ttl?.ignored : undefined;
  if (ttlSeconds !== undefined) actions.push(A.expireAt.set(new Date(Number(now.epochMicros / 1000n) + ttlSeconds * 1000)));
  return actions;
}

export const unlock = (t) => t.Model.attr.lock.set(t.config.layout === 'v6' ? NOT_LOCKED : null);

/**
 * pynamodb_mate's success write: [data], status succeeded, update_time, unlock, retry 0. Refuses
 * (E_ITEM_TOO_LARGE, before any request) data that would take the item over DynamoDB's limit.
 */
export function successActions(t, held, dataAction) {
  const A = t.Model.attr;
  const now = utcNow();
  const actions = [
    ...(dataAction ? [dataAction] : []),
    ...statusActions(t, held, t.config.codes.succeeded, now),
    A.updateTime.set(now),
    unlock(t),
    A.retry.set(0),
  ];
  const bytes = bytesAfter(held.stored, actions);
  if (bytes > MAX_ITEM_BYTES) {
    const dataBytes = valueBytes(dataAction?.value.value ?? held.stored.data ?? { NULL: true });
    throw codecError('E_ITEM_TOO_LARGE', `${t.Model.name}.data: ${dataBytes} bytes do not fit in ${taskLabel(t.config, held.task.taskId)}: `
      + `the item would be ${bytes} bytes, over DynamoDB's limit of ${MAX_ITEM_BYTES}; the task is recorded as failed`);
  }
  return actions;
}

export const finishSuccess = (t, held, actions) => heldUpdate(t, held, actions);

/**
 * The first of the `errors` values (largest first) whose update keeps `errors` within HISTORY_BYTES
 * and the item within DynamoDB's limit; else the last (smallest). A value that cannot be encoded (an
 * old entry holding a lone surrogate) is passed over like one that does not fit.
 */
function fittingActions(t, held, records, actionsWith) {
  let actions;
  for (const errors of records) {
    let set;
    try {
      set = t.Model.attr.errors.set(errors);
    } catch {
      continue;
    }
    actions = actionsWith(set);
    if (valueBytes(set.value.value) <= HISTORY_BYTES && bytesAfter(held.stored, actions) <= MAX_ITEM_BYTES) break;
  }
  return actions;
}

/**
 * pynamodb_mate's failure write: update_time, unlock, retry + 1 (server side), the error recorded,
 * status failed, or ignored once the retries reach maxRetry. Data set by the run is discarded. The
 * record is bounded (history.mjs) and shortened further when the item has no room for it, so that
 * whatever the body threw, the write goes out.
 * @returns {{ actions, ignored }} the update, and whether it makes the task ignored
 */
function failureWrite(t, held, error) {
  const c = t.config;
  const A = t.Model.attr;
  const now = utcNow();
  const nthRetry = (held.task.retry ?? 0) + 1;
  const records = c.layout === 'v6'
    ? historyRecords(held.task.errors, historyEntry(error, { nthRetry, time: now, stackLimit: c.tracebackStackLimit }))
    : v5Records(error, c.tracebackStackLimit);
  const code = nthRetry >= c.maxRetry ? c.codes.ignored : c.codes.failed;
  const actions = fittingActions(t, held, records, (setErrors) => [
    A.updateTime.set(now),
    unlock(t),
    A.retry.plus(1),
    setErrors,
    ...statusActions(t, held, code, now),
  ]);
  return { actions, ignored: code === c.codes.ignored };
}

/** The failure write; resolves to the task as written. */
export const finishFailure = (t, held, error) => heldUpdate(t, held, failureWrite(t, held, error).actions, error);

/** The failure write of a task whose item does not decode; resolves to whether the task is now ignored. */
export async function recordFailure(t, held, error) {
  const { actions, ignored } = failureWrite(t, held, error);
  await heldWrite(t, held, actions, error);
  return ignored;
}

/** Extends the lock: lock_time = now, while the lock and fence are still ours. */
export function extendLock(t, held) {
  return heldUpdate(t, held, [t.Model.attr.lockTime.set(utcNow())]);
}
