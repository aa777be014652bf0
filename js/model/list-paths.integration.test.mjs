// Paths into list elements against real servers (DynamoDB Local and moto): conditions on map fields
// of elements, nested list elements, nullable (NULL) and compressed elements pass and fail as they
// should, and updates on those paths change exactly what is read back.
import assert from 'node:assert/strict';
import { gunzipSync } from 'node:zlib';
import { GetItemCommand } from '@aws-sdk/client-dynamodb';
import { eachBackend, uniqueName } from '../../tests/support/endpoints.mjs';
import { attr, cond, defineModel } from '../node.mjs';

function sheet(client) {
  return defineModel({
    name: 'Sheet',
    table: uniqueName('sheets'),
    client,
    attributes: {
      id: attr.string({ hashKey: true }),
      rows: attr.list({
        of: attr.map({
          a: attr.string(),
          n: attr.number({ integer: true, nullable: true }),
          when: attr.datetime({ attrName: 'w', nullable: true }),
          tags: attr.list({ of: attr.string({ nullable: true }) }),
          note: attr.compressedString({ nullable: true }),
        }),
      }),
      grid: attr.list({ of: attr.list({ of: attr.number({ nullable: true }) }) }),
      maybe: attr.list({ of: attr.string({ nullable: true }) }),
      zipped: attr.list({ of: attr.compressedString() }),
      sets: attr.list({ of: attr.stringSet() }),
      any: attr.list({ nullable: true }),
    },
  });
}

/** DynamoDB's ConditionalCheckFailedException, as the SDK threw it or as the cause of the model's typed error. */
const conditionFailed = (e) => [e.name, e.cause?.name].includes('ConditionalCheckFailedException');

const WHEN = new Date(Date.UTC(2024, 4, 6, 7, 8, 9));
const NOTE = 'a note, compressed. '.repeat(20);
const ZIPPED = 'zip me '.repeat(30);
const VALUES = {
  id: 's1',
  rows: [{ a: 'x', n: 1, when: WHEN, tags: ['t0', null], note: NOTE }],
  grid: [[1, null], [3]],
  maybe: ['m0', null],
  zipped: [ZIPPED],
  sets: [new Set(['s1', 's2']), new Set(['x', 'y'])],
  any: [{ k: [0, 'v'] }],
};

