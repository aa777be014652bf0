// The JS fast path of ItemCodec.decode against the Rust core (the reference): random schemas (every
// type, nesting, nullable, number modes, legacyEncoding, compressed and encrypted attributes) and
// random stored items (valid ones, and mutated ones: wrong types, odd number texts, edge numbers and
// datetimes, JSON texts, empty sets, missing attributes) must decode to the same values (types and
// key order included) or fail with the same error. Replay a failure with FAST_DECODE_SEED=<seed>.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { PythonFloat } from '../codec/tagged-json.mjs';
import { outcome, posers, randomness, sameOutcome, seedFrom } from '../testing/fast-paths.mjs';
import { BAIL, fastDecoder } from './fast-decode.mjs';

const SEED = seedFrom('FAST_DECODE_SEED');
const { rand, int, pick, chance, randomString, bytes, randomCodec } = randomness(SEED);

// ---- stored texts, valid and odd ----

const NUMBER_TEXTS = [
  '0', '-0', '1', '-1', '007', '42', '123456789012345', '9007199254740991', '9007199254740992', '-9007199254740993',
  '12345678901234567890123456789012345678', '123456789012345678901234567890123456789', '1.0', '0.0', '-0.0', '-3.0',
  '1.5', '10.50', '0.875', '-2.25', '3.14159', '100000000000000.5', '1e-130', '1E-131', '9.99e125', '1e126', '1E+2',
  '1e16', '-1E-7', '12.5e1', '+5', '.5', '5.', '1e', '--1', 'abc', '', ' 1', '1 ', 'NaN', 'Infinity', '0x10', '1_000',
  '0.1234567890123456', '1234567890123456.5', '\u00001',
];
const randomNumberText = () => (chance(0.3) ? pick(NUMBER_TEXTS) : String(pick([int(1000), -int(1e6), rand() * 100, (rand() - 0.5) * 1e6])));

const pad = (n, w) => String(n).padStart(w, '0');
function datetimeText() {
  if (chance(0.2)) {
    return pick(['2023-11-14T22:13:20.123456+0000', '0001-01-01T00:00:00.000000+0000', '9999-12-31T23:59:59.999999+0000',
      '0000-01-01T00:00:00.000000+0000', '2023-02-29T00:00:00.000000+0000', '2024-02-29T00:00:00.000000+0000',
      '2023-11-14T24:00:00.000000+0000', '2023-11-14T22:13:60.000000+0000', '2023-13-01T00:00:00.000000+0000',
      '2023-11-14T22:13:20.123456+0100', '2023-11-14T22:13:20.123456Z', '2023-11-14T22:13:20+0000', '1900-02-29T00:00:00.000000+0000',
      '2000-02-29T12:00:00.000001+0000', '0099-06-15T01:02:03.000004+0000', '2023-11-14 22:13:20.123456+0000',
      '2023/11-14T22:13:20.123456+0000', '2023-11-14T22-13:20.123456+0000', '2023-11-14T22:13:20,123456+0000', '2023-11-14T22:13:20.123456-0000']);
  }
  return `${pad(1 + int(9999), 4)}-${pad(1 + int(12), 2)}-${pad(1 + int(31), 2)}T${pad(int(24), 2)}:${pad(int(60), 2)}:${pad(int(60), 2)}.${pad(int(1e6), 6)}+0000`;
}

const ttlText = () => pick(['0', '-1', '1700000000', '253402300799', '253402300800', '-62135596800', '-62135596801', '1.5', '1e3', '-0', '999999999999', '1000000000000', 'x', String(int(2e9))]);

/** JSON text as Python writes it (and some it would not): spacing, floats, big ints, escapes, repeated keys. */
function jsonText(depth = 0) {
  const k = depth > 3 ? int(6) : int(9);
  switch (k) {
    case 0: return pick(['null', 'true', 'false', 'NaN', 'Infinity', '-Infinity', 'nul']);
    case 1: return pick(['0', '-0', '1', '-5', '12345678901234567890', '9007199254740991', '9007199254740992', '01', '1.', '-']);
    case 2: return pick(['1.0', '0.5', '-0.0', '1e5', '1E+2', '2.5e-3', '1e400', '1e-400', '0.1', '3.0']);
    case 3: return pick(['"a"', '"\\u00e9"', '"\\ud83d\\ude00"', '"\\ud800"', '"tab\\there"', '"\\x"', '"raw\ttab"', '"é"', '"\\/"', '"\\u0000s"']);
    case 4: return JSON.stringify(randomString());
    case 5: return pick([' 1 ', '\n[1 , 2]\t', '[]', '{}', '[1,]', '{"a":1,}', '\u00a01']);
    case 6: case 7: {
      const items = Array.from({ length: int(4) }, () => jsonText(depth + 1));
      return `[${items.join(pick([',', ', ']))}]`;
    }
    default: {
      const keys = ['a', 'b', 'a', '__proto__', '1', 'é'];
      const entries = Array.from({ length: int(4) }, () => `${JSON.stringify(pick(keys))}: ${jsonText(depth + 1)}`);
      return `{${entries.join(', ')}}`;
    }
  }
}

const base64Text = () => new TextEncoder().encode(pick([Buffer.from(bytes()).toString('base64'), 'yv7wDR==', 'yv7wDQ', 'AA==', '']));

// ---- random stored values ----

