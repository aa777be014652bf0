// No task is left locked in progress because its outcome could not be written: whatever a body
// throws, and whatever data it sets, the final write goes out (DynamoDB Local), the task is failed
// (or ignored), unlocked, with a bounded record, and a later run takes it.
import assert from 'node:assert/strict';
import { GetItemCommand, UpdateItemCommand } from '@aws-sdk/client-dynamodb';
import { test } from 'node:test';
import { backends, uniqueName } from '../../tests/support/endpoints.mjs';
import { dynamodbError, startFaultProxy } from '../../tests/reliability/support/fault-proxy.mjs';
import { errors, StatusTracker } from '../node.mjs';
import { HISTORY_BYTES, MESSAGE_CHARS, TRACEBACK_CHARS } from './history.mjs';
import { itemBytes, MAX_ITEM_BYTES } from './item-size.mjs';

const local = () => backends().find((b) => b.name === 'dynamodb-local');

async function withTracker(options, fn) {
  const table = uniqueName('tracker-outcome');
  const tracker = new StatusTracker({ client: local().dynamodb, table, useCaseId: 'jobs', ...options });
  await tracker.createTable({ wait: true });
  const raw = async (taskId) => (await local().dynamodb.send(new GetItemCommand({
    TableName: table, Key: { key: { S: `jobs____${taskId}` } }, ConsistentRead: true,
  }))).Item;
  /** Stores `text` as the task's `data` behind the tracker's back (as a foreign writer could). */
  const storeData = (taskId, text) => local().dynamodb.send(new UpdateItemCommand({
    TableName: table, Key: { key: { S: `jobs____${taskId}` } }, UpdateExpression: 'SET #d = :d',
    ExpressionAttributeNames: { '#d': 'data' }, ExpressionAttributeValues: { ':d': { S: text } },
  }));
  try {
    await fn({ tracker, raw, table, storeData, on: (other) => new StatusTracker({ client: other, table, useCaseId: 'jobs', ...options }) });
  } finally {
    await tracker.deleteTable();
  }
}

/**
 * What `promise` rejects with (it must reject), boxed: resolving a promise with the bare value would
 * read its `then`, which a hostile value may not allow.
 */
async function rejection(promise) {
  try {
    await promise;
  } catch (error) {
    return { error };
  }
  return assert.fail('expected a rejection');
}

function getterBomb() {
  const e = new Error('x', { cause: 'c' });
  for (const key of ['stack', 'message', 'name', 'cause']) Object.defineProperty(e, key, { get() { throw new Error(key); } });
  return e;
}

const throwingProxy = () => new Proxy({}, Object.fromEntries(
  ['get', 'has', 'getPrototypeOf', 'ownKeys', 'getOwnPropertyDescriptor', 'apply', 'set', 'defineProperty'].map((trap) => [trap, () => { throw new Error(`trap ${trap}`); }]),
));

function revokedProxy() {
  const { proxy, revoke } = Proxy.revocable(new Error('revoked'), {});
  revoke();
  return proxy;
}

function cyclicCause() {
  const a = new Error('a');
  const b = new Error('b', { cause: a });
  a.cause = b;
  return a;
}

function hugeStack() {
  const e = new Error('deep');
  e.stack = `Error: deep\n${Array.from({ length: 100_000 }, (_, i) => `    at f${i} (file.mjs:${i}:1)`).join('\n')}`;
  return e;
}

function messageObject() {
  const e = new Error('x');
  Object.defineProperty(e, 'message', { value: { toString() { throw new Error('toString'); } } });
  return e;
}

