// Batch get (chunks of 100) and batch write (chunks of 25), retrying unprocessed items.
import { BatchGetItemCommand, BatchWriteItemCommand } from '@aws-sdk/client-dynamodb';
import { BatchError } from '../errors/index.mjs';
import { codecError } from '../errors/make.mjs';
import { ExpressionBuilder } from '../expressions/index.mjs';
import { prepare } from './prepare.mjs';
import { attributeValues, planItem } from './writes.mjs';
import { batchKey, encodeKey, itemKeyOf, withKey } from './keys.mjs';
import { DEFAULT_RETRY, retryUnprocessed } from './retry.mjs';
import { s3Write, settleAll, uploadObjects } from './s3-writes.mjs';
import { notAborted, send } from './send.mjs';

const chunks = (list, size) => Array.from({ length: Math.ceil(list.length / size) }, (_, i) => list.slice(i * size, i * size + size));

/** A key's identity (AttributeValues, bytes included) for comparisons. */
const keyId = (key) => JSON.stringify(key, (_, v) => (v instanceof Uint8Array ? [...v] : v));

/** Raw items for `keys` (duplicates dropped), in no particular order. */
export async function batchGetRaw(m, refs, keys, { consistentRead, attributes, retry = {}, abortSignal } = {}) {
  if (typeof keys === 'string' || typeof keys?.[Symbol.iterator] !== 'function') {
    throw codecError('E_ARGUMENT', `${m.name}.batchGet() takes an array of keys`);
  }
  const seen = new Set();
  const encoded = [];
  for (const key of keys) {
    const k = encodeKey(m, batchKey(m, key));
    const id = keyId(k);
    if (!seen.has(id)) {
      seen.add(id);
      encoded.push(k);
    }
  }
  const builder = new ExpressionBuilder();
  const projection = attributes ? builder.projection(withKey(m, attributes).map((n) => refs[n])) : undefined;
  const shape = {
    ...(consistentRead ? { ConsistentRead: true } : {}),
    ...(projection ? { ProjectionExpression: projection, ExpressionAttributeNames: builder.params().ExpressionAttributeNames } : {}),
  };
  const found = [];
  for (const chunk of chunks(encoded, 100)) {
    const left = await retryUnprocessed(chunk, async (pending) => {
      const out = await send(m, BatchGetItemCommand, { RequestItems: { [m.table]: { Keys: pending, ...shape } } }, { abortSignal });
      found.push(...(out.Responses?.[m.table] ?? []));
      return out.UnprocessedKeys?.[m.table]?.Keys ?? [];
    }, retry);
    if (left.length > 0) {
      throw new BatchError('E_BATCH_UNPROCESSED', `${m.name}.batchGet: ${left.length} keys still unprocessed after ${retry.attempts ?? DEFAULT_RETRY.attempts} attempts`, {
        unprocessed: left, operation: 'BatchGetItem', table: m.table, model: m.name,
      });
    }
  }
  return found;
}

/** The key (AttributeValues) of an item (AttributeValues). */
const keyOfItem = (m, item) => Object.fromEntries([m.hashKey, m.rangeKey].filter(Boolean).map((n) => [m.dbName(n), item[m.dbName(n)]]));

/** The key (AttributeValues) a batch write request writes. */
const requestKey = (m, r) => r.DeleteRequest?.Key ?? keyOfItem(m, r.PutRequest.Item);

/** What an entry is, for errors (never its value: entries are data). */
function kindOf(x) {
  if (x === null || typeof x !== 'object') return x === null ? 'null' : typeof x;
  if (Array.isArray(x)) return 'an array';
  const proto = Object.getPrototypeOf(x);
  return proto === Object.prototype || proto === null ? 'a plain object' : `a ${x.constructor?.name || 'class'} instance`;
}

/** Whether `key` has the shape of a batch key (a key value, `[hash, range]` or an object); its values are checked when encoded. */
const keyShaped = (m, key) => (m.rangeKey
  ? key !== null && typeof key === 'object'
  : key !== null && ['string', 'number', 'bigint', 'object'].includes(typeof key));

/**
 * A batch write's plan, made synchronously before any I/O: the requests (puts, then deletes), each
 * put's S3 objects to upload, the key values of each request's item, and their S3Writes (none when
 * the model has no 'item'-layout attribute). Refuses entries that are no instance or key, and two
 * requests on one key: DynamoDB refuses a request that writes a key twice, and across requests the
 * order in which the two land (retries of unprocessed items included) would decide which one stays.
 */
