// Beyond pynamodb_mate, against DynamoDB Local and moto: an expired in-progress lock is taken over
// (crash recovery), the fencing token refuses the stale worker's side effects and final write, and
// the heartbeat keeps a long body's lock (or reports its loss through ctx.signal).
import assert from 'node:assert/strict';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { eachBackend, REGION, uniqueName } from '../../tests/support/endpoints.mjs';
import { attr, cond, defineModel, errors, StatusTracker } from '../node.mjs';

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

function gate() {
  let open;
  const opened = new Promise((r) => { open = r; });
  return { opened, open };
}

async function withTable(backend, fn) {
  const table = uniqueName('tracker-locks');
  const tracker = (options) => new StatusTracker({ client: backend.dynamodb, table, useCaseId: 'jobs', ...options });
  const first = tracker({});
  await first.createTable({ wait: true });
  try {
    await fn(tracker);
  } finally {
    await first.deleteTable();
  }
}

eachBackend('tracker: a crashed worker\'s expired lock is taken over; its fence is stale, so its writes are refused', async (backend) => {
  // Results written elsewhere, guarded by the fencing token: only a newer holder may overwrite.
  const Result = defineModel({
    table: uniqueName('tracker-results'),
    client: backend.dynamodb,
    attributes: { taskId: attr.string({ hashKey: true }), fence: attr.number({ integer: true }), by: attr.string() },
  });
  await Result.createTable({ wait: true });
  const store = (ctx, by) => Result.create({ taskId: ctx.taskId, fence: ctx.fence, by })
    .save({ condition: cond.or(Result.attr.fence.notExists(), Result.attr.fence.lt(ctx.fence)) });
  try {
    await withTable(backend, async (tracker) => {
      const stale = tracker({ lockExpireSeconds: 1, heartbeatSeconds: 0 }); // a worker that stops beating
      const fresh = tracker({ lockExpireSeconds: 1 });
      await fresh.create('job');

      const hung = gate();
      const started = gate();
      const staleRun = stale.run('job', async (ctx) => {
        assert.equal(ctx.fence, 1);
        started.open();
        await hung.opened; // "crashed" until the lock expired and was taken over
        await assert.rejects(store(ctx, 'stale'), { name: 'ConditionFailedError', code: 'E_DYNAMODB_CONDITION' });
        ctx.setData({ by: 'stale' });
        return 'stale';
      });
      await started.opened;
      await assert.rejects(fresh.run('job', () => {}), errors.TaskLocked);

      await sleep(1200);
      const out = await fresh.run('job', async (ctx) => {
        assert.equal(ctx.fence, 2, 'the fence grew with the takeover');
        assert.equal(ctx.task.statusName, 'inProgress');
        await store(ctx, 'fresh');
        ctx.setData({ by: 'fresh' });
        return 'fresh';
      });
      assert.equal(out, 'fresh');

      hung.open();
      const lost = await staleRun.catch((e) => e);
      assert.ok(lost instanceof errors.LockLost, String(lost));
      assert.equal(lost.task.statusName, 'succeeded');
      const task = await fresh.get('job');
      assert.deepEqual([task.statusName, task.data, task.fence, task.retry, task.lock], ['succeeded', { by: 'fresh' }, 2, 0, null]);
      assert.deepEqual((await Result.get('job', { consistentRead: true })).by, 'fresh');

      // Recovery can be turned off: then an expired in-progress task is not ready, unless a run asks for it.
      const strict = tracker({ lockExpireSeconds: 1, recoverExpired: false });
      await strict.create('job-2');
      const hung2 = gate();
      const started2 = gate();
      const crashed = stale.run('job-2', async () => { started2.open(); await hung2.opened; });
      await started2.opened;
      await sleep(1200);
      const notReady = await strict.run('job-2', () => {}).catch((e) => e);
      assert.ok(notReady instanceof errors.TaskNotReady, String(notReady));
      assert.equal(notReady.task.statusName, 'inProgress');
      assert.equal(await strict.run('job-2', () => 'taken', { statuses: ['pending', 'failed', 'inProgress'] }), 'taken');
      hung2.open();
      await assert.rejects(crashed, errors.LockLost);
    });
  } finally {
    await Result.deleteTable();
  }
});