function jsValue(s) {
  if (s.kind === 'json') return pick([{ a: [1, 1.5, 'x'] }, [true, null], 'text', new PythonFloat(2), 3]);
  return randomString().replace(/[\ud800-\udfff]/g, '');
}

const odd = () => pick([
  { S: 'x' }, { N: '1' }, { N: 1 }, { B: new Uint8Array(2) }, { B: 'AA==' }, { BOOL: true }, { BOOL: 1 }, { NULL: true }, { NULL: false },
  { NULL: 'yes' }, { L: [] }, { L: {} }, { M: {} }, { M: [] }, { SS: [] }, { SS: ['a', 'a'] }, { NS: ['1', '1.0', '2E+1'] }, { BS: [new Uint8Array(1)] },
  {}, { S: 'a', N: '1' }, { S: 'a', N: undefined }, 'plain', null, [], new Map(), { S: () => 1 }, { '': 1 }, { $unknown: ['x', 1] },
  ...posers().map((B) => ({ B })), ...posers(),
]);

function dynamicAv(depth) {
  switch (int(depth > 3 ? 7 : 10)) {
    case 0: return { S: randomString() };
    case 1: return { N: randomNumberText() };
    case 2: return { B: bytes() };
    case 3: return { BOOL: chance(0.5) };
    case 4: return { NULL: true };
    case 5: return { SS: Array.from({ length: int(3) }, randomString) };
    case 6: return { NS: Array.from({ length: int(3) }, randomNumberText) };
    case 7: return { L: Array.from({ length: int(4) }, () => dynamicAv(depth + 1)) };
    case 8: return { BS: Array.from({ length: int(3) }, bytes) };
    default: {
      const M = {};
      for (let i = int(4); i > 0; i--) M[pick(['a', 'b', '__proto__', '2', 'lone \ud800', randomString()])] = dynamicAv(depth + 1);
      return { M };
    }
  }
}

function stored(s, codec, hash) {
  if (chance(0.02)) return odd();
  if (s.nullable && chance(0.1)) return { NULL: true };
  switch (s.type) {
    case 'string': return { S: randomString() };
    case 'number': case 'version': return { N: randomNumberText() };
    case 'boolean': return { BOOL: chance(0.5) };
    case 'null': return { NULL: true };
    case 'datetime': return { S: datetimeText() };
    case 'ttl': return { N: ttlText() };
    case 'json': return { S: jsonText() };
    case 'dynamic': return dynamicAv(0);
    case 'binary': return { B: s.legacyEncoding ? base64Text() : bytes() };
    case 'stringSet': return chance(0.1) ? { NULL: true } : { SS: Array.from({ length: int(4) }, randomString) };
    case 'numberSet': return { NS: Array.from({ length: int(4) }, randomNumberText) };
    case 'binarySet': return { BS: Array.from({ length: int(3) }, () => (s.legacyEncoding ? base64Text() : bytes())) };
    case 'list': return { L: Array.from({ length: int(4) }, () => (s.of ? stored(s.of, codec, hash) : dynamicAv(1))) };
    case 'map': return { M: storedItem(s.attributes, codec, hash) };
    default: { // compressed and encrypted: what the core writes, or bytes it cannot read
      if (chance(0.1)) return { B: bytes() };
      return codec.encodeValue(s.name, jsValue(s), false, { h: { S: chance(0.9) ? hash : 'other' } });
    }
  }
}

function storedItem(specs, codec, hash) {
  const item = {};
  for (const s of specs) {
    if (chance(0.15)) continue; // missing (sets read as empty Sets)
    item[s.dbName ?? s.name] = s.name === 'h' ? { S: hash } : stored(s, codec, hash);
  }
  if (chance(0.1)) item.unknown = chance(0.8) ? dynamicAv(0) : odd();
  return item;
}

test(`the fast decode path gives the core's values and errors (FAST_DECODE_SEED=${SEED})`, () => {
  console.log(`FAST_DECODE_SEED=${SEED}`);
  let cases = 0;
  let errors = 0;
  let read = 0; // items the fast path read itself (not bailing out to the core)
  for (let schema = 0; schema < 300; schema++) {
    const { codec, specs } = randomCodec();
    const fastRead = fastDecoder(specs, ['h']);
    for (let i = 0; i < 20; i++, cases++) {
      const hash = randomString().replace(/[\ud800-\udfff]/g, '') || 'h';
      const item = chance(0.01) ? pick([null, [], 'x', new Map()]) : storedItem(specs, codec, hash);
      const rust = outcome(() => codec.decode(item), false);
      if (fastRead !== undefined && fastRead(item, (rest) => outcome(() => codec.decode(rest), false).value ?? BAIL) !== BAIL) read++;
      const fast = outcome(() => codec.decode(item), true);
      const where = `seed ${SEED}, schema ${schema}, item ${i}: ${JSON.stringify(specs)}`;
      if (rust.error) errors++;
      sameOutcome(rust, fast, where);
    }
  }
  // Both outcomes are exercised, and the fast path reads most items that the core reads.
  console.log(`${cases} items: ${errors} errors, ${read} read by the fast path`);
  assert.ok(errors > cases / 20 && errors < cases / 1.5, `${errors} errors in ${cases} cases`);
  assert.ok(read > (cases - errors) / 3, `the fast path read ${read} of ${cases - errors} items`);
});
