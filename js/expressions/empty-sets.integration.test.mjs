// Empty sets against real servers (DynamoDB Local and moto): saving omits an empty set attribute or
// typed-map field (pynamodb omits what serializes to None) and stores an empty element of a typed
// list of sets as NULL (as pynamodb's ListAttribute), and `set(new Set())` removes the set,
// the typed-map field or the typed-list element while the version goes up, as pynamodb 6.1's
// `set(set())` does. tests/interop/empty_sets.interop.test.mjs compares with pynamodb itself.
import assert from 'node:assert/strict';
import { GetItemCommand } from '@aws-sdk/client-dynamodb';
import { eachBackend, uniqueName } from '../../tests/support/endpoints.mjs';
import { attr, defineModel } from '../node.mjs';

function recs(client) {
  return defineModel({
    name: 'Rec',
    table: uniqueName('empty-sets'),
    client,
    attributes: {
      id: attr.string({ hashKey: true }),
      ss: attr.stringSet(),
      ns: attr.numberSet({ attrName: 'numbers' }),
      bs: attr.binarySet(),
      meta: attr.map({ note: attr.string(), tags: attr.stringSet() }),
      sets: attr.list({ of: attr.numberSet() }),
      version: attr.version(),
    },
  });
}

eachBackend('empty sets: omitted when saved, REMOVE when set by an update, version up', async ({ dynamodb }, t) => {
  const Rec = recs(dynamodb);
  await Rec.createTable({ wait: true });
  const raw = async (id) => (await dynamodb.send(new GetItemCommand({ TableName: Rec.tableName, Key: { id: { S: id } }, ConsistentRead: true }))).Item;
  try {
    await t.test('save() omits empty set attributes and typed-map fields, NULL for list elements; all read back as empty Sets', async () => {
      await Rec.create({ id: 'empty', ss: new Set(), ns: new Set(), bs: new Set(), meta: { note: 'n', tags: new Set() }, sets: [new Set([1]), new Set()] }).save();
      assert.deepEqual(await raw('empty'), { id: { S: 'empty' }, meta: { M: { note: { S: 'n' } } }, sets: { L: [{ NS: ['1'] }, { NULL: true }] }, version: { N: '1' } });
      const back = await Rec.get('empty', { consistentRead: true });
      assert.deepEqual([back.ss, back.ns, back.bs, back.meta.tags, back.sets], [new Set(), new Set(), new Set(), new Set(), [new Set([1]), new Set()]]);
    });

    await t.test('update() with set(new Set()) removes each set path and bumps the version', async () => {
      const rec = Rec.create({
        id: 'full',
        ss: new Set(['a']),
        ns: new Set([1]),
        bs: new Set([new Uint8Array([1])]),
        meta: { note: 'n', tags: new Set(['t']) },
        sets: [new Set([1]), new Set([2])],
      });
      await rec.save();
      const { ss, ns, bs, meta, sets } = Rec.attr;
      await rec.update([ss.set(new Set()), ns.set(new Set()), bs.set(new Set()), meta.tags.set(new Set()), sets.at(0).set(new Set())]);
      assert.deepEqual(await raw('full'), { id: { S: 'full' }, meta: { M: { note: { S: 'n' } } }, sets: { L: [{ NS: ['2'] }] }, version: { N: '2' } });
      assert.equal(rec.version, 2);
      assert.deepEqual([rec.ss, rec.ns, rec.bs, rec.meta.tags, rec.sets], [new Set(), new Set(), new Set(), new Set(), [new Set([2])]]);
      // Removing what is already gone is no error, as DynamoDB's REMOVE of a missing path.
      await rec.update([ss.set(new Set())]);
      assert.equal((await raw('full')).version.N, '3');
    });
  } finally {
    await Rec.deleteTable();
  }
});
