// One task table shared by the real pynamodb_mate status tracker (Python, tests/interop/status_tracker.py)
// and StatusTracker: each creates, runs, fails and queries the other's tasks, and sees its data,
// errors and locks. 6.0.1.1 with layout 'v6', 5.3.4.4 with layout 'v5'; against moto (DynamoDB Local
// for items over moto's size limit).
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { test } from 'node:test';
import { promisify } from 'node:util';
import { backends, uniqueName } from '../support/endpoints.mjs';
import { errors, StatusTracker } from '../../js/node.mjs';

const root = new URL('../../', import.meta.url).pathname;
const VENV = { v6: '.venv-pm6', v5: '.venv-pm5' };

/** Runs `ops` in one Python process; resolves to one result per op. */
async function python(layout, spec, endpoint) {
  const child = promisify(execFile)(`${root}${VENV[layout]}/bin/python`, [`${root}tests/interop/status_tracker.py`, layout], {
    env: { ...process.env, ENDPOINT: endpoint }, encoding: 'utf8', timeout: 120_000,
  });
  child.child.stdin.end(JSON.stringify(spec));
  try {
    return JSON.parse((await child).stdout);
  } catch (error) {
    throw new Error(`status_tracker.py failed:\n${error.stdout ?? ''}${error.stderr ?? ''}${error.message}`);
  }
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/** Waits until `taskId` is locked (by anyone). */
async function lockedBy(tracker, taskId) {
  for (let i = 0; i < 100; i++) {
    const task = await tracker.get(taskId);
    if (task.lock) return task.lock;
    await sleep(50);
  }
  throw new Error(`${taskId} was never locked`);
}

test("pynamodb_mate 6.0.1.1 and StatusTracker 'v6' share a table [moto]", { timeout: 120_000 }, async () => {
  const moto = backends().find((b) => b.name === 'moto');
  const table = uniqueName('interop-tracker6');
  const shards = { pending: 3 };
  const spec = { table, use_case_id: 'crawler', shards };
  const py = (ops) => python('v6', { ...spec, ops }, moto.endpoint);
  const tracker = new StatusTracker({ client: moto.dynamodb, table, useCaseId: 'crawler', shards });
  try {
    // Python makes the table and its tasks; Node runs them.
    assert.deepEqual(await py([
      { op: 'create_table' },
      { op: 'create', task: 'p-1', data: { from: 'python', n: 1.5 } },
      { op: 'create', task: 'p-2' },
    ]), ['ok', 'ok', 'ok']);
    await tracker.createTable({ wait: true }); // a no-op on Python's table
    assert.deepEqual((await tracker.get('p-1')).data, { from: 'python', n: 1.5 });
    assert.equal(await tracker.run('p-1', (ctx) => { ctx.setData({ ...ctx.task.data, by: 'node é' }); return 'done'; }), 'done');
    await assert.rejects(tracker.run('p-2', () => { throw new RangeError('node boom'); }), RangeError);

    // Node makes tasks; Python runs them; a Python failure and a Node failure share one history.
    await tracker.createMany([{ taskId: 'n-1', data: { from: 'node' } }, 'n-2', 'n-3', 'n-4']);
    const [p1, p2Failed, , n1Run, n2Fail, n1, n2] = await py([
      { op: 'get', task: 'p-1' },
      { op: 'get', task: 'p-2' },
      { op: 'run', task: 'p-2', fail: 'python boom' },
      { op: 'run', task: 'n-1', data: { from: 'node', by: 'python' } },
      { op: 'run', task: 'n-2', fail: 'python boom on n-2' },
      { op: 'get', task: 'n-1' },
      { op: 'get', task: 'n-2' },
    ]);
    assert.deepEqual([p1.status, p1.data, p1.retry, p1.lock], [40, { from: 'python', n: 1.5, by: 'node é' }, 0, '__not_locked__']);
    assert.deepEqual([p2Failed.status, p2Failed.retry], [30, 1]);
    assert.equal(p2Failed.errors.history[0].error, "RangeError('node boom')");
    assert.deepEqual([n1Run, n2Fail], ['ok', "ValueError('python boom on n-2')"]);
    assert.deepEqual([n1.status, n1.data], [40, { from: 'node', by: 'python' }]);
    assert.deepEqual([n2.status, n2.retry, n2.errors.history.length], [30, 1, 1]);

    const p2 = await tracker.get('p-2');
    assert.equal(p2.retry, 2);
    assert.deepEqual(p2.errors.history.map((e) => [e.nth_retry, e.error]), [[1, "RangeError('node boom')"], [2, "ValueError('python boom')"]]);
    assert.match(p2.errors.history[1].traceback, /^Traceback \(most recent call last\):\n/);
    await assert.rejects(tracker.run('p-2', () => { throw new Error('third'); }));
    assert.equal((await tracker.get('p-2')).statusName, 'ignored', 'the third failure, counted across languages');
    assert.equal((await tracker.get('n-1')).statusName, 'succeeded');
    assert.equal(await tracker.run('n-2', () => 'recovered'), 'recovered');

    // Locks: each side refuses a task the other holds.
    const pythonHolds = py([{ op: 'run', task: 'n-3', sleep: 2 }]);
    const pythonLock = await lockedBy(tracker, 'n-3');
    const locked = await tracker.run('n-3', () => {}).catch((e) => e);
    assert.ok(locked instanceof errors.TaskLocked, String(locked));
    assert.equal(locked.task.lock, pythonLock);
    assert.deepEqual(await pythonHolds, ['ok']);

    let release;
    const nodeHolds = tracker.run('n-4', () => new Promise((r) => { release = r; }));
    const nodeLock = await lockedBy(tracker, 'n-4');
    const [refused, seen] = await py([{ op: 'run', task: 'n-4' }, { op: 'get', task: 'n-4' }]);
    assert.match(refused, /^TaskLockedError\(/);
    assert.deepEqual([seen.lock, seen.status], [nodeLock, 20]);
    release();
    await nodeHolds;

    // Queries agree on both sides (all shards).
    const [pySucceeded, pyIgnored, pyUnfinished] = await py([{ op: 'query', status: [40] }, { op: 'query', status: [50] }, { op: 'unfinished' }]);
    const ids = async (iterable) => {
      const out = [];
      for await (const t of iterable) out.push(t.key);
      return out.sort();
    };
    assert.deepEqual(await ids(tracker.queryByStatus('succeeded')), pySucceeded);
    assert.deepEqual(pySucceeded, ['crawler____n-1', 'crawler____n-2', 'crawler____n-3', 'crawler____n-4', 'crawler____p-1']);
    assert.deepEqual(await ids(tracker.queryByStatus('ignored')), pyIgnored);
    assert.deepEqual(await ids(tracker.queryUnfinished()), pyUnfinished);
    assert.deepEqual(pyUnfinished, []);
  } finally {
    await tracker.deleteTable();
  }
});

test("pynamodb_mate 5.3.4.4 and StatusTracker 'v5' share a table [moto]", { timeout: 120_000 }, async () => {
  const moto = backends().find((b) => b.name === 'moto');
  const table = uniqueName('interop-tracker5');
  const py = (ops) => python('v5', { table, use_case_id: 'my-job', ops }, moto.endpoint);
  const tracker = new StatusTracker({ client: moto.dynamodb, table, useCaseId: 'my-job', layout: 'v5' });
  try {
    assert.deepEqual(await py([{ op: 'create_table' }, { op: 'create', task: 'p-1', data: { from: 'python' } }, { op: 'create', task: 'p-2' }]), ['ok', 'ok', 'ok']);
    await tracker.run('p-1', (ctx) => { ctx.setData({ ...ctx.task.data, by: 'node' }); });
    await assert.rejects(tracker.run('p-2', () => { throw new Error('node boom'); }));
    await tracker.createMany(['n-1', 'n-2']);

    const [p1, p2, n1Run, n2Run, n1, n2, succeeded] = await py([
      { op: 'get', task: 'p-1' },
      { op: 'get', task: 'p-2' },
      { op: 'run', task: 'n-1', data: { by: 'python' } },
      { op: 'run', task: 'n-2', fail: 'python boom' },
      { op: 'get', task: 'n-1' },
      { op: 'get', task: 'n-2' },
      { op: 'query', status: [9] },
    ]);
    assert.deepEqual([p1.status, p1.data, p1.lock], [9, { from: 'python', by: 'node' }, null]);
    assert.deepEqual([p2.status, p2.retry, p2.errors.error], [6, 1, "Error('node boom')"]);
    assert.deepEqual([n1Run, n2Run], ['ok', "ValueError('python boom')"]);
    assert.deepEqual([n1.status, n1.data], [9, { by: 'python' }]);
    assert.deepEqual([n2.status, n2.retry], [6, 1]);
    assert.deepEqual(succeeded, ['my-job____n-1', 'my-job____p-1']);

    const n2Node = await tracker.get('n-2');
    assert.deepEqual([n2Node.statusName, n2Node.retry, n2Node.errors.error, n2Node.lock], ['failed', 1, "ValueError('python boom')", null]);
    await tracker.run('n-2', () => {});
    const ids = [];
    for await (const t of tracker.queryByStatus('succeeded')) ids.push(t.taskId);
    assert.deepEqual(ids, ['n-1', 'n-2', 'p-1']);
  } finally {
    await tracker.deleteTable();
  }
});

test("pynamodb_mate 6.0.1.1 reads and extends the bounded record of a hostile Node failure [moto]", { timeout: 120_000 }, async () => {
  const moto = backends().find((b) => b.name === 'moto');
  const table = uniqueName('interop-tracker-hostile');
  const py = (ops) => python('v6', { table, use_case_id: 'crawler', ops }, moto.endpoint);
  const tracker = new StatusTracker({ client: moto.dynamodb, table, useCaseId: 'crawler' });
  try {
    await tracker.createTable({ wait: true });
    await tracker.create('h-1');
    const hostile = Object.assign(new Error(`lone \ud800 ${'m'.repeat(500_000)}`), { name: 'Odd\udc00Error' });
    await assert.rejects(tracker.run('h-1', () => { throw hostile; }), (e) => e === hostile);
    const [seen, failed] = await py([{ op: 'get', task: 'h-1' }, { op: 'run', task: 'h-1', fail: 'python after node' }]);
    assert.deepEqual([seen.status, seen.retry, seen.lock], [30, 1, '__not_locked__']);
    assert.match(seen.errors.history[0].error, /^Odd\uFFFDError\('lone \\ud800 m{993}… \[499007 more characters\]'\)$/);
    assert.equal(failed, "ValueError('python after node')");
    const task = await tracker.get('h-1');
    assert.deepEqual(task.errors.history.map((e) => e.nth_retry), [1, 2]);
    assert.equal(task.errors.history[0].error, seen.errors.history[0].error);
  } finally {
    await tracker.deleteTable();
  }
});

// DynamoDB Local: the items here are over moto's 405,000 bytes (FEATURES.itemSizeLimit).
test('a success that gave old error records up for its data leaves errors pynamodb_mate 6.0.1.1 and 5.3.4.4 read and extend [dynamodb-local]', { timeout: 120_000 }, async () => {
  const local = backends().find((b) => b.name === 'dynamodb-local');
  for (const layout of ['v6', 'v5']) {
    const table = uniqueName(`interop-tracker-trim-${layout}`);
    const py = (ops) => python(layout, { table, use_case_id: 'crawler', ops }, local.endpoint);
    const tracker = new StatusTracker({ client: local.dynamodb, table, useCaseId: 'crawler', layout, maxRetry: 10 });
    try {
      await tracker.createTable({ wait: true });
      await tracker.create('t-1');
      // Records of 8 KB (5.x: the last one, 16 KB with its traceback), as Python workers may leave them.
      const entry = (n) => ({ nth_retry: n, update_time: '2026-01-01T00:00:00+00:00', error: `ValueError('${String(n).repeat(8_000)}')`, traceback: '' });
      const record = layout === 'v6' ? { history: [entry(1), entry(2)] } : { error: entry(2).error, traceback: 't'.repeat(8_000) };
      await new tracker.Model({ key: 'crawler____t-1' }).update([tracker.Model.attr.errors.set(record)]);
      // The data leaves room for one record only.
      await tracker.run('t-1', (ctx) => { ctx.setData({ d: 'x'.repeat(400_000) }); });
      const trimmed = (await tracker.get('t-1')).errors;
      if (layout === 'v6') assert.deepEqual(trimmed.history.map((e) => e.nth_retry), [2], 'the oldest entry gave way');
      else assert.deepEqual(trimmed, {}, "5.x's last failure gave way");

      await tracker.setStatus('t-1', 'pending', { from: 'succeeded' });
      const [seen, failed, after] = await py([{ op: 'get', task: 't-1' }, { op: 'run', task: 't-1', fail: 'python after trim' }, { op: 'get', task: 't-1' }]);
      assert.deepEqual([seen.errors, seen.data.d.length], [trimmed, 400_000]);
      assert.equal(failed, "ValueError('python after trim')");
      if (layout === 'v6') assert.deepEqual(after.errors.history.map((e) => [e.nth_retry, e.error.slice(0, 13)]), [[2, "ValueError('2"], [1, "ValueError('p"]]);
      else assert.equal(after.errors.error, "ValueError('python after trim')");
    } finally {
      await tracker.deleteTable();
    }
  }
});
