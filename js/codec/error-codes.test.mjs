// Every error code of docs/wasm-interface.md (plus E_INPUT_TYPE) is reachable from JS as a typed
// error whose message leaks no key or plaintext, and the module keeps working afterwards: checked on
// the source and on the built package's ESM and CJS bundles (the files `npm pack` ships). And the
// codes the sources can raise (JS and Rust), the code union of the types and the docs' error tables
// are one set.
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { test } from 'node:test';
import { expectError } from '../testing/expect-error.mjs';
import { nonEmptySets, root } from '../testing/typecheck.mjs';

const TARGETS = {
  source: await import('../node.mjs'),
  'pkg ESM': await import('../../pkg/dist/node.mjs'),
  'pkg CJS': createRequire(import.meta.url)('../../pkg/dist/node.cjs'),
};

const documented = [...readFileSync(new URL('../../docs/wasm-interface.md', import.meta.url), 'utf8')
  .matchAll(/^\| `(E_[A-Z0-9_]+)` \|/gm)].map((m) => m[1]);

const PLAIN = 'top secret plaintext';
const KEY = randomBytes(32);
const PASSWORD = 'hunter2-password';
const ctx = { table: 'users', attribute: 'ssn' };
const legacy = { format: 'pynamodb_mate', key: PASSWORD, kind: 'string' };
const edit = (bytes, at, value) => {
  const copy = bytes.slice();
  copy[at < 0 ? copy.length + at : at] ^= value;
  return copy;
};

// The platform random source is made to fail by shadowing crypto.getRandomValues. The core draws
// nonces from a pool of 1 KiB (src/random.rs), so the failure shows once the pool runs out: within
// 86 randomized encryptions.
const POOLED_NONCES_MAX = 1024 / 12 + 1;
function withBrokenRandom(fn) {
  Object.defineProperty(globalThis.crypto, 'getRandomValues', {
    configurable: true,
    value: () => { throw new Error('no entropy'); },
  });
  try {
    return fn();
  } finally {
    delete globalThis.crypto.getRandomValues;
  }
}

// Model-level codes need a client object only: none of these cases sends a request.
const client = { send: () => { throw new Error('no request may be sent'); } };