eachBackend('list element paths: conditions and updates on map fields, nested lists, NULL and compressed elements', async ({ dynamodb }, t) => {
  const Sheet = sheet(dynamodb);
  const { rows, grid, maybe, zipped, sets, any } = Sheet.attr;
  await Sheet.createTable({ wait: true });
  const raw = async () => (await dynamodb.send(new GetItemCommand({ TableName: Sheet.tableName, Key: { id: { S: 's1' } }, ConsistentRead: true }))).Item;
  try {
    const item = Sheet.create(VALUES);
    await item.save();

    await t.test('null elements are stored as NULL and read back as null', async () => {
      const stored = await raw();
      assert.deepEqual(stored.maybe.L, [{ S: 'm0' }, { NULL: true }]);
      assert.deepEqual(stored.grid.L[0].L, [{ N: '1' }, { NULL: true }]);
      assert.deepEqual(stored.rows.L[0].M.tags.L, [{ S: 't0' }, { NULL: true }]);
      assert.deepEqual((await Sheet.get('s1', { consistentRead: true })).maybe, ['m0', null]);
    });

    await t.test('each condition passes on the item, its negation fails; all of them as a scan filter', async () => {
      const conditions = [
        rows.at(0).key('a').eq('x'),
        rows.at(0).a.beginsWith('x'),
        rows.at(0).n.between(0, 2),
        rows.at(0).when.lt(new Date(Date.UTC(2025, 0, 1))),
        rows.at(0).key('when').eq(WHEN),
        rows.at(0).tags.at(1).eq(null),
        rows.at(0).tags.at(0).ne(null),
        rows.at(0).tags.contains('t0'),
        rows.at(0).key('tags').size().eq(2),
        rows.at(0).attributeType('M'),
        rows.at(1).notExists(),
        rows.at(0).note.exists(),
        rows.at(0).note.attributeType('B'),
        rows.at(0).note.size().lt(NOTE.length),
        grid.at(0).at(0).eq(1),
        grid.at(0).at(1).eq(null),
        grid.at(0).at(1).attributeType('NULL'),
        grid.at(0).at(2).notExists(),
        grid.at(0).eq([1, null]),
        grid.at(1).contains(3),
        grid.at(1).at(0).gt(grid.at(0).at(0)),
        maybe.at(1).eq(null),
        maybe.at(0).in(['m0', null]),
        maybe.at(1).in(['m0', null]),
        maybe.contains(null),
        zipped.at(0).exists(),
        zipped.at(0).attributeType('B'),
        zipped.at(0).size().gt(5),
        sets.at(0).contains('s1'),
        sets.at(1).attributeType('SS'),
        any.at(0).key('k').at(1).eq('v'),
        any.at(0).key('k').size().eq(2),
      ];
      for (const condition of conditions) {
        await item.save({ condition });
        await assert.rejects(item.save({ condition: cond.not(condition) }), conditionFailed);
      }
      const ids = async (filter) => {
        const found = [];
        for await (const s of Sheet.scan({ filter, consistentRead: true })) found.push(s.id);
        return found;
      };
      assert.deepEqual(await ids(cond.and(...conditions)), ['s1']);
      assert.deepEqual(await ids(cond.and(...conditions, maybe.at(0).eq(null))), []);
    });

    await t.test('an update on element paths, conditional on them, changes exactly what is read back', async () => {
      await item.update([
        rows.at(0).a.set('x2'),
        rows.at(0).n.plus(1),
        rows.at(0).tags.append(['t2']),
        rows.at(0).note.set('a new note'),
        rows.at(0).when.remove(),
        grid.at(0).at(1).set(5),
        grid.at(1).at(0).add(4),
        maybe.at(0).set(null),
        maybe.at(1).set('m1'),
        zipped.at(0).set('zipped again'),
        sets.at(0).add(new Set(['s3'])),
        sets.at(1).delete(new Set(['x'])),
        any.at(0).key('k').at(0).remove(),
      ], { condition: cond.and(rows.at(0).a.eq('x'), grid.at(0).at(1).eq(null), maybe.at(0).ne(null)) });
      const expected = {
        id: 's1',
        rows: [{ a: 'x2', n: 2, tags: ['t0', null, 't2'], note: 'a new note' }],
        grid: [[1, 5], [7]],
        maybe: [null, 'm1'],
        zipped: ['zipped again'],
        sets: [new Set(['s1', 's2', 's3']), new Set(['y'])],
        any: [{ k: ['v'] }],
      };
      assert.deepEqual({ ...await Sheet.get('s1', { consistentRead: true }) }, expected);
      const stored = await raw();
      assert.equal(gunzipSync(stored.zipped.L[0].B).toString(), 'zipped again');
      assert.equal(gunzipSync(stored.rows.L[0].M.note.B).toString(), 'a new note');
      assert.deepEqual(stored.maybe.L[0], { NULL: true });

      // The same condition now fails (maybe[0] is NULL): nothing changes.
      await assert.rejects(
        item.update([maybe.at(0).set('never'), rows.at(0).set({ a: 'never', tags: [] })], { condition: maybe.at(0).ne(null) }),
        conditionFailed,
      );
      assert.deepEqual({ ...await Sheet.get('s1', { consistentRead: true }) }, expected);

      // A whole element written as its type, then a nested element removed.
      await item.update([rows.at(1).set({ a: 'second', tags: [null] }), grid.at(0).at(0).remove()], { condition: rows.at(1).notExists() });
      const got = await Sheet.get('s1', { consistentRead: true });
      assert.deepEqual(got.rows, [expected.rows[0], { a: 'second', tags: [null] }]);
      assert.deepEqual(got.grid, [[5], [7]]);
    });
  } finally {
    await Sheet.deleteTable();
  }
});
