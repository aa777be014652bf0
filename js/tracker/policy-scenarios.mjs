// The tracker's policy (policy.mjs) as take/run/create carry it out, as scenarios any store runs:
// lock contention, expiry, fences, the order in which refusals are explained, retries up to ignored,
// history and size bounds, an operator's status change (setStatus). policy.test.mjs runs them on the in-memory store (no server);
// store.integration.test.mjs on DynamoDB, which shows the memory store means what DynamoDB does.
// `setup(options)` resolves to `{ t, advance, stored }`: the tracker's state on a store, a clock
// that moves only by `advance(seconds)`, and `stored(taskId)` (the item, or null).
import assert from 'node:assert/strict';
import { UtcDateTime } from '../item/utc-datetime.mjs';
import { createTask, createTasks } from './create.mjs';
import { extendLock, finishSuccess } from './finish.mjs';
import { HISTORY_BYTES, MESSAGE_CHARS } from './history.mjs';
import { itemBytes, MAX_ITEM_BYTES } from './item-size.mjs';
import { makeKey } from './layout.mjs';
import { successActions } from './policy.mjs';
import { runTask } from './run.mjs';
import { setStatus } from './set-status.mjs';
import { take } from './take.mjs';
import { Task } from './task.mjs';

/** `t` on `store` with a test clock (starting at a fixed instant), and its helpers. */
export function clockedTracker(config, Model, store) {
  let micros = 1_700_000_000_000_000n;
  const t = { config, Model, store, now: () => new UtcDateTime(micros) };
  const advance = (seconds) => { micros += BigInt(seconds * 1e6); };
  return { t, advance, stored: (taskId) => store.get(makeKey(config, taskId)) };
}

/** The error `promise` rejects with (fails when it resolves). */
const rejection = (promise) => promise.then((value) => assert.fail(`resolved with ${value}`), (e) => e);

const fails = (message) => () => { throw new Error(message); };

/** A history entry as Python 6.x writes it, of about `size` bytes. */
const pythonEntry = (n, size) => ({ nth_retry: n, update_time: '2026-01-01T00:00:00+00:00', error: `ValueError('${'v'.repeat(size)}')`, traceback: '' });

/** A succeeded run that sets `data`, or the error of its refusal. */
const succeedWith = (t, taskId, data) => runTask(t, taskId, (ctx) => { ctx.setData(data); }, {}).then(() => null, (e) => e);

