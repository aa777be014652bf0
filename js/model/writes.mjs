// The write plans of an item (put, update, delete, condition check), shared by the direct calls,
// transactions and batches. A plan is made synchronously and does no I/O (key providers are awaited
// before: prepare.mjs), so a write that is invalid in any way fails before anything is uploaded or
// sent: every value encoded and checked (item size, key values), every expression built, the S3
// objects to upload computed (bucket, key, body). A plan is `{ m, params, itemKey, objects, s3,
// commit }`: the request parameters, the item's key (for errors), the S3 objects to upload before
// the request, the S3Write to settle after it (js/model/s3-writes.mjs) when it replaces
// 'item'-layout objects, and `commit()`, which updates the instance once the write succeeded (the
// version attribute moves on only then). js/model/execute.mjs executes plans: it reads the objects
// a write replaces, uploads, sends the request, then settles the S3 side by its outcome.
import { Attribute } from '../attributes/attribute.mjs';
import { cond, ExpressionBuilder } from '../expressions/index.mjs';
import { codecError } from '../errors/make.mjs';
import { withItemKey } from '../errors/item-key.mjs';
import { planValues } from './hooks.mjs';
import { checkItemKeys, checkUpdatedKeys, encodeKey, itemKeyOf } from './keys.mjs';
import { planActions, s3Write } from './s3-writes.mjs';
import { bindValues } from './item-bound.mjs';
import { checkMapVariants, withClassValue } from './polymorphic.mjs';

/**
 * pynamodb's optimistic locking: the stored version must be the one this instance holds, unless
 * `addVersionCondition` is false (last write wins); the version moves on either way, as in pynamodb.
 */
class VersionGuard {
  #ref;
  #current;
  #made;

  /**
   * `checked`: addVersionCondition. `expected`: the held version's AttributeValue when it is a
   * number (what instances hold), encoded here as eq() encodes its operand; any other value goes
   * through eq() here, which refuses what a condition cannot take (both before the item is
   * planned). `templated`: the condition is the model's template (versionTemplate) with
   * `expected`, or attribute_not_exists.
   */
  constructor(m, ref, current, checked) {
    this.#ref = ref;
    this.#current = current;
    this.checked = checked;
    this.fresh = current === undefined || current === null;
    const compared = checked && !this.fresh;
    this.expected = compared && typeof current === 'number' ? m.codec.encodeValue(m.version, current) : undefined;
    this.#made = compared && this.expected === undefined ? ref.eq(current) : undefined;
    this.templated = checked && (this.fresh || this.expected !== undefined);
    // A version read back beyond 2^53 - 1 (or set so) is a BigInt: it moves on as one.
    this.next = this.fresh ? 1 : typeof current === 'bigint' ? current + 1n : current + 1;
  }

  /** Made when asked for: a put or delete with no other condition sends the template instead. */
  get condition() {
    if (!this.checked) return undefined;
    return this.#made ?? (this.fresh ? this.#ref.notExists() : this.#ref.eq(this.#current));
  }

  /**
   * The update action that moves the version (only updates use it): ADD 1 to the stored version (so
   * that a write without the condition cannot roll it back), SET 1 when the instance has none.
   */
  get step() {
    return this.fresh ? this.#ref.set(1) : this.#ref.add(1);
  }
}

const NO_VERSION = { checked: false, templated: false, condition: undefined, next: undefined, step: undefined };

/** The VersionGuard of a write of `values` (NO_VERSION on a model without a version attribute). */
function versionGuard(m, refs, values, { addVersionCondition = true } = {}, operation = 'write') {
  if (typeof addVersionCondition !== 'boolean') {
    throw codecError('E_ARGUMENT', `${m.name}.${operation}(): addVersionCondition must be true or false, got ${addVersionCondition === null ? 'null' : typeof addVersionCondition}`);
  }
  return m.version ? new VersionGuard(m, refs[m.version], values[m.version], addVersionCondition) : NO_VERSION;
}

const combine = (...conditions) => {
  const present = conditions.filter(Boolean);
  return present.length > 1 ? cond.and(...present) : present[0];
};

function expressionParams(builder, condition) {
  const ConditionExpression = condition ? builder.condition(condition) : undefined;
  return { ...(ConditionExpression ? { ConditionExpression } : {}), ...builder.params() };
}

// The version conditions of each model (meta), compiled once by the expression builder: the
// request of a put or delete whose only condition is the version's differs by the value alone.
const versionTemplates = new WeakMap();

function versionTemplate(m, refs) {
  let template = versionTemplates.get(m);
  if (template === undefined) {
    const ref = refs[m.version];
    const eq = expressionParams(new ExpressionBuilder(), ref.eq(0));
    template = {
      eq: { ...eq, placeholder: Object.keys(eq.ExpressionAttributeValues)[0] },
      notExists: expressionParams(new ExpressionBuilder(), ref.notExists()),
    };
    versionTemplates.set(m, template);
  }
  return template;
}

/**
 * The ConditionExpression parameters of a put or delete: `condition` (the caller's) and the
 * version's; the version's alone from the model's template, as the builder would compile it.
 */
function conditionParams(m, refs, condition, version) {
  if (condition !== undefined || !version.templated) {
    return condition === undefined && !version.checked ? {} : expressionParams(new ExpressionBuilder(), combine(condition, version.condition));
  }
  const { eq, notExists } = versionTemplate(m, refs);
  if (version.fresh) return { ConditionExpression: notExists.ConditionExpression, ExpressionAttributeNames: { ...notExists.ExpressionAttributeNames } };
  return {
    ConditionExpression: eq.ConditionExpression,
    ExpressionAttributeNames: { ...eq.ExpressionAttributeNames },
    ExpressionAttributeValues: { [eq.placeholder]: version.expected },
  };
}

