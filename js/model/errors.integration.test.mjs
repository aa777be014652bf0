// DynamoDB's refusals as typed errors against the real servers (DynamoDB Local and moto): failed
// conditions, a missing table for every operation (the tracker's too), a request DynamoDB finds
// invalid; and query/scan projections that keep the table's key. Throttling, 5xx, timeouts and
// aborts need the fault proxy: tests/reliability/faults-retry.test.mjs and abort.test.mjs.
import assert from 'node:assert/strict';
import { eachBackend, uniqueName } from '../../tests/support/endpoints.mjs';
import { attr, defineModel, errors, StatusTracker } from '../node.mjs';

const SECRET = 'value-never-in-messages';

function docModel(client, table = uniqueName('errors')) {
  return defineModel({
    name: 'Doc',
    table,
    client,
    attributes: {
      id: attr.string({ hashKey: true }),
      n: attr.number({ integer: true, rangeKey: true }),
      group: attr.string({ nullable: true }),
      title: attr.string({ nullable: true }),
      body: attr.string({ nullable: true }),
      meta: attr.map({ attributes: { author: attr.string(), note: attr.string({ nullable: true }) }, nullable: true }),
      version: attr.version(),
    },
    indexes: { byGroup: { type: 'global', hashKey: 'group', rangeKey: 'title', projection: ['body'] } },
  });
}

/** The error `promise` rejects with (fails when it resolves). */
const rejection = (promise) => promise.then((value) => assert.fail(`resolved with ${value}`), (e) => e);

eachBackend('a failed condition on save, update and delete: ConditionFailedError naming the operation, table, model and item', async ({ dynamodb }) => {
  const Doc = docModel(dynamodb);
  await Doc.createTable({ wait: true });
  try {
    const doc = Doc.create({ id: 'a', n: 1, body: SECRET });
    await doc.save();
    const stale = await Doc.get('a', 1, { consistentRead: true });
    await doc.update([Doc.attr.body.set(`${SECRET} 2`)]);
    const checks = [
      ['PutItem', () => stale.save()],
      ['UpdateItem', () => stale.update([Doc.attr.title.set('t')])],
      ['DeleteItem', () => stale.delete()],
      ['PutItem', () => doc.save({ condition: Doc.attr.body.eq('other') })],
    ];
    for (const [operation, write] of checks) {
      const error = await rejection(write());
      assert.ok(error instanceof errors.ConditionFailedError && error instanceof errors.DynamoDBError, String(error));
      assert.deepEqual([error.name, error.code, error.operation, error.table, error.model, error.itemKey, error.item],
        ['ConditionFailedError', 'E_DYNAMODB_CONDITION', operation, Doc.tableName, 'Doc', { id: 'a', n: 1 }, undefined]);
      assert.equal(error.message, `${operation} on table "${Doc.tableName}": the condition failed, item id="a", n=1`);
      assert.equal(error.cause.name, 'ConditionalCheckFailedException');
      assert.equal(error.cause.$metadata.httpStatusCode, 400);
      assert.ok(!error.message.includes(SECRET) && !error.stack.includes(SECRET));
    }
    assert.equal((await Doc.get('a', 1, { consistentRead: true })).body, `${SECRET} 2`, 'nothing refused was written');
    assert.equal(await stale.deleteIfExists(), false, 'deleteIfExists still tells a refusal from a failure');
    assert.equal(await doc.deleteIfExists(), true);
    assert.equal(await doc.deleteIfExists(), false);
  } finally {
    await Doc.deleteTable();
  }
});

eachBackend("returnValuesOnConditionCheckFailure: 'ALL_OLD' puts the stored item on the ConditionFailedError of save, update and delete", async ({ dynamodb }) => {
  const Doc = docModel(dynamodb);
  await Doc.createTable({ wait: true });
  try {
    const doc = Doc.create({ id: 'a', n: 1, body: 'stored' });
    await doc.save();
    const stale = await Doc.get('a', 1, { consistentRead: true });
    await doc.update([Doc.attr.title.set('newer')]);
    const ALL_OLD = { returnValuesOnConditionCheckFailure: 'ALL_OLD' };
    for (const write of [() => stale.save(ALL_OLD), () => stale.update([Doc.attr.title.set('t')], ALL_OLD), () => stale.delete(ALL_OLD)]) {
      const error = await rejection(write());
      assert.equal(error.code, 'E_DYNAMODB_CONDITION', String(error));
      const stored = await Doc.fromItem(error.item);
      assert.deepEqual([stored.title, stored.body, stored.version], ['newer', 'stored', 2]);
    }
    const none = await rejection(stale.update([Doc.attr.title.set('t')], { returnValuesOnConditionCheckFailure: 'NONE' }));
    assert.deepEqual([none.code, none.item], ['E_DYNAMODB_CONDITION', undefined]);
  } finally {
    await Doc.deleteTable();
  }
});

