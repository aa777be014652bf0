// The tracker's locking policy, with no I/O: what each write (create, lock, heartbeat, success,
// failure, an operator's status change) sets and is conditional on, as plain descriptions
// (describe.mjs), the order in which a refused lock is explained, the failure history and the size
// bounds. A store (store.mjs) carries the descriptions out; the stored bytes are pynamodb_mate's
// (layout.mjs, history.mjs).
import { codecError, taskError } from '../errors/make.mjs';
import { checkTaskId, statusCode } from './config.mjs';
import { EPOCH, minusSeconds } from './clock.mjs';
import { toActions } from './describe.mjs';
import { HISTORY_BYTES, historyEntry, historyRecords, shorterHistories, v5Records } from './history.mjs';
import { bytesAfter, MAX_ITEM_BYTES, resizer, valueBytes } from './item-size.mjs';
import { makeKey, makeValue, NOT_LOCKED, valueFor } from './layout.mjs';
import { Task } from './task.mjs';

/** pynamodb_mate's task label, for messages. */
export const taskLabel = (c, taskId) => `Task(useCaseId=${JSON.stringify(c.useCaseId)}, taskId=${JSON.stringify(taskId)})`;

const details = (c, taskId, more) => ({ taskId, useCaseId: c.useCaseId, ...more });

// ---- create ------------------------------------------------------------------------------------

const isPlainObject = (v) => v !== null && typeof v === 'object' && Object.getPrototypeOf(v) === Object.prototype;

/** `data` is a JSON object (pynamodb_mate's dict); other JSON values would break Python readers. */
export function checkData(data) {
  if (!isPlainObject(data)) throw codecError('E_ARGUMENT', 'StatusTracker: task data must be a plain object (a JSON dict)');
  return data;
}

/** A new task as a model instance (validated: a bad id, status or data throws here). */
export function newTask(t, taskId, { data = {}, status } = {}) {
  const c = t.config;
  checkTaskId(c, taskId);
  const code = status === undefined ? c.codes.pending : statusCode(c, status);
  const key = makeKey(c, taskId);
  const now = t.now();
  const common = { key, value: valueFor(c, key, code), updateTime: now, retry: 0, lockTime: EPOCH, data: checkData(data) };
  return t.Model.create(c.layout === 'v6'
    ? { ...common, status: code, createTime: now, lock: NOT_LOCKED, errors: { history: [] } }
    : { ...common, errors: {} });
}

/** A create never replaces a task unless told to (pynamodb_mate's `make_and_save` always does). */
export const createCondition = (overwrite) => (overwrite ? undefined : ['absent', 'key']);

export const taskExists = (c, taskId, task) => taskError('E_TASK_EXISTS', `${taskLabel(c, taskId)} already exists`, details(c, taskId, { task }));

// ---- lock --------------------------------------------------------------------------------------

/** "The task is in status `code`": 6.x has a `status` attribute, 5.x only `value`. */
const statusIs = (c, code) => (c.layout === 'v6' ? ['eq', 'status', code] : ['eq', 'value', makeValue(c, code)]);

/** Not locked: 6.x's marker, or 5.x's absent or NULL lock. */
const lockFree = (c) => (c.layout === 'v6' ? ['eq', 'lock', NOT_LOCKED] : ['or', ['absent', 'lock'], ['null', 'lock']]);

/** The lock expired: its holder has not written for `lockExpireSeconds`. */
const lockExpired = (c, now) => ['lt', 'lockTime', minusSeconds(now, c.lockExpireSeconds)];

/** No live worker holds the task (its lock is free or expired), and its status is one of `statuses`. */
const unheldIn = (c, statuses, now) => ['and', ['or', lockFree(c), lockExpired(c, now)], ['or', ...statuses.map((code) => statusIs(c, code))]];

/**
 * The lock condition: pynamodb_mate 6.x's (free or expired lock, and a ready status), plus crash
 * recovery: an in-progress task whose lock expired (its worker died) may be taken again.
 */
export function lockCondition(c, ready, now) {
  const readyNow = unheldIn(c, ready, now);
  const inProgress = c.codes.inProgress;
  if (!c.recoverExpired || ready.includes(inProgress)) return readyNow;
  return ['or', readyNow, ['and', statusIs(c, inProgress), lockExpired(c, now)]];
}

/**
 * The lock write of `taskId` by lock token `lock` at `now` (`ready`: the status codes it may start
 * from): in progress, locked, and the fencing token +1 (larger than every earlier holder's).
 */
