// The tracker's policy (policy.mjs) run by take/run/create over an in-memory store
// (js/testing/memory-task-store.mjs) and a clock the test moves: lock contention, expiry, fences,
// the order in which refusals are explained, retries up to ignored, history and size bounds. No
// server: the same code paths against DynamoDB are the *.integration tests beside this one.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import '../runtime/node.mjs';
import { UtcDateTime } from '../item/utc-datetime.mjs';
import { MemoryTaskStore } from '../testing/memory-task-store.mjs';
import { resolveConfig } from './config.mjs';
import { createTask, createTasks } from './create.mjs';
import { extendLock, finishSuccess } from './finish.mjs';
import { HISTORY_BYTES, MESSAGE_CHARS } from './history.mjs';
import { MAX_ITEM_BYTES } from './item-size.mjs';
import { makeKey, trackerModel } from './layout.mjs';
import { heldCondition, lockWrite, successActions } from './policy.mjs';
import { runTask } from './run.mjs';
import { take } from './take.mjs';
import { Task } from './task.mjs';

const noRequests = { send: () => { throw new Error('no request may be sent'); } };

/** A tracker's shared state on a memory store, with a clock that moves only when told. */
function memoryTracker(options = {}) {
  const config = resolveConfig({ client: noRequests, table: 'tasks', useCaseId: 'jobs', heartbeatSeconds: 0, ...options });
  const Model = trackerModel(config);
  let micros = 1_700_000_000_000_000n;
  const t = { config, Model, store: new MemoryTaskStore(Model), now: () => new UtcDateTime(micros) };
  const advance = (seconds) => { micros += BigInt(seconds * 1e6); };
  const stored = (taskId) => t.store.get(makeKey(config, taskId));
  return { t, advance, stored };
}

/** The error `promise` rejects with (fails when it resolves). */
const rejection = (promise) => promise.then((value) => assert.fail(`resolved with ${value}`), (e) => e);

const fails = (message) => () => { throw new Error(message); };

test('contention: one lock at a time; an expired lock is taken over with a larger fence, and the old holder writes nothing', async () => {
  const { t, advance, stored } = memoryTracker({ lockExpireSeconds: 60 });
  await createTask(t, 'a', {});
  const first = await take(t, 'a', t.config.ready);
  assert.deepEqual([first.held.fence, first.held.task.statusName], [1, 'inProgress']);

  const locked = await rejection(take(t, 'a', t.config.ready));
  assert.deepEqual([locked.code, locked.task.lock], ['E_TASK_LOCKED', first.held.lock]);
  advance(59);
  assert.equal((await rejection(take(t, 'a', t.config.ready))).code, 'E_TASK_LOCKED', 'not expired yet');

  advance(2); // the first holder died: its in-progress lock expired
  const second = await take(t, 'a', t.config.ready);
  assert.equal(second.held.fence, 2);
  const writes = t.store.writes.length;
  for (const write of [() => extendLock(t, first.held), () => finishSuccess(t, first.held, successActions(t, first.held, undefined, t.now()))]) {
    const lost = await rejection(write());
    assert.deepEqual([lost.code, lost.task.lock, lost.task.fence], ['E_LOCK_LOST', second.held.lock, 2]);
  }
  assert.deepEqual(t.store.writes.slice(writes).map((w) => w.ok), [false, false], 'both refused');
  assert.equal((await stored('a')).lock, second.held.lock);
  await finishSuccess(t, second.held, successActions(t, second.held, undefined, t.now()));
  assert.deepEqual([(await stored('a')).status, (await stored('a')).lock], [t.config.codes.succeeded, '__not_locked__']);
});

test('without recoverExpired an expired in-progress task is not taken; an expired lock on a ready task is', async () => {
  const { t, advance } = memoryTracker({ lockExpireSeconds: 10, recoverExpired: false });
  await createTask(t, 'a', {});
  await take(t, 'a', t.config.ready);
  advance(11);
  assert.equal((await rejection(take(t, 'a', t.config.ready))).code, 'E_TASK_NOT_READY');
  assert.equal((await take(t, 'a', [t.config.codes.inProgress])).held.fence, 2, 'asked for in progress, it is taken');
});

