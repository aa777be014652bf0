// An operator's status change (`StatusTracker.setStatus`, the CLI's `tracker retry|ignore`): the
// write policy.mjs describes (statusWrite), one conditional update through the store; a refusal is
// explained from the item it brings back, in the lock's order of checks.
import { checkTaskId, statusCode, statusCodeList } from './config.mjs';
import { refusal, statusPurpose, statusWrite, taskOf } from './policy.mjs';
import { Task } from './task.mjs';

/** `setStatus(t, taskId, status, { from })` (`from` defaults to every status): resolves to the task as written. */
export async function setStatus(t, taskId, status, { from } = {}) {
  const c = t.config;
  const code = statusCode(c, status);
  const allowed = statusCodeList(c, from ?? Object.keys(c.codes));
  checkTaskId(c, taskId);
  const now = t.now();
  const { key, actions, condition } = statusWrite(c, taskId, code, allowed, now);
  const out = await t.store.update(key, actions, condition);
  if (!out.ok) throw refusal(c, taskId, taskOf(c, out.item), now, statusPurpose(c, code));
  if (out.unreadable) throw out.unreadable;
  return new Task(c, out.item);
}
