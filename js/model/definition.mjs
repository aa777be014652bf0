// Validates a model definition and derives what every operation needs: attributes by property and
// by DynamoDB name, the key, indexes, the TTL and version attributes, the item codec.
import { codecError } from '../errors/make.mjs';
import { Attribute } from '../attributes/attribute.mjs';
import { holdsVariants } from '../attributes/map-variants.mjs';
import { ItemCodec } from '../item/codec.mjs';
import { checkOptions, OPTIONS } from '../options/index.mjs';
import { ModelMeta } from './meta.mjs';
import { setKeysNow } from './prepare.mjs';

const modelError = (model, message) => codecError('E_MODEL', `model ${model}: ${message}`);

/** Instance members an attribute must not shadow. */
const RESERVED = new Set([
  'save', 'update', 'delete', 'deleteIfExists', 'refresh', 'toJSON', 'putOp', 'updateOp', 'deleteOp',
  'conditionCheckOp', 'itemDetailConsoleUrl', 'constructor', '__proto__', 'prototype',
]);
const PROJECTIONS = ['ALL', 'KEYS_ONLY'];
const BILLING = ['PAY_PER_REQUEST', 'PROVISIONED'];

/** A `throughput` object's keys, checked also where the billing mode ignores it. */
function throughputKeys(model, where, value) {
  if (value !== null && typeof value === 'object') checkOptions(`model ${model}: ${where} throughput`, value, OPTIONS.throughput);
}

function throughput(model, where, value) {
  const ok = value && Number.isInteger(value.read) && value.read > 0 && Number.isInteger(value.write) && value.write > 0;
  if (!ok) throw modelError(model, `${where} needs throughput { read, write } (positive integers) with billingMode PROVISIONED`);
  return { ReadCapacityUnits: value.read, WriteCapacityUnits: value.write };
}

/** The storage methods js/attributes/s3-store.mjs calls (made by js/s3.mjs). */
const STORAGE = ['head', 'put', 'copy', 'get', 'deleteObjects', 'list'];

/** `s3` must be the storage of `dynamodb-mate/s3`; a bare S3Client is told how to make it. */
function s3Storage(model, s3, needsS3) {
  if (STORAGE.every((m) => typeof s3?.[m] === 'function')) return;
  const attributes = needsS3.length > 0 ? ` (S3-backed attributes: ${needsS3.join(', ')})` : '';
  const fix = typeof s3?.send === 'function' ? 'wrap the S3Client: s3: s3Storage(s3Client), with s3Storage from \'dynamodb-mate/s3\'' : 'it is made by s3Storage(s3Client) from \'dynamodb-mate/s3\'';
  throw modelError(model, `s3 must be an S3 storage${attributes}: ${fix}`);
}

