// The write requests of an item (put, update, delete, condition check), shared by the direct calls
// and by transactions. Each returns the request parameters plus `commit()`, which updates the
// instance once the write succeeded (the version attribute moves on only then).
import { cond, ExpressionBuilder } from '../expressions/index.mjs';
import { codecError } from '../errors/make.mjs';
import { beforeWrite } from './hooks.mjs';
import { prepare } from './prepare.mjs';
import { encodeKey } from './keys.mjs';

/** pynamodb's optimistic locking: the stored version must be the one this instance holds. */
function versionGuard(m, refs, values) {
  if (!m.version) return { condition: undefined, next: undefined };
  const current = values[m.version];
  const ref = refs[m.version];
  return {
    condition: current === undefined || current === null ? ref.notExists() : ref.eq(current),
    next: current === undefined || current === null ? 1 : current + 1,
  };
}

const combine = (...conditions) => {
  const present = conditions.filter(Boolean);
  return present.length > 1 ? cond.and(...present) : present[0];
};

function expressionParams(builder, condition) {
  const ConditionExpression = condition ? builder.condition(condition) : undefined;
  return { ...(ConditionExpression ? { ConditionExpression } : {}), ...builder.params() };
}

/** The model's attribute values of an instance (its other own properties are the user's business). */
export function attributeValues(m, instance) {
  const values = {};
  for (const name of m.attributes.keys()) {
    if (instance[name] !== undefined) values[name] = instance[name];
  }
  return values;
}

/** Checks values against the model without writing (the codec validates). */
export function validate(m, values) {
  const checked = { ...values };
  for (const [name, attribute] of m.attributes) {
    if (checked[name] !== undefined) checked[name] = attribute.validationValue(checked[name], { model: m, name });
  }
  return m.codec.encode(checked);
}

export async function putRequest(m, refs, instance, { condition } = {}) {
  const values = attributeValues(m, instance);
  const version = versionGuard(m, refs, values);
  if (m.version) values[m.version] = version.next;
  await prepare(m);
  const { item } = m.codec.encode(await beforeWrite(m, values));
  const builder = new ExpressionBuilder();
  return {
    params: { TableName: m.table, Item: item, ...expressionParams(builder, combine(condition, version.condition)) },
    commit: () => {
      if (m.version) instance[m.version] = version.next;
    },
  };
}

export async function updateRequest(m, refs, instance, actions, { condition } = {}) {
  if (!Array.isArray(actions) || actions.length === 0) {
    throw codecError('E_EXPRESSION', `${m.name}.update() needs a non-empty array of update actions`);
  }
  const version = versionGuard(m, refs, instance);
  const all = m.version ? [...actions, refs[m.version].set(version.next)] : actions;
  const builder = new ExpressionBuilder();
  const UpdateExpression = builder.update(all);
  return {
    params: {
      TableName: m.table,
      Key: encodeKey(m, instance),
      UpdateExpression,
      ...expressionParams(builder, combine(condition, version.condition)),
    },
    commit: () => {
      if (m.version) instance[m.version] = version.next;
    },
  };
}

export function deleteRequest(m, refs, instance, { condition } = {}) {
  const version = versionGuard(m, refs, instance);
  const builder = new ExpressionBuilder();
  return {
    params: { TableName: m.table, Key: encodeKey(m, instance), ...expressionParams(builder, combine(condition, version.condition)) },
    commit: () => {},
  };
}

export function conditionCheckRequest(m, keyValues, condition) {
  if (!condition) throw codecError('E_EXPRESSION', `${m.name}.conditionCheckOp() needs a condition`);
  const builder = new ExpressionBuilder();
  return {
    params: { TableName: m.table, Key: encodeKey(m, keyValues), ...expressionParams(builder, condition) },
    commit: () => {},
  };
}
