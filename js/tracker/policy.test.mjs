// The tracker's policy scenarios (policy-scenarios.mjs) on the in-memory store
// (js/testing/memory-task-store.mjs): fast, no server. The same scenarios run on DynamoDB in
// store.integration.test.mjs.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import '../runtime/node.mjs';
import { MemoryTaskStore } from '../testing/memory-task-store.mjs';
import { resolveConfig } from './config.mjs';
import { trackerModel } from './layout.mjs';
import { heldCondition, lockWrite } from './policy.mjs';
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