const HOSTILE = [
  ['an Error whose getters all throw', getterBomb, /^Error\('\(the message could not be read\)'\)$/],
  ['an Error with a 500,000-character message', () => new Error('m'.repeat(500_000)), /^Error\('m{1000}… \[499000 more characters\]'\)$/],
  ['an Error with lone surrogates in name and message', () => Object.assign(new Error('bad \ud800 value'), { name: 'Odd\udc00Error' }), /^Odd\uFFFDError\('bad \\ud800 value'\)$/],
  ['a string', () => 'plain', /^NonError\('plain'\)$/],
  ['a number', () => 42, /^NonError\('42'\)$/],
  ['undefined', () => undefined, /^NonError\('undefined'\)$/],
  ['null', () => null, /^NonError\('null'\)$/],
  ['a Symbol', () => Symbol('sym'), /^NonError\('Symbol\(sym\)'\)$/],
  ['an object whose toJSON and toString throw', () => ({ toJSON() { throw new Error('j'); }, toString() { throw new Error('s'); } }), /^NonError\('\[object Object\]'\)$/],
  ['a Proxy that throws on any access', throwingProxy, /^NonError\('\(unprintable object\)'\)$/],
  ['a revoked Proxy', revokedProxy, /^NonError\('\(unprintable object\)'\)$/],
  ['an Error with a cyclic cause', cyclicCause, /^Error\('a'\)$/],
  ['an Error with a 100,000-frame stack', hugeStack, /^Error\('deep'\)$/],
  ['an Error whose message is an object whose toString throws', messageObject, /^Error\('\(unprintable message\)'\)$/],
];

/** The task is failed (or ignored), unlocked, its item and record bounded. */
async function assertRecorded(tracker, raw, taskId, { status = 'failed', retry = 1 } = {}) {
  const task = await tracker.get(taskId);
  assert.equal(task.statusName, status);
  assert.equal(task.lock, null);
  assert.equal(task.retry, retry);
  const stored = await raw(taskId);
  assert.ok(itemBytes(stored) <= MAX_ITEM_BYTES);
  assert.ok(stored.errors.S.length <= HISTORY_BYTES, `errors is ${stored.errors.S.length} bytes`);
  const entry = task.errors.history.at(-1);
  assert.equal(entry.nth_retry, retry);
  assert.ok(entry.traceback.length <= TRACEBACK_CHARS + 40, `traceback of ${entry.traceback.length} characters`);
  return { task, entry };
}

test('whatever a body throws, the failure is recorded, the lock released, the thrown value rethrown, and the task runs again', async () => {
  await withTracker({}, async ({ tracker, raw }) => {
    await tracker.createMany(HOSTILE.map(([title]) => title.replaceAll(' ', '-')));
    for (const [title, make, repr] of HOSTILE) {
      const taskId = title.replaceAll(' ', '-');
      const thrown = make();
      const { error: caught } = await rejection(tracker.run(taskId, () => { throw thrown; }));
      assert.ok(Object.is(caught, thrown), `${title}: the caller gets the thrown value itself`);
      const { entry } = await assertRecorded(tracker, raw, taskId);
      assert.match(entry.error, repr, title);
      assert.ok(entry.error.length <= 10 * MESSAGE_CHARS + 200, title);
      assert.equal(await tracker.run(taskId, (ctx) => { ctx.setData({ again: true }); return 'ok'; }), 'ok', title);
      assert.equal((await tracker.get(taskId)).statusName, 'succeeded', title);
    }
    const frames = (await tracker.get('an-Error-with-a-100,000-frame-stack')).errors.history[0].traceback.split('\n');
    assert.equal(frames.length, 1 + 10, 'the header and tracebackStackLimit frames');
  });
});

test("'v5': hostile bodies are recorded in 5.x's { error, traceback } too", async () => {
  await withTracker({ layout: 'v5' }, async ({ tracker }) => {
    await tracker.createMany(['proxy', 'long']);
    await rejection(tracker.run('proxy', () => { throw throwingProxy(); }));
    await rejection(tracker.run('long', () => { throw new Error('z'.repeat(500_000)); }));
    const proxy = await tracker.get('proxy');
    assert.deepEqual([proxy.statusName, proxy.lock, proxy.errors], ['failed', null, { error: "NonError('(unprintable object)')", traceback: '' }]);
    const long = await tracker.get('long');
    assert.equal(long.statusName, 'failed');
    assert.match(long.errors.error, /^Error\('z{1000}… \[499000 more characters\]'\)$/);
  });
});

