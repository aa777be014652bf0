// Batch get (chunks of 100) and batch write (chunks of 25), retrying unprocessed items.
import { BatchGetItemCommand, BatchWriteItemCommand } from '@aws-sdk/client-dynamodb';
import { BatchError } from '../errors/index.mjs';
import { codecError } from '../errors/make.mjs';
import { ExpressionBuilder } from '../expressions/index.mjs';
import { prepare } from './prepare.mjs';
import { attributeValues, encodeForWrite } from './writes.mjs';
import { batchKey, encodeKey, withKey } from './keys.mjs';
import { DEFAULT_RETRY, retryUnprocessed } from './retry.mjs';
import { ownedNames, s3Write, settleAll } from './s3-writes.mjs';
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

/**
 * The S3Writes of a batch's items, with the 'item'-layout objects each one replaces (one consistent
 * BatchGetItem: a batch write cannot return old items). Empty when the model has no such attribute.
 */
async function batchS3Writes(m, refs, keyValuesList, abortSignal) {
  const names = ownedNames(m);
  if (names.length === 0 || keyValuesList.length === 0) return [];
  const writes = keyValuesList.map((values) => s3Write(m, values, names));
  const previous = new Map();
  for (const item of await batchGetRaw(m, refs, keyValuesList, { consistentRead: true, attributes: names, abortSignal })) {
    previous.set(keyId(Object.fromEntries([m.hashKey, m.rangeKey].filter(Boolean).map((n) => [m.dbName(n), item[m.dbName(n)]]))), item);
  }
  for (const w of writes) w.previous = w.own(previous.get(keyId(encodeKey(m, w.key))));
  return writes;
}

/**
 * Puts `put` instances and deletes `del` keys, 25 requests per call. With 'item'-layout S3
 * attributes, each request's S3 side is settled by its own outcome: 'written' when processed;
 * 'refused' when never sent, or left unprocessed by calls the SDK sent once; else 'unknown' (a call
 * that failed, or was retried by the SDK, may still land).
 */
export async function batchWrite(m, refs, given = {}, { retry = {}, abortSignal } = {}) {
  // A typo such as { puts: [...] } would otherwise write nothing, silently.
  const { put = [], delete: del = [], ...other } = given ?? {};
  if (typeof given !== 'object' || !Array.isArray(put) || !Array.isArray(del) || Object.keys(other).length > 0) {
    throw codecError('E_ARGUMENT', `${m.name}.batchWrite() takes { put: [instances], delete: [keys] }`);
  }
  notAborted(m, BatchWriteItemCommand, { abortSignal });
  if (put.length > 0) await prepare(m);
  const putValues = put.map((instance) => attributeValues(m, instance));
  const delKeys = del.map((key) => batchKey(m, key));
  const s3 = await batchS3Writes(m, refs, [...putValues, ...delKeys], abortSignal);
  const requests = [];
  for (const [i, values] of putValues.entries()) {
    try {
      requests.push({ PutRequest: { Item: await encodeForWrite(m, put[i], values, s3[i], abortSignal) } });
    } catch (error) {
      await settleAll(s3.slice(0, i), 'refused');
      throw error;
    }
  }
  for (const key of delKeys) requests.push({ DeleteRequest: { Key: encodeKey(m, key) } });
  const keyOf = (r) => keyId(r.DeleteRequest?.Key ?? Object.fromEntries([m.hashKey, m.rangeKey].filter(Boolean)
    .map((n) => [m.dbName(n), r.PutRequest.Item[m.dbName(n)]])));
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
