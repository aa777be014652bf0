// `work(options, fn)`: a pull loop. It polls the index for unfinished tasks (every shard), claims
// them with the same conditional lock as `run`, runs at most `concurrency` bodies at once, backs off
// while there is nothing to claim, and on abort stops claiming and lets running bodies finish.
import { argumentError, flag, positiveInteger, positiveNumber } from './arguments.mjs';
import { statusCodeList } from './config.mjs';
import { makeKey } from './layout.mjs';
import { queryByStatus } from './query.mjs';
import { Task } from './task.mjs';
import { checkFn, execute, runHeartbeatMs } from './run.mjs';
import { take } from './take.mjs';

/** The refusals that only mean "someone else has it, or it is done": skip the task. */
const SKIPPED = new Set(['E_TASK_LOCKED', 'E_TASK_NOT_READY', 'E_TASK_ALREADY_SUCCEEDED', 'E_TASK_IGNORED', 'E_TASK_NOT_FOUND']);

/** Resolves after `ms`, or at once when `signal` aborts. */
function sleep(ms, signal) {
  return new Promise((resolve) => {
    const done = () => {
      clearTimeout(timer);
      signal?.removeEventListener('abort', done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    signal?.addEventListener('abort', done, { once: true });
  });
}

/** Consecutive empty polls (separated by the idle pause) before a drain concludes. */
const QUIET_PASSES = 2;

function shuffle(list) {
  for (let i = list.length - 1; i > 0; i--) {
    const j = Math.floor(Math.random() * (i + 1));
    [list[i], list[j]] = [list[j], list[i]];
  }
  return list;
}

const WORK = 'StatusTracker.work';
/** The longest timer delay (setTimeout fires at once beyond it). */
const MAX_DELAY_MS = 2 ** 31 - 1;

/** `stopSignal`: absent or an AbortSignal (anything with `aborted` and `addEventListener`). */
function abortSignal(signal) {
  if (signal !== undefined && !(typeof signal?.aborted === 'boolean' && typeof signal.addEventListener === 'function')) {
    throw argumentError(WORK, 'stopSignal must be an AbortSignal');
  }
  return signal;
}

/** `o`: the options object (its keys checked by tracker.mjs), values checked here. */
function options(c, o) {
  const concurrency = positiveInteger(WORK, 'concurrency', o.concurrency, 1);
  const idleMs = o.idleMs ?? {};
  const ms = { unit: 'milliseconds', max: MAX_DELAY_MS };
  const minMs = positiveNumber(WORK, 'idleMs.min', idleMs.min, 100, ms);
  const maxMs = positiveNumber(WORK, 'idleMs.max', idleMs.max, 5000, ms);
  if (maxMs < minMs) throw argumentError(WORK, 'idleMs must be { min > 0, max >= min }');
  const ready = o.statuses === undefined ? c.ready : statusCodeList(c, o.statuses);
  const inProgress = c.codes.inProgress;
  const recover = c.recoverExpired && !ready.includes(inProgress);
  return {
    concurrency, minMs, maxMs, ready, recover, signal: abortSignal(o.stopSignal ?? undefined), drain: flag(WORK, 'drain', o.drain, false),
    // Expired in-progress tasks are claimed through the recovery branch of the lock condition.
    claimFrom: recover ? [...ready, inProgress] : ready,
    intervalMs: runHeartbeatMs(c, o.heartbeatSeconds),
  };
}

/**
 * `options`: `concurrency` (default 1), `stopSignal` (AbortSignal: stop claiming, finish running bodies),
 * `statuses` (those to claim, default readyStatuses), `drain` (resolve once no task is unfinished or
 * in progress anywhere), `idleMs: { min, max }` (backoff while idle), `heartbeatSeconds`.
 * Resolves to counts `{ succeeded, failed, ignored, lost, skipped }`.
 */
export async function work(t, o, fn) {
  const c = t.config;
  checkFn(fn, 'work(options, fn)');
  const w = options(c, o);
  const stats = { succeeded: 0, failed: 0, ignored: 0, lost: 0, skipped: 0 };
  const running = new Map(); // taskId -> promise of its body and final write
  const lockedUntil = new Map(); // in-progress taskId -> ms when its lock expires
  // Drain bookkeeping. The "nothing left" check is a series of index queries (per status, per
  // shard), not one atomic read, and the index may lag behind the table: a task can move between
  // statuses between two queries and be missed by both. So a drain concludes only after
  // `QUIET_PASSES` consecutive empty polls, each started and ended with none of this loop's own
  // bodies running or finishing, separated by the idle pause (a settle interval), and then only
  // when a strongly consistent read of every task this loop saw in progress or left unfinished
  // finds it finished (or out of this loop's statuses).
  let finishedBodies = 0; // own bodies settled so far
  let quiet = 0; // consecutive empty drain polls
  const watched = new Set(); // task ids to re-read before concluding
  let delay = w.minMs;
  let fatal;

  /**
   * Unfinished task ids worth a lock attempt now, and whether any task is in progress anywhere.
   * In progress is queried first: a task only leaves "in progress" for a ready status (failed) or a
   * final one, so a task that finishes between the two queries is seen by the second.
   */
  const poll = async (n) => {
    const ids = [];
    let inProgress = 0;
    if (w.recover || w.drain) {
      const now = Date.now();
      for await (const task of queryByStatus(t, c.codes.inProgress, { limit: n })) {
        inProgress += 1;
        if (w.drain && !running.has(task.taskId)) watched.add(task.taskId);
        if (w.recover && !running.has(task.taskId) && (lockedUntil.get(task.taskId) ?? 0) <= now) ids.push(task.taskId);
      }
    }
    for await (const task of queryByStatus(t, w.ready, { limit: n })) {
      if (!running.has(task.taskId) && !ids.includes(task.taskId)) ids.push(task.taskId);
    }
    return { ids: shuffle(ids), inProgress };
  };

  /** Strongly consistent: is every watched task finished, gone, or in a status this loop does not take? */
  const watchedDone = async () => {
    for (const taskId of [...watched]) {
      const item = await t.Model.getOneOrNone(makeKey(c, taskId), { consistentRead: true });
      const code = item && new Task(c, item).status;
      if (item && (code === c.codes.inProgress || w.ready.includes(code))) return false;
      watched.delete(taskId);
    }
    return true;
  };

  /** A taken task whose item does not decode: failed (or ignored) at once; unrecorded, it ends the loop. */
  const unreadable = ({ error, ignored }) => {
    if (ignored === undefined) fatal ??= error;
    else if (ignored) stats.ignored += 1;
    else stats.failed += 1;
    return null;
  };

  const claim = async (taskId) => {
    try {
      const taken = await take(t, taskId, w.claimFrom);
      return taken.unreadable ? unreadable(taken.unreadable) : taken.held;
    } catch (error) {
      if (!SKIPPED.has(error.code)) throw error;
      stats.skipped += 1;
      if (error.code === 'E_TASK_LOCKED' && error.task.status === c.codes.inProgress) {
        lockedUntil.set(taskId, Number(error.task.lockTime.epochMicros / 1000n) + c.lockExpireSeconds * 1000);
      }
      return null;
    }
  };

  const start = (held) => {
    const { taskId } = held.task;
    lockedUntil.delete(taskId);
    const body = execute(t, held, fn, w.intervalMs).then(
      (outcome) => {
        if (outcome.ok) stats.succeeded += 1;
        else if (outcome.task.status === c.codes.ignored) stats.ignored += 1;
        else {
          stats.failed += 1;
          if (w.drain) watched.add(taskId); // failed: unfinished until a retry ends it
        }
      },
      (error) => {
        if (error.code === 'E_LOCK_LOST') {
          stats.lost += 1;
          if (w.drain) watched.add(taskId); // someone else has it now
        } else fatal ??= error;
      },
    ).finally(() => {
      running.delete(taskId);
      finishedBodies += 1;
    });
    running.set(taskId, body);
  };

  try {
    while (!w.signal?.aborted && !fatal) {
      if (running.size >= w.concurrency) {
        await Promise.race(running.values());
        continue;
      }
      const ownBefore = running.size === 0 ? finishedBodies : -1;
      const { ids, inProgress } = await poll(3 * w.concurrency);
      const found = ids.length;
      // Empty, and no own body ran at any point of the poll (one finishing mid-poll could move a
      // task behind the queries' backs).
      const empty = w.drain && found === 0 && inProgress === 0 && running.size === 0 && ownBefore === finishedBodies;
      let claimed = 0;
      while (ids.length > 0 && running.size < w.concurrency && !w.signal?.aborted) {
        const batch = ids.splice(0, w.concurrency - running.size);
        for (const held of await Promise.all(batch.map(claim))) {
          if (held) {
            start(held);
            claimed += 1;
          }
        }
      }
      quiet = empty ? quiet + 1 : 0;
      if (claimed > 0) {
        delay = w.minMs;
      } else if (empty && quiet >= QUIET_PASSES && await watchedDone()) {
        break;
      } else {
        await sleep(delay * (0.5 + Math.random() / 2), w.signal);
        delay = Math.min(delay * 2, w.maxMs);
      }
    }
  } finally {
    await Promise.allSettled(running.values());
  }
  if (fatal) throw fatal;
  return stats;
}
