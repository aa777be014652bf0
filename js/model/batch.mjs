// Batch get (chunks of 100) and batch write (chunks of 25), retrying unprocessed items.
import { BatchGetItemCommand, BatchWriteItemCommand } from '@aws-sdk/client-dynamodb';
import { BatchError } from '../errors/index.mjs';
import { ExpressionBuilder } from '../expressions/index.mjs';
import { beforeWrite } from './hooks.mjs';
import { prepare } from './prepare.mjs';
import { attributeValues } from './writes.mjs';
import { batchKey, encodeKey, withKey } from './keys.mjs';
import { DEFAULT_RETRY, retryUnprocessed } from './retry.mjs';

const chunks = (list, size) => Array.from({ length: Math.ceil(list.length / size) }, (_, i) => list.slice(i * size, i * size + size));

/** Raw items for `keys` (duplicates dropped), in no particular order. */
export async function batchGetRaw(m, refs, keys, { consistentRead, attributes, retry = {} } = {}) {
  const seen = new Set();
  const encoded = [];
  for (const key of keys) {
    const k = encodeKey(m, batchKey(m, key));
    const id = JSON.stringify(k, (_, v) => (v instanceof Uint8Array ? [...v] : v));
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
      const out = await m.client.send(new BatchGetItemCommand({ RequestItems: { [m.table]: { Keys: pending, ...shape } } }));
      found.push(...(out.Responses?.[m.table] ?? []));
      return out.UnprocessedKeys?.[m.table]?.Keys ?? [];
    }, retry);
    if (left.length > 0) {
      throw new BatchError('E_BATCH_UNPROCESSED', `${m.name}.batchGet: ${left.length} keys still unprocessed after ${retry.attempts ?? DEFAULT_RETRY.attempts} attempts`, { unprocessed: left });
    }
  }
  return found;
}

/** Puts `put` instances and deletes `del` keys, 25 requests per call. */
export async function batchWrite(m, { put = [], delete: del = [] } = {}, { retry = {} } = {}) {
  const requests = [];
  if (put.length > 0) await prepare(m);
  for (const instance of put) {
    const { item } = m.codec.encode(await beforeWrite(m, attributeValues(m, instance)));
    requests.push({ PutRequest: { Item: item } });
  }
  for (const key of del) requests.push({ DeleteRequest: { Key: encodeKey(m, batchKey(m, key)) } });
  const failed = [];
  for (const chunk of chunks(requests, 25)) {
    failed.push(...await retryUnprocessed(chunk, async (pending) => {
      const out = await m.client.send(new BatchWriteItemCommand({ RequestItems: { [m.table]: pending } }));
      return out.UnprocessedItems?.[m.table] ?? [];
    }, retry));
  }
  if (failed.length > 0) {
    throw new BatchError('E_BATCH_UNPROCESSED', `${m.name}.batchWrite: ${failed.length} requests still unprocessed after ${retry.attempts ?? DEFAULT_RETRY.attempts} attempts`, { unprocessed: failed });
  }
}
