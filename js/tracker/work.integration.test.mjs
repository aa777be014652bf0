// The pull loop (`work`) and TTL on finished tasks, against DynamoDB Local and moto.
import assert from 'node:assert/strict';
import { DescribeTimeToLiveCommand, DynamoDBClient, GetItemCommand } from '@aws-sdk/client-dynamodb';
import { eachBackend, REGION, uniqueName } from '../../tests/support/endpoints.mjs';
import { StatusTracker } from '../node.mjs';

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

async function withTracker(backend, options, fn) {
  const tracker = new StatusTracker({ client: backend.dynamodb, table: uniqueName('tracker-work'), useCaseId: 'jobs', ...options });
  await tracker.createTable({ wait: true });
  try {
    await fn(tracker);
  } finally {
    await tracker.deleteTable();
  }
}

const STATUSES = ['pending', 'inProgress', 'failed', 'succeeded', 'ignored'];

async function census(tracker) {
  const counts = {};
  for (const s of STATUSES) counts[s] = await tracker.countByStatus(s);
  return counts;
}

eachBackend('tracker.work drains every shard with bounded concurrency, retrying failures up to maxRetry', async (backend) => {
  await withTracker(backend, { shards: { pending: 3, failed: 2 } }, async (tracker) => {
    const ids = Array.from({ length: 30 }, (_, i) => `t${i}`);
    await tracker.createMany(ids);
    const attempts = new Map();
    let running = 0;
    let peak = 0;
    const stats = await tracker.work({ concurrency: 4, drain: true, idleMs: { min: 20, max: 100 } }, async (ctx) => {
      running += 1;
      peak = Math.max(peak, running);
      const n = (attempts.get(ctx.taskId) ?? 0) + 1;
      attempts.set(ctx.taskId, n);
      await sleep(5);
      running -= 1;
      const i = Number(ctx.taskId.slice(1));
      if (i % 7 === 0) throw new Error('always fails');
      if (i % 5 === 0 && n === 1) throw new Error('fails once');
      ctx.setData({ attempts: n });
    });
    const alwaysFail = ids.filter((id) => Number(id.slice(1)) % 7 === 0); // t0 t7 t14 t21 t28
    const failOnce = ids.filter((id) => Number(id.slice(1)) % 5 === 0 && Number(id.slice(1)) % 7 !== 0);
    const { skipped, ...outcomes } = stats; // skips happen when the index lags behind a write
    assert.ok(skipped >= 0);
    assert.deepEqual(outcomes, { succeeded: ids.length - alwaysFail.length, ignored: alwaysFail.length, failed: alwaysFail.length * 2 + failOnce.length, lost: 0 });
    assert.ok(peak > 1 && peak <= 4, `peak concurrency ${peak}`);
    assert.deepEqual(await census(tracker), { pending: 0, inProgress: 0, failed: 0, succeeded: 25, ignored: 5 });
    for (const id of alwaysFail) assert.equal(attempts.get(id), 3);
    assert.deepEqual((await tracker.get(failOnce[0])).data, { attempts: 2 });
  });
});

eachBackend('tracker.work stops gracefully on abort and backs off while idle', async (backend) => {
  const client = new DynamoDBClient({ region: REGION, endpoint: backend.endpoint, credentials: { accessKeyId: 'test', secretAccessKey: 'test' } });
  let queries = 0;
  client.middlewareStack.add((next, context) => (args) => {
    if (context.commandName === 'QueryCommand') queries += 1;
    return next(args);
  }, { step: 'initialize' });
  try {
    await withTracker({ ...backend, dynamodb: client }, {}, async (tracker) => {
      // Idle: an empty table is polled with growing pauses (each poll: pending, failed, in progress).
      const idle = new AbortController();
      const idleWork = tracker.work({ stopSignal: idle.signal, idleMs: { min: 50, max: 400 } }, () => assert.fail('no task'));
      await sleep(1500);
      idle.abort();
      assert.deepEqual(await idleWork, { succeeded: 0, failed: 0, ignored: 0, lost: 0, skipped: 0 });
      assert.ok(queries >= 9 && queries <= 30, `${queries} queries in 1.5 s`);

      // Abort while two bodies run: they finish and are recorded; nothing else is claimed.
      await tracker.createMany(['a', 'b', 'c', 'd', 'e', 'f']);
      const stop = new AbortController();
      const started = [];
      const busy = tracker.work({ concurrency: 2, stopSignal: stop.signal }, async (ctx) => {
        started.push(ctx.taskId);
        if (started.length === 2) stop.abort();
        await sleep(300);
      });
      const stats = await busy;
      assert.equal(started.length, 2);
      assert.equal(stats.succeeded, 2);
      assert.deepEqual(await census(tracker), { pending: 4, inProgress: 0, failed: 0, succeeded: 2, ignored: 0 });
      for (const id of started) assert.equal((await tracker.get(id)).statusName, 'succeeded');
    });
  } finally {
    client.destroy();
  }
});

