// Shared by the differential tests of the item codec's JS fast paths (js/item/fast-*.test.mjs):
// a seeded PRNG, random schemas, and the comparison of a call with the fast paths on and off.
import assert from 'node:assert/strict';
import { attr } from '../node.mjs';
import { PythonFloat } from '../codec/tagged-json.mjs';
import { ItemCodec, setFastPaths } from '../item/codec.mjs';
import { UtcDateTime } from '../item/utc-datetime.mjs';

/** The seed in env var `name`, else a random one. */
export const seedFrom = (name) => Number(process.env[name] ?? Math.floor(Math.random() * 2 ** 32));

/** Random choices from `seed` (mulberry32), and random schemas and strings made with them. */
export function randomness(seed) {
  let a = seed >>> 0;
  const rand = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 2 ** 32;
  };
  const int = (n) => Math.floor(rand() * n);
  const pick = (xs) => xs[int(xs.length)];
  const chance = (p) => rand() < p;

  const STRINGS = ['', 'a', 'héllo', '\u0000x', '\ud83d\ude00', 'lone \ud800', '\udc00', '__proto__', 'with "quotes" and \\', '\ufeffbom', 'ctl\u0001\u007f'];
  const randomString = () => (chance(0.6) ? int(36 ** 6).toString(36).slice(0, int(8)) : pick(STRINGS));
  const bytes = () => Uint8Array.from({ length: int(5) }, () => int(256));

  let names = 0;
  function spec(depth, top, encrypted) {
    const kinds = ['string', 'number', 'boolean', 'null', 'datetime', 'json', 'dynamic', 'binary', 'stringSet', 'numberSet', 'binarySet'];
    if (depth < 3) kinds.push('list', 'list', 'map', 'map');
    if (top) kinds.push('compressed', 'ttl', 'version', ...(encrypted ? ['encrypted'] : []));
    const type = pick(kinds);
    const s = { type, nullable: chance(0.25) };
    if (type === 'number' || type === 'numberSet') s.number = pick(['auto', 'int', 'float']);
    if (top && (type === 'binary' || type === 'binarySet') && chance(0.3)) s.legacyEncoding = true;
    if (type === 'list' && chance(0.7)) s.of = spec(depth + 1, false, encrypted);
    if (type === 'map') s.attributes = fields(depth + 1, false, encrypted);
    if (type === 'compressed') Object.assign(s, { kind: pick(['string', 'json']) });
    return s;
  }

  function fields(depth, top, encrypted) {
    const out = [];
    const seen = new Set();
    for (let i = int(top ? 8 : 4); i >= 0; i--) {
      const s = spec(depth, top, encrypted);
      if ((s.type === 'ttl' || s.type === 'version') && seen.has(s.type)) continue;
      seen.add(s.type);
      const name = chance(0.05) ? pick(['__proto__', 'constructor', '1']) : `a${names++}`;
      if (out.some((f) => f.name === name)) continue;
      out.push({ name, dbName: chance(0.2) ? `d${names++}` : name, ...s });
    }
    return out;
  }

  /**
   * A codec for a random schema with a string hash key `h`; encrypted attributes (unless
   * `encrypted` is false: their randomized values differ between two encodings) are made by
   * attr.encrypted*() for their keys.
   */
  function randomCodec({ encrypted = true } = {}) {
    const key = new Uint8Array(32).fill(9);
    const specs = [{ name: 'h', dbName: 'h', type: 'string', nullable: false }, ...fields(0, true, encrypted)];
    const keyed = new Map();
    const all = specs.map((s) => {
      if (s.type !== 'encrypted') return s;
      const a = pick([attr.encryptedString({ key }), attr.encryptedJson({ key, deterministic: false })]);
      keyed.set(s.name, a);
      return { ...a.spec(s.name), dbName: s.dbName };
    });
    const codec = new ItemCodec('M', all, 'table', { hashKey: 'h' });
    for (const [name, a] of keyed) codec.setKeys(name, a.keysNow());
    return { codec, specs: all };
  }

  return { rand, int, pick, chance, randomString, bytes, randomCodec };
}

/** Objects posing as bytes, Dates and Sets (their prototype is one), which `instanceof` cannot tell from them. */
export const posers = () => [
  Object.create(new Uint8Array(2)), Object.create(new Date(0)), Object.create(new Set([1])), Object.create(new UtcDateTime(1n)),
  Object.setPrototypeOf(new Date(0), UtcDateTime.prototype),
];

/** Deep equality of codec results: JS types, key order and property kinds included. */
export function same(a, b, path) {
  const fail = (what) => assert.fail(`${path}: ${what}: ${String(a)} vs ${String(b)}`);
  if (typeof a !== typeof b) fail('types differ');
  if (typeof a !== 'object' || a === null || b === null) {
    if (!Object.is(a, b)) fail('values differ');
    return;
  }
  if (Object.getPrototypeOf(a) !== Object.getPrototypeOf(b)) fail('classes differ');
  if (a instanceof PythonFloat) return Object.is(a.value, b.value) || fail('floats differ');
  if (a instanceof UtcDateTime) return a.epochMicros === b.epochMicros || fail('dates differ');
  if (a instanceof Uint8Array) return Buffer.compare(a, b) === 0 || fail('bytes differ');
  if (a instanceof Set) {
    if (a.size !== b.size) fail('set sizes differ');
    const bs = [...b];
    [...a].forEach((x, i) => same(x, bs[i], `${path}{${i}}`));
    return;
  }
  assert.deepEqual(Object.getOwnPropertyNames(a), Object.getOwnPropertyNames(b), `${path}: keys differ`);
  for (const k of Object.getOwnPropertyNames(a)) same(a[k], b[k], `${path}.${k}`);
}

/** `call()` with the fast paths on or off: `{ value }` or `{ error }`. */
export function outcome(call, fast) {
  setFastPaths(fast);
  try {
    return { value: call() };
  } catch (error) {
    return { error };
  } finally {
    setFastPaths(true);
  }
}

/** Asserts that the core alone (`rust`) and the fast path (`fast`) had the same outcome. */
export function sameOutcome(rust, fast, where) {
  if (rust.error) {
    assert.ok(fast.error, `${where}: the core throws ${rust.error.message}, the fast path did not`);
    assert.deepEqual([fast.error.constructor, fast.error.code, fast.error.message], [rust.error.constructor, rust.error.code, rust.error.message], where);
  } else {
    assert.ok(!fast.error, `${where}: ${fast.error?.message}`);
    same(fast.value, rust.value, where);
  }
}
