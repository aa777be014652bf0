// The write requests of an item (put, update, delete, condition check), shared by the direct calls
// and by transactions. Each returns the request parameters plus `commit()`, which updates the
// instance once the write succeeded (the version attribute moves on only then), and `s3`, the
// S3Write to settle after it (js/model/s3-writes.mjs) when it replaces 'item'-layout S3 objects.
import { Attribute } from '../attributes/attribute.mjs';
import { cond, ExpressionBuilder } from '../expressions/index.mjs';
import { codecError } from '../errors/make.mjs';
import { withItemKey } from '../errors/item-key.mjs';
import { beforeWrite } from './hooks.mjs';
import { prepare } from './prepare.mjs';
import { checkItemKeys, encodeKey, itemKeyOf } from './keys.mjs';
import { ownedNames, s3Write, uploadActions } from './s3-writes.mjs';
import { bindValues } from './item-bound.mjs';

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

/** True when the model has S3-backed attributes (computed once). */
const needsS3 = (m) => (m.hasS3 ??= [...m.attributes.values()].some((a) => a.needsS3));

/** The model's attribute values of an instance (its other own properties are the user's business). */
export function attributeValues(m, instance) {
  const values = {};
  for (const name of m.attributes.keys()) {
    if (instance[name] !== undefined) values[name] = instance[name];
  }
  return values;
}

/**
 * Checks values against the model without writing (the codec validates); returns what
 * `ItemCodec.encodeKept` does.
 */
function check(m, values) {
  const checked = { ...values };
  try {
    for (const [name, attribute] of m.attributes) {
      // Only attributes that stand in another value are called (plain ones return it).
      if (checked[name] !== undefined && attribute.validationValue !== Attribute.prototype.validationValue) {
        checked[name] = attribute.validationValue(checked[name], { model: m, name });
      }
    }
    const encoded = m.codec.encodeKept(checked);
    checkItemKeys(m, encoded.encoded.item);
    return encoded;
  } catch (error) {
    throw withItemKey(error, itemKeyOf(m, values));
  }
}

// What create() encoded, by instance: the instance's first write passes it to the codec, which
// reuses it when the item has not changed since (ItemCodec.encode), instead of encoding it twice.
const created = new WeakMap();

/** Validates a new instance (create()) and keeps its encoding for its first write. */
export function validateCreated(m, instance) {
  created.set(instance, check(m, attributeValues(m, instance)).kept);
}

/** The encoding create() kept for `instance`, handed out once (a later write encodes again). */
function takeCreated(instance) {
  const kept = created.get(instance);
  if (kept !== undefined) created.delete(instance);
  return kept;
}

/**
 * The item of `values` (of `instance`) after the beforeWrite hooks (S3 uploads), encoded. With
 * S3-backed attributes the item is validated first, so that an invalid item uploads nothing; when
 * anything fails after an upload, the 'item'-layout objects uploaded are deleted again (nothing was
 * sent to DynamoDB).
 */
export async function encodeForWrite(m, instance, values, s3, abortSignal) {
  const kept = takeCreated(instance);
  if (needsS3(m)) check(m, values);
  try {
    const { item } = m.codec.encode(await beforeWrite(m, values, { uploads: s3?.uploads, reused: s3?.reused, abortSignal }), kept);
    if (s3) s3.stored = s3.own(item);
    return item;
  } catch (error) {
    await s3?.settle('refused');
    throw withItemKey(error, itemKeyOf(m, values));
  }
}

/** `returnsOld`: the write is sent alone and can return the old item (ALL_OLD), else S3 objects it replaces are read first. */
export async function putRequest(m, refs, instance, { condition, abortSignal } = {}, { returnsOld = false } = {}) {
  const values = attributeValues(m, instance);
  const version = versionGuard(m, refs, values);
  if (m.version) values[m.version] = version.next;
  await prepare(m);
  const s3 = s3Write(m, values, ownedNames(m), returnsOld);
  if (s3 && !returnsOld) await s3.readPrevious(abortSignal);
  const item = await encodeForWrite(m, instance, values, s3, abortSignal);
  const builder = new ExpressionBuilder();
  return {
    params: {
      TableName: m.table,
      Item: item,
      ...(s3 && returnsOld ? { ReturnValues: 'ALL_OLD' } : {}),
      ...expressionParams(builder, combine(condition, version.condition)),
    },
    commit: () => {
      if (m.version) instance[m.version] = version.next;
    },
    s3,
  };
}

export async function updateRequest(m, refs, instance, actions, { condition, abortSignal } = {}) {
  if (!Array.isArray(actions) || actions.length === 0) {
    throw codecError('E_EXPRESSION', `${m.name}.update() needs a non-empty array of update actions`);
  }
  const keys = new Map([m.hashKey, m.rangeKey].filter(Boolean).map((name) => [m.dbName(name), name]));
  for (const action of actions) {
    const path = action?.path ?? action?.target;
    if (path?.length === 1 && keys.has(path[0].name)) {
      throw codecError('E_EXPRESSION', `${m.name}.update(): ${keys.get(path[0].name)} is a key attribute, which DynamoDB cannot update (save an item under the new key instead)`);
    }
  }
  const Key = encodeKey(m, instance);
  const version = versionGuard(m, refs, instance);
  const all = m.version ? [...actions, refs[m.version].set(version.next)] : actions;
  const { actions: stored, s3 } = await uploadActions(m, all, itemKeyOf(m, instance), abortSignal);
  await prepare(m); // operands bound to the item are encoded here, with the attribute's keys
  const builder = new ExpressionBuilder();
  let UpdateExpression;
  let conditions;
  try {
    UpdateExpression = builder.update(stored);
    conditions = expressionParams(builder, combine(condition, version.condition));
    if (conditions.ExpressionAttributeValues) {
      try {
        conditions.ExpressionAttributeValues = bindValues(conditions.ExpressionAttributeValues, Key);
      } catch (error) {
        throw withItemKey(error, itemKeyOf(m, instance));
      }
    }
  } catch (error) {
    await s3?.settle('refused');
    throw error;
  }
  return {
    params: { TableName: m.table, Key, UpdateExpression, ...conditions },
    commit: () => {
      if (m.version) instance[m.version] = version.next;
    },
    s3,
  };
}

/** `returnsOld`: as for putRequest; the item's 'item'-layout objects are deleted after it. */
export async function deleteRequest(m, refs, instance, { condition, abortSignal } = {}, { returnsOld = false } = {}) {
  const Key = encodeKey(m, instance);
  const version = versionGuard(m, refs, instance);
  const builder = new ExpressionBuilder();
  const s3 = s3Write(m, instance, ownedNames(m), returnsOld);
  if (s3 && !returnsOld) await s3.readPrevious(abortSignal);
  return {
    params: {
      TableName: m.table,
      Key,
      ...(s3 && returnsOld ? { ReturnValues: 'ALL_OLD' } : {}),
      ...expressionParams(builder, combine(condition, version.condition)),
    },
    commit: () => {},
    s3,
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
