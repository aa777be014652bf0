// The tracker's writes as plain data, so that its policy (policy.mjs) says what to write without
// knowing where: a store sends them as model expressions (dynamodb-store.mjs), or applies them to
// items it keeps (js/testing/memory-task-store.mjs).
//
// Conditions: ['eq', name, value] | ['lt', name, value] | ['absent', name] | ['null', name]
//           | ['and', ...conditions] | ['or', ...conditions]
// Actions:    ['set', name, value] | ['add', name, n] (DynamoDB ADD: the fence)
//           | ['plus', name, n] (SET name = name + n: the retry count)
// Names are the model's attribute names; values are the model's values (UtcDateTime, Date, objects).
import { cond } from '../expressions/index.mjs';

const CONDITIONS = {
  eq: (A, [name, value]) => A[name].eq(value),
  lt: (A, [name, value]) => A[name].lt(value),
  absent: (A, [name]) => A[name].notExists(),
  null: (A, [name]) => A[name].attributeType('NULL'),
  and: (A, parts) => cond.and(...parts.map((p) => toCondition(A, p))),
  or: (A, parts) => cond.or(...parts.map((p) => toCondition(A, p))),
};

const ACTIONS = {
  set: (A, name, value) => A[name].set(value),
  add: (A, name, n) => A[name].add(n),
  plus: (A, name, n) => A[name].plus(n),
};

/** The model condition of a plain one (`A`: the model's `attr`); undefined stays undefined. */
export function toCondition(A, condition) {
  if (condition === undefined) return undefined;
  const [op, ...rest] = condition;
  return CONDITIONS[op](A, rest);
}

/** The model update actions of plain ones (values are encoded here: an unstorable one throws). */
export const toActions = (A, actions) => actions.map(([op, name, value]) => ACTIONS[op](A, name, value));
