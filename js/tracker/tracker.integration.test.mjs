// The status tracker against DynamoDB Local and moto: the exact items and requests of pynamodb_mate
// 6.0.1.1 ('v6') and 5.3.4.4 ('v5'), typed refusals from one request, queries, bad input.
import assert from 'node:assert/strict';
import { DynamoDBClient, GetItemCommand } from '@aws-sdk/client-dynamodb';
import { eachBackend, REGION, uniqueName } from '../../tests/support/endpoints.mjs';
import { errors, StatusTracker } from '../node.mjs';

const DATETIME = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}\+0000$/;
const LOCK = /^[0-9a-f]{32}$/;

/** A client of the backend that records every command it sends (name and input). */
function recordingClient(backend) {
  const client = new DynamoDBClient({ region: REGION, endpoint: backend.endpoint, credentials: { accessKeyId: 'test', secretAccessKey: 'test' }, maxAttempts: 3 });
  const sent = [];
  client.middlewareStack.add((next, context) => (args) => {
    sent.push({ op: context.commandName.replace(/Command$/, ''), input: args.input });
    return next(args);
  }, { step: 'initialize' });
  return { client, sent };
}

async function rawItem(client, table, key) {
  const out = await client.send(new GetItemCommand({ TableName: table, Key: { key: { S: key } }, ConsistentRead: true }));
  return out.Item;
}

/** Runs `fn` against a fresh tracker table; `options` go to the tracker. */
async function withTracker(backend, options, fn) {
  const { client, sent } = recordingClient(backend);
  const table = uniqueName('tracker');
  const tracker = new StatusTracker({ client, table, useCaseId: 'my-use-case', ...options });
  await tracker.createTable({ wait: true });
  try {
    await fn({ tracker, client, sent, table, raw: (taskId) => rawItem(client, table, `${tracker.useCaseId}____${taskId}`) });
  } finally {
    await tracker.deleteTable();
    client.destroy();
  }
}

/** Asserts that `promise` rejects with the tracker error `code`, after exactly one request. */
async function refusedInOneRequest(sent, promise, code) {
  const before = sent.length;
  const error = await promise.then(() => assert.fail(`expected ${code}`), (e) => e);
  assert.equal(error.code, code, error.stack);
  assert.ok(error instanceof errors.TaskError);
  assert.deepEqual(sent.slice(before).map((r) => r.op), ['UpdateItem'], 'classified from ALL_OLD, no second read');
  return error;
}

function deferred() {
  let resolve;
  const promise = new Promise((r) => { resolve = r; });
  return { promise, resolve };
}

