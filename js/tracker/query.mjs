// Reading tasks by status through the GSI: every shard of every status, merged in update-time order
// (6.x; 5.x's index is ordered by key, so its results are merged by key), counting, and deleting a
// use case.
import { checkOptions, OPTIONS } from '../options/index.mjs';
import { flag, positiveInteger } from './arguments.mjs';
import { statusCode, statusCodeList } from './config.mjs';
import { INDEX, shardValues } from './layout.mjs';
import { mergeSorted } from './merge.mjs';
import { Task } from './task.mjs';

const cmp = (a, b) => (a < b ? -1 : a > b ? 1 : 0);

function order(c, olderFirst) {
  const byKey = (a, b) => cmp(a.key, b.key);
  const compare = c.layout === 'v6' ? (a, b) => cmp(a.updateTime.epochMicros, b.updateTime.epochMicros) || byKey(a, b) : byKey;
  return olderFirst ? compare : (a, b) => compare(b, a);
}

const values = (c, statuses) => statusCodeList(c, statuses).flatMap((code) => shardValues(c, code));

/**
 * Tasks in `statuses` (names or codes), as partial tasks (the index's attributes: ids, status, update
 * and create time). `limit` counts across all statuses and shards (pynamodb_mate's is per shard).
 */
export async function* queryByStatus(t, statuses, opts, method = 'queryByStatus') {
  const where = `StatusTracker.${method}`;
  const { limit, olderFirst: older, pageSize } = checkOptions(`${where}() options`, opts, OPTIONS.queryByStatus);
  const c = t.config;
  if (limit !== undefined) positiveInteger(where, 'limit', limit);
  const olderFirst = flag(where, 'olderFirst', older, true);
  const size = pageSize ?? Math.min(limit ?? 100, 100);
  const iterators = values(c, statuses).map((value) => t.Model.query(value, {
    index: INDEX[c.layout], order: olderFirst ? 'asc' : 'desc', pageSize: size,
  }));
  let left = limit ?? Infinity;
  for await (const item of mergeSorted(iterators, order(c, olderFirst))) {
    yield new Task(c, item);
    if (--left === 0) return;
  }
}

/** The number of tasks in `statuses`, summed over statuses and shards. */
export async function countByStatus(t, statuses) {
  const counts = await Promise.all(values(t.config, statuses).map((value) => t.Model.count(value, { index: INDEX[t.config.layout] })));
  return counts.reduce((a, b) => a + b, 0);
}

/** The number of tasks in status `status` on each of its shards (index 0 is shard 1; v5 has one). */
export async function countByShard(t, status) {
  const code = statusCode(t.config, status);
  return Promise.all(shardValues(t.config, code).map((value) => t.Model.count(value, { index: INDEX[t.config.layout] })));
}

/**
 * Deletes every task of the use case; returns how many. The scan matches `useCaseId + sep`, so use
 * case `a` leaves `ab`'s tasks alone (pynamodb_mate's `begins_with(key, use_case_id)` does not).
 */
export async function deleteByUseCase(t) {
  const c = t.config;
  let deleted = 0;
  let keys = [];
  const flush = async () => {
    await t.Model.batchWrite({ delete: keys });
    deleted += keys.length;
    keys = [];
  };
  for await (const item of t.Model.scan({ filter: t.Model.attr.key.beginsWith(c.useCaseId + c.sep), attributes: ['key'] })) {
    keys.push(item.key);
    if (keys.length === 100) await flush();
  }
  await flush();
  return deleted;
}