eachBackend('tracker ttl: finished tasks get an expiry, unfinished ones none; createTable enables TTL', async (backend) => {
  await withTracker(backend, { maxRetry: 2, ttl: { succeeded: 3600, ignored: 60 } }, async (tracker) => {
    const ttl = await backend.dynamodb.send(new DescribeTimeToLiveCommand({ TableName: tracker.Model.tableName }));
    assert.deepEqual([ttl.TimeToLiveDescription.TimeToLiveStatus, ttl.TimeToLiveDescription.AttributeName], ['ENABLED', 'expire_at']);
    await tracker.createMany(['ok', 'bad']);
    const now = Date.now() / 1000;
    await tracker.run('ok', () => {});
    const raw = async (id) => (await backend.dynamodb.send(new GetItemCommand({ TableName: tracker.Model.tableName, Key: { key: { S: `jobs____${id}` } } }))).Item;
    const ok = Number((await raw('ok')).expire_at.N);
    assert.ok(Math.abs(ok - (now + 3600)) < 30, `expire_at ${ok}`);
    await assert.rejects(tracker.run('bad', () => { throw new Error('x'); }));
    assert.equal((await raw('bad')).expire_at, undefined, 'a failed task may still run: no expiry');
    await assert.rejects(tracker.run('bad', () => { throw new Error('x'); }));
    const bad = await tracker.get('bad');
    assert.equal(bad.statusName, 'ignored');
    assert.ok(Math.abs(bad.expireAt.getTime() / 1000 - (now + 60)) < 30);
  });
});

// The drain's "nothing left anywhere" check is several index queries, not one atomic read: these
// tests reproduce, deterministically, a task changing status between two of them (a wrapped client
// holds chosen queries back until another write has happened), which once ended a drain early.
function drainHarness(backend, tracker) {
  const client = new DynamoDBClient({ region: REGION, endpoint: backend.endpoint, credentials: { accessKeyId: 'test', secretAccessKey: 'test' } });
  const codes = tracker.statuses;
  const hooks = { query: async () => {}, update: async () => {} };
  const queries = { inProgress: 0, ready: 0 };
  client.middlewareStack.add((next, context) => async (args) => {
    if (context.commandName === 'QueryCommand') {
      const value = Object.values(args.input.ExpressionAttributeValues ?? {}).map((v) => v.S).find((s) => s?.startsWith('jobs____'));
      const kind = Number(value.split('____')[1]) === codes.inProgress ? 'inProgress' : 'ready';
      queries[kind] += 1;
      await hooks.query(kind, queries[kind]);
    }
    const out = await next(args);
    if (context.commandName === 'UpdateItemCommand') await hooks.update();
    return out;
  }, { step: 'initialize' });
  const worker = new StatusTracker({ client, table: tracker.Model.tableName, useCaseId: 'jobs', maxRetry: 3 });
  return { client, hooks, queries, worker };
}

const deferred = () => {
  let resolve;
  const promise = new Promise((r) => { resolve = r; });
  return { promise, resolve };
};

const fails = () => { throw new Error('always fails'); };
const drainOpts = { drain: true, idleMs: { min: 20, max: 50 } };

eachBackend('tracker.work drain: an own body finishing during the check is not missed', async (backend) => {
  await withTracker(backend, { maxRetry: 3 }, async (tracker) => {
    const { client, hooks, worker } = drainHarness(backend, tracker);
    try {
      await tracker.createMany(['x']);
      // While a body runs, every in-progress query waits for its final write: the old check (ready
      // statuses first) found x in neither, and its worker gone, and stopped after one attempt.
      let written = null;
      hooks.query = async (kind) => { if (kind === 'inProgress' && written) await written.promise; };
      hooks.update = async () => { if (written?.armed) written.resolve(); };
      const stats = await worker.work({ ...drainOpts, concurrency: 2 }, async () => {
        written = deferred();
        await sleep(5);
        written.armed = true; // the next update is this body's final write
        fails();
      });
      assert.deepEqual(stats, { succeeded: 0, failed: 2, ignored: 1, lost: 0, skipped: stats.skipped });
      assert.equal((await tracker.get('x')).statusName, 'ignored');
    } finally {
      client.destroy();
    }
  });
});

eachBackend('tracker.work drain: a task another worker finishes or claims between the queries is not missed', async (backend) => {
  await withTracker(backend, { maxRetry: 3 }, async (tracker) => {
    // Another worker finishes x (in progress -> failed) between two queries of the check.
    {
      const { client, hooks, worker } = drainHarness(backend, tracker);
      try {
        await tracker.createMany(['x']);
        const gate = deferred();
        const started = deferred();
        const other = tracker.run('x', async () => { started.resolve(); await gate.promise; fails(); }).catch(() => {});
        await started.promise;
        let armed = true;
        hooks.query = async (kind) => {
          if (kind === 'inProgress' && armed) {
            armed = false;
            gate.resolve();
            await other;
          }
        };
        const stats = await worker.work({ ...drainOpts }, fails);
        assert.deepEqual(stats, { succeeded: 0, failed: 1, ignored: 1, lost: 0, skipped: stats.skipped });
        assert.equal((await tracker.get('x')).statusName, 'ignored');
      } finally {
        client.destroy();
      }
    }
    // Another worker claims y (pending -> in progress) between two queries, then fails it while the
    // next check runs: a single empty pass is not enough to conclude.
    {
      const { client, hooks, worker } = drainHarness(backend, tracker);
      try {
        await tracker.createMany(['y']);
        const gate = deferred();
        let other;
        hooks.query = async (kind, n) => {
          if (kind === 'ready' && n === 1) {
            const started = deferred();
            other = tracker.run('y', async () => { started.resolve(); await gate.promise; fails(); }).catch(() => {});
            await started.promise;
          } else if (kind === 'inProgress' && other && n === 2) {
            gate.resolve();
            await other;
          }
        };
        const stats = await worker.work({ ...drainOpts }, fails);
        assert.deepEqual(stats, { succeeded: 0, failed: 1, ignored: 1, lost: 0, skipped: stats.skipped });
        assert.equal((await tracker.get('y')).statusName, 'ignored');
      } finally {
        client.destroy();
      }
    }
  });
});