test('maxRetry failures with 500,000-character messages end ignored, the history within its bound; older entries give way', async () => {
  await withTracker({ maxRetry: 3 }, async ({ tracker, raw }) => {
    await tracker.create('three');
    for (let i = 0; i < 3; i++) await rejection(tracker.run('three', () => { throw new Error('e'.repeat(500_000)); }));
    const { task } = await assertRecorded(tracker, raw, 'three', { status: 'ignored', retry: 3 });
    assert.deepEqual(task.errors.history.map((e) => e.nth_retry), [1, 2, 3]);
  });
  await withTracker({ maxRetry: 40 }, async ({ tracker, raw }) => {
    await tracker.create('many');
    for (let i = 0; i < 30; i++) await rejection(tracker.run('many', () => { throw new Error(`${i}`.padEnd(500_000, 'x')); }));
    const { task } = await assertRecorded(tracker, raw, 'many', { retry: 30 });
    const kept = task.errors.history.map((e) => e.nth_retry);
    assert.ok(kept.length < 30, `${kept.length} entries kept`);
    assert.deepEqual(kept, Array.from({ length: kept.length }, (_, i) => 31 - kept.length + i), 'the newest, in order');
    // The room docs/tracker.md promises data next to a full history: all but a few hundred bytes,
    // the oldest entries giving way.
    await tracker.run('many', (ctx) => { ctx.setData({ d: 'x'.repeat(409_300) }); });
    const done = await tracker.get('many');
    assert.deepEqual([done.statusName, done.errors], ['succeeded', { history: [] }]);
    assert.ok(itemBytes(await raw('many')) <= MAX_ITEM_BYTES);
  });
});

