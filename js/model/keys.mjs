// Item keys: from call arguments (`get(hash, range)`) or an instance, as AttributeValues.
import { codecError } from '../errors/make.mjs';

/** The `{ hash, range }` values of `get(hash, range?)`-style arguments. */
export function keyValues(m, hash, range) {
  if (hash === undefined || hash === null) throw codecError('E_ITEM_REQUIRED', `${m.name}: the hash key ${m.hashKey} is required`);
  if (m.rangeKey && (range === undefined || range === null)) {
    throw codecError('E_ITEM_REQUIRED', `${m.name}: the range key ${m.rangeKey} is required`);
  }
  return m.rangeKey ? { [m.hashKey]: hash, [m.rangeKey]: range } : { [m.hashKey]: hash };
}

/** DynamoDB's limits on a key value (table or index key): never empty, at most this many bytes. */
const MAX_KEY_BYTES = { hash: 2048, range: 1024 };

function utf8Length(text) {
  let n = 0;
  for (const ch of text) {
    const c = ch.codePointAt(0);
    n += c < 0x80 ? 1 : c < 0x800 ? 2 : c < 0x10000 ? 3 : 4;
  }
  return n;
}

/** Refuses an encoded key value (S or B) that DynamoDB would refuse, before any request is sent. */
export function checkKeyValue(m, name, role, av) {
  const value = av.S ?? av.B;
  if (value === undefined) return;
  const limit = MAX_KEY_BYTES[role];
  const bytes = typeof value === 'string' && value.length * 3 > limit ? utf8Length(value) : value.length;
  if (bytes === 0) throw codecError('E_ITEM_VALUE', `${m.name}.${name}: a key attribute cannot be empty`);
  if (bytes > limit) throw codecError('E_ITEM_VALUE', `${m.name}.${name}: ${bytes} bytes, over DynamoDB's limit of ${limit} for a ${role} key`);
}

/** The key values of an encoded item (`{ dbName: AttributeValue }`): of the table and of every index. */
export function checkItemKeys(m, item) {
  for (const { name, role, dbName } of m.keyChecks) {
    const av = item[dbName];
    if (av) checkKeyValue(m, name, role, av);
  }
}

/**
 * The values update actions set on index key attributes, checked as a put checks them: `set(value)`
 * and `ifNotExists(value)` (alone, a value expression is the action `SET target = expression`).
 */
export function checkUpdatedKeys(m, actions) {
  for (const action of actions) {
    const [path, value] = action?.type === 'set' ? [action.path, action.value] : [action?.target, action];
    const operand = value?.type === 'if_not_exists' ? value.value : value;
    if (path?.length !== 1 || operand?.type !== 'value') continue;
    const name = m.byDbName.get(path[0].name);
    const role = m.indexKeyRoles.get(name);
    if (role) checkKeyValue(m, name, role, operand.value);
  }
}

/** `{ dbName: AttributeValue }` of the key attributes found in `values`. */
export function encodeKey(m, values) {
  const key = {};
  for (const { name, role, dbName } of m.tableKey) {
    if (values[name] === undefined || values[name] === null) {
      throw codecError('E_ITEM_REQUIRED', `${m.name}.${name}: the key attribute is missing`);
    }
    const av = m.codec.encodeValue(name, values[name]);
    checkKeyValue(m, name, role, av);
    key[dbName] = av;
  }
  return key;
}

/** Normalises a batch key: a hash value, `[hash, range]`, or an object with the key properties. */
export function batchKey(m, key) {
  if (m.rangeKey) {
    if (Array.isArray(key)) return keyValues(m, key[0], key[1]);
    return keyValues(m, key?.[m.hashKey], key?.[m.rangeKey]);
  }
  return keyValues(m, key !== null && typeof key === 'object' && !(key instanceof Uint8Array) ? key[m.hashKey] : key);
}

/** A projection always includes the key, so that a projected instance still knows its item. */
export const withKey = (m, names) => [...new Set([m.hashKey, m.rangeKey, ...names].filter(Boolean))];

/** `{ property: value }` of the item's key in `values`, for errors; undefined when a key value is missing. */
export function itemKeyOf(m, values) {
  const hash = values?.[m.hashKey];
  if (hash === undefined || hash === null) return undefined;
  if (!m.rangeKey) return { [m.hashKey]: hash };
  const range = values[m.rangeKey];
  return range === undefined || range === null ? undefined : { [m.hashKey]: hash, [m.rangeKey]: range };
}

/** The key of a stored item (AttributeValues) as `{ property: value }` for errors: S as text, N as a number, B as bytes. */
export function rawItemKey(m, item) {
  const names = [m.hashKey, m.rangeKey].filter(Boolean);
  const values = names.map((n) => {
    const v = item?.[m.dbName(n)];
    return v?.S ?? (v?.N === undefined ? v?.B : Number(v.N));
  });
  return values.some((v) => v === undefined) ? undefined : Object.fromEntries(names.map((n, i) => [n, values[i]]));
}
