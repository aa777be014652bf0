// Whole floats written by the real pynamodb 6.1 / pynamodb_mate 6.0.1.1 (top level, lists, maps,
// nested, number sets in lists, JSON text, compressed JSON, pynamodb_mate-encrypted JSON and number)
// keep their Python type through this library on DynamoDB Local: a get then save stores what
// pynamodb's own get then save stores, an update writes back the values read byte for byte, and
// Python reads floats again. Python runs tests/interop/pynamodb_floats.py in .venv-pm6.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { gunzipSync } from 'node:zlib';
import { test } from 'node:test';
import { GetItemCommand } from '@aws-sdk/client-dynamodb';
import { backends, uniqueName } from '../support/endpoints.mjs';
import { attr, codec, defineModel } from '../../js/node.mjs';

const root = new URL('../../', import.meta.url).pathname;
const python = (...args) => {
  try {
    return execFileSync(`${root}.venv-pm6/bin/python`, [`${root}tests/interop/pynamodb_floats.py`, ...args], { encoding: 'utf8' });
  } catch (error) {
    assert.fail(`pynamodb_floats.py ${args[0]} failed:\n${error.stdout}${error.stderr}`);
  }
};

const PASSWORD = 'floats-password';
const pf = (n) => new codec.PythonFloat(n);
// What JS reads from Python's item (pynamodb_floats.py EXPECTED).
const EXPECTED = {
  n: pf(1),
  ns: new Set([pf(1), 2.5]),
  lst: [pf(1), 2, new Set([pf(3), 4]), { p: pf(1e16) }, 0.5],
  nums: [pf(10), 10],
  meta: { price: pf(10), deep: [[pf(1), pf(100)]] },
  raw: { p: pf(0), q: [pf(-3), { r: pf(100) }] },
  doc: { price: pf(10), n: 10, x: [pf(1), pf(1e22)] },
  cdoc: { price: pf(10), l: [pf(1)] },
  edoc: { price: pf(10) },
  enum: pf(5),
};

/** The AttributeValues with the gzip of `cdoc` as its text: pynamodb_mate's gzip has a real MTIME. */
const comparable = (item) => ({ ...item, cdoc: gunzipSync(item.cdoc.B).toString() });

test('whole floats written by pynamodb keep their type through get, save and update [dynamodb-local]', { timeout: 60_000 }, async () => {
  const local = backends().find((b) => b.name === 'dynamodb-local');
  const table = uniqueName('interop-floats');
  python('create', table);
  const Price = defineModel({
    table,
    client: local.dynamodb,
    attributes: {
      pk: attr.string({ hashKey: true }),
      n: attr.number({ nullable: true }),
      ns: attr.numberSet({ nullable: true }),
      lst: attr.list({ nullable: true }),
      nums: attr.list({ of: attr.number(), nullable: true }),
      meta: attr.map({ attributes: { price: attr.number(), deep: attr.list() }, nullable: true }),
      raw: attr.dynamic({ nullable: true }),
      doc: attr.json({ nullable: true }),
      cdoc: attr.compressedJson({ nullable: true }),
      edoc: attr.encryptedJson({ key: PASSWORD, format: 'pynamodb_mate', nullable: true }),
      enum: attr.encryptedNumber({ key: PASSWORD, format: 'pynamodb_mate', nullable: true }),
      note: attr.string({ nullable: true }),
    },
  });
  const raw = async (pk) => (await local.dynamodb.send(new GetItemCommand({ TableName: table, Key: { pk: { S: pk } }, ConsistentRead: true }))).Item;
  try {
    for (const pk of ['py-a', 'py-b', 'py-c']) python('write', table, pk);
    const before = await raw('py-a');
    assert.deepEqual(before.lst.L[0], { N: '1.0' });
    assert.deepEqual(before.n, { N: '1.0' });

    // get then save, here and in pynamodb: the same stored item.
    const a = await Price.get('py-a', { consistentRead: true });
    for (const [name, want] of Object.entries(EXPECTED)) assert.deepEqual(a[name], want, name);
    await a.save();
    python('resave', table, 'py-b');
    const [ours, theirs] = [await raw('py-a'), await raw('py-b')];
    assert.deepEqual(comparable(ours), { ...comparable(theirs), pk: { S: 'py-a' } }, 'as pynamodb\'s own get and save');
    // Byte for byte as before, but for the top-level numbers a PutItem's normalisation changes.
    assert.deepEqual(comparable({ ...ours, n: undefined, ns: undefined }), comparable({ ...before, n: undefined, ns: undefined }));

    // An update of another attribute, setting every value read back as well, stores the same bytes.
    const c = await Price.get('py-c', { consistentRead: true });
    const beforeC = await raw('py-c');
    const same = ['n', 'ns', 'lst', 'nums', 'meta', 'raw', 'doc', 'edoc', 'enum'].map((name) => Price.attr[name].set(c[name]));
    await c.update([Price.attr.note.set('js'), ...same]);
    assert.deepEqual(await raw('py-c'), { ...beforeC, note: { S: 'js' } });
    assert.deepEqual(c.lst, EXPECTED.lst, 'the item read back by update');

    // And Python reads its floats as floats.
    assert.match(python('check', table, 'py-c'), /^pynamodb-floats: 10 passed, 0 failed$/m);
  } finally {
    await Price.deleteTable();
  }
});
