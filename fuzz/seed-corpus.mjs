// Writes the seed corpus of each fuzz target into <dir>/<target>/ (scripts/fuzz.sh): the values of
// the pynamodb_mate fixtures (tests/fixtures) in each target's input format, plus a few items (as
// JSON text and in the stream form).
// File names are content hashes, so reruns add nothing twice.
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { PythonFloat } from '../js/codec/tagged-json.mjs';
import { write } from '../js/item/stream.mjs';
import { UtcDateTime } from '../js/item/utc-datetime.mjs';

const [dir] = process.argv.slice(2);
if (!dir) throw new Error('usage: node fuzz/seed-corpus.mjs <corpus dir>');
const root = new URL('..', import.meta.url).pathname;
const seeds = new Map();
const add = (target, bytes) => {
  if (!seeds.has(target)) seeds.set(target, []);
  seeds.get(target).push(typeof bytes === 'string' ? Buffer.from(bytes) : Buffer.from(bytes));
};
const hex = (h) => Buffer.from(h, 'hex');
// The legacy target's first byte: bit 0 CTR (else ECB), bits 1-3 the kind (fuzz_targets/legacy.rs).
const KINDS = ['string', 'binary', 'number', 'int', 'float', 'json'];

for (const version of ['5.3.4.4', '6.0.1.1']) {
  const f = JSON.parse(readFileSync(join(root, `tests/fixtures/pynamodb_mate_${version}.json`), 'utf8'));
  for (const c of f.compressed) add('gzip', hex(c.stored_hex));
  for (const b of f.base85) add('base85', b.text);
  for (const e of f.encrypted.filter((e) => e.password === 'my-password')) {
    const selector = (e.deterministic ? 0 : 1) | (KINDS.indexOf(e.kind) << 1);
    add('legacy', Buffer.concat([Buffer.from([selector]), hex(e.stored_hex)]));
  }
  for (const j of f.json_loads) add('pyjson', j.text);
  for (const j of f.json_dumps) add('pyjson', j.out);
  for (const d of f.datetime) add('datetime', d.text);
}
// aead: sealed plaintexts (odd selector; then the byte to change and the XOR, see aead.rs).
for (const [selector, plaintext] of [[1, ''], [3, 'x'], [1, '{"a": [1.0, 2]}'], [3, 'é'.repeat(40)]]) {
  add('aead', Buffer.concat([Buffer.from([selector, 0, 0]), Buffer.from(plaintext)]));
}
// item: stored items (AttributeValue JSON, bytes as "\u0000b<base64>") and wire items.
for (const text of [
  '{"s": {"S": "x"}, "nn": {"N": "1.50"}, "i": {"N": "7"}, "f": {"N": "1"}, "b": {"B": "\\u0000bAAE="}, "t": {"BOOL": true}, "z": {"NULL": true}}',
  '{"ss": {"SS": ["a", "b"]}, "ns": {"NS": ["1", "2"]}, "bs": {"BS": ["\\u0000bAA=="]}, "l": {"L": [{"S": "a"}, {"M": {"k": {"N": "1E+3"}}}]}}',
  '{"lt": {"L": [{"M": {"x": {"S": "2024-02-29T12:34:56.000001+0000"}}}, {"M": {"x": {"NULL": true}}}]}}',
  '{"m": {"M": {"a": {"S": "\\u0000sq"}, "d": {"M": {"deep": {"L": [{"NS": ["1"]}]}}}}}, "d": {"BS": []}}',
  '{"j": {"S": "{\\"a\\": [1.0, NaN, 12345678901234567890]}"}, "dt": {"S": "1970-01-01T00:00:00.000000+0000"}, "ttl": {"N": "1700000000"}, "v": {"N": "3"}}',
  '{"cs": {"B": "\\u0000bH4sIAAAAAAAC/0sEAEO+t+gBAAAA"}, "es": {"B": "\\u0000b3U0BAQJrMQ=="}, "eb": {"B": "\\u0000bAAAAAAAAAAAAAAAAAAAAAA=="}}',
  '{"s": "x", "n": null, "i": "\\u0000i18446744073709551616", "f": "\\u0000fNaN", "b": "\\u0000bAAE=", "t": false, "z": null}',
  '{"ss": {"\\u0000set": ["a"]}, "ns": {"\\u0000set": [1, 2]}, "dt": "\\u0000d-1", "ttl": "\\u0000d1700000000000000", "v": 1}',
  '{"cs": "hello", "cj": {"k": ["\\u00e9", 1.5]}, "es": "secret", "en": 12, "ej": {"a": null}, "eb": "\\u0000bAA==", "ei": 5}',
  '{"lt": [{"x": "\\u0000d0"}, {"x": null}], "m": {"a": "b", "d": {"\\u0000set": ["\\u0000bAA=="]}}, "d": [1, "x", {"y": true}]}',
]) {
  add('item', text);
}

// item: the same kinds of values in the stream form the wasm exports take (js/item/stream.mjs).
const bytes = (...b) => new Uint8Array(b);
for (const value of [
  { s: { S: 'x' }, nn: { N: '1.50' }, b: { B: bytes(0, 1) }, ss: { SS: ['a', 'b'] }, l: { L: [{ S: 'a' }, { M: { k: { N: '1E+3' } } }] } },
  { m: { M: { a: { S: '\u0000q' }, d: { M: { deep: { L: [{ NS: ['1'] }] } } } } }, bs: { BS: [bytes(0)] }, t: { BOOL: true }, z: { NULL: true } },
  { s: 'x', n: null, i: 2n ** 64n, f: new PythonFloat(1), b: bytes(0, 1), t: false, z: null, dt: new UtcDateTime(-1n), v: 1 },
  { ss: new Set(['a']), ns: new Set([1, 2]), cs: 'hello', cj: { k: ['é', 1.5, NaN] }, es: 'secret', en: 12, ej: { a: null }, eb: bytes(0), ei: 5 },
  { lt: [{ x: new UtcDateTime(0n) }, { x: null }], m: { a: 'b', d: new Set([bytes(0)]) }, d: [1, 'x\ud800', { y: true }] },
]) {
  add('item', write(value).slice());
}

for (const [target, list] of seeds) {
  mkdirSync(join(dir, target), { recursive: true });
  for (const bytes of list) {
    writeFileSync(join(dir, target, createHash('sha1').update(bytes).digest('hex')), bytes);
  }
}