test('data the item cannot hold fails the task with E_ITEM_TOO_LARGE naming data, also when the body swallows it', async () => {
  await withTracker({}, async ({ tracker, raw }) => {
    const secret = 'SECRET-DATA-';
    await tracker.createMany(['half', 'swallowed', 'replaced', 'huge']);
    // A history as long as the bound allows (as a Python worker may leave it).
    const entry = (n) => ({ nth_retry: n, update_time: '2026-01-01T00:00:00+00:00', error: `ValueError('${'v'.repeat(21_500)}')`, traceback: '' });
    await new tracker.Model({ key: 'jobs____half' }).update([tracker.Model.attr.errors.set({ history: [entry(1), entry(2), entry(3)] })]);
    const tooLarge = (e) => e instanceof errors.ItemError && e.code === 'E_ITEM_TOO_LARGE' && /\.data: \d+ bytes/.test(e.message) && !e.message.includes(secret);

    // Too large even without the history (which a success would give up for its data).
    const inBody = [];
    const { error } = await rejection(tracker.run('half', (ctx) => {
      try {
        ctx.setData({ more: secret.repeat(34_200) });
      } catch (e) {
        inBody.push(e);
        throw e;
      }
    }));
    assert.ok(tooLarge(error), error.message);
    assert.equal(inBody[0], error, 'setData threw it in the body');
    const { task, entry: recorded } = await assertRecorded(tracker, raw, 'half', { retry: 1 });
    assert.match(recorded.error, /^ItemError\('.*\.data: 410412 bytes/);
    assert.deepEqual(task.data, {}, 'the stored data is unchanged');
    assert.deepEqual(task.errors.history.map((e) => e.nth_retry), [2, 3, 1], 'the oldest entry gave way to the new one');

    // Caught and ignored by the body: the run still fails with it.
    const swallowed = await rejection(tracker.run('swallowed', (ctx) => {
      try {
        ctx.setData({ big: secret.repeat(40_000) });
      } catch { /* ignored */ }
      return 'done';
    }));
    assert.ok(tooLarge(swallowed.error), swallowed.error.message);
    await assertRecorded(tracker, raw, 'swallowed');

    // A later setData that fits replaces the refusal.
    assert.equal(await tracker.run('replaced', (ctx) => {
      assert.throws(() => ctx.setData({ big: secret.repeat(40_000) }), tooLarge);
      ctx.setData({ small: true });
      return 'fine';
    }), 'fine');
    assert.deepEqual((await tracker.get('replaced')).data, { small: true });

    // work() bodies: counted failed, recorded, unlocked.
    const stats = await tracker.work({ drain: true, statuses: ['pending'], idleMs: { min: 10, max: 20 } }, (ctx) => { ctx.setData({ huge: 'h'.repeat(500_000) }); });
    assert.equal(stats.failed, 1);
    const { entry: workEntry } = await assertRecorded(tracker, raw, 'huge');
    assert.match(workEntry.error, /^ItemError\('.*\.data: 500\d\d\d bytes/);
  });
});

test('a failure on an almost full item is recorded shortened, so that the item stays within 400 KB', async () => {
  await withTracker({}, async ({ tracker, raw }) => {
    await tracker.create('full', { data: { pad: 'p'.repeat(408_000) } });
    await rejection(tracker.run('full', () => { throw new Error('f'.repeat(500_000)); }));
    const { entry } = await assertRecorded(tracker, raw, 'full');
    assert.equal(entry.traceback, '', 'shortened: no traceback');
    assert.match(entry.error, /^Error\('f{100,}/);
    assert.ok(entry.error.length <= 250);
    assert.equal(await tracker.run('full', () => 'ok'), 'ok');
  });
});

test('a failure write that cannot be sent (server errors): the run rejects with its typed error, the lock expires and another run takes the task', async () => {
  const proxy = await startFaultProxy(local().endpoint);
  try {
    await withTracker({ lockExpireSeconds: 1 }, async ({ tracker, on }) => {
      await tracker.create('net');
      const { dynamodb } = proxy.clients({ maxAttempts: 2 });
      const flaky = on(dynamodb);
      // The final writes (not the lock) carry the retry count.
      const rule = proxy.inject((op, req, body) => op === 'UpdateItem' && body.includes('"retry"'), dynamodbError('InternalServerError', 500));
      const { error } = await rejection(flaky.run('net', () => { throw new Error('body'); }));
      assert.ok(error instanceof errors.DynamoDBError && error.code === 'E_DYNAMODB_SERVICE', error.stack);
      assert.equal(rule.hits, 2, 'the SDK retried the write');
      const stuck = await tracker.get('net');
      assert.deepEqual([stuck.statusName, stuck.retry, stuck.errors.history], ['inProgress', 0, []]);
      assert.ok(stuck.lock, 'still locked until the lock expires');
      proxy.clear();
      await new Promise((resolve) => { setTimeout(resolve, 1100); });
      assert.equal(await flaky.run('net', () => 'recovered'), 'recovered');
      assert.equal((await tracker.get('net')).statusName, 'succeeded');
    });
  } finally {
    await proxy.close();
  }
});

test('a task whose stored item does not decode is failed at once (not left locked), and ends ignored', async () => {
  await withTracker({ maxRetry: 2 }, async ({ tracker, raw, storeData }) => {
    await tracker.createMany(['broken', 'worked']);
    await storeData('broken', 'not json');
    await storeData('worked', '{"bad": ');
    let ran = 0;
    const { error } = await rejection(tracker.run('broken', () => { ran += 1; }));
    assert.ok(error instanceof errors.ItemError && error.code === 'E_ITEM_STORED', error.stack);
    assert.equal(ran, 0, 'the body never ran');
    const stored = await raw('broken');
    assert.deepEqual([stored.status.N, stored.lock.S, stored.retry.N], ['30', '__not_locked__', '1']);
    assert.match(JSON.parse(stored.errors.S).history[0].error, /^ItemError\('.*data: stored text is not JSON/);
    await rejection(tracker.run('broken', () => { ran += 1; }));
    assert.deepEqual([(await raw('broken')).status.N, (await raw('broken')).lock.S], ['50', '__not_locked__'], 'ignored after maxRetry');

    const stats = await tracker.work({ drain: true, idleMs: { min: 10, max: 20 } }, () => { ran += 1; });
    assert.deepEqual([stats.failed, stats.ignored, ran], [1, 1, 0]);
    assert.deepEqual([(await raw('worked')).status.N, (await raw('worked')).lock.S], ['50', '__not_locked__']);
  });
});
