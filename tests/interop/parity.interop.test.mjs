// The cheap rows of docs/pynamodb-parity.md, against pynamodb 6.1 (tests/interop/pm_parity.py in
// .venv-pm6) on DynamoDB Local: create_table/createTable make the same table (keys, indexes,
// projections, billing, TTL as update_ttl enables it), exists/describe_table/delete_table and
// describeTable/deleteTable see each other's tables, to_dynamodb_dict/serialize and toJSON give
// the same item, which from_dynamodb_dict, from_raw_data, deserialize and fromJSON read back, and
// save/batch_write/update/TransactGet and batchGet/conditions/update/transactWrite share items and
// versions.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { test } from 'node:test';
import { DescribeTimeToLiveCommand } from '@aws-sdk/client-dynamodb';
import { backends, uniqueName } from '../support/endpoints.mjs';
import { attr, cond, defineModel, UtcDateTime } from '../../js/node.mjs';

const root = new URL('../../', import.meta.url).pathname;
const python = (args, input) => execFileSync(`${root}.venv-pm6/bin/python`, [`${root}tests/interop/pm_parity.py`, ...args], { encoding: 'utf8', input });

/** The model of pm_parity.py. */
const docModel = (table, client) => defineModel({
  table,
  client,
  attributes: {
    pk: attr.string({ hashKey: true }),
    sk: attr.number({ rangeKey: true }),
    cat: attr.string({ nullable: true }),
    n: attr.number({ nullable: true }),
    title: attr.string({ attrName: 'name' }),
    when: attr.datetime({ nullable: true }),
    expires: attr.ttl({ nullable: true }),
    doc: attr.json({ nullable: true }),
    b: attr.binary({ nullable: true }),
    tags: attr.stringSet(),
    flag: attr.boolean({ nullable: true }),
    meta: attr.map({ nullable: true, attributes: { author: attr.string(), seen: attr.datetime({ nullable: true }) } }),
    lst: attr.list({ nullable: true }),
    version: attr.version(),
  },
  indexes: {
    'by-cat': { type: 'global', hashKey: 'cat', rangeKey: 'n', projection: 'KEYS_ONLY' },
    'by-when': { type: 'local', rangeKey: 'when', projection: ['title'] },
  },
});

/** pm_parity.py's ITEM. */
const ITEM = {
  pk: 'p', sk: 7, cat: 'c', n: 2.5, title: 'Tïtle',
  when: new UtcDateTime(1_709_210_096_123_456n),
  expires: new UtcDateTime(new Date('2030-01-01T00:00:00Z')),
  doc: { a: [1, 2.5, null] }, b: new Uint8Array([0, 1, 255]), tags: new Set(['x', 'y']), flag: false,
  meta: { author: 'Ann', seen: new UtcDateTime(1_700_000_000_123_456n) },
  lst: [1, 'two', { k: [true] }],
};

/** What two creations of one definition must agree on (names, ARNs and dates aside). */
function schema(description) {
  const byName = (a, b) => a.AttributeName.localeCompare(b.AttributeName);
  const indexes = (list = []) => list.map(({ IndexName, KeySchema, Projection }) => ({ IndexName, KeySchema, Projection }));
  return {
    AttributeDefinitions: [...description.AttributeDefinitions].sort(byName),
    KeySchema: description.KeySchema,
    BillingMode: description.BillingModeSummary?.BillingMode,
    GlobalSecondaryIndexes: indexes(description.GlobalSecondaryIndexes),
    LocalSecondaryIndexes: indexes(description.LocalSecondaryIndexes),
  };
}

/** DynamoDB JSON with string sets in a fixed order (Python's set order is its own). */
const sortedSets = (item) => JSON.parse(JSON.stringify(item, (k, v) => (k === 'SS' ? [...v].sort() : v)));

