// Whole floats keep their Python type through the item codec: where a plain number would be written
// back as an int (auto numbers, number sets, lists, maps, dynamic values, JSON, compressed and
// encrypted JSON and numbers), a stored `1.0` reads as codec.PythonFloat and encodes to the same
// AttributeValues; float attributes and kinds, ints and non-whole floats read as plain numbers.
import assert from 'node:assert/strict';
import { gunzipSync } from 'node:zlib';
import { test } from 'node:test';
import { attr, codec } from '../node.mjs';
import { ItemCodec } from './codec.mjs';

const { PythonFloat } = codec;
const KEY = new Uint8Array(32).fill(9);
const PASSWORD = 'python-password';

const attributes = {
  id: attr.string({ hashKey: true }),
  n: attr.number({ nullable: true }),
  f: attr.number({ float: true, nullable: true }),
  ns: attr.numberSet({ nullable: true }),
  lst: attr.list({ nullable: true }),
  nums: attr.list({ of: attr.number(), nullable: true }),
  meta: attr.map({ attributes: { price: attr.number() }, nullable: true }),
  raw: attr.dynamic({ nullable: true }),
  doc: attr.json({ nullable: true }),
  zdoc: attr.compressedJson({ nullable: true }),
  edoc: attr.encryptedJson({ key: KEY, nullable: true }),
  enum: attr.encryptedNumber({ key: KEY, nullable: true }),
  efloat: attr.encryptedNumber({ key: KEY, float: true, nullable: true }),
  pdoc: attr.encryptedJson({ key: PASSWORD, format: 'pynamodb_mate', nullable: true }),
  pnum: attr.encryptedNumber({ key: PASSWORD, format: 'pynamodb_mate', nullable: true }),
};

function itemCodec() {
  const entries = Object.entries(attributes);
  const c = new ItemCodec('Price', entries.map(([name, a]) => a.spec(name)), 'prices', { hashKey: 'id' });
  for (const [name, a] of entries) if (a.keysNow()) c.setKeys(name, a.keysNow());
  return c;
}

const pf = (n) => new PythonFloat(n);
const pythonBytes = (text) => codec.encrypt(text, { key: PASSWORD, format: 'pynamodb_mate' });

test('whole floats read as PythonFloat in every place an int could sit, and encode back unchanged', () => {
  const c = itemCodec();
  // As Python stores them (DynamoDB Local keeps N text as sent inside lists and maps, and after a SET).
  const stored = {
    id: { S: 'a' },
    n: { N: '1.0' },
    f: { N: '2.0' },
    ns: { NS: ['1.0', '2', '2.5'] },
    lst: { L: [{ N: '1.0' }, { N: '2' }, { NS: ['100.0'] }, { M: { p: { N: '1e+16' } } }, { N: '-0.0' }, { N: '1.5' }] },
    nums: { L: [{ N: '10.0' }, { N: '10' }] },
    meta: { M: { price: { N: '10.0' } } },
    raw: { M: { p: { N: '0.0' }, l: { L: [{ N: '-3.0' }] } } },
    doc: { S: '{"price": 10.0, "n": 10, "big": 1e+22}' },
    zdoc: { B: codec.gzip('{"price": 10.0}') },
    pdoc: { B: pythonBytes('{"price": 10.0}') },
    pnum: { B: pythonBytes('5.0') },
  };
  const item = c.decode(stored);
  assert.deepEqual(item, {
    id: 'a',
    n: pf(1),
    f: 2,
    ns: new Set([pf(1), 2, 2.5]),
    lst: [pf(1), 2, new Set([pf(100)]), { p: pf(1e16) }, -0, 1.5],
    nums: [pf(10), 10],
    meta: { price: pf(10) },
    raw: { p: pf(0), l: [pf(-3)] },
    doc: { price: pf(10), n: 10, big: pf(1e22) },
    zdoc: { price: pf(10) },
    pdoc: { price: pf(10) },
    pnum: pf(5),
  });
  assert.ok(Object.is(item.lst[4], -0));
  const { item: again } = c.encode(item);
  assert.deepEqual({ ...again, zdoc: undefined }, { ...stored, zdoc: undefined });
  assert.equal(gunzipSync(again.zdoc.B).toString(), '{"price": 10.0}');
});

test('aead JSON and numbers keep whole floats; float kinds read plain numbers', () => {
  const c = itemCodec();
  const written = { id: 'a', edoc: [pf(1), 1, { x: pf(2) }], enum: pf(5), efloat: 5 };
  const { item: stored } = c.encode(written);
  const decrypt = (name, kind) => codec.decrypt(stored[name].B, { key: KEY, table: 'prices', attribute: name, kind });
  assert.deepEqual(decrypt('enum', 'number'), pf(5));
  assert.equal(decrypt('efloat', 'float'), 5);
  assert.equal(codec.pythonJsonDumps(decrypt('edoc', 'json')), '[1.0, 1, {"x": 2.0}]');
  const item = c.decode(stored);
  assert.deepEqual(item, { ...written, ns: new Set() }); // a missing set reads as an empty one
  assert.deepEqual(c.encode(item).item, stored, 'deterministic: the same bytes');
});

test('1E+2 and 100.0 read as the float 100.0 and are written as Python writes it, 100.0', () => {
  const c = itemCodec();
  const item = c.decode({ id: { S: 'a' }, lst: { L: [{ N: '1E+2' }, { N: '1e2' }, { N: '100' }] } });
  assert.deepEqual(item.lst, [pf(100), pf(100), 100]);
  assert.deepEqual(c.encode(item).item.lst, { L: [{ N: '100.0' }, { N: '100.0' }, { N: '100' }] });
});
