import assert from 'node:assert/strict';
import { test } from 'node:test';
import { errors } from '../node.mjs';
import { checkTaskId, resolveConfig, statusCode, statusCodeList } from './config.mjs';
import { makeKey, makeValue, parseValue, shardValues, taskIdOf, valueFor } from './layout.mjs';

const base = { client: {}, table: 'tasks', useCaseId: 'my-use-case' };

test("defaults are pynamodb_mate's for each layout", () => {
  const v6 = resolveConfig(base);
  assert.equal(v6.layout, 'v6');
  assert.deepEqual(v6.codes, { pending: 10, inProgress: 20, failed: 30, succeeded: 40, ignored: 50 });
  assert.equal(v6.sep, '____');
  assert.equal(v6.statusZeroPad, 3);
  assert.equal(v6.shardZeroPad, 3);
  assert.equal(v6.maxRetry, 3);
  assert.equal(v6.lockExpireSeconds, 300);
  assert.equal(v6.tracebackStackLimit, 10);
  assert.equal(v6.recoverExpired, true);
  assert.equal(v6.heartbeatMs, 100_000);
  assert.deepEqual(v6.ready, [10, 30]);
  assert.deepEqual([...v6.shards.values()], [1, 1, 1, 1, 1]);

  const v5 = resolveConfig({ ...base, layout: 'v5' });
  assert.deepEqual(v5.codes, { pending: 0, inProgress: 3, failed: 6, succeeded: 9, ignored: 10 });
  assert.equal(v5.lockExpireSeconds, 900);
});

test('keys and values are formatted as pynamodb_mate writes them', () => {
  const v6 = resolveConfig({ ...base, shards: { pending: 10 } });
  assert.equal(makeKey(v6, 't-1'), 'my-use-case____t-1');
  assert.equal(taskIdOf(v6, 'my-use-case____t-1'), 't-1');
  assert.equal(makeValue(v6, 10, 1), 'my-use-case____010____001'); // observed/6.0.1.1 after_make_and_save
  assert.deepEqual(parseValue(v6, 'my-use-case____050____001'), { code: 50, shard: 1 });
  assert.equal(shardValues(v6, 10).length, 10);
  assert.equal(shardValues(v6, 10)[9], 'my-use-case____010____010');
  // The shard of a key is stable and the keys spread over all shards.
  const shards = new Set(Array.from({ length: 200 }, (_, i) => parseValue(v6, valueFor(v6, `k${i}`, 10)).shard));
  assert.deepEqual([...shards].sort((a, b) => a - b), [1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
  assert.equal(valueFor(v6, 'k1', 10), valueFor(v6, 'k1', 10));

  const v5 = resolveConfig({ ...base, useCaseId: 'my-job', layout: 'v5' });
  assert.equal(makeValue(v5, 3), 'my-job____003'); // observed/5.3.4.4 during_start
  assert.deepEqual(parseValue(v5, 'my-job____010'), { code: 10, shard: undefined });

  const custom = resolveConfig({ ...base, sep: '#', statusZeroPad: 4, shardZeroPad: 2, shards: { succeeded: 3 } });
  assert.equal(makeValue(custom, 40, 3), 'my-use-case#0040#03');
});

test('statuses are taken by name or code; unknown ones are refused', () => {
  const c = resolveConfig({ ...base, extraStatuses: { retryLater: 60 }, readyStatuses: ['pending', 'failed', 'retryLater'] });
  assert.equal(statusCode(c, 'failed'), 30);
  assert.equal(statusCode(c, 30), 30);
  assert.equal(statusCode(c, 'retryLater'), 60);
  assert.deepEqual(c.ready, [10, 30, 60]);
  assert.deepEqual(statusCodeList(c, ['pending', 10, 'ignored']), [10, 50]);
  for (const bad of ['done', 31, '10', null, undefined]) {
    assert.throws(() => statusCode(c, bad), (e) => e instanceof errors.ArgumentError && e.code === 'E_ARGUMENT' && /unknown status/.test(e.message));
  }
  assert.throws(() => statusCodeList(c, []), /at least one status/);
});

test('bad options are refused with the reason', () => {
  const refused = (options, pattern) => assert.throws(() => resolveConfig({ ...base, ...options }), (e) => e.code === 'E_ARGUMENT' && pattern.test(e.message));
  refused({ layout: 'v7' }, /layout/);
  refused({ useCaseId: 'a____b' }, /useCaseId/);
  refused({ statuses: { done: 1 } }, /no status "done"/);
  refused({ statuses: { failed: 10 } }, /share the code 10/);
  refused({ statuses: { failed: -1 } }, /integer code/);
  refused({ shards: { pending: 0 } }, /shards.pending/);
  refused({ shards: { later: 2 } }, /unknown status/);
  refused({ layout: 'v5', shards: { pending: 2 } }, /no shards/);
  refused({ maxRetry: 0 }, /maxRetry/);
  refused({ lockExpireSeconds: 10, heartbeatSeconds: 10 }, /heartbeatSeconds/);
  refused({ ttl: 'soon' }, /ttl/);
  refused({ colour: 'blue' }, /unknown option "colour"/);
  refused({ readyStatuses: ['pending', 'later'] }, /unknown status/);
});

test('task ids may not contain the separator', () => {
  const c = resolveConfig(base);
  assert.equal(checkTaskId(c, 'a_b'), 'a_b');
  for (const bad of ['a____b', '', 7, null]) assert.throws(() => checkTaskId(c, bad), (e) => e.code === 'E_ARGUMENT');
});
