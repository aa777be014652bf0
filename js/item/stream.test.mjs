// The stream form between JS and the core: every JS value an item can hold crosses and comes back
// exactly, through a model's item codec (a dynamic attribute takes any value), including what the
// walks special-case: non-ASCII and long strings, a leading BOM, U+0000 tags, lone surrogates,
// `__proto__` keys, bytes of every length class, and a getter that encodes while an item is written.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { attr, codec, errors, UtcDateTime } from '../node.mjs';
import { ItemCodec } from './codec.mjs';
import { hasNoLoneSurrogate } from './stream.mjs';

const specs = (attributes) => Object.entries(attributes).map(([name, a]) => a.spec(name));
const anything = new ItemCodec('T', specs({ id: attr.string({ hashKey: true }), any: attr.dynamic({ nullable: true }), when: attr.datetime({ nullable: true }) }));
const roundTrip = (any) => anything.decode(anything.encode({ id: 'x', any }).item).any;

test('values of every kind come back as they went', () => {
  const long = 'é'.repeat(70_000); // its UTF-8 length needs a 3-byte varint
  const value = {
    ascii: 'plain', accents: 'héllo wörld', emoji: '😀 and 𝄞', bom: '\uFEFFleading BOM', empty: '',
    nul: '\u0000starts with NUL', long, longAscii: 'x'.repeat(20_000),
    int: 42, negative: -7, float: 1.5, big: 2n ** 70n, negBig: -(2n ** 64n), negZero: -0,
    bool: [true, false], none: null, list: [1, 'a', [[]], { deep: { er: [null] } }],
    bytes: new Uint8Array([0, 255, 7]), bigBytes: new Uint8Array(20_000).fill(3),
    strings: new Set(['a', 'b']), numbers: new Set([1, 2.5]), blobs: new Set([new Uint8Array([1]), new Uint8Array([2])]),
    ['__proto__']: 'an own property, not a prototype', 'key with "quotes" \\ and é': 1,
  };
  const back = roundTrip(value);
  assert.deepEqual(back, value);
  assert.equal(Object.getPrototypeOf(back), Object.prototype);
  assert.ok(Object.hasOwn(back, '__proto__'));
  assert.equal(back.long, long);
  assert.equal(back.bom.charCodeAt(0), 0xfeff);
  assert.ok(Object.is(back.negZero, -0));
  assert.equal(roundTrip(new Uint8Array(0)).length, 0, 'empty bytes');
  assert.deepEqual(roundTrip('\u0000'), '\u0000');
});

test('dates keep microseconds; the AttributeValues are the SDK shapes', () => {
  const when = new UtcDateTime(-1n);
  const { item, size } = anything.encode({ id: 'x', any: { n: 1, b: new Uint8Array([1]) }, when });
  assert.deepEqual(item, { id: { S: 'x' }, any: { M: { n: { N: '1' }, b: { B: new Uint8Array([1]) } } }, when: { S: '1969-12-31T23:59:59.999999+0000' } });
  // id 2 + 1; any 3 + M (3 + n: 1 + 1 + 2, b: 1 + 1 + 1); when 4 + 31.
  assert.equal(size, 3 + 3 + 3 + 4 + 3 + 35);
  const back = anything.decode(item);
  assert.ok(back.when instanceof UtcDateTime);
  assert.equal(back.when.epochMicros, -1n);
  assert.deepEqual(anything.encodeValue('any', new Set(['z'])), { SS: ['z'] });
});