test('refusals are explained in pynamodb_mate order: not found, locked, succeeded, ignored, not ready', async () => {
  const { t, advance } = memoryTracker({ lockExpireSeconds: 10 });
  const reason = async (taskId, ready = t.config.ready) => (await rejection(take(t, taskId, ready))).code;
  assert.equal(await reason('missing'), 'E_TASK_NOT_FOUND');
  assert.equal(t.store.writes.at(-1).ok, false);

  // A succeeded task that is still locked (a worker's lock on it): locked is said first.
  await createTask(t, 'done', { status: 'succeeded' });
  await t.store.update(makeKey(t.config, 'done'), [['set', 'lock', 'other'], ['set', 'lockTime', t.now()]]);
  assert.equal(await reason('done'), 'E_TASK_LOCKED');
  advance(11);
  assert.equal(await reason('done'), 'E_TASK_ALREADY_SUCCEEDED');

  await createTask(t, 'dropped', { status: 'ignored' });
  const ignored = await rejection(take(t, 'dropped', t.config.ready));
  assert.deepEqual([ignored.code, ignored.task.statusName], ['E_TASK_IGNORED', 'ignored']);

  await createTask(t, 'new', {});
  assert.equal(await reason('new', [t.config.codes.failed]), 'E_TASK_NOT_READY');
});

test('each failure is recorded with retry + 1; at maxRetry the task is ignored and no longer taken', async () => {
  const { t, stored } = memoryTracker({ maxRetry: 3 });
  await createTask(t, 'flaky', {});
  const seen = [];
  for (let i = 1; i <= 3; i++) {
    const error = await rejection(runTask(t, 'flaky', fails(`attempt ${i}`), {}));
    assert.equal(error.message, `attempt ${i}`, 'the thrown error is rethrown');
    const item = await stored('flaky');
    seen.push([t.config.names.get(item.status), item.retry, item.fence, item.lock]);
  }
  assert.deepEqual(seen, [['failed', 1, 1, '__not_locked__'], ['failed', 2, 2, '__not_locked__'], ['ignored', 3, 3, '__not_locked__']]);
  const { history } = (await stored('flaky')).errors;
  assert.deepEqual(history.map((h) => [h.nth_retry, h.error]), [1, 2, 3].map((n) => [n, `Error('attempt ${n}')`]));
  assert.equal((await rejection(runTask(t, 'flaky', () => 'never', {}))).code, 'E_TASK_IGNORED');
});

test("'v5': the lock condition takes an absent or NULL lock, and the failure overwrites { error, traceback }", async () => {
  const { t, stored } = memoryTracker({ layout: 'v5', maxRetry: 5 });
  await createTask(t, 'a', {});
  assert.equal((await stored('a')).lock, undefined);
  await rejection(runTask(t, 'a', fails('one'), {}));
  assert.equal((await stored('a')).lock, null, 'unlocked as NULL');
  await rejection(runTask(t, 'a', fails('two'), {}));
  const item = await stored('a');
  assert.deepEqual([item.retry, item.errors.error, item.fence], [2, "Error('two')", 2]);
  assert.equal(await runTask(t, 'a', () => 'ok', {}), 'ok');
  const done = new Task(t.config, await stored('a'));
  assert.deepEqual([done.statusName, done.retry, done.lock], ['succeeded', 0, null]);
});

test('the history stays within HISTORY_BYTES and each record within its bounds; data too large fails the run with E_ITEM_TOO_LARGE', async () => {
  const { t, stored } = memoryTracker({ maxRetry: 100 });
  await createTask(t, 'big', {});
  for (let i = 0; i < 40; i++) await rejection(runTask(t, 'big', fails(`${i} ${'x'.repeat(500_000)}`), {}));
  const item = await stored('big');
  const { history } = item.errors;
  assert.ok(item.toJSON().errors.S.length <= HISTORY_BYTES, 'errors within its bound');
  assert.ok(history.length > 1 && history.length < 40, `${history.length} entries kept`);
  assert.equal(history.at(-1).nth_retry, 40, 'the newest entry is kept');
  assert.ok(history.every((h) => h.error.length < MESSAGE_CHARS + 100));

  await createTask(t, 'huge', {});
  const error = await rejection(runTask(t, 'huge', (ctx) => { ctx.setData({ big: 'y'.repeat(MAX_ITEM_BYTES) }); }, {}));
  assert.equal(error.code, 'E_ITEM_TOO_LARGE');
  const huge = await stored('huge');
  assert.deepEqual([t.config.names.get(huge.status), huge.data], ['failed', {}], 'recorded as failed, the data not written');
});

test('create never replaces a task unless told; createMany reports the existing ones', async () => {
  const { t, stored } = memoryTracker();
  await createTask(t, 'a', { data: { n: 1 } });
  const exists = await rejection(createTask(t, 'a', { data: { n: 2 } }));
  assert.deepEqual([exists.code, exists.task.data], ['E_TASK_EXISTS', { n: 1 }]);
  const { created, existing } = await createTasks(t, ['a', 'b'], {});
  assert.deepEqual([created.map((x) => x.taskId), existing.map((x) => x.taskId)], [['b'], ['a']]);
  await createTask(t, 'a', { data: { n: 3 }, overwrite: true });
  assert.deepEqual((await stored('a')).data, { n: 3 });
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