function planBatch(m, metaOf, put, del) {
  const label = (i) => (i < put.length ? `put[${i}]` : `delete[${i - put.length}]`);
  const requests = [];
  const objects = [];
  const itemKeys = [];
  for (const [i, instance] of put.entries()) {
    const im = metaOf(instance);
    if (!im) throw codecError('E_ARGUMENT', `${m.name}.batchWrite(): put[${i}] is not a ${m.name} instance, got ${kindOf(instance)}`);
    if (im.s3OwnedNames.some((name) => !m.s3OwnedNames.includes(name))) {
      throw codecError('E_ARGUMENT', `${m.name}.batchWrite(): put[${i}] is a ${im.name}, whose S3-backed 'item' attributes a batch of ${m.name} does not clean up; use ${im.name}.batchWrite()`);
    }
    // A subclass's instance (js/model/polymorphic.mjs) is encoded by its own class.
    const values = attributeValues(im, instance);
    const planned = planItem(im, instance, values);
    requests.push({ PutRequest: { Item: planned.item } });
    objects.push(planned.objects);
    itemKeys.push(itemKeyOf(m, values));
  }
  for (const [i, key] of del.entries()) {
    if (!keyShaped(m, key)) throw codecError('E_ARGUMENT', `${m.name}.batchWrite(): delete[${i}] is not a key of ${m.name}, got ${kindOf(key)}`);
    const values = batchKey(m, key);
    requests.push({ DeleteRequest: { Key: encodeKey(m, values) } });
    objects.push([]);
    itemKeys.push(values);
  }
  const seen = new Map();
  for (const [i, r] of requests.entries()) {
    const id = keyId(requestKey(m, r));
    if (seen.has(id)) {
      throw codecError('E_ARGUMENT', `${m.name}.batchWrite(): ${label(seen.get(id))} and ${label(i)} write the same item; DynamoDB refuses a batch that writes one key twice`);
    }
    seen.set(id, i);
  }
  const names = m.s3OwnedNames;
  const s3 = names.length === 0 ? [] : itemKeys.map((key) => s3Write(m, key, names));
  for (const [i, w] of s3.entries()) if (i < put.length) w.stored = w.own(requests[i].PutRequest.Item);
  return { requests, objects, itemKeys, s3 };
}

/** Fills the S3Writes' `previous` from one consistent BatchGetItem: a batch write cannot return old items. */
async function readPrevious(m, refs, writes, abortSignal) {
  if (writes.length === 0) return;
  const previous = new Map();
  const items = await batchGetRaw(m, refs, writes.map((w) => w.key), { consistentRead: true, attributes: m.s3OwnedNames, abortSignal });
  for (const item of items) previous.set(keyId(keyOfItem(m, item)), item);
  for (const w of writes) w.previous = w.own(previous.get(keyId(encodeKey(m, w.key))));
}

/**
 * Puts `put` instances and deletes `del` keys, 25 requests per call, once the whole batch is
 * planned. With 'item'-layout S3 attributes, each request's S3 side is settled by its own outcome:
 * 'written' when processed; 'refused' when never sent, or left unprocessed by calls the SDK sent
 * once; else 'unknown' (a call that failed, or was retried by the SDK, may still land).
 * `metaOf(x)`: the model meta of instance x (the model's, or a subclass's), undefined for anything else.
 */
export async function batchWrite(m, refs, metaOf, given, { retry = {}, abortSignal } = {}) {
  const { put = [], delete: del = [] } = given;
  if (!Array.isArray(put) || !Array.isArray(del)) {
    throw codecError('E_ARGUMENT', `${m.name}.batchWrite() takes { put: [instances], delete: [keys] }`);
  }
  notAborted(m, BatchWriteItemCommand, { abortSignal });
  if (put.length > 0) await Promise.all([...new Set([m, ...put.map(metaOf)])].filter(Boolean).map(prepare));
  const { requests, objects, itemKeys, s3 } = planBatch(m, metaOf, put, del);
  await readPrevious(m, refs, s3, abortSignal);
  for (const [i, planned] of objects.entries()) {
    try {
      await uploadObjects(m, itemKeys[i], planned, s3[i], abortSignal);
    } catch (error) {
      await settleAll(s3.slice(0, i), 'refused');
      throw error;
    }
  }
  const keyOf = (r) => keyId(requestKey(m, r));
  const outcomes = new Map();
  const failed = [];
  try {
    for (const chunk of chunks(requests, 25)) {
      for (const r of chunk) outcomes.set(r, 'unknown');
      let once = true;
      const left = await retryUnprocessed(chunk, async (pending) => {
        const out = await send(m, BatchWriteItemCommand, { RequestItems: { [m.table]: pending } }, { abortSignal });
        once &&= (out.$metadata?.attempts ?? 1) <= 1;
        return out.UnprocessedItems?.[m.table] ?? [];
      }, retry);
      const unprocessed = new Set(left.map(keyOf));
      for (const r of chunk) outcomes.set(r, unprocessed.has(keyOf(r)) ? (once ? 'refused' : 'unknown') : 'written');
      failed.push(...left);
    }
  } finally {
    await Promise.all(s3.map((w, i) => w?.settle(outcomes.get(requests[i]) ?? 'refused')));
  }
  if (failed.length > 0) {
    throw new BatchError('E_BATCH_UNPROCESSED', `${m.name}.batchWrite: ${failed.length} requests still unprocessed after ${retry.attempts ?? DEFAULT_RETRY.attempts} attempts`, {
      unprocessed: failed, operation: 'BatchWriteItem', table: m.table, model: m.name,
    });
  }
}