eachBackend("tracker 'v6': pynamodb_mate 6.0.1.1's items, one conditional lock request, typed refusals", async (backend) => {
  await withTracker(backend, {}, async ({ tracker, sent, table, raw }) => {
    const description = await tracker.Model.describeTable();
    const [gsi] = description.GlobalSecondaryIndexes;
    assert.equal(gsi.IndexName, 'status_and_update_time-index');
    assert.deepEqual(gsi.KeySchema, [{ AttributeName: 'value', KeyType: 'HASH' }, { AttributeName: 'update_time', KeyType: 'RANGE' }]);
    assert.deepEqual(gsi.Projection, { ProjectionType: 'INCLUDE', NonKeyAttributes: ['create_time'] });
    assert.equal(description.TableName, table);

    // make_and_save
    const created = await tracker.create('t-1', { data: { k: 'v' } });
    assert.equal(created.statusName, 'pending');
    const fresh = await raw('t-1');
    assert.deepEqual(Object.keys(fresh).sort(), ['create_time', 'data', 'errors', 'key', 'lock', 'lock_time', 'retry', 'status', 'update_time', 'value']);
    assert.deepEqual(
      { key: fresh.key, data: fresh.data, errors: fresh.errors, lock: fresh.lock, lock_time: fresh.lock_time, retry: fresh.retry, status: fresh.status, value: fresh.value },
      {
        key: { S: 'my-use-case____t-1' }, data: { S: '{"k": "v"}' }, errors: { S: '{"history": []}' }, lock: { S: '__not_locked__' },
        lock_time: { S: '1970-01-01T00:00:00.000000+0000' }, retry: { N: '0' }, status: { N: '10' }, value: { S: 'my-use-case____010____001' },
      },
    );
    assert.match(fresh.create_time.S, DATETIME);
    assert.match(fresh.update_time.S, DATETIME);
    await assert.rejects(tracker.create('t-1'), (e) => e instanceof errors.TaskExists && e.task.data.k === 'v');

    // start → success
    sent.length = 0;
    const out = await tracker.run('t-1', async (ctx) => {
      const during = await raw('t-1');
      assert.equal(during.status.N, '20');
      assert.equal(during.value.S, 'my-use-case____020____001');
      assert.match(during.lock.S, LOCK);
      assert.equal(during.fence.N, '1');
      assert.equal(during.update_time.S, fresh.update_time.S, '6.x leaves update_time alone when locking');
      assert.equal(ctx.task.lock, during.lock.S);
      assert.equal(ctx.fence, 1);
      ctx.setData({ result: 'ok é' });
      return 42;
    });
    assert.equal(out, 42);
    const [lockRequest, , finalRequest] = sent; // the GetItem in between is the test's
    assert.equal(lockRequest.op, 'UpdateItem');
    assert.equal(lockRequest.input.ReturnValues, 'ALL_NEW');
    assert.equal(lockRequest.input.ReturnValuesOnConditionCheckFailure, 'ALL_OLD');
    assert.match(lockRequest.input.ConditionExpression, /^\(\(#n\d = :v\d OR #n\d < :v\d\) AND \(#n\d = :v\d OR #n\d = :v\d\)\) OR \(#n\d = :v\d AND #n\d < :v\d\)$/);
    assert.ok(Object.keys(lockRequest.input.ExpressionAttributeValues).length > 0, 'values only through placeholders');
    assert.equal(finalRequest.op, 'UpdateItem');
    assert.match(finalRequest.input.ConditionExpression, /^#n\d = :v\d AND #n\d = :v\d$/);
    const done = await raw('t-1');
    assert.deepEqual(
      { data: done.data, status: done.status, value: done.value, lock: done.lock, retry: done.retry },
      { data: { S: '{"result": "ok \\u00e9"}' }, status: { N: '40' }, value: { S: 'my-use-case____040____001' }, lock: { S: '__not_locked__' }, retry: { N: '0' } },
    );
    assert.ok(done.update_time.S > fresh.update_time.S);

    await refusedInOneRequest(sent, tracker.run('t-1', () => {}), 'E_TASK_ALREADY_SUCCEEDED');
    const missing = await refusedInOneRequest(sent, tracker.run('missing', () => {}), 'E_TASK_NOT_FOUND');
    assert.equal(missing.task, undefined);

    // three failures → ignored, with the error history pynamodb_mate keeps
    await tracker.create('t-2');
    for (let i = 0; i < 3; i++) {
      await assert.rejects(tracker.run('t-2', () => { throw new TypeError(`boom ${i}`); }), { name: 'TypeError', message: `boom ${i}` });
      const item = await raw('t-2');
      assert.equal(item.retry.N, String(i + 1));
      assert.equal(item.status.N, i < 2 ? '30' : '50');
      assert.equal(item.value.S, i < 2 ? 'my-use-case____030____001' : 'my-use-case____050____001');
      assert.equal(item.lock.S, '__not_locked__');
      const { history } = JSON.parse(item.errors.S);
      assert.equal(history.length, i + 1);
      assert.deepEqual(Object.keys(history[i]), ['nth_retry', 'update_time', 'error', 'traceback']);
      assert.equal(history[i].nth_retry, i + 1);
      assert.equal(history[i].error, `TypeError('boom ${i}')`);
      assert.equal(history[i].update_time, item.update_time.S.replace('+0000', '+00:00'));
      assert.match(history[i].traceback, new RegExp(`^TypeError: boom ${i}\n {4}at `));
      assert.match(item.errors.S, /^\{"history": \[\{"nth_retry": /, 'Python json.dumps separators');
    }
    const ignored = await refusedInOneRequest(sent, tracker.run('t-2', () => {}), 'E_TASK_IGNORED');
    assert.equal(ignored.task.retry, 3);
    assert.equal(ignored.task.errors.history.length, 3);

    // locked by another worker
    await tracker.create('t-3');
    const gate = deferred();
    const holder = tracker.run('t-3', () => gate.promise);
    await new Promise((r) => setTimeout(r, 100));
    const locked = await refusedInOneRequest(sent, tracker.run('t-3', () => {}), 'E_TASK_LOCKED');
    assert.ok(locked instanceof errors.TaskLocked);
    assert.match(locked.task.lock, LOCK);
    assert.equal(locked.task.statusName, 'inProgress');
    assert.equal(locked.taskId, 't-3');
    gate.resolve('released');
    assert.equal(await holder, 'released');
    assert.equal((await tracker.get('t-3')).statusName, 'succeeded');
  });
});

eachBackend("tracker 'v5': pynamodb_mate 5.3.4.4's items, with conditional writes added", async (backend) => {
  await withTracker(backend, { layout: 'v5', useCaseId: 'my-job' }, async ({ tracker, sent, raw }) => {
    const [gsi] = (await tracker.Model.describeTable()).GlobalSecondaryIndexes;
    assert.equal(gsi.IndexName, 'status_and_task_id-index');
    assert.deepEqual(gsi.KeySchema, [{ AttributeName: 'value', KeyType: 'HASH' }, { AttributeName: 'key', KeyType: 'RANGE' }]);
    assert.deepEqual(gsi.Projection, { ProjectionType: 'KEYS_ONLY' });

    await tracker.create('t-1');
    const fresh = await raw('t-1');
    assert.deepEqual(Object.keys(fresh).sort(), ['data', 'errors', 'key', 'lock_time', 'retry', 'update_time', 'value']);
    assert.deepEqual(
      { data: fresh.data, errors: fresh.errors, lock_time: fresh.lock_time, retry: fresh.retry, value: fresh.value },
      { data: { S: '{}' }, errors: { S: '{}' }, lock_time: { S: '1970-01-01T00:00:00.000000+0000' }, retry: { N: '0' }, value: { S: 'my-job____000' } },
    );

    await tracker.run('t-1', async (ctx) => {
      const during = await raw('t-1');
      assert.equal(during.value.S, 'my-job____003');
      assert.match(during.lock.S, LOCK);
      assert.ok(during.update_time.S > fresh.update_time.S, '5.x sets update_time when locking');
      await refusedInOneRequest(sent, tracker.run('t-1', () => {}), 'E_TASK_LOCKED');
      ctx.setData({ result: 'ok é' });
    });
    const done = await raw('t-1');
    assert.deepEqual(
      { data: done.data, lock: done.lock, value: done.value, retry: done.retry },
      { data: { S: '{"result": "ok \\u00e9"}' }, lock: { NULL: true }, value: { S: 'my-job____009' }, retry: { N: '0' } },
    );
    assert.equal(done.status, undefined);
    assert.equal((await tracker.get('t-1')).lock, null);

    await tracker.create('t-2', { data: { x: 1 } });
    for (let i = 0; i < 3; i++) {
      await assert.rejects(tracker.run('t-2', () => { throw new Error(`boom ${i}`); }), { message: `boom ${i}` });
      const item = await raw('t-2');
      assert.equal(item.value.S, i < 2 ? 'my-job____006' : 'my-job____010');
      assert.equal(item.retry.N, String(i + 1));
      assert.deepEqual(item.lock, { NULL: true });
      assert.equal(item.data.S, '{"x": 1}');
      const recorded = JSON.parse(item.errors.S);
      assert.deepEqual(Object.keys(recorded), ['error', 'traceback'], '5.x overwrites {error, traceback}');
      assert.equal(recorded.error, `Error('boom ${i}')`);
    }
    await refusedInOneRequest(sent, tracker.run('t-2', () => {}), 'E_TASK_IGNORED');

    const keys = [];
    for await (const t of tracker.queryByStatus(['succeeded', 'ignored'])) keys.push([t.taskId, t.statusName]);
    assert.deepEqual(keys, [['t-1', 'succeeded'], ['t-2', 'ignored']], 'merged in key order (the 5.x index range)');
  });
});

eachBackend('tracker queries: every shard, merged by update time; counts; deleteByUseCase keeps other use cases', async (backend) => {
  await withTracker(backend, { shards: { pending: 4, succeeded: 2 } }, async ({ tracker, client, table }) => {
    const ids = Array.from({ length: 12 }, (_, i) => `task-${String(i).padStart(2, '0')}`);
    for (const id of ids) await tracker.create(id, { data: { id } }); // one at a time: distinct update times
    const pending = [];
    for await (const t of tracker.queryByStatus('pending')) pending.push(t);
    assert.deepEqual(pending.map((t) => t.taskId), ids, 'oldest first across the 4 shards');
    assert.ok(new Set(pending.map((t) => t.shard)).size > 1, 'the tasks spread over shards');
    const [first] = pending;
    assert.equal(first.statusName, 'pending');
    assert.ok(first.createTime instanceof Date && first.updateTime instanceof Date);
    assert.equal(first.lock, undefined, 'the index does not project the lock');

    const newest = [];
    for await (const t of tracker.queryByStatus(10, { olderFirst: false, limit: 5 })) newest.push(t.taskId);
    assert.deepEqual(newest, ids.slice(-5).reverse());

    for (const id of ['task-03', 'task-07', 'task-01']) await tracker.run(id, () => {});
    await assert.rejects(tracker.run('task-05', () => { throw new Error('x'); }));
    const succeeded = [];
    for await (const t of tracker.queryByStatus(['succeeded'])) succeeded.push(t.taskId);
    assert.deepEqual(succeeded, ['task-03', 'task-07', 'task-01'], 'in the order they finished');
    const unfinished = [];
    for await (const t of tracker.queryUnfinished()) unfinished.push(t.taskId);
    assert.equal(unfinished.length, 9);
    assert.equal(unfinished.at(-1), 'task-05', 'failed most recently');
    assert.equal(await tracker.countByStatus('pending'), 8);
    assert.equal(await tracker.countByStatus(['pending', 'failed', 'succeeded']), 12);

    // Use case 'my-use-case-2' shares the prefix 'my-use-case' but not 'my-use-case____'.
    const other = new StatusTracker({ client, table, useCaseId: 'my-use-case-2', shards: { pending: 4 } });
    await other.createMany(['a', 'b']);
    assert.equal(await tracker.deleteByUseCase(), 12);
    assert.equal(await tracker.countByStatus(['pending', 'failed', 'succeeded']), 0);
    assert.equal(await other.countByStatus('pending'), 2);
  });
});

eachBackend('tracker bad input: clear errors before any write, faithful records of odd failures, LockLost', async (backend) => {
  await withTracker(backend, {}, async ({ tracker, raw, sent }) => {
    const before = sent.length;
    await assert.rejects(tracker.create('a____b'), (e) => e instanceof errors.ArgumentError && /separator/.test(e.message));
    await assert.rejects(tracker.create('d', { data: { when: new Date() } }), (e) => e instanceof errors.ItemError && e.code === 'E_ITEM_TYPE');
    await assert.rejects(tracker.create('d', { data: [1, 2] }), (e) => e instanceof errors.ArgumentError && /plain object/.test(e.message));
    await assert.rejects(tracker.create('d', { status: 'done' }), (e) => e instanceof errors.ArgumentError && /unknown status "done"/.test(e.message));
    await assert.rejects(tracker.run('d', 'not a function'), (e) => e instanceof errors.ArgumentError);
    await assert.rejects(tracker.queryByStatus(99).next(), (e) => e instanceof errors.ArgumentError && /unknown status 99/.test(e.message));
    await assert.rejects(tracker.createMany(['x', 'y', 'x']), /appears twice/);
    await assert.rejects(tracker.createMany(['ok', 'bad____id']), /separator/);
    assert.equal(sent.length, before, 'nothing was sent');

    const { created, existing } = await tracker.createMany(['p', 'q', { taskId: 'r', data: { n: 1 } }]);
    assert.equal(created.length, 3);
    assert.equal(existing.length, 0);
    const again = await tracker.createMany(['p', 's']);
    assert.deepEqual(again.existing.map((t) => t.taskId), ['p']);
    assert.deepEqual(again.created.map((t) => t.taskId), ['s']);

    // Data that is not JSON: setData throws inside the body, which is then a recorded failure.
    await assert.rejects(tracker.run('p', (ctx) => { ctx.setData({ when: new Date() }); }), (e) => e instanceof errors.ItemError);
    let p = await tracker.get('p');
    assert.equal(p.statusName, 'failed');
    assert.match(p.errors.history[0].error, /^ItemError\('.*a Date is not JSON.*'\)$/);

    // A thrown non-Error: rejected with the very value, recorded as what it was.
    const thrown = await tracker.run('p', () => { throw 'oops'; }).catch((e) => e); // eslint-disable-line no-throw-literal
    assert.equal(thrown, 'oops');
    p = await tracker.get('p');
    assert.deepEqual([p.errors.history[1].error, p.errors.history[1].traceback], ["NonError('oops')", '']);

    // Data set before a failure is discarded, as pynamodb_mate does.
    await assert.rejects(tracker.run('r', (ctx) => { ctx.setData({ n: 2 }); throw new Error('late'); }));
    assert.deepEqual((await tracker.get('r')).data, { n: 1 });

    // The task is replaced while it runs: the final write finds the lock gone and writes nothing.
    const lost = await tracker.run('q', async (ctx) => {
      await tracker.create('q', { data: { replaced: true }, overwrite: true });
      ctx.setData({ mine: true });
    }).catch((e) => e);
    assert.ok(lost instanceof errors.LockLost, String(lost));
    assert.equal(lost.code, 'E_LOCK_LOST');
    assert.equal(lost.task.statusName, 'pending');
    assert.deepEqual((await raw('q')).data, { S: '{"replaced": true}' });

    const failedBody = await tracker.run('s', async () => {
      await tracker.create('s', { overwrite: true });
      throw new Error('body failed too');
    }).catch((e) => e);
    assert.ok(failedBody instanceof errors.LockLost);
    assert.equal(failedBody.cause.message, 'body failed too', 'the body error is the cause');

    await assert.rejects(tracker.get('nope'), (e) => e instanceof errors.TaskNotFound && e.taskId === 'nope');
    assert.equal(await tracker.getOneOrNone('nope'), null);
  });
});
