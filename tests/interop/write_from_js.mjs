// Writes, through the built npm package (pkg/), the compressed and encrypted bytes of every value in
// the pynamodb_mate fixtures, in the shape check_readable.py reads. The real pynamodb_mate then
// proves it reads what this library writes (and, for deterministic encryption, that it would have
// written the very same bytes).
//
//   node tests/interop/write_from_js.mjs OUT.json
import { readFileSync, writeFileSync } from 'node:fs';
import { codec } from '../../pkg/dist/node.mjs';

const fixtures = ['5.3.4.4', '6.0.1.1'].map((v) =>
  JSON.parse(readFileSync(new URL(`../fixtures/pynamodb_mate_${v}.json`, import.meta.url), 'utf8')));

const hex = (bytes) => Buffer.from(bytes).toString('hex');

/** A tagged fixture value as the JS value a user would hold. */
function toJs(t) {
  switch (t.t) {
    case 'null': return null;
    case 'bool': return t.v;
    case 'str': return t.v;
    case 'bytes': return new Uint8Array(Buffer.from(t.hex, 'hex'));
    case 'int': {
      const n = BigInt(t.v);
      return n >= BigInt(Number.MIN_SAFE_INTEGER) && n <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(n) : n;
    }
    case 'float': return new codec.PythonFloat(Buffer.from(t.bits, 'hex').readDoubleBE(0));
    case 'list': return t.v.map(toJs);
    case 'dict': return Object.fromEntries(t.v.map(([k, v]) => [k, toJs(v)]));
    default: throw new Error(`unknown tag ${t.t}`);
  }
}

/** Back to tagged form, in the JS value's own key order (JS puts integer-like keys first). */
function toTagged(v) {
  if (v === null) return { t: 'null' };
  if (typeof v === 'boolean') return { t: 'bool', v };
  if (typeof v === 'string') return { t: 'str', v };
  if (v instanceof Uint8Array) return { t: 'bytes', hex: hex(v) };
  if (typeof v === 'number' || typeof v === 'bigint') return { t: 'int', v: String(v) };
  if (v instanceof codec.PythonFloat) {
    const b = Buffer.alloc(8);
    b.writeDoubleBE(v.value);
    return { t: 'float', bits: b.toString('hex') };
  }
  if (Array.isArray(v)) return { t: 'list', v: v.map(toTagged) };
  return { t: 'dict', v: Object.entries(v).map(([k, x]) => [k, toTagged(x)]) };
}

const seen = new Set();
const out = { writer: 'dynamodb-mate (tests/interop/write_from_js.mjs)', compressed: [], encrypted: [] };
for (const fixture of fixtures) {
  for (const e of fixture.compressed) {
    const key = `c ${e.class} ${JSON.stringify(e.value)}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const value = toJs(e.value);
    // The default (ASCII JSON, as 6.x writes) and 5.x's raw UTF-8 form must both be readable.
    for (const ensureAscii of e.kind === 'json' ? [true, false] : [true]) {
      const stored = codec.compress(value, { kind: e.kind, ensureAscii });
      out.compressed.push({ class: e.class, kind: e.kind, value: toTagged(value), stored_hex: hex(stored) });
    }
  }
  for (const e of fixture.encrypted) {
    const key = `e ${e.class} ${e.deterministic} ${e.password} ${JSON.stringify(e.value)}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const value = toJs(e.value);
    // Python's EncryptedNumberAttribute also takes bools; their plaintext is json.dumps, as 'json'.
    const kind = e.kind === 'number' && typeof value === 'boolean' ? 'json' : e.kind;
    const stored = codec.encrypt(value, {
      format: 'pynamodb_mate', key: e.password, deterministic: e.deterministic, kind,
    });
    out.encrypted.push({
      class: e.class, kind: e.kind, deterministic: e.deterministic, password: e.password,
      value: toTagged(value), stored_hex: hex(stored),
    });
  }
}
writeFileSync(process.argv[2], JSON.stringify(out));
console.log(`wrote ${out.compressed.length} compressed and ${out.encrypted.length} encrypted values`);