/** The meta of the model `def` defines; `parent`: the meta of the model a subclass's definition extends. */
export function resolveDefinition(def, parent = undefined) {
  if (def === null || typeof def !== 'object') throw codecError('E_MODEL', 'defineModel() needs a definition object');
  checkOptions('defineModel() definition', def, OPTIONS.definition);
  const model = def.name ?? def.table;
  if (typeof model === 'string' && !model.isWellFormed()) {
    throw codecError('E_MODEL', 'defineModel(): name has a lone UTF-16 surrogate, which has no UTF-8 form');
  }
  throughputKeys(model, 'the table', def.throughput);
  if (typeof def.table !== 'string' || !/^[A-Za-z0-9_.-]{3,255}$/.test(def.table)) {
    throw codecError('E_MODEL', `model ${model}: table must be a DynamoDB table name (3-255 of A-Z a-z 0-9 _ . -)`);
  }
  if (!def.client || typeof def.client.send !== 'function') throw modelError(model, 'client must be a DynamoDBClient');
  const entries = Object.entries(def.attributes ?? {});
  if (entries.length === 0) throw modelError(model, 'attributes must define at least the hash key');

  const attributes = new Map();
  const byDbName = new Map();
  for (const [name, attribute] of entries) {
    if (!(attribute instanceof Attribute)) throw modelError(model, `attribute ${name} must be made with attr.*()`);
    if (RESERVED.has(name)) throw modelError(model, `attribute name ${name} is reserved for a method; use attrName to store it under that name`);
    const dbName = attribute.options.attrName ?? name;
    if (typeof dbName !== 'string' || dbName.length === 0 || byDbName.has(dbName)) {
      throw modelError(model, `attribute ${name}: attrName must be a non-empty string used once`);
    }
    if (!name.isWellFormed() || !dbName.isWellFormed()) {
      throw modelError(model, `attribute ${JSON.stringify(name)}: a name with a lone UTF-16 surrogate has no UTF-8 form (DynamoDB names are UTF-8)`);
    }
    attributes.set(name, attribute);
    byDbName.set(dbName, name);
  }

  const needsS3 = entries.filter(([, a]) => a.needsS3).map(([n]) => n);
  if (def.s3 !== undefined || needsS3.length > 0) s3Storage(model, def.s3, needsS3);
  if (def.onS3CleanupError !== undefined && typeof def.onS3CleanupError !== 'function') {
    throw modelError(model, 'onS3CleanupError must be a function (it gets the S3Error of an object a write could not delete)');
  }

  const keys = (flag) => entries.filter(([, a]) => a[flag]).map(([n]) => n);
  const [hashKey, ...extraHash] = keys('hashKey');
  const [rangeKey, ...extraRange] = keys('rangeKey');
  if (!hashKey || extraHash.length > 0) throw modelError(model, 'exactly one attribute must be the hashKey');
  if (extraRange.length > 0) throw modelError(model, 'at most one attribute can be the rangeKey');
  for (const key of [hashKey, rangeKey].filter(Boolean)) {
    const a = attributes.get(key);
    if (!a.keyType) throw modelError(model, `key attribute ${key} must be a string, number or binary`);
    if (a.nullable) throw modelError(model, `key attribute ${key} cannot be nullable`);
    if (a.hashKey && a.rangeKey) throw modelError(model, `attribute ${key} cannot be both hash and range key`);
  }
  const single = (type) => {
    const found = entries.filter(([, a]) => a.type === type).map(([n]) => n);
    if (found.length > 1) throw modelError(model, `at most one attr.${type}() attribute`);
    return found[0];
  };

  const billingMode = def.billingMode ?? 'PAY_PER_REQUEST';
  if (!BILLING.includes(billingMode)) throw modelError(model, `billingMode must be ${BILLING.join(' or ')}`);
  const provisioned = billingMode === 'PROVISIONED';

  const indexes = new Map();
  for (const [indexName, index] of Object.entries(def.indexes ?? {})) {
    const where = `index ${indexName}`;
    if (!['global', 'local'].includes(index?.type)) throw modelError(model, `${where}: type must be 'global' or 'local'`);
    checkOptions(`model ${model}: ${where}`, index, OPTIONS[`${index.type}Index`]);
    throughputKeys(model, where, index.throughput);
    const indexHash = index.type === 'local' ? (index.hashKey ?? hashKey) : index.hashKey;
    if (index.type === 'local' && indexHash !== hashKey) throw modelError(model, `${where}: a local index shares the table's hash key`);
    for (const key of [indexHash, index.rangeKey].filter((k) => k !== undefined)) {
      if (!attributes.get(key)?.keyType) throw modelError(model, `${where}: key ${key} must be a string, number or binary attribute`);
    }
    if (index.type === 'local' && !index.rangeKey) throw modelError(model, `${where}: a local index needs a rangeKey`);
    const projection = index.projection ?? 'ALL';
    if (!PROJECTIONS.includes(projection) && !(Array.isArray(projection) && projection.every((p) => attributes.has(p)))) {
      throw modelError(model, `${where}: projection must be 'ALL', 'KEYS_ONLY' or an array of attribute names`);
    }
    indexes.set(indexName, {
      name: indexName,
      type: index.type,
      hashKey: indexHash,
      rangeKey: index.rangeKey,
      projection,
      throughput: provisioned && index.type === 'global' ? throughput(model, where, index.throughput ?? def.throughput) : undefined,
    });
  }

  const ttl = single('ttl');
  const version = single('version');
  const discriminator = single('discriminator');
  const { discriminatorValue } = def;
  if (discriminatorValue !== undefined && (!discriminator || typeof discriminatorValue !== 'string' || !discriminatorValue.isWellFormed())) {
    throw modelError(model, 'discriminatorValue must be a string without lone UTF-16 surrogates, on a model with an attr.discriminator() attribute');
  }
  const codec = new ItemCodec(model, entries.map(([name, a]) => a.spec(name)), def.table, { hashKey, rangeKey });
  return new ModelMeta({
    name: model,
    table: def.table,
    client: def.client,
    s3: def.s3,
    onS3CleanupError: def.onS3CleanupError,
    attributes,
    byDbName,
    hashKey,
    rangeKey,
    indexes,
    ttl,
    version,
    discriminator,
    definition: def,
    variantMaps: entries.filter(([, a]) => holdsVariants(a)),
    billingMode,
    throughput: provisioned ? throughput(model, 'the table', def.throughput) : undefined,
    codec,
    pendingKeys: setKeysNow(codec, attributes),
  }, parent);
}
