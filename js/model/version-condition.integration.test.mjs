// `addVersionCondition: false` (pynamodb's add_version_condition=False): a stale instance is written
// anyway, last write wins, and the version still moves on as pynamodb moves it: a put stores the
// instance's version + 1, an update adds 1 to the stored version (never a rollback). On DynamoDB Local.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { GetItemCommand } from '@aws-sdk/client-dynamodb';
import { backends, uniqueName } from '../../tests/support/endpoints.mjs';
import { attr, defineModel, errors } from '../node.mjs';

const { dynamodb } = backends().find((b) => b.name === 'dynamodb-local');
const isConditionFailed = (e) => e instanceof errors.ConditionFailedError && e.code === 'E_DYNAMODB_CONDITION';

async function withModel(run) {
  const Doc = defineModel({
    table: uniqueName('version-cond'),
    client: dynamodb,
    attributes: { id: attr.string({ hashKey: true }), n: attr.number({ nullable: true }), version: attr.version() },
  });
  await Doc.createTable({ wait: true });
  try {
    await run(Doc);
  } finally {
    await Doc.deleteTable();
  }
}

const stored = async (Doc, id) => (await dynamodb.send(new GetItemCommand({ TableName: Doc.tableName, Key: { id: { S: id } }, ConsistentRead: true }))).Item;

/** An item at version 3 and a stale instance of it (version 1). */
async function staleOf(Doc, id) {
  const fresh = Doc.create({ id, n: 0 });
  await fresh.save();
  const stale = await Doc.get(id, { consistentRead: true });
  await fresh.update([Doc.attr.n.set(1)]);
  await fresh.update([Doc.attr.n.set(2)]);
  assert.equal(stale.version, 1);
  assert.equal(fresh.version, 3);
  return stale;
}

test('save, update and delete of a stale instance: refused by default, applied with addVersionCondition false [dynamodb-local]', () => withModel(async (Doc) => {
  const a = await staleOf(Doc, 'a');
  a.n = 10;
  await assert.rejects(a.save(), isConditionFailed);
  await a.save({ addVersionCondition: false });
  assert.deepEqual(await stored(Doc, 'a'), { id: { S: 'a' }, n: { N: '10' }, version: { N: '2' } }, "a put stores the instance's version + 1");
  assert.equal(a.version, 2);

  const b = await staleOf(Doc, 'b');
  await assert.rejects(b.update([Doc.attr.n.set(20)]), isConditionFailed);
  await b.update([Doc.attr.n.set(20)], { addVersionCondition: false });
  assert.deepEqual(await stored(Doc, 'b'), { id: { S: 'b' }, n: { N: '20' }, version: { N: '4' } }, 'an update adds 1 to the stored version');
  assert.equal(b.version, 4, 'the instance takes the stored values');

  const c = await staleOf(Doc, 'c');
  await assert.rejects(c.delete(), isConditionFailed);
  await c.delete({ addVersionCondition: false });
  assert.equal(await stored(Doc, 'c'), undefined);

  // The user's condition is still sent.
  const d = await staleOf(Doc, 'd');
  await assert.rejects(d.update([Doc.attr.n.set(5)], { condition: Doc.attr.n.eq(99), addVersionCondition: false }), isConditionFailed);
  assert.equal((await stored(Doc, 'd')).version.N, '3');
}));

test('updateOp, deleteOp and putOp take addVersionCondition in transactions [dynamodb-local]', () => withModel(async (Doc) => {
  const [a, b, c] = [await staleOf(Doc, 'a'), await staleOf(Doc, 'b'), await staleOf(Doc, 'c')];
  await assert.rejects(Doc.transactWrite([a.updateOp([Doc.attr.n.set(7)]), b.deleteOp()]), errors.TransactionCanceledError);
  c.n = 8;
  await Doc.transactWrite([
    a.updateOp([Doc.attr.n.set(7)], { addVersionCondition: false }),
    b.deleteOp({ addVersionCondition: false }),
    c.putOp({ addVersionCondition: false }),
  ]);
  assert.deepEqual(await stored(Doc, 'a'), { id: { S: 'a' }, n: { N: '7' }, version: { N: '4' } });
  assert.equal(await stored(Doc, 'b'), undefined);
  assert.deepEqual(await stored(Doc, 'c'), { id: { S: 'c' }, n: { N: '8' }, version: { N: '2' } });
  assert.deepEqual([a.version, c.version], [2, 2], "the instances' versions move on by one, as pynamodb's");
}));
