// An operator's status change (`StatusTracker.setStatus`, the CLI's `tracker retry|ignore`): one
// conditional UpdateItem, refused like a lock (lock.mjs) when a live worker holds the task or its
// status is not one of those the change starts from. The retry count starts afresh at 0: the
// operator has decided the task deserves (or no longer needs) its full number of tries.
import { UpdateItemCommand } from '@aws-sdk/client-dynamodb';
import { send } from '../model/send.mjs';
import { utcNow } from './clock.mjs';
import { checkTaskId, statusCode, statusCodeList } from './config.mjs';
import { statusActions, unlock } from './finish.mjs';
import { makeKey } from './layout.mjs';
import { lockCondition, refusal, sender } from './lock.mjs';
import { Task } from './task.mjs';

/** `setStatus(t, taskId, status, { from })`: resolves to the task as written. */
export async function setStatus(t, taskId, status, { from } = {}) {
  const c = t.config;
  const code = statusCode(c, status);
  const allowed = statusCodeList(c, from ?? Object.keys(c.codes));
  const key = makeKey(c, checkTaskId(c, taskId));
  const now = utcNow();
  const A = t.Model.attr;
  const actions = [...statusActions(t, { key }, code, now), A.updateTime.set(now), unlock(t), A.retry.set(0)];
  const { params } = await new t.Model({ key }).updateOp(actions, { condition: lockCondition(t, allowed, now) }).plan();
  try {
    const out = await send(sender(t), UpdateItemCommand, { ...params, ReturnValues: 'ALL_NEW', ReturnValuesOnConditionCheckFailure: 'ALL_OLD' }, { itemKey: { key } });
    return new Task(c, await t.Model.fromItem(out.Attributes));
  } catch (error) {
    if (error.code !== 'E_DYNAMODB_CONDITION') throw error;
    throw await refusal(t, taskId, error.item, now, `to set ${c.names.get(code) ?? code} from`);
  }
}
