// Taking a task: ONE conditional UpdateItem that locks it and marks it in progress, or, when the
// condition fails, the typed reason read from the old item DynamoDB returns with the refusal
// (ReturnValuesOnConditionCheckFailure), so that no second read races with other workers.
import { UpdateItemCommand } from '@aws-sdk/client-dynamodb';
import { taskError } from '../errors/make.mjs';
import { send } from '../model/send.mjs';
import { cond } from '../expressions/index.mjs';
import { minusSeconds, utcNow } from './clock.mjs';
import { makeKey, makeValue, NOT_LOCKED, valueFor } from './layout.mjs';
import { Task } from './task.mjs';

/** The tracker's requests are sent as its model's (send.mjs names the model in errors). */
export const sender = (t) => ({ client: t.config.client, name: t.Model.name });

/** pynamodb_mate's task label, for messages. */
export const taskLabel = (c, taskId) => `Task(useCaseId=${JSON.stringify(c.useCaseId)}, taskId=${JSON.stringify(taskId)})`;

/** The condition "the task is in status `code`": 6.x has a `status` attribute, 5.x only `value`. */
export function statusIs(t, code) {
  return t.config.layout === 'v6' ? t.Model.attr.status.eq(code) : t.Model.attr.value.eq(makeValue(t.config, code));
}

/** Not locked: 6.x's marker, or 5.x's absent or NULL lock. */
function lockFree(t) {
  const A = t.Model.attr;
  return t.config.layout === 'v6' ? A.lock.eq(NOT_LOCKED) : cond.or(A.lock.notExists(), A.lock.attributeType('NULL'));
}

/**
 * The lock condition: pynamodb_mate 6.x's (free or expired lock, and a ready status), plus crash
 * recovery: an in-progress task whose lock expired (its worker died) may be taken again.
 */
export function lockCondition(t, ready, now) {
  const c = t.config;
  const expired = t.Model.attr.lockTime.lt(minusSeconds(now, c.lockExpireSeconds));
  const readyNow = cond.and(cond.or(lockFree(t), expired), cond.or(...ready.map((code) => statusIs(t, code))));
  const inProgress = c.codes.inProgress;
  if (!c.recoverExpired || ready.includes(inProgress)) return readyNow;
  return cond.or(readyNow, cond.and(statusIs(t, inProgress), expired));
}

/**
 * The reason a lock (or a status change: `purpose` says what the statuses allowed are for) was
 * refused, in pynamodb_mate's order of checks (`detailed_error=True`).
 */
export async function refusal(t, taskId, oldItem, now, purpose = 'this run starts') {
  const c = t.config;
  const label = taskLabel(c, taskId);
  const details = { taskId, useCaseId: c.useCaseId };
  if (!oldItem) return taskError('E_TASK_NOT_FOUND', `${label} does not exist; create it first`, details);
  const task = new Task(c, await t.Model.fromItem(oldItem));
  details.task = task;
  if (task.isLocked(now)) return taskError('E_TASK_LOCKED', `${label} is locked by another worker`, details);
  if (task.status === c.codes.succeeded) return taskError('E_TASK_ALREADY_SUCCEEDED', `${label} has already succeeded`, details);
  if (task.status === c.codes.ignored) return taskError('E_TASK_IGNORED', `${label} is ignored (it failed ${task.retry} times)`, details);
  return taskError('E_TASK_NOT_READY', `${label} is ${task.statusName ?? task.status}, not a status ${purpose}`, details);
}

/**
 * Locks `taskId` for this worker. `ready`: the status codes it may start from.
 * @returns {{ key, lock, fence, stored }} what the final writes are conditional on, and the item as
 *   locked (AttributeValues; take.mjs decodes it)
 */
export async function acquire(t, taskId, ready) {
  const c = t.config;
  const A = t.Model.attr;
  const key = makeKey(c, taskId);
  const now = utcNow();
  const lock = crypto.randomUUID().replaceAll('-', ''); // uuid4().hex, as pynamodb_mate
  const inProgress = c.codes.inProgress;
  const actions = [
    A.value.set(valueFor(c, key, inProgress)),
    // 6.x leaves update_time to the final write; 5.x sets it when it locks.
    c.layout === 'v6' ? A.status.set(inProgress) : A.updateTime.set(now),
    A.lock.set(lock),
    A.lockTime.set(now),
    A.fence.add(1), // the fencing token: +1 at every lock taken here
  ];
  const { params } = await new t.Model({ key }).updateOp(actions, { condition: lockCondition(t, ready, now) }).plan();
  let out;
  try {
    out = await send(sender(t), UpdateItemCommand, { ...params, ReturnValues: 'ALL_NEW', ReturnValuesOnConditionCheckFailure: 'ALL_OLD' }, { itemKey: { key } });
  } catch (error) {
    if (error.code !== 'E_DYNAMODB_CONDITION') throw error;
    throw await refusal(t, taskId, error.item, now);
  }
  return { key, lock, fence: Number(out.Attributes.fence.N), stored: out.Attributes };
}
