// The tracker's policy scenarios (policy-scenarios.mjs) on the in-memory store
// (js/testing/memory-task-store.mjs): fast, no server. The same scenarios run on DynamoDB in
// store.integration.test.mjs.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import '../runtime/node.mjs';
import { MemoryTaskStore } from '../testing/memory-task-store.mjs';
import { resolveConfig } from './config.mjs';
import { trackerModel } from './layout.mjs';
import { createTask } from './create.mjs';
import { makeKey } from './layout.mjs';
import { heldCondition, lockWrite, successActions } from './policy.mjs';
import { runTask } from './run.mjs';
import { take } from './take.mjs';
import { clockedTracker, SCENARIOS } from './policy-scenarios.mjs';

const noRequests = { send: () => { throw new Error('no request may be sent'); } };

/** A tracker's shared state on a fresh memory store. */
function memoryTracker(options = {}) {
  const config = resolveConfig({ client: noRequests, table: 'tasks', useCaseId: 'jobs', heartbeatSeconds: 0, ...options });
  const Model = trackerModel(config);
  return clockedTracker(config, Model, new MemoryTaskStore(Model));
}

for (const [title, scenario] of SCENARIOS) test(title, () => scenario(async (options) => memoryTracker(options)));

test('a refused write changes nothing in the memory store, as in DynamoDB', async () => {
  const { t, stored } = memoryTracker();
  const key = 'jobs____a';
  assert.deepEqual(await t.store.update(key, [['set', 'lock', 'x']], ['eq', 'lock', 'y']), { ok: false, item: null });
  assert.equal(await stored('a'), null);
  assert.deepEqual(t.store.writes, [{ op: 'update', key, ok: false }]);
});

test('the writes are plain descriptions: the lock and the held condition', () => {
  const { t } = memoryTracker({ layout: 'v5', recoverExpired: false });
  const now = t.now();
  const { key, actions, condition } = lockWrite(t.config, 'a', [0], now, 'L');
  assert.equal(key, 'jobs____a');
  assert.deepEqual(actions.map(([op, name]) => `${op} ${name}`), ['set value', 'set updateTime', 'set lock', 'set lockTime', 'add fence']);
  assert.deepEqual(condition[2], ['or', ['eq', 'value', 'jobs____000']]);
  assert.deepEqual(condition[1][1], ['or', ['absent', 'lock'], ['null', 'lock']]);
  assert.deepEqual(heldCondition({ lock: 'L', fence: 4 }), ['and', ['eq', 'lock', 'L'], ['eq', 'fence', 4]]);
});

test('a success leaves errors out of its write when the item holds it; else sets a shorter history, in the same one write', async () => {
  const { t, stored } = memoryTracker({ maxRetry: 100 });
  const entry = (n) => ({ nth_retry: n, update_time: 't', error: `ValueError('${'v'.repeat(4_000)}')`, traceback: '' });
  await createTask(t, 'a', {});
  await t.store.update(makeKey(t.config, 'a'), [['set', 'errors', { history: [1, 2, 3, 4, 5].map(entry), note: 'kept' }]]);
  const { held } = await take(t, 'a', t.config.ready);
  const errorsOf = (data) => successActions(t, held, data, t.now()).find(([, name]) => name === 'errors')?.[2];

  assert.equal(errorsOf({ d: 'x'.repeat(380_000) }), undefined, 'it fits: errors stays as stored');
  const shorter = errorsOf({ d: 'x'.repeat(395_000) });
  assert.deepEqual([shorter.history.map((e) => e.nth_retry), shorter.note], [[3, 4, 5], 'kept']);
  // No room for the note's 16 bytes either: the last resort is an empty history alone.
  assert.deepEqual(errorsOf({ d: 'x'.repeat(409_365) }), { history: [] });
  assert.throws(() => errorsOf({ d: 'x'.repeat(409_600) }), (e) => e.code === 'E_ITEM_TOO_LARGE' && /a"\): the item would be 409\d{3} bytes even without/.test(e.message));

  await createTask(t, 'c', {});
  await t.store.update(makeKey(t.config, 'c'), [['set', 'errors', { history: [1, 2, 3, 4, 5].map(entry) }]]);
  const before = t.store.writes.length;
  await runTask(t, 'c', (ctx) => { ctx.setData({ d: 'x'.repeat(395_000) }); }, {});
  assert.deepEqual(t.store.writes.slice(before).map((w) => [w.op, w.ok]), [['update', true], ['update', true]], 'the lock and one final write');
  assert.deepEqual((await stored('c')).errors.history.map((e) => e.nth_retry), [3, 4, 5]);
});