function suite(label, { attr, codec, defineModel, errors }) {
  const Thing = defineModel({
    table: 'things',
    client,
    attributes: { id: attr.string({ hashKey: true }), n: attr.number({ nullable: true }), text: attr.string({ nullable: true }) },
  });
  // Its key provider is never awaited (no Sealed.prepare()), so its keys are not set.
  const Sealed = defineModel({
    table: 'sealed',
    client,
    attributes: { id: attr.string({ hashKey: true }), secret: attr.encryptedString({ key: async () => KEY }) },
  });
  const aead = (opts = {}) => codec.encrypt(PLAIN, { key: KEY, ...ctx, ...opts });
  const gzipped = codec.gzip(PLAIN);

  const CASES = {
    E_INPUT_TYPE: [errors.ArgumentError, () => codec.encrypt(PLAIN, { key: 42, ...ctx })],
    E_ARGUMENT: [errors.ArgumentError, () => codec.gzip(PLAIN, { level: 10 })],
    E_KEY_LENGTH: [errors.KeyError, () => codec.encrypt(PLAIN, { key: KEY.subarray(0, 31), ...ctx })],
    E_KEY_NOT_SET: [errors.KeyError, () => Sealed.create({ id: 'sealed-1', secret: PLAIN })],
    E_GZIP_HEADER: [errors.CompressionError, () => codec.gunzip(new TextEncoder().encode(PLAIN))],
    E_GZIP_DATA: [errors.CompressionError, () => codec.gunzip(new Uint8Array([0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 0xff, 0xff, 0, 0, 0]))],
    E_GZIP_TRUNCATED: [errors.CompressionError, () => codec.gunzip(gzipped.subarray(0, gzipped.length - 3))],
    E_GZIP_CHECKSUM: [errors.CompressionError, () => codec.gunzip(edit(gzipped, -8, 1))],
    E_GZIP_TOO_LARGE: [errors.CompressionError, () => codec.gunzip(gzipped, { maxOutput: 4 })],
    E_BASE85: [errors.EncodingError, () => codec.b85decode('abc"')],
    E_JSON_SYNTAX: [errors.EncodingError, () => codec.pythonJsonLoads(`{"a": "${PLAIN}"`)],
    E_JSON_TYPE: [errors.EncodingError, () => codec.encrypt(PLAIN, { key: KEY, ...ctx, kind: 'number' })],
    E_JSON_SURROGATE: [errors.EncodingError, () => codec.pythonJsonDumps({ a: `${PLAIN}\udc00` })],
    E_JSON_DEPTH: [errors.EncodingError, () => codec.pythonJsonLoads('['.repeat(600) + ']'.repeat(600))],
    E_DATETIME: [errors.EncodingError, () => codec.parseDatetime('2024-13-01T00:00:00.000000+0000')],
    E_UTF8: [errors.EncodingError, () => codec.decrypt(codec.encrypt(new Uint8Array([0xc3, 0x28]), { key: KEY, ...ctx }), { key: KEY, ...ctx, kind: 'string' })],
    E_LEGACY_LENGTH: [errors.DecryptionError, () => codec.decrypt(codec.encrypt(PLAIN, legacy).subarray(0, 31), legacy)],
    E_LEGACY_PADDING: [errors.DecryptionError, () => codec.decrypt(codec.encrypt(PLAIN, legacy), { ...legacy, key: 'wrong-password' })],
    E_LEGACY_ENVELOPE: [errors.DecryptionError, () => codec.decrypt(new TextEncoder().encode(`{"token": "${PLAIN}"}`), { ...legacy, deterministic: false })],
    E_AEAD_FORMAT: [errors.DecryptionError, () => codec.decrypt(new TextEncoder().encode(PLAIN), { key: KEY, ...ctx, kind: 'string' })],
    E_AEAD_VERSION: [errors.DecryptionError, () => codec.decrypt(edit(aead(), 2, 0x7f), { key: KEY, ...ctx, kind: 'string' })],
    E_AEAD_TRUNCATED: [errors.DecryptionError, () => codec.decrypt(aead().subarray(0, 30), { key: KEY, ...ctx, kind: 'string' })],
    E_AEAD_UNKNOWN_KEY_ID: [errors.DecryptionError, () => codec.decrypt(aead({ keyId: 'old' }), { key: KEY, keyId: 'new', ...ctx, kind: 'string' })],
    E_AEAD_WRONG_KEY: [errors.DecryptionError, () => codec.decrypt(aead(), { key: PASSWORD, ...ctx, kind: 'string' })],
    E_AEAD_CONTEXT: [errors.DecryptionError, () => codec.decrypt(aead(), { key: KEY, ...ctx, attribute: 'name', kind: 'string' })],
    E_AEAD_TAMPERED: [errors.DecryptionError, () => codec.decrypt(edit(aead({ deterministic: false }), -1, 1), { key: KEY, ...ctx, kind: 'string' })],
    E_RANDOM: [errors.CodecError, () => withBrokenRandom(() => {
      for (let i = 0; i < POOLED_NONCES_MAX; i++) aead({ deterministic: false });
    })],
    E_SCHEMA: [errors.ModelError, () => defineModel({ table: 'things', client, attributes: { id: attr.string({ hashKey: true }), 'a.b': attr.string() } })],
    E_ITEM_REQUIRED: [errors.ItemError, () => Thing.create({ n: 1 })],
    E_ITEM_TYPE: [errors.ItemError, () => Thing.create({ id: 'thing-1', n: PLAIN })],
    E_ITEM_VALUE: [errors.ItemError, () => Thing.create({ id: 'thing-1', n: NaN })],
    E_ITEM_UNKNOWN: [errors.ItemError, () => Thing.create({ id: PLAIN, [PLAIN]: 1 })],
    E_ITEM_TOO_LARGE: [errors.ItemError, () => Thing.create({ id: 'x', text: PLAIN.repeat(21_000) })],
    E_ITEM_STORED: [errors.ItemError, () => Thing.fromJSON({ id: { S: PLAIN }, n: { S: PLAIN } })],
  };

  test(`${label}: every documented code has a case here`, () => {
    assert.deepEqual(Object.keys(CASES).filter((code) => code !== 'E_INPUT_TYPE').sort(), [...documented].sort());
  });

  for (const [code, [type, fn]] of Object.entries(CASES)) {
    test(`${label}: ${code} reaches JS as ${type.name}`, () => {
      expectError(fn, { code, type, base: errors.DynamoDBMateError, secrets: [PLAIN, KEY, PASSWORD, codec.legacyKeyFromPassword(PASSWORD)] });
      // The instance is still healthy: a full round trip works after the error.
      assert.equal(codec.decrypt(aead({ deterministic: false }), { key: KEY, ...ctx, kind: 'string' }), PLAIN);
      assert.equal(new TextDecoder().decode(codec.gunzip(codec.gzip(PLAIN))), PLAIN);
    });
  }

  test(`${label}: a thousand failing calls in a row leak nothing and break nothing`, () => {
    const before = process.memoryUsage().arrayBuffers;
    for (let i = 0; i < 1000; i++) {
      assert.throws(() => codec.gunzip(gzipped, { maxOutput: 1 }), errors.CompressionError);
      assert.throws(() => codec.decrypt(aead(), { key: KEY, ...ctx, table: 'x', kind: 'string' }), errors.DecryptionError);
    }
    assert.equal(codec.sha256Hex(''), 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
    assert.ok(process.memoryUsage().arrayBuffers - before < 64 * 1024 * 1024);
  });
}

for (const [label, mod] of Object.entries(TARGETS)) suite(label, mod);

/** The codes the sources can raise: the Rust core's and every 'E_...' literal of the JS sources but prefixes ('E_AEAD_'). */
function raisedCodes() {
  const codes = new Set([...readFileSync(join(root, 'src/error.rs'), 'utf8').matchAll(/"(E_[A-Z0-9_]*[A-Z0-9])"/g)].map((m) => m[1]));
  const sources = readdirSync(join(root, 'js'), { recursive: true })
    .filter((file) => file.endsWith('.mjs') && !file.endsWith('.test.mjs') && !/^(generated|testing)\//.test(file));
  for (const file of sources) {
    for (const [, code] of readFileSync(join(root, 'js', file), 'utf8').matchAll(/'(E_[A-Z0-9_]*[A-Z0-9])'/g)) codes.add(code);
  }
  return [...codes].sort();
}

/** The codes of the error tables (`| `E_...` |` rows) of the README and docs/. */
function tabledCodes() {
  const files = ['README.md', ...readdirSync(join(root, 'docs')).filter((f) => f.endsWith('.md')).map((f) => `docs/${f}`)];
  const rows = files.flatMap((file) => [...readFileSync(join(root, file), 'utf8').matchAll(/^\| `(E_[A-Z0-9_]+)` \|/gm)].map((m) => m[1]));
  assert.equal(new Set(rows).size, rows.length, 'a code has one row');
  return rows.sort();
}

test('the codes the sources raise are the docs\' error table rows and the types\' errors.ErrorCode union', () => {
  const raised = raisedCodes();
  assert.ok(raised.length > 60, `${raised.length} codes found`);
  assert.deepEqual(tabledCodes(), raised);
  const union = raised.map((code) => JSON.stringify(code)).join(' | ');
  assert.deepEqual(nonEmptySets([
    ['raised, not in errors.ErrorCode', `Exclude<${union}, M.errors.ErrorCode>`],
    ['in errors.ErrorCode, never raised', `Exclude<M.errors.ErrorCode, ${union}>`],
  ]), []);
});