/** [title, async (setup) => ...] */
export const SCENARIOS = [
  ['contention: one lock at a time; an expired lock is taken over with a larger fence, and the old holder writes nothing', async (setup) => {
    const { t, advance, stored } = await setup({ lockExpireSeconds: 60 });
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
    for (const write of [() => extendLock(t, first.held), () => finishSuccess(t, first.held, successActions(t, first.held, undefined, t.now()))]) {
      const lost = await rejection(write());
      assert.deepEqual([lost.code, lost.task.lock, lost.task.fence], ['E_LOCK_LOST', second.held.lock, 2]);
    }
    assert.equal((await stored('a')).lock, second.held.lock);
    await finishSuccess(t, second.held, successActions(t, second.held, undefined, t.now()));
    assert.deepEqual([(await stored('a')).status, (await stored('a')).lock], [t.config.codes.succeeded, '__not_locked__']);
  }],

  ['without recoverExpired an expired in-progress task is not taken; an expired lock on a ready task is', async (setup) => {
    const { t, advance } = await setup({ lockExpireSeconds: 10, recoverExpired: false });
    await createTask(t, 'a', {});
    await take(t, 'a', t.config.ready);
    advance(11);
    assert.equal((await rejection(take(t, 'a', t.config.ready))).code, 'E_TASK_NOT_READY');
    assert.equal((await take(t, 'a', [t.config.codes.inProgress])).held.fence, 2, 'asked for in progress, it is taken');
  }],

  ['refusals are explained in pynamodb_mate order: not found, locked, succeeded, ignored, not ready', async (setup) => {
    const { t, advance } = await setup({ lockExpireSeconds: 10 });
    const reason = async (taskId, ready = t.config.ready) => (await rejection(take(t, taskId, ready))).code;
    assert.equal(await reason('missing'), 'E_TASK_NOT_FOUND');

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
  }],

  ['each failure is recorded with retry + 1; at maxRetry the task is ignored and no longer taken', async (setup) => {
    const { t, stored } = await setup({ maxRetry: 3 });
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
  }],

  ["'v5': the lock condition takes an absent or NULL lock, and the failure overwrites { error, traceback }", async (setup) => {
    const { t, stored } = await setup({ layout: 'v5', maxRetry: 5 });
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
  }],

  ['the history stays within HISTORY_BYTES and each record within its bounds; data too large fails the run with E_ITEM_TOO_LARGE', async (setup) => {
    const { t, stored } = await setup({ maxRetry: 100 });
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
  }],

  // The sizes keep every item written within 405,000 bytes: moto refuses larger ones
  // (tests/support/endpoints.mjs, FEATURES.itemSizeLimit).
  ['a success makes room for its data by dropping the oldest error entries; data too large even with no history still fails', async (setup) => {
    const { t, stored } = await setup({ maxRetry: 100 });
    // A history as full as the bound allows (6 entries of about 10.7 KB, as a Python worker may leave it).
    const full = { history: Array.from({ length: 6 }, (_, i) => pythonEntry(i + 1, 10_700)) };
    await createTasks(t, ['kept', 'trimmed', 'huge'], {});
    for (const taskId of ['kept', 'trimmed', 'huge']) await t.store.update(makeKey(t.config, taskId), [['set', 'errors', full]]);
    assert.ok((await stored('kept')).toJSON().errors.S.length > HISTORY_BYTES - 2_000, 'the history is full');
    const numbers = async (taskId) => (await stored(taskId)).errors.history.map((e) => e.nth_retry);

    assert.equal(await succeedWith(t, 'kept', { d: 'x'.repeat(300_000) }), null);
    assert.deepEqual(await numbers('kept'), [1, 2, 3, 4, 5, 6], 'room enough: the history is kept whole');

    assert.equal(await succeedWith(t, 'trimmed', { d: 'x'.repeat(390_000) }), null);
    const trimmed = await stored('trimmed');
    assert.deepEqual([t.config.names.get(trimmed.status), trimmed.data.d.length], ['succeeded', 390_000]);
    assert.deepEqual(await numbers('trimmed'), [6], 'the oldest gave way, the newest kept');
    const bytes = itemBytes(trimmed.toJSON());
    assert.ok(bytes <= MAX_ITEM_BYTES && bytes + 10_500 > MAX_ITEM_BYTES, `${bytes} bytes: no more entries dropped than needed`);

    const error = await succeedWith(t, 'huge', { d: 'y'.repeat(MAX_ITEM_BYTES - 20) });
    assert.deepEqual([error.code, error.message.includes('yyy')], ['E_ITEM_TOO_LARGE', false]);
    assert.match(error.message, /even without its error history/);
    const huge = await stored('huge');
    assert.deepEqual([t.config.names.get(huge.status), huge.data], ['failed', {}], 'recorded as failed, the data not written');
    assert.deepEqual(await numbers('huge'), [2, 3, 4, 5, 6, 1], 'the refusal recorded, the oldest entry giving way to it');
  }],

  ["'v5': a success drops the last failure's { error, traceback } only when its data needs the room", async (setup) => {
    const { t, stored } = await setup({ layout: 'v5' });
    // An 8 KB record, as a Python 5.x worker may leave it (it does not bound the traceback).
    const record = { error: `ValueError('${'v'.repeat(8_000)}')`, traceback: '' };
    await createTasks(t, ['kept', 'dropped', 'huge'], {});
    for (const taskId of ['kept', 'dropped', 'huge']) await t.store.update(makeKey(t.config, taskId), [['set', 'errors', record]]);

    assert.equal(await succeedWith(t, 'kept', { d: 'x'.repeat(390_000) }), null);
    assert.deepEqual((await stored('kept')).errors, record);
    assert.equal(await succeedWith(t, 'dropped', { d: 'x'.repeat(403_000) }), null);
    const dropped = await stored('dropped');
    assert.deepEqual([dropped.errors, dropped.data.d.length], [{}, 403_000]);
    assert.ok(itemBytes(dropped.toJSON()) <= MAX_ITEM_BYTES);
    assert.equal((await succeedWith(t, 'huge', { d: 'y'.repeat(MAX_ITEM_BYTES) })).code, 'E_ITEM_TOO_LARGE');
    assert.match((await stored('huge')).errors.error, /^ItemError\('StatusTracker\(jobs\)\.data: /, 'the refusal replaced the record');
  }],

  ["setStatus: an operator retries a failed task or ignores one, unless a live lock holds it or its status is not one it starts from", async (setup) => {
    const { t, advance, stored } = await setup({ lockExpireSeconds: 10, maxRetry: 5 });
    const RETRY = ['failed', 'ignored'];
    const state = async (taskId) => {
      const item = await stored(taskId);
      return [t.config.names.get(item.status), item.retry, item.lock];
    };
    await createTasks(t, ['flaky', 'dull', 'busy', 'fresh'], {});
    await rejection(runTask(t, 'flaky', fails('boom'), {}));
    await rejection(runTask(t, 'flaky', fails('boom'), {}));
    assert.deepEqual(await state('flaky'), ['failed', 2, '__not_locked__']);

    const retried = await setStatus(t, 'flaky', 'pending', { from: RETRY });
    assert.deepEqual([retried.statusName, retried.retry, retried.lock], ['pending', 0, null]);
    assert.deepEqual(await state('flaky'), ['pending', 0, '__not_locked__']);
    assert.equal((await stored('flaky')).errors.history.length, 2, 'the error history is kept');
    assert.equal(await runTask(t, 'flaky', () => 'ok', {}), 'ok', 'a worker takes it again');

    const ignored = await setStatus(t, 'dull', 'ignored');
    assert.equal(ignored.statusName, 'ignored');
    assert.equal((await rejection(runTask(t, 'dull', () => 'never', {}))).code, 'E_TASK_IGNORED');

    // A live lock: refused whatever the statuses; once expired, only when `from` has in progress.
    const { held } = await take(t, 'busy', t.config.ready);
    const locked = await rejection(setStatus(t, 'busy', 'ignored'));
    assert.deepEqual([locked.code, locked.task.lock], ['E_TASK_LOCKED', held.lock]);
    advance(11);
    const dead = await rejection(setStatus(t, 'busy', 'pending', { from: RETRY }));
    assert.match(dead.message, /taskId="busy"\) is inProgress, not a status to set pending from$/);
    assert.deepEqual(await state('busy'), ['inProgress', 0, held.lock], 'a refusal writes nothing');
    assert.equal((await setStatus(t, 'busy', 'pending', { from: ['inProgress'] })).statusName, 'pending');

    const before = (await stored('fresh')).toJSON();
    const notReady = await rejection(setStatus(t, 'fresh', 'pending', { from: 'failed' }));
    assert.deepEqual([notReady.code, notReady.task.statusName], ['E_TASK_NOT_READY', 'pending']);
    assert.equal((await rejection(setStatus(t, 'flaky', 'pending', { from: RETRY }))).code, 'E_TASK_ALREADY_SUCCEEDED');
    assert.equal((await rejection(setStatus(t, 'dull', 'pending', { from: 'failed' }))).code, 'E_TASK_IGNORED');
    assert.equal((await rejection(setStatus(t, 'missing', 'pending'))).code, 'E_TASK_NOT_FOUND');
    assert.deepEqual((await stored('fresh')).toJSON(), before, 'a refusal writes nothing');
    assert.equal(await stored('missing'), null, 'no task is created');
  }],

  ['create never replaces a task unless told; createMany reports the existing ones', async (setup) => {
    const { t, stored } = await setup();
    await createTask(t, 'a', { data: { n: 1 } });
    const exists = await rejection(createTask(t, 'a', { data: { n: 2 } }));
    assert.deepEqual([exists.code, exists.task.data], ['E_TASK_EXISTS', { n: 1 }]);
    const { created, existing } = await createTasks(t, ['a', 'b'], {});
    assert.deepEqual([created.map((x) => x.taskId), existing.map((x) => x.taskId)], [['b'], ['a']]);
    await createTask(t, 'a', { data: { n: 3 }, overwrite: true });
    assert.deepEqual((await stored('a')).data, { n: 3 });
  }],
];
