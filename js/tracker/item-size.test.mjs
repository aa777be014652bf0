// The tracker sizes raw items through the core (js/tracker/item-size.mjs): on random items of every
// type its sizes must be the ones the item codec computes when it encodes them (the core's 400 KB
// check), whole and attribute by attribute.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { attr, errors, UtcDateTime } from '../node.mjs';
import { ItemCodec } from '../item/codec.mjs';
import { bytesAfter, itemBytes, resizer, valueBytes } from './item-size.mjs';

const specs = (attributes) => Object.entries(attributes).map(([name, a]) => a.spec(name));
const codec = new ItemCodec('Sized', specs({
  id: attr.string({ hashKey: true }),
  any: attr.dynamic({ nullable: true }),
  when: attr.datetime({ nullable: true }),
  doc: attr.json({ nullable: true }),
  tags: attr.stringSet({ nullable: true }),
  counts: attr.numberSet({ nullable: true }),
  blobs: attr.binarySet({ nullable: true }),
  price: attr.number({ nullable: true, float: true }),
}), 'sized', { hashKey: 'id' });

/** A seeded generator (mulberry32), so that a failure can be replayed. */
function random(seed) {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const ALPHABET = ['a', 'Z', '0', ' ', 'é', '€', '😀', '\u0000', '\uFEFF', '"'];

function makers(next) {
  const int = (n) => Math.floor(next() * n);
  const pick = (xs) => xs[int(xs.length)];
  const text = (most) => Array.from({ length: int(most) }, () => pick(ALPHABET)).join('');
  const number = () => pick([
    () => int(1e6) - 5e5, () => (next() - 0.5) * 10 ** (int(40) - 20), () => 0, () => 100, () => 0.001,
    () => BigInt(int(1e9)) ** 4n, // up to 36 digits
  ])();
  const bytes = () => Uint8Array.from({ length: int(40) }, () => int(256));
  const distinct = (make) => [...new Set(Array.from({ length: 1 + int(4) }, make))];
  const value = (depth) => {
    const kinds = [() => text(20), number, bytes, () => next() < 0.5, () => null];
    if (depth < 4) {
      kinds.push(
        () => Array.from({ length: int(5) }, () => value(depth + 1)),
        () => Object.fromEntries(Array.from({ length: int(5) }, () => [text(6), value(depth + 1)])),
        () => new Set(distinct(() => text(5) || 'x')),
        () => new Set(distinct(() => int(1000))),
      );
    }
    return pick(kinds)();
  };
  return { int, text, number, bytes, distinct, value, next };
}

/** A random Sized item: every nullable attribute present or not. */
function randomItem(m) {
  const maybe = (make) => (m.next() < 0.7 ? make() : undefined);
  return {
    id: m.text(12) || 'k',
    any: maybe(() => m.value(0)),
    when: maybe(() => new UtcDateTime(BigInt(m.int(2 ** 40)) * 1000n)),
    doc: maybe(() => ({ [m.text(5)]: [m.text(8), m.int(1000), m.next()] })),
    tags: maybe(() => new Set(m.distinct(() => m.text(8) || 'x'))),
    counts: maybe(() => new Set(m.distinct(() => m.int(1e6)))),
    blobs: maybe(() => new Set([Uint8Array.of(1, 2), Uint8Array.of(m.int(256) + 3)])),
    price: maybe(() => m.next() * 1000),
  };
}

const utf8Length = (s) => new TextEncoder().encode(s).length;

test('on random items, the tracker sizes what the codec encodes as the codec does: whole, and by attribute', () => {
  const m = makers(random(14));
  for (let n = 0; n < 500; n++) {
    const { item, size } = codec.encode(randomItem(m));
    assert.equal(itemBytes(item), size, `item ${n}`);
    const byAttribute = Object.entries(item).reduce((sum, [name, av]) => sum + utf8Length(name) + valueBytes(av), 0);
    assert.equal(byAttribute, size, `item ${n}, by attribute`);
  }
});

test('SDK shapes size by DynamoDB\'s rules: N by significant digits, B by bytes, sets as arrays', () => {
  // N: 1 + ceil(significant digits / 2), zeros trimmed, sign free.
  assert.deepEqual(['0', '100', '0.001', '12345', '-1.25', '1E+2'].map((N) => valueBytes({ N })), [1, 2, 2, 4, 3, 2]);
  assert.equal(valueBytes({ B: new Uint8Array(3) }), 3);
  assert.equal(valueBytes({ S: 'é😀' }), 6);
  // The SDK's sets are arrays: SS 1 + 3, NS 2 + 2, BS 0 + 1.
  assert.equal(itemBytes({ ss: { SS: ['a', 'bcd'] }, ns: { NS: ['1', '22'] }, bs: { BS: [new Uint8Array(0), new Uint8Array(1)] } }), 2 + 4 + 2 + 4 + 2 + 1);
  // L and M: 3, plus per element 1 (and for M the key).
  assert.equal(valueBytes({ L: [{ NULL: true }, { BOOL: false }] }), 3 + 2 + 2);
  assert.equal(valueBytes({ M: { ab: { S: 'xyz' } } }), 3 + 1 + 2 + 3);
});

test('bytesAfter: a SET value replaces its attribute, a computed value counts one byte', () => {
  const item = { id: { S: 'k' }, data: { S: 'x'.repeat(10) }, retry: { N: '1' } };
  const ref = (name) => [{ name }];
  const actions = [
    { type: 'set', path: ref('data'), value: { type: 'value', value: { S: 'yy' } } },
    { type: 'set', path: ref('retry'), value: { type: 'plus' } },
  ];
  // id 2 + 1, data 4 + 2 (the new value), retry 5 + 2, and 1 for the computed retry.
  assert.equal(bytesAfter(item, actions), 3 + 6 + 7 + 1);
});

test('resizer: the size with another value of one attribute is the size of the item holding it', () => {
  const item = { id: { S: 'k' }, 'é': { S: 'x'.repeat(10) } };
  const other = { S: 'y'.repeat(3) };
  assert.equal(resizer(itemBytes(item), 'é', item['é'])(valueBytes(other)), itemBytes({ ...item, 'é': other }));
  assert.equal(resizer(itemBytes({ id: item.id }), 'é', undefined)(valueBytes(other)), itemBytes({ ...item, 'é': other }), 'absent before');
});

test('what is not AttributeValues is an ItemError that names the attribute, never a value or a map key', () => {
  const refused = (run, message) => assert.throws(run, (e) => e instanceof errors.ItemError && e.code === 'E_ITEM_STORED' && e.message === message);
  refused(() => itemBytes({ data: { X: 'secret' } }), 'AttributeValues.data: not an AttributeValue (an object with one type key)');
  refused(() => itemBytes({ data: { M: { secretKey: { N: 'secret' } } } }), 'AttributeValues.data: stored N is not a number');
  refused(() => valueBytes({ L: 'secret' }), 'AttributeValues: L or a set is not an array');
});
