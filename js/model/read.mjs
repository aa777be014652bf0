// Query and scan: async iterators that follow LastEvaluatedKey, page-at-a-time calls with an opaque
// cursor, and counts.
import { QueryCommand, ScanCommand } from '@aws-sdk/client-dynamodb';
import { ExpressionBuilder } from '../expressions/index.mjs';
import { rangeValues } from '../expressions/key-condition.mjs';
import { codecError } from '../errors/make.mjs';
import { decodeCursor, encodeCursor } from './cursor.mjs';
import { checkKeyValue, withKey } from './keys.mjs';
import { send } from './send.mjs';

function indexOf(m, name) {
  if (name === undefined) return undefined;
  const index = m.indexes.get(name);
  if (!index) throw codecError('E_ARGUMENT', `${m.name} has no index ${name}`);
  return index;
}

/** DynamoDB's limit on TotalSegments. */
const MAX_SEGMENTS = 1_000_000;

/** A count option (`pageSize`, `limit`, `segments`): absent, or an integer from 1 to `max`. */
function countOption(m, name, value, max = Number.MAX_SAFE_INTEGER) {
  if (value !== undefined && !(Number.isInteger(value) && value >= 1 && value <= max)) {
    throw codecError('E_ARGUMENT', `${m.name}: ${name} must be an integer from 1 to ${max}`);
  }
}

/** The parameters shared by query and scan: index, filter, projection, consistency, page size. */
function commonParams(m, refs, builder, o) {
  countOption(m, 'pageSize', o.pageSize);
  countOption(m, 'limit', o.limit);
  const index = indexOf(m, o.index);
  const params = { TableName: m.table };
  if (index) params.IndexName = index.name;
  if (o.filter) params.FilterExpression = builder.condition(o.filter);
  if (o.attributes !== undefined && !Array.isArray(o.attributes)) throw codecError('E_ARGUMENT', `${m.name}: attributes must be an array of attribute names`);
  // The table's key always comes along (as with get), so that a projected instance can be saved,
  // deleted or refreshed; an index projects it whatever its projection type.
  if (o.attributes) params.ProjectionExpression = builder.projection([...withKey(m, []).map((name) => refs[name]), ...o.attributes.map((name) => refOf(m, refs, name))]);
  if (o.consistentRead) params.ConsistentRead = true;
  if (o.pageSize !== undefined) params.Limit = o.pageSize;
  if (o.count) params.Select = 'COUNT';
  return { params, index };
}

function refOf(m, refs, name) {
  const ref = typeof name === 'string' ? refs[name] : name;
  if (!ref) throw codecError('E_ARGUMENT', `${m.name} has no attribute ${name}`);
  return ref;
}

export function queryParams(m, refs, hashValue, o = {}) {
  const builder = new ExpressionBuilder();
  const { params, index } = commonParams(m, refs, builder, o);
  const hashKey = index ? index.hashKey : m.hashKey;
  const rangeKey = index ? index.rangeKey : m.rangeKey;
  params.KeyConditionExpression = builder.keyCondition(refs[hashKey], hashValue, o.range, { rangeKey: rangeKey && refs[rangeKey] });
  // Key values as a write stores them: DynamoDB refuses an empty or oversized one in a key condition.
  checkKeyValue(m, hashKey, 'hash', refs[hashKey].eq(hashValue).right.value);
  for (const value of rangeValues(o.range)) checkKeyValue(m, rangeKey, 'range', value);
  if (o.order !== undefined && o.order !== 'asc' && o.order !== 'desc') {
    throw codecError('E_ARGUMENT', "order must be 'asc' or 'desc'");
  }
  if (o.order === 'desc') params.ScanIndexForward = false;
  return { ...params, ...builder.params() };
}

export function scanParams(m, refs, o = {}) {
  countOption(m, 'segments', o.segments, MAX_SEGMENTS);
  const builder = new ExpressionBuilder();
  const { params } = commonParams(m, refs, builder, o);
  return { ...params, ...builder.params() };
}

/** One page: `{ items (decoded AttributeValue maps), cursor, count, scannedCount }`. */
export async function page(m, Command, params, cursor, limit, abortSignal) {
  const input = { ...params };
  const start = decodeCursor(cursor);
  if (start) input.ExclusiveStartKey = start;
  if (limit !== undefined) input.Limit = Math.min(limit, input.Limit ?? limit);
  const out = await send(m, Command, input, { abortSignal });
  return {
    items: out.Items ?? [],
    cursor: encodeCursor(out.LastEvaluatedKey),
    count: out.Count ?? 0,
    scannedCount: out.ScannedCount ?? 0,
  };
}

/** Every raw item of a query or scan, page after page, stopping after `limit` items. */
export async function* rawItems(m, Command, params, { limit, cursor, abortSignal } = {}) {
  let remaining = limit ?? Infinity;
  let next = cursor;
  do {
    const p = await page(m, Command, params, next, Number.isFinite(remaining) ? remaining : undefined, abortSignal);
    for (const item of p.items) {
      if (remaining-- <= 0) return;
      yield item;
    }
    next = p.cursor;
  } while (next && remaining > 0);
}

/** Total matching items (filters applied), following every page. */
export async function count(m, Command, params, abortSignal) {
  let total = 0;
  let cursor;
  do {
    const p = await page(m, Command, { ...params, Select: 'COUNT' }, cursor, undefined, abortSignal);
    total += p.count;
    cursor = p.cursor;
  } while (cursor);
  return total;
}

/** Parallel scan: `segments` concurrent scans (checked by scanParams), items yielded as they arrive. */
export async function* parallelScan(m, params, segments, limit, abortSignal) {
  const iterators = Array.from({ length: segments }, (_, Segment) =>
    rawItems(m, ScanCommand, { ...params, Segment, TotalSegments: segments }, { abortSignal }));
  const pending = new Map(iterators.map((it, i) => [i, it.next().then((r) => [i, r])]));
  let remaining = limit ?? Infinity;
  try {
    while (pending.size > 0 && remaining > 0) {
      const [i, result] = await Promise.race(pending.values());
      if (result.done) {
        pending.delete(i);
        continue;
      }
      pending.set(i, iterators[i].next().then((r) => [i, r]));
      remaining -= 1;
      yield result.value;
    }
  } finally {
    await Promise.all(iterators.map((it) => it.return?.()));
  }
}

export { QueryCommand, ScanCommand };
