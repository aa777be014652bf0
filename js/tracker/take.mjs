// Taking a task: the lock (lock.mjs), then the locked item decoded for the body. An item that does
// not decode (a value another writer stored that this library cannot read) must not stay locked in
// progress, taken again and again on every expiry: its failure is recorded at once, in a fresh
// history, so that it ends ignored after maxRetry like any task that keeps failing.
import { recordFailure } from './finish.mjs';
import { acquire } from './lock.mjs';
import { Task } from './task.mjs';

/** A stored count, or 0 when it is not one. */
function storedCount(av) {
  const n = Number(av?.N);
  return Number.isSafeInteger(n) ? n : 0;
}

/**
 * Locks `taskId` (`ready`: the status codes it may start from) and reads it.
 * @returns {{ held } | { unreadable: { error, ignored } }} `held` (acquire's, with `task`) for
 *   execute; or the decoding error, with whether its recorded failure made the task ignored
 *   (undefined when that write failed too: the lock then expires)
 */
export async function take(t, taskId, ready) {
  const held = await acquire(t, taskId, ready);
  try {
    return { held: { ...held, task: new Task(t.config, await t.Model.fromItem(held.stored)) } };
  } catch (error) {
    const partial = { ...held, task: { taskId, retry: storedCount(held.stored.retry), errors: undefined } };
    return { unreadable: { error, ignored: await recordFailure(t, partial, error).catch(() => undefined) } };
  }
}