export function lockWrite(c, taskId, ready, now, lock) {
  const key = makeKey(c, taskId);
  const inProgress = c.codes.inProgress;
  const actions = [
    ['set', 'value', valueFor(c, key, inProgress)],
    // 6.x leaves update_time to the final write; 5.x sets it when it locks.
    c.layout === 'v6' ? ['set', 'status', inProgress] : ['set', 'updateTime', now],
    ['set', 'lock', lock],
    ['set', 'lockTime', now],
    ['add', 'fence', 1],
  ];
  return { key, actions, condition: lockCondition(c, ready, now) };
}

/**
 * Why a lock (or a status change: `purpose` says what the statuses allowed are for) was refused
 * (`task`: the task as stored, or null), in pynamodb_mate's order of checks (`detailed_error=True`).
 */
export function refusal(c, taskId, task, now, purpose = 'this run starts') {
  const label = taskLabel(c, taskId);
  if (!task) return taskError('E_TASK_NOT_FOUND', `${label} does not exist; create it first`, details(c, taskId));
  const more = details(c, taskId, { task });
  if (task.isLocked(now)) return taskError('E_TASK_LOCKED', `${label} is locked by another worker`, more);
  if (task.status === c.codes.succeeded) return taskError('E_TASK_ALREADY_SUCCEEDED', `${label} has already succeeded`, more);
  if (task.status === c.codes.ignored) return taskError('E_TASK_IGNORED', `${label} is ignored (it failed ${task.retry} times)`, more);
  return taskError('E_TASK_NOT_READY', `${label} is ${task.statusName ?? task.status}, not a status ${purpose}`, more);
}

// ---- writes of the lock holder -----------------------------------------------------------------

/** Every write of the lock holder is conditional on its lock AND fence: a taken-over worker writes nothing. */
export const heldCondition = (held) => ['and', ['eq', 'lock', held.lock], ['eq', 'fence', held.fence]];

export function lockLost(c, held, task, cause) {
  const { taskId } = held.task;
  return taskError('E_LOCK_LOST', `${taskLabel(c, taskId)}: the lock expired and was taken over (or the task was replaced); nothing was written`,
    details(c, taskId, { task, cause }));
}

/** The heartbeat: lock_time moves to `now`. */
export const heartbeatActions = (now) => [['set', 'lockTime', now]];

/** The item as locked in DynamoDB JSON, for sizes (computed once per lock; `{}` when it did not decode). */
const storedJson = new WeakMap();
function storedOf(held) {
  if (!storedJson.has(held)) storedJson.set(held, held.item ? held.item.toJSON() : {});
  return storedJson.get(held);
}

/** The size of the item once `actions` apply (they are encoded here: an unstorable value throws). */
const sizeAfter = (t, held, actions) => bytesAfter(storedOf(held), toActions(t.Model.attr, actions));

/** The status change of a final write: value and status (5.x has only value), and the optional TTL. */
function statusActions(c, held, code, now) {
  const actions = [['set', 'value', valueFor(c, held.key, code)]];
  if (c.layout === 'v6') actions.push(['set', 'status', code]);
  const ttlSeconds = code === c.codes.succeeded ? c.ttl?.succeeded : code === c.codes.ignored ? c.ttl?.ignored : undefined;
  if (ttlSeconds !== undefined) actions.push(['set', 'expireAt', new Date(Number(now.epochMicros / 1000n) + ttlSeconds * 1000)]);
  return actions;
}

const unlock = (c) => ['set', 'lock', c.layout === 'v6' ? NOT_LOCKED : null];

/** The `errors` action of a final write: none (`errors` stays as stored) when `errors` is undefined. */
const setErrors = (errors) => (errors === undefined ? [] : [['set', 'errors', errors]]);

/** The encoded size of an `errors` value, or undefined when it cannot be encoded. */
function errorsBytes(t, errors) {
  try {
    return valueBytes(t.Model.attr.errors.set(errors).value.value);
  } catch {
    return undefined;
  }
}

/**
 * The update `actionsWith(errors)` for the first of the `errors` values (largest first) that keeps
 * `errors` within HISTORY_BYTES and the item within DynamoDB's limit; else for the last (smallest).
 * A value that cannot be encoded (an old entry holding a lone surrogate) is passed over like one
 * that does not fit. The item is measured once, with `errors` as stored (`bytes`: the size after
 * `actionsWith(undefined)`, when the caller has it); each value then costs only its own size.
 * @returns {{ actions, bytes }} the update and the item's size after it
 */
function fittingWrite(t, held, records, actionsWith, bytes = sizeAfter(t, held, actionsWith(undefined))) {
  const sizeWith = resizer(bytes, 'errors', storedOf(held).errors);
  let fit;
  for (const errors of records) {
    const errorBytes = errorsBytes(t, errors);
    if (errorBytes === undefined) continue;
    fit = { errors, bytes: sizeWith(errorBytes) };
    if (errorBytes <= HISTORY_BYTES && fit.bytes <= MAX_ITEM_BYTES) break;
  }
  return { actions: actionsWith(fit.errors), bytes: fit.bytes };
}