test('pynamodb 6.1 parity: tables, TTL, item dictionaries, batches, versions, transactions [dynamodb-local]', async () => {
  const { dynamodb } = backends().find((b) => b.name === 'dynamodb-local');
  const fromPython = uniqueName('parity-py');
  const fromJs = uniqueName('parity-js');
  const PyDoc = docModel(fromPython, dynamodb);
  const JsDoc = docModel(fromJs, dynamodb);
  try {
    // exists() / describeTable() of a missing table.
    assert.equal(JSON.parse(python(['exists', fromJs])), false);
    assert.equal(await JsDoc.describeTable(), null);

    // create_table (then update_ttl) and createTable make the same table.
    python(['create', fromPython]);
    await JsDoc.createTable({ wait: true });
    assert.equal(JSON.parse(python(['exists', fromJs])), true);
    const described = JSON.parse(python(['describe', fromJs]));
    assert.deepEqual(schema(described), schema(await PyDoc.describeTable()));
    assert.deepEqual(schema(await JsDoc.describeTable()), schema(described));
    assert.equal(schema(described).LocalSecondaryIndexes[0].Projection.NonKeyAttributes[0], 'name', 'stored names');
    for (const table of [fromPython, fromJs]) {
      const { TimeToLiveDescription } = await dynamodb.send(new DescribeTimeToLiveCommand({ TableName: table }));
      assert.deepEqual(TimeToLiveDescription, { AttributeName: 'expires', TimeToLiveStatus: 'ENABLED' }, table);
    }

    // to_dynamodb_dict() and serialize() are toJSON(); fromJSON() reads both, and Python reads toJSON().
    const dumped = JSON.parse(python(['dump', fromPython]));
    const json = JsDoc.create(ITEM).toJSON();
    assert.deepEqual(sortedSets(json), sortedSets(dumped.json));
    assert.deepEqual(sortedSets(json), sortedSets(dumped.raw));
    for (const form of [dumped.json, dumped.raw]) assert.deepEqual({ ...JsDoc.fromJSON(form) }, ITEM);
    assert.equal(python(['load', fromPython], JSON.stringify({ json, raw: json })).trim(), 'loaded: 3 ok');

    // What save() stores is what Python serializes (and version 1, as Python's first save).
    await JsDoc.create(ITEM).save();
    const { version, ...stored } = (await JsDoc.get('p', 7, { consistentRead: true })).toJSON();
    assert.deepEqual(version, { N: '1' });
    assert.deepEqual(sortedSets(stored), sortedSets(dumped.json));

    // save() and batch_write() in Python; batchGet, conditions and an index in JS.
    python(['write', fromPython]);
    const batch = await PyDoc.batchGet([['p', 7], ['p', 8], ['p', 9]], { consistentRead: true });
    // batch_write() does not version what it puts (batchWrite neither): only save() set version 1.
    assert.deepEqual(batch.map(({ sk, version: v, ...rest }) => [sk, v, rest]), [[7, 1], [8, undefined], [9, undefined]].map(([sk, v]) => {
      const { sk: _, ...rest } = ITEM;
      return [sk, v, rest];
    }));
    const [eight, missing] = await PyDoc.transactGet([PyDoc.getOp('p', 8), PyDoc.getOp('p', 99)]);
    assert.deepEqual([eight.sk, eight.title, eight.when.epochMicros, missing], [8, ITEM.title, ITEM.when.epochMicros, null]);
    const matching = cond.and(PyDoc.attr.when.eq(ITEM.when), PyDoc.attr.meta.seen.eq(ITEM.meta.seen), PyDoc.attr.doc.eq(ITEM.doc),
      PyDoc.attr.tags.contains('x'), PyDoc.attr.expires.eq(ITEM.expires), PyDoc.attr.b.eq(ITEM.b));
    assert.equal(await PyDoc.count('p', { range: PyDoc.attr.sk.between(7, 9), filter: matching, consistentRead: true }), 3);
    assert.equal(await PyDoc.count('c', { index: 'by-cat' }), 3);

    // Optimistic locking across the two: each side's update advances the version the other checks.
    const seven = batch[0];
    await seven.update([PyDoc.attr.n.add(1), PyDoc.attr.tags.add(new Set(['z']))]);
    assert.equal(seven.version, 2);
    assert.deepEqual(JSON.parse(python(['bump', fromPython])), { version: 3, n: 4.5, tags: ['x', 'y', 'z'] });
    await seven.refresh();
    assert.equal(seven.version, 3);
    assert.equal(python(['stale', fromPython]).trim(), 'conflict');
    const stale = PyDoc.fromJSON({ ...seven.toJSON(), version: { N: '2' } });
    await assert.rejects(stale.save(), (e) => e.code === 'E_DYNAMODB_CONDITION');

    // transactWrite in JS, TransactGet in Python.
    await PyDoc.transactWrite([
      PyDoc.create({ ...ITEM, sk: 10 }).putOp(),
      batch[1].updateOp([PyDoc.attr.flag.set(true)]),
      batch[2].deleteOp(),
      PyDoc.conditionCheckOp(['p', 7], PyDoc.attr.version.eq(3)),
    ]);
    assert.deepEqual(JSON.parse(python(['read', fromPython])), { 7: 3, 8: 1, 9: null, 10: 1 });

    // delete_table(wait=True) and deleteTable() remove each other's tables.
    python(['delete', fromJs]);
    assert.equal(await JsDoc.describeTable(), null);
    await PyDoc.deleteTable({ wait: true });
    assert.equal(JSON.parse(python(['exists', fromPython])), false);
  } finally {
    await Promise.all([PyDoc.deleteTable(), JsDoc.deleteTable()]);
  }
});
