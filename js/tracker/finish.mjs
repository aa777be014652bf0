// The writes a lock holder makes: the final success or failure write, and heartbeats. Each is
// conditional on the lock AND the fence this worker took (policy.mjs), so a worker whose lock
// expired and was taken over cannot overwrite the newer owner's item: it gets LockLost instead.
import { failureWrite, heartbeatActions, heldCondition, lockLost, taskOf } from './policy.mjs';
import { Task } from './task.mjs';

/** Sends a held-lock update; resolves to the store's result. A refusal means the lock is gone (LockLost, with the task as it is). */
async function heldWrite(t, held, actions, cause) {
  const out = await t.store.update(held.key, actions, heldCondition(held));
  if (!out.ok) throw lockLost(t.config, held, taskOf(t.config, out.item) ?? undefined, cause);
  return out;
}

/** `heldWrite`, resolving to the task as written (its decoding error when it does not decode). */
async function heldUpdate(t, held, actions, cause) {
  const out = await heldWrite(t, held, actions, cause);
  if (out.unreadable) throw out.unreadable;
  return new Task(t.config, out.item);
}

/** The success write (actions from policy.successActions); resolves to the task as written. */
export const finishSuccess = (t, held, actions) => heldUpdate(t, held, actions);

/** The failure write; resolves to the task as written. */
export const finishFailure = (t, held, error) => heldUpdate(t, held, failureWrite(t, held, error, t.now()).actions, error);

/** The failure write of a task whose item does not decode; resolves to whether the task is now ignored. */
export async function recordFailure(t, held, error) {
  const { actions, ignored } = failureWrite(t, held, error, t.now());
  await heldWrite(t, held, actions, error);
  return ignored;
}

/** Extends the lock: lock_time = now, while the lock and fence are still ours. */
export const extendLock = (t, held) => heldUpdate(t, held, heartbeatActions(t.now()));