/**
 * `errors` values a success write may store to make room for its data when the item is `over` the
 * limit by that many bytes, largest first: 6.x's history without its oldest entries (starting from
 * as many of the newest as fit the stored value's size less `over`, then one fewer at a time); 5.x's
 * last failure dropped (`{}`, what a new 5.x task holds).
 */
function roomyErrors(t, held, over) {
  if (t.config.layout === 'v5') return [{}];
  const stored = storedOf(held).errors;
  return shorterHistories(held.task.errors, Math.min(HISTORY_BYTES, (stored ? valueBytes(stored) : 0) - over));
}

/**
 * pynamodb_mate's success write: [data], status succeeded, update_time, unlock, retry 0. The error
 * history is kept when the item holds it with the data; else its oldest entries give way (the data
 * of a success wins over old failures). Refuses (E_ITEM_TOO_LARGE, before any request) data that
 * would take the item over DynamoDB's limit even with no history.
 * `data`: what the run set (checked), or undefined to keep the stored data.
 */
export function successActions(t, held, data, now) {
  const c = t.config;
  const setData = data === undefined ? [] : [['set', 'data', data]];
  // A shorter `errors` before the data: moto applies the SETs in turn and refuses an item that is
  // over its limit on the way (DynamoDB sizes the result only).
  const actionsWith = (errors) => [
    ...setErrors(errors),
    ...setData,
    ...statusActions(c, held, c.codes.succeeded, now),
    ['set', 'updateTime', now],
    unlock(c),
    ['set', 'retry', 0],
  ];
  const kept = actionsWith(undefined);
  const bytes = sizeAfter(t, held, kept);
  if (bytes <= MAX_ITEM_BYTES) return kept;
  const fit = fittingWrite(t, held, roomyErrors(t, held, bytes - MAX_ITEM_BYTES), actionsWith, bytes);
  if (fit.bytes <= MAX_ITEM_BYTES) return fit.actions;
  const dataBytes = valueBytes(data === undefined ? storedOf(held).data ?? { NULL: true } : toActions(t.Model.attr, setData)[0].value.value);
  throw codecError('E_ITEM_TOO_LARGE', `${t.Model.name}.data: ${dataBytes} bytes do not fit in ${taskLabel(c, held.task.taskId)}: `
    + `the item would be ${fit.bytes} bytes even without its error history, over DynamoDB's limit of ${MAX_ITEM_BYTES}; the task is recorded as failed`);
}

/**
 * pynamodb_mate's failure write: update_time, unlock, retry + 1 (server side), the error recorded,
 * status failed, or ignored once the retries reach maxRetry. Data set by the run is discarded. The
 * record is bounded (history.mjs) and shortened further when the item has no room for it, so that
 * whatever the body threw, the write goes out.
 * @returns {{ actions, ignored }} the update, and whether it makes the task ignored
 */
export function failureWrite(t, held, error, now) {
  const c = t.config;
  const nthRetry = (held.task.retry ?? 0) + 1;
  const records = c.layout === 'v6'
    ? historyRecords(held.task.errors, historyEntry(error, { nthRetry, time: now, stackLimit: c.tracebackStackLimit }))
    : v5Records(error, c.tracebackStackLimit);
  const code = nthRetry >= c.maxRetry ? c.codes.ignored : c.codes.failed;
  const { actions } = fittingWrite(t, held, records, (errors) => [
    ['set', 'updateTime', now],
    unlock(c),
    ['plus', 'retry', 1],
    ...setErrors(errors),
    ...statusActions(c, held, code, now),
  ]);
  return { actions, ignored: code === c.codes.ignored };
}

// ---- an operator's status change ----------------------------------------------------------------

/**
 * An operator's change of `taskId` to status `code` at `now` (StatusTracker.setStatus, the CLI's
 * `tracker retry|ignore`): made only while no live worker holds the task and its status is one of
 * `from` (an expired in-progress task only when `from` has in progress: no crash recovery here, the
 * operator said which statuses). Unlocked, its retry count back at 0: the operator has decided the
 * task deserves (or no longer needs) its full number of tries. A refusal is explained by
 * `refusal(..., statusPurpose(c, code))`.
 */
export function statusWrite(c, taskId, code, from, now) {
  const key = makeKey(c, taskId);
  const actions = [...statusActions(c, { key }, code, now), ['set', 'updateTime', now], unlock(c), ['set', 'retry', 0]];
  return { key, actions, condition: unheldIn(c, from, now) };
}

/** What the statuses a status change starts from are for, in its refusal's message. */
export const statusPurpose = (c, code) => `to set ${c.names.get(code)} from`;

/** The task of a stored item (a model instance), or null. */
export const taskOf = (c, item) => (item ? new Task(c, item) : null);
