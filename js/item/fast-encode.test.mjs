// The JS fast path of ItemCodec.encode (js/item/fast-encode.mjs) against the Rust core (the
// reference): random schemas (every type but randomized encryption, whose ciphertexts differ
// between two encodings; nesting, nullable, number modes, legacyEncoding, compressed) and random JS
// items (valid ones and odd ones: edge numbers and floats around Python's repr switch, -0, NaN,
// BigInt, PythonFloat, dates at and past years 1 and 9999, invalid Dates, JSON values with escapes,
// DEL, lone surrogates and nesting, empty and mixed Sets, objects posing as bytes, Dates and Sets,
// nulls, unknown and missing properties)
// must encode to the same AttributeValues and size (types and key order included) or fail with
// the same error. Replay a failure with FAST_ENCODE_SEED=<seed>.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { PythonFloat } from '../codec/tagged-json.mjs';
import { outcome, posers, randomness, sameOutcome, seedFrom } from '../testing/fast-paths.mjs';
import { BAIL } from './fast-decode.mjs';
import { fastEncoder } from './fast-encode.mjs';
import { UtcDateTime } from './utc-datetime.mjs';

const SEED = seedFrom('FAST_ENCODE_SEED');
const { rand, int, pick, chance, randomString, bytes, randomCodec } = randomness(SEED);

const NUMBERS = [
  0, -0, 1, -1, 42, 2 ** 53 - 1, 2 ** 53, -(2 ** 53 - 1), 1.5, -2.25, 0.1, 0.875, 1e-4, 1.5e-4, 9.99e-5, 1e-5, 1e-7,
  123456.789, 1e15, 1e15 + 0.5, 9999999999999998, 1e16, 1e21, 1e-130, 1e126, NaN, Infinity, -Infinity, 5e-324, 0.30000000000000004,
];
const randomNumber = () => (chance(0.5) ? pick(NUMBERS) : pick([int(1000), -int(1e9), rand() * 100, (rand() - 0.5) * 1e12]));
const oddNumber = () => pick([10n, -(2n ** 70n), new PythonFloat(1), new PythonFloat(2.5), '1', true]);
const number = () => (chance(0.95) ? randomNumber() : oddNumber());

const DAY_MS = 86_400_000;
function date() {
  switch (int(6)) {
    case 0: return new Date(int(2 ** 31) * 1000 + int(1000));
    case 1: return new UtcDateTime(BigInt(int(2 ** 40)) * 1_000_000n + BigInt(int(1e6)) - 2n ** 45n * 1000n);
    case 2: return pick([new Date(-62_135_596_800_000), new Date(-62_135_596_800_001), new Date(253_402_300_799_999), new Date(253_402_300_800_000)]);
    case 3: return pick([new Date(NaN), '2020-01-01', 1_700_000_000, new UtcDateTime(-1n), new UtcDateTime(-62_135_596_800_000_000n)]);
    case 4: return new Date((rand() - 0.5) * 3e5 * DAY_MS * 365);
    default: return new Date(-int(1e12));
  }
}

/** A JSON-like value: what json and dynamic attributes hold, odd parts included. */
function jsonValue(depth, dynamic) {
  switch (int(depth > 2 ? 5 : 8)) {
    case 0: return randomString();
    case 1: return number();
    case 2: return pick([true, false, null, undefined]);
    case 3: return pick(['"q" \\ / \b\f\n\r\t', 'é ü 😀 \u2028', '\u007f\u0080', 'del \u007f', '\u0000x', 'lone \udc00', '']);
    case 4: return pick(dynamic ? [bytes(), new Set(), new Set(['a', 'b']), new Set([1, 2]), new Date(0), new Map(), ...posers()] : [new Date(0), new Set([1]), bytes(), () => 1, ...posers()]);
    case 5: case 6: return Array.from({ length: int(4) }, () => jsonValue(depth + 1, dynamic));
    default: {
      const o = {};
      // An own `__proto__` property, as JSON.parse makes it (assigning one would set the prototype).
      for (let i = int(4); i > 0; i--) Object.defineProperty(o, pick(['a', 'b', '1', 'é', '__proto__', 'k"', randomString()]), { value: jsonValue(depth + 1, dynamic), enumerable: true, writable: true, configurable: true });
      return o;
    }
  }
}

/** A value for `spec`: mostly of its type, sometimes null, missing or of another. */
function value(spec) {
  if (chance(0.015)) return pick([null, 'x', 1, true, {}, [], new Set(), bytes(), new Date(0), ...posers()]);
  if (spec.nullable && chance(0.1)) return null;
  switch (spec.type) {
    case 'string': return randomString();
    case 'number': case 'version': return number();
    case 'boolean': return chance(0.5);
    case 'null': return chance(0.8) ? null : 1;
    case 'binary': return bytes();
    case 'datetime': case 'ttl': return date();
    case 'json': return jsonValue(0, false);
    case 'dynamic': return jsonValue(0, true);
    case 'stringSet': return new Set(Array.from({ length: int(4) }, () => (chance(0.98) ? randomString() : 1)));
    case 'numberSet': return new Set(Array.from({ length: int(4) }, randomNumber));
    case 'binarySet': return new Set(Array.from({ length: int(3) }, bytes));
    case 'list': return Array.from({ length: int(4) }, () => (spec.of ? value(spec.of) : jsonValue(1, true)));
    case 'map': return values(spec.attributes);
    default: return spec.kind === 'json' ? jsonValue(1, false) : randomString(); // compressed
  }
}

function values(specs) {
  const out = {};
  for (const s of specs) if (!chance(0.03)) out[s.name] = value(s);
  if (chance(0.03)) out.unknown = 1;
  return out;
}

test(`the fast encode path gives the core's AttributeValues, sizes and errors (FAST_ENCODE_SEED=${SEED})`, () => {
  console.log(`FAST_ENCODE_SEED=${SEED}`);
  let cases = 0;
  let errors = 0;
  let written = 0; // items the fast path wrote itself
  for (let schema = 0; schema < 300; schema++) {
    const { codec, specs } = randomCodec({ encrypted: false });
    const fast = fastEncoder(specs);
    for (let i = 0; i < 20; i++, cases++) {
      const item = { ...values(specs), h: `h${int(100)}` };
      const rust = outcome(() => codec.encode(item), false);
      if (rust.error) errors++;
      if (fast !== undefined && fast(item) !== BAIL) written++;
      sameOutcome(rust, outcome(() => codec.encode(item), true), `seed ${SEED}, schema ${schema}, item ${i}: ${JSON.stringify(specs)}`);
    }
  }
  console.log(`${cases} items: ${errors} errors, ${written} written by the fast path`);
  assert.ok(errors > cases / 20 && errors < cases / 1.2, `${errors} errors in ${cases} cases`);
  assert.ok(written > cases / 10, `the fast path wrote only ${written} of ${cases - errors} items`);
});
