// `run(taskId, fn)`: lock, run the body with a context, then write the outcome, as pynamodb_mate's
// `BaseTask.start` context manager does, with the writes made safe against lost locks.
import { codecError, taskError } from '../errors/make.mjs';
import { checkTaskId, heartbeatMs, statusCodeList } from './config.mjs';
import { extendLock, finishFailure, finishSuccess } from './finish.mjs';
import { Heartbeat } from './heartbeat.mjs';
import { checkData, successActions, taskLabel } from './policy.mjs';
import { take } from './take.mjs';

/** What `fn` receives. */
export class TaskContext {
  #t;
  #held;
  #heartbeat;
  #data = {};

  constructor(t, held, signal, heartbeat) {
    this.#t = t;
    this.#held = held;
    this.#heartbeat = heartbeat;
    /** The task as locked (status in progress, this worker's lock). */
    this.task = held.task;
    this.taskId = held.task.taskId;
    /** The fencing token: larger than that of every earlier holder; pass it along to guard side effects. */
    this.fence = held.fence;
    /** Aborted (reason: LockLost) when a heartbeat finds that another worker took the task over. */
    this.signal = signal;
  }

  /**
   * The data the success write stores (discarded if the run fails); checked, encoded and sized now.
   * A refusal is also kept: the run fails with it (even if the body catches it) unless a later
   * setData succeeds.
   */
  setData(data) {
    try {
      successActions(this.#t, this.#held, checkData(data), this.#t.now());
      this.#data = { data: structuredClone(data) }; // as it is now: later changes to it are not written
    } catch (error) {
      this.#data = { refusal: error };
      throw error;
    }
    return this;
  }

  /** Extends the lock now; throws LockLost when it is gone. */
  heartbeat() {
    return this.#heartbeat.beat();
  }

  /** Internal: the success write's actions; throws the refusal of the last setData, or of the item's size. */
  successActions() {
    if (this.#data.refusal) throw this.#data.refusal;
    return successActions(this.#t, this.#held, this.#data.data, this.#t.now());
  }
}

/** Renewals tried by `freshLease` before giving the task up. */
const LEASE_RENEWALS = 3;

/**
 * The lease starts at the lock_time the lock (or renewal) request carried, which is taken when the
 * request is made: other workers may take the task over once it is `lockExpireSeconds` old. A
 * response that comes back late (a slow or overloaded server, SDK retries) can therefore bring a
 * lease that has already expired, or is about to, and the task may already be another worker's.
 * Before the body starts, a lease with less than half of its time left is renewed (conditional on
 * this lock and fence, so a takeover shows as LockLost); the body never starts on a stale lease.
 */
export async function freshLease(t, held) {
  const c = t.config;
  const half = BigInt(Math.round(c.lockExpireSeconds * 1e6)) / 2n;
  let since = held.task.lockTime;
  for (let renewals = 0; t.now().epochMicros - since.epochMicros >= half; renewals++) {
    if (renewals === LEASE_RENEWALS) {
      const { taskId } = held.task;
      throw taskError('E_LOCK_LOST', `${taskLabel(c, taskId)}: the lock could not be renewed within its expiry; the body was not run`, {
        taskId, useCaseId: c.useCaseId, task: held.task,
      });
    }
    since = (await extendLock(t, held)).lockTime;
  }
}

/** `{ ok: true, value }` or `{ ok: false, error }`: whatever `fn` returns or throws, as data. */
async function settle(fn) {
  try {
    return { ok: true, value: await fn() };
  } catch (error) {
    return { ok: false, error };
  }
}

/**
 * Runs `fn` on a task this worker has locked (`held`, from take) and writes the outcome. A body
 * that returned with data the item cannot hold fails with the typed refusal.
 * @returns {{ ok: true, result, task } | { ok: false, error, task }} the body's outcome and the task as
 *   written; throws LockLost when the final write found the lock gone, and the final write's error
 *   when it could not be made (the task then stays in progress until its lock expires)
 */
export async function execute(t, held, fn, intervalMs) {
  await freshLease(t, held);
  const controller = new AbortController();
  const heartbeat = new Heartbeat(t, held, intervalMs, (lost) => controller.abort(lost));
  const ctx = new TaskContext(t, held, controller.signal, heartbeat);
  heartbeat.start();
  const body = await settle(() => fn(ctx));
  await heartbeat.stop();
  const plan = body.ok ? await settle(() => ctx.successActions()) : body;
  if (!plan.ok) return { ok: false, error: plan.error, task: await finishFailure(t, held, plan.error) };
  return { ok: true, result: body.value, task: await finishSuccess(t, held, plan.value) };
}

/** The heartbeat interval of a run or work loop: its own `heartbeatSeconds`, else the tracker's. */
export const runHeartbeatMs = (c, seconds) => (seconds === undefined ? c.heartbeatMs : heartbeatMs(c.lockExpireSeconds, seconds));

export function checkFn(fn, where) {
  if (typeof fn !== 'function') throw codecError('E_ARGUMENT', `StatusTracker.${where}: fn must be a function`);
}

/**
 * `run(taskId, fn, { statuses, heartbeatSeconds })`: `statuses` are those this run may start from
 * (default: the tracker's readyStatuses). Resolves to what `fn` returned; rejects with what `fn`
 * threw, once recorded (as pynamodb_mate re-raises).
 */
export async function runTask(t, taskId, fn, { statuses, heartbeatSeconds }) {
  const c = t.config;
  checkTaskId(c, taskId);
  checkFn(fn, 'run(taskId, fn)');
  const ready = statuses === undefined ? c.ready : statusCodeList(c, statuses);
  const intervalMs = runHeartbeatMs(c, heartbeatSeconds);
  const taken = await take(t, taskId, ready);
  if (taken.unreadable) throw taken.unreadable.error;
  const outcome = await execute(t, taken.held, fn, intervalMs);
  if (!outcome.ok) throw outcome.error;
  return outcome.result;
}