test('what the walk refuses names the attribute; lone surrogates are reported by the core where they are', () => {
  const fails = (item, code, message) => assert.throws(() => anything.encode({ id: 'x', ...item }),
    (e) => e instanceof errors.ItemError && e.code === code && message.test(e.message));
  fails({ any: [() => 1] }, 'E_ITEM_TYPE', /^T\.any: a function cannot be stored/);
  fails({ any: new Map() }, 'E_ITEM_TYPE', /^T\.any: a Map cannot be stored/);
  fails({ when: new Date(NaN) }, 'E_ITEM_VALUE', /^T\.when: /);
  const cycle = {};
  cycle.self = cycle;
  fails({ any: cycle }, 'E_ITEM_VALUE', /^T\.any: maps and lists nested deeper than DynamoDB's 32 levels \(or circular\)/);
  fails({ any: 'a\uD800b' }, 'E_ITEM_VALUE', /^T\.any: a string has a lone UTF-16 surrogate/);
  fails({ any: { ['\uDC00']: 1 } }, 'E_ITEM_VALUE', /T\.any: an object key has a lone UTF-16 surrogate/);
  assert.throws(() => anything.encodeValue('any', Symbol('s')), (e) => e.code === 'E_ITEM_TYPE' && /^T\.any: /.test(e.message));
});

/** `levels` arrays around 1, or objects under `key` when given. */
function nested(levels, key) {
  let v = 1;
  for (let k = 0; k < levels; k++) v = key === undefined ? [v] : { [key]: v };
  return v;
}

test('the walk stops 200,000 levels with the documented error: maps and lists E_ITEM_VALUE, JSON values E_JSON_DEPTH', () => {
  const json = new ItemCodec('J', specs({
    id: attr.string({ hashKey: true }), doc: attr.json({ nullable: true }), packed: attr.compressedJson({ nullable: true }),
    sealed: attr.encryptedJson({ key: 'pw', nullable: true }), rows: attr.list({ nullable: true }),
  }), 'table', { hashKey: 'id' });
  json.setKeys('sealed', attr.encryptedJson({ key: 'pw' }).keysNow());
  const refused = (run, code, type, where) => assert.throws(run, (e) => e instanceof type && e.code === code && e.message.startsWith(where) && !e.message.includes('secretKey'));
  for (const value of [nested(200_000), nested(200_000, 'secretKey')]) {
    refused(() => anything.encode({ id: 'x', any: value }), 'E_ITEM_VALUE', errors.ItemError, 'T.any: ');
    refused(() => anything.encodeValue('any', value), 'E_ITEM_VALUE', errors.ItemError, 'T.any: ');
    refused(() => json.encode({ id: 'x', rows: [value] }), 'E_ITEM_VALUE', errors.ItemError, 'J.rows: ');
    for (const name of ['doc', 'packed', 'sealed']) {
      refused(() => json.encode({ id: 'x', [name]: value }), 'E_JSON_DEPTH', errors.EncodingError, `J.${name}: `);
      refused(() => json.encodeValue(name, value), 'E_JSON_DEPTH', errors.EncodingError, `J.${name}: `);
    }
  }
  // JSON values nest as deep as the core allows them in an item (the item itself is one level).
  const deepest = nested(510);
  assert.deepEqual(json.decode(json.encode({ id: 'x', doc: deepest, packed: deepest, sealed: deepest }).item).doc, deepest);
  refused(() => json.encode({ id: 'x', doc: nested(511) }), 'E_JSON_DEPTH', errors.EncodingError, 'J.doc: ');
});

test('a getter that writes another item while one is being written does not disturb it', () => {
  const inner = { id: 'inner', any: 'i'.repeat(100) };
  const outer = { id: 'outer' };
  Object.defineProperty(outer, 'any', { enumerable: true, get: () => anything.encode(inner).item.any.S });
  assert.deepEqual(anything.encode(outer).item, { id: { S: 'outer' }, any: { S: 'i'.repeat(100) } });
});

test('the lone-surrogate check for engines without isWellFormed agrees with it', () => {
  for (const s of ['', 'plain', 'é😀', '\uD83D\uDE00x', '\uD800', 'a\uD800', '\uDC00a', '\uD800\uD800\uDC00', '\uDC00\uD800', 'x\uDBFF\uDFFF']) {
    assert.equal(hasNoLoneSurrogate(s), s.isWellFormed(), JSON.stringify(s));
  }
});

test('a PythonFloat stays a float', () => {
  assert.deepEqual(anything.encode({ id: 'x', any: new codec.PythonFloat(2) }).item.any, { N: '2.0' });
});
