// Taking a task: ONE conditional write that locks it and marks it in progress, or, when the
// condition fails, the typed reason read from the item the refusal brings back (policy.mjs), so
// that no second read races with other workers. An item that does not decode (a value another
// writer stored that this library cannot read) must not stay locked in progress, taken again and
// again on every expiry: its failure is recorded at once, in a fresh history, so that it ends
// ignored after maxRetry like any task that keeps failing.
import { recordFailure } from './finish.mjs';
import { lockWrite, refusal, taskOf } from './policy.mjs';
import { taskIdOf } from './layout.mjs';
import { Task } from './task.mjs';

/**
 * Records the failure of a task locked by `lock` whose item does not decode, from its fence and
 * retry count read alone (a retry count that does not decode counts as 0); resolves to whether the
 * task is now ignored, or undefined when that could not be recorded (the lock then expires).
 */
async function recordUnreadable(t, key, lock, error) {
  try {
    const { fence } = await t.store.get(key, { attributes: ['fence'] });
    const retry = await t.store.get(key, { attributes: ['retry'] }).then((item) => item.retry ?? 0, () => 0);
    return await recordFailure(t, { key, lock, fence, task: { taskId: taskIdOf(t.config, key), retry, errors: undefined } }, error);
  } catch {
    return undefined;
  }
}

/**
 * Locks `taskId` (`ready`: the status codes it may start from) and reads it.
 * @returns {{ held } | { unreadable: { error, ignored } }} `held` (`{ key, lock, fence, item, task }`:
 *   what the final writes are conditional on, and the item as locked) for execute; or the decoding
 *   error, with whether its recorded failure made the task ignored (undefined when that write
 *   failed too: the lock then expires)
 */
export async function take(t, taskId, ready) {
  const c = t.config;
  const now = t.now();
  const lock = crypto.randomUUID().replaceAll('-', ''); // uuid4().hex, as pynamodb_mate
  const { key, actions, condition } = lockWrite(c, taskId, ready, now, lock);
  const out = await t.store.update(key, actions, condition);
  if (!out.ok) throw refusal(c, taskId, taskOf(c, out.item), now);
  if (out.unreadable) return { unreadable: { error: out.unreadable, ignored: await recordUnreadable(t, key, lock, out.unreadable) } };
  return { held: { key, lock, fence: out.item.fence, item: out.item, task: new Task(c, out.item) } };
}
