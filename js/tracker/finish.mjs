// The writes a lock holder makes: the final success or failure write, and heartbeats. Each is
// conditional on the lock AND the fence this worker took, so a worker whose lock expired and was
// taken over cannot overwrite the newer owner's item: it gets LockLost instead.
import { UpdateItemCommand } from '@aws-sdk/client-dynamodb';
import { taskError } from '../errors/make.mjs';
import { send } from '../model/send.mjs';
import { cond } from '../expressions/index.mjs';
import { utcNow } from './clock.mjs';
import { appendHistory, historyEntry, v5Errors } from './history.mjs';
import { NOT_LOCKED, valueFor } from './layout.mjs';
import { sender, taskLabel } from './lock.mjs';
import { Task } from './task.mjs';

/** Sends a held-lock update; a failed condition means the lock is gone (LockLost, with the item as it is). */
async function heldUpdate(t, held, actions, cause) {
  const A = t.Model.attr;
  const condition = cond.and(A.lock.eq(held.lock), A.fence.eq(held.fence));
  const { params } = await new t.Model({ key: held.key }).updateOp(actions, { condition }).plan();
  try {
    const out = await send(sender(t), UpdateItemCommand, {
      ...params, ReturnValues: 'ALL_NEW', ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
    }, { itemKey: { key: held.key } });
    return new Task(t.config, await t.Model.fromItem(out.Attributes));
  } catch (error) {
    if (error.code !== 'E_DYNAMODB_CONDITION') throw error;
    const task = error.item ? new Task(t.config, await t.Model.fromItem(error.item)) : undefined;
    const { taskId } = held.task;
    throw taskError('E_LOCK_LOST', `${taskLabel(t.config, taskId)}: the lock expired and was taken over (or the task was replaced); nothing was written`, {
      taskId, useCaseId: t.config.useCaseId, task, cause,
    });
  }
}

/** The status change of a final write: value and status (5.x has only value), and the optional TTL. */
function statusActions(t, held, code, now) {
  const c = t.config;
  const A = t.Model.attr;
  const actions = [A.value.set(valueFor(c, held.key, code))];
  if (c.layout === 'v6') actions.push(A.status.set(code));
  const ttlSeconds = code === c.codes.succeeded ? c.ttl?.succeeded : code === c.codes.ignored ? c.ttl?.ignored : undefined;
  if (ttlSeconds !== undefined) actions.push(A.expireAt.set(new Date(Number(now.epochMicros / 1000n) + ttlSeconds * 1000)));
  return actions;
}

const unlock = (t) => t.Model.attr.lock.set(t.config.layout === 'v6' ? NOT_LOCKED : null);

/** pynamodb_mate's success write: [data], status succeeded, update_time, unlock, retry 0. */
export function finishSuccess(t, held, dataAction) {
  const A = t.Model.attr;
  const now = utcNow();
  return heldUpdate(t, held, [
    ...(dataAction ? [dataAction] : []),
    ...statusActions(t, held, t.config.codes.succeeded, now),
    A.updateTime.set(now),
    unlock(t),
    A.retry.set(0),
  ]);
}

/**
 * pynamodb_mate's failure write: update_time, unlock, retry + 1 (server side), the error recorded,
 * status failed, or ignored once the retries reach maxRetry. Data set by the run is discarded.
 */
export function finishFailure(t, held, error) {
  const c = t.config;
  const A = t.Model.attr;
  const now = utcNow();
  const nthRetry = (held.task.retry ?? 0) + 1;
  const errors = c.layout === 'v6'
    ? appendHistory(held.task.errors, historyEntry(error, { nthRetry, time: now, stackLimit: c.tracebackStackLimit }))
    : v5Errors(error, c.tracebackStackLimit);
  const code = nthRetry >= c.maxRetry ? c.codes.ignored : c.codes.failed;
  return heldUpdate(t, held, [
    A.updateTime.set(now),
    unlock(t),
    A.retry.plus(1),
    A.errors.set(errors),
    ...statusActions(t, held, code, now),
  ], error);
}

/** Extends the lock: lock_time = now, while the lock and fence are still ours. */
export function extendLock(t, held) {
  return heldUpdate(t, held, [t.Model.attr.lockTime.set(utcNow())]);
}