eachBackend('tracker: the heartbeat keeps a long body\'s lock, and aborts ctx.signal when the lock is lost', async (backend) => {
  await withTable(backend, async (tracker) => {
    const worker = tracker({ lockExpireSeconds: 0.6, heartbeatSeconds: 0.15 });
    const rival = tracker({ lockExpireSeconds: 0.6 });
    await worker.create('long');
    let refusals = 0;
    let firstLockTime;
    const out = await worker.run('long', async (ctx) => {
      firstLockTime = ctx.task.lockTime.epochMicros;
      const until = Date.now() + 1600; // well past the 0.6 s expiry
      while (Date.now() < until) {
        await assert.rejects(rival.run('long', () => assert.fail('the rival must not run')), errors.TaskLocked);
        refusals += 1;
        await sleep(150);
      }
      assert.equal(ctx.signal.aborted, false);
      return 'kept';
    });
    assert.equal(out, 'kept');
    assert.ok(refusals >= 6, `${refusals} refusals`);
    const task = await worker.get('long');
    assert.ok(task.lockTime.epochMicros - firstLockTime > 1_000_000n, 'lock_time moved with the beats');
    assert.deepEqual([task.statusName, task.fence], ['succeeded', 1]);

    // The task is replaced while it runs: the next beat finds the lock gone and aborts the signal.
    await worker.create('replaced');
    const lost = await worker.run('replaced', async (ctx) => {
      await worker.create('replaced', { overwrite: true });
      const reason = await new Promise((resolve) => ctx.signal.addEventListener('abort', () => resolve(ctx.signal.reason)));
      assert.ok(reason instanceof errors.LockLost);
      await assert.rejects(ctx.heartbeat(), errors.LockLost);
      return 'ignored result';
    }).catch((e) => e);
    assert.ok(lost instanceof errors.LockLost);
    assert.equal((await worker.get('replaced')).statusName, 'pending', 'the replacement is untouched');
  });
});

eachBackend('tracker: a lock whose response came back after its expiry is renewed before the body runs, or given up when taken over', async (backend) => {
  // lock_time is taken when the lock request is made, so a response delayed past the expiry (an
  // overloaded server, SDK retries) brings a lease another worker may already have taken over: the
  // late worker must not start its body next to the new holder's (a mixed-fleet run on a loaded
  // moto once showed exactly that overlap).
  const client = new DynamoDBClient({ region: REGION, endpoint: backend.endpoint, credentials: { accessKeyId: 'test', secretAccessKey: 'test' } });
  let hold = null; // while set, UpdateItem responses wait for it
  client.middlewareStack.add((next, context) => async (args) => {
    const out = await next(args);
    if (context.commandName === 'UpdateItemCommand' && hold) await hold;
    return out;
  }, { step: 'initialize' });
  try {
    await withTable(backend, async (tracker) => {
      const options = { lockExpireSeconds: 1, heartbeatSeconds: 0.25 };
      const fast = tracker(options);
      const late = new StatusTracker({ client, table: fast.Model.tableName, useCaseId: 'jobs', ...options });
      await fast.createMany(['taken', 'kept']);

      // Taken over while the late response was on its way: LockLost, and the body never ran.
      const release = gate();
      hold = release.opened;
      let lateRan = false;
      const lateRun = late.run('taken', () => { lateRan = true; });
      await sleep(1300); // the late worker's lock is written and has expired
      const newer = gate();
      const fastRun = fast.run('taken', async (ctx) => {
        assert.equal(ctx.fence, 2);
        newer.open();
        await sleep(300);
      });
      await newer.opened;
      hold = null;
      release.open();
      await assert.rejects(lateRun, (e) => e instanceof errors.LockLost && e.code === 'E_LOCK_LOST');
      await fastRun;
      assert.equal(lateRan, false, 'the late worker ran its body on an expired lease');
      const taken = await fast.get('taken');
      assert.deepEqual([taken.statusName, taken.fence, taken.lock], ['succeeded', 2, null]);

      // Late, but nobody took it: the lease is renewed (lock_time moves forward) and the body runs.
      const again = gate();
      hold = again.opened;
      const keptRun = late.run('kept', async (ctx) => {
        const now = await fast.get('kept');
        assert.ok(Date.now() - now.lockTime.getTime() < 500, 'the lease was renewed before the body ran');
        return ctx.fence;
      });
      await sleep(700);
      hold = null;
      again.open();
      assert.equal(await keptRun, 1);
      assert.equal((await fast.get('kept')).statusName, 'succeeded');
    });
  } finally {
    client.destroy();
  }
});