/** `{ name: value }` of the `names` whose value in `instance` is defined, in the order of `names`. */
function pick(names, instance) {
  const values = {};
  for (const name of names) {
    const value = instance[name];
    if (value !== undefined) values[name] = value;
  }
  return values;
}

/**
 * The model's attribute values of an instance (its other own properties are the user's business),
 * in the model's order. Usually its own properties are just those, in that order (as create() and
 * reads make them): then one copy of them, checked name by name against what `pick` would take (an
 * attribute it skips must read as undefined), is the result; else `pick`.
 */
export function attributeValues(m, instance) {
  const names = m.attributeNames;
  const values = { ...instance };
  let at = 0;
  for (const key in values) {
    for (; at < names.length && names[at] !== key; at++) if (instance[names[at]] !== undefined) return pick(names, instance);
    if (at === names.length || values[key] === undefined) return pick(names, instance);
    at++;
  }
  for (; at < names.length; at++) if (instance[names[at]] !== undefined) return pick(names, instance);
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
    checkMapVariants(m, checked);
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

/** The encoded item of `values` (of `instance`), checked, with the S3 objects to upload before it is written. */
export function planItem(m, instance, given) {
  const kept = takeCreated(instance);
  try {
    const values = withClassValue(m, given);
    checkMapVariants(m, values);
    const planned = planValues(m, values);
    const { item } = m.codec.encode(planned.values, kept);
    checkItemKeys(m, item);
    return { item, objects: planned.objects };
  } catch (error) {
    throw withItemKey(error, itemKeyOf(m, given));
  }
}

/**
 * The `returnValuesOnConditionCheckFailure` option of a single write: 'ALL_OLD' puts the stored item
 * on the ConditionFailedError (`error.item`), so that a refused write needs no second read to say why.
 */
export function onConditionFailure(m, method, { returnValuesOnConditionCheckFailure: value } = {}) {
  if (value === undefined || value === 'NONE') return {};
  if (value === 'ALL_OLD') return { ReturnValuesOnConditionCheckFailure: 'ALL_OLD' };
  throw codecError('E_ARGUMENT', `${m.name}.${method}() options.returnValuesOnConditionCheckFailure must be 'ALL_OLD' or 'NONE'`);
}

/** `returnsOld`: the write is sent alone and can return the old item (ALL_OLD), else the executor reads the S3 objects it replaces first. */
export function planPut(m, refs, instance, { condition, addVersionCondition } = {}, { returnsOld = false } = {}) {
  const values = attributeValues(m, instance);
  const version = versionGuard(m, refs, values, { addVersionCondition }, 'save');
  if (m.version) values[m.version] = version.next;
  const { item, objects } = planItem(m, instance, values);
  const conditions = conditionParams(m, refs, condition, version);
  const s3 = s3Write(m, values, m.s3OwnedNames, returnsOld);
  if (s3) s3.stored = s3.own(item);
  return {
    m,
    params: { TableName: m.table, Item: item, ...(s3 && returnsOld ? { ReturnValues: 'ALL_OLD' } : {}), ...conditions },
    itemKey: itemKeyOf(m, values),
    objects,
    s3,
    commit: () => {
      if (m.version) instance[m.version] = version.next;
    },
  };
}

export function planUpdate(m, refs, instance, actions, { condition, addVersionCondition } = {}) {
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
  const itemKey = itemKeyOf(m, instance);
  const version = versionGuard(m, refs, instance, { addVersionCondition }, 'update');
  const all = m.version ? [...actions, version.step] : actions;
  checkUpdatedKeys(m, all);
  const { actions: stored, objects, s3 } = planActions(m, all, itemKey);
  const builder = new ExpressionBuilder();
  const UpdateExpression = builder.update(stored);
  const conditions = expressionParams(builder, combine(condition, version.condition));
  if (conditions.ExpressionAttributeValues) {
    try {
      conditions.ExpressionAttributeValues = bindValues(conditions.ExpressionAttributeValues, Key);
    } catch (error) {
      throw withItemKey(error, itemKey);
    }
  }
  return {
    m,
    params: { TableName: m.table, Key, UpdateExpression, ...conditions },
    itemKey,
    objects,
    s3,
    commit: () => {
      if (m.version) instance[m.version] = version.next;
    },
  };
}

/** `returnsOld`: as for planPut; the item's 'item'-layout objects are deleted after it. */
export function planDelete(m, refs, instance, { condition, addVersionCondition } = {}, { returnsOld = false } = {}) {
  const Key = encodeKey(m, instance);
  const version = versionGuard(m, refs, instance, { addVersionCondition }, 'delete');
  const conditions = conditionParams(m, refs, condition, version);
  const s3 = s3Write(m, instance, m.s3OwnedNames, returnsOld);
  return {
    m,
    params: { TableName: m.table, Key, ...(s3 && returnsOld ? { ReturnValues: 'ALL_OLD' } : {}), ...conditions },
    itemKey: itemKeyOf(m, instance),
    objects: [],
    s3,
    commit: () => {},
  };
}

export function planConditionCheck(m, keyValues, condition) {
  if (!condition) throw codecError('E_EXPRESSION', `${m.name}.conditionCheckOp() needs a condition`);
  const builder = new ExpressionBuilder();
  return {
    m,
    params: { TableName: m.table, Key: encodeKey(m, keyValues), ...expressionParams(builder, condition) },
    itemKey: itemKeyOf(m, keyValues),
    objects: [],
    s3: undefined,
    commit: () => {},
  };
}