eachBackend('a missing table: E_DYNAMODB_NOT_FOUND from every operation and from the tracker; describeTable and deleteTable still say null and no-op', async ({ dynamodb }) => {
  const Doc = docModel(dynamodb, uniqueName('missing'));
  const doc = Doc.create({ id: 'a', n: 1 });
  const item = { id: 'a', n: 1 };
  const drain = async (iterator) => { for await (const _ of iterator); };
  const operations = [
    ['GetItem', item, () => Doc.get('a', 1)],
    ['PutItem', item, () => doc.save()],
    ['UpdateItem', item, () => doc.update([Doc.attr.title.set('t')])],
    ['DeleteItem', item, () => doc.delete()],
    ['Query', undefined, () => drain(Doc.query('a'))],
    ['Query', undefined, () => drain(Doc.query('g', { index: 'byGroup' }))],
    ['Scan', undefined, () => Doc.count()],
    ['BatchGetItem', undefined, () => Doc.batchGet([['a', 1]])],
    ['BatchWriteItem', undefined, () => Doc.batchWrite({ put: [doc] })],
    ['TransactWriteItems', undefined, () => Doc.transactWrite([doc.putOp()])],
    ['TransactGetItems', undefined, () => Doc.transactGet([Doc.getOp('a', 1)])],
  ];
  for (const [operation, itemKey, call] of operations) {
    const error = await rejection(call());
    assert.ok(error instanceof errors.DynamoDBError, `${operation}: ${error}`);
    assert.deepEqual([error.code, error.operation, error.table, error.model, error.itemKey], ['E_DYNAMODB_NOT_FOUND', operation, Doc.tableName, 'Doc', itemKey]);
    assert.match(error.message, new RegExp(`^${operation} on table "${Doc.tableName}": the table or index does not exist \\(ResourceNotFoundException: `));
    assert.equal(error.cause.name, 'ResourceNotFoundException');
  }
  assert.equal(await Doc.describeTable(), null);
  await Doc.deleteTable();

  const tracker = new StatusTracker({ client: dynamodb, table: Doc.tableName, useCaseId: 'uc' });
  for (const [operation, call] of [['PutItem', () => tracker.create('t1')], ['UpdateItem', () => tracker.run('t1', () => 'done')]]) {
    const error = await rejection(call());
    assert.ok(error instanceof errors.DynamoDBError && !(error instanceof errors.TaskError), String(error));
    assert.deepEqual([error.code, error.operation, error.table, error.model, error.itemKey], ['E_DYNAMODB_NOT_FOUND', operation, Doc.tableName, tracker.Model.name, { key: 'uc____t1' }]);
  }
});

eachBackend('a request DynamoDB finds invalid (a key of the wrong type for the table): E_DYNAMODB_VALIDATION with its explanation', async ({ dynamodb }) => {
  const Doc = docModel(dynamodb);
  await Doc.createTable({ wait: true });
  try {
    // Another model of the same table whose range key is a string: DynamoDB refuses its items.
    const Wrong = defineModel({ name: 'Wrong', table: Doc.tableName, client: dynamodb, attributes: { id: attr.string({ hashKey: true }), n: attr.string({ rangeKey: true }) } });
    const error = await rejection(Wrong.create({ id: 'a', n: 'one' }).save());
    assert.ok(error instanceof errors.DynamoDBError, String(error));
    assert.deepEqual([error.code, error.operation, error.table, error.model, error.itemKey, error.cause.name],
      ['E_DYNAMODB_VALIDATION', 'PutItem', Doc.tableName, 'Wrong', { id: 'a', n: 'one' }, 'ValidationException']);
    assert.match(error.message, new RegExp(`^PutItem on table "${Doc.tableName}" was refused as invalid \\(ValidationException: .*Type mismatch.*\\), item id="a", n="one"$`));
    assert.equal(await Doc.count(), 0);
  } finally {
    await Doc.deleteTable();
  }
});

eachBackend('query and scan projections keep the table key: projected items can be refreshed, updated and deleted', async ({ dynamodb }) => {
  const Doc = docModel(dynamodb);
  await Doc.createTable({ wait: true });
  try {
    await Doc.batchWrite({ put: [1, 2, 3].map((n) => Doc.create({ id: 'a', n, group: 'g', title: `t${n}`, body: `b${n}`, meta: { author: 'Ann' } })) });
    const keysOf = (items) => items.map((i) => [i.id, i.n]);
    const collect = async (iterator) => {
      const items = [];
      for await (const item of iterator) items.push(item);
      return items;
    };

    // (The version comes along only when asked for: writes of a versioned item are conditional on it.)
    const queried = await collect(Doc.query('a', { attributes: ['title', 'version'], consistentRead: true }));
    assert.deepEqual(keysOf(queried), [['a', 1], ['a', 2], ['a', 3]]);
    assert.deepEqual(queried.map((i) => [i.title, i.body]), [['t1', undefined], ['t2', undefined], ['t3', undefined]], 'only the projection and the key');

    const scanned = await collect(Doc.scan({ attributes: [Doc.attr.meta.author], consistentRead: true }));
    assert.deepEqual(keysOf(scanned).sort(), [['a', 1], ['a', 2], ['a', 3]]);
    assert.deepEqual(scanned.map((i) => i.meta), [{ author: 'Ann' }, { author: 'Ann' }, { author: 'Ann' }]);

    const { items: paged } = await Doc.queryPage('a', { attributes: ['body'], consistentRead: true, limit: 1 });
    assert.deepEqual(keysOf(paged), [['a', 1]]);

    // An index projects the table key whatever its projection: the table's hash and range key come along.
    const viaIndex = await collect(Doc.query('g', { index: 'byGroup', attributes: ['body'] }));
    assert.deepEqual(viaIndex.map((i) => [i.id, i.n, i.body, i.title]).sort(), [['a', 1, 'b1', undefined], ['a', 2, 'b2', undefined], ['a', 3, 'b3', undefined]]);
    assert.deepEqual(keysOf(await collect(Doc.scan({ index: 'byGroup', attributes: ['body'] }))).sort(), [['a', 1], ['a', 2], ['a', 3]]);

    // Projected instances know their item: refresh, update and delete work on them.
    const [first, second] = queried;
    await first.refresh();
    assert.equal(first.body, 'b1');
    await second.update([Doc.attr.title.set('new')]);
    assert.equal((await Doc.get('a', 2, { consistentRead: true })).title, 'new');
    await queried[2].delete();
    assert.equal(await Doc.getOneOrNone('a', 3, { consistentRead: true }), null);
  } finally {
    await Doc.deleteTable();
  }
});
