// The wasm core under stress: it keeps working after every kind of error, its memory stays flat over
// 100,000 encode/decode calls (failing ones included), and many async tasks using it at once (key
// providers resolving meanwhile, a key rotation half-way) all get right results, against DynamoDB
// Local and moto.
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { test } from 'node:test';
import { gzipSync } from 'node:zlib';
import { GetItemCommand } from '@aws-sdk/client-dynamodb';
import { eachBackend, uniqueName } from '../support/endpoints.mjs';
import { initSync } from '../../js/generated/dynamodb_mate.js';
import { UtcDateTime, attr, codec, defineModel, errors } from '../../js/node.mjs';

const KEY = randomBytes(32);
const noRequests = { send: () => { throw new Error('no request may be sent'); } };

/** The instance's exports (initSync returns them once the module is initialised, as node.mjs did). */
const wasmMemory = () => initSync().memory.buffer.byteLength;

const Doc = defineModel({
  table: 'docs',
  client: noRequests,
  attributes: {
    id: attr.string({ hashKey: true }),
    n: attr.number({ nullable: true }),
    tags: attr.stringSet({ nullable: true }),
    meta: attr.map({ nullable: true, attributes: { at: attr.datetime(), deep: attr.list({ of: attr.number() }) } }),
    any: attr.dynamic({ nullable: true }),
    body: attr.compressedString({ nullable: true }),
    ssn: attr.encryptedString({ key: KEY, nullable: true }),
    pin: attr.encryptedNumber({ key: 'password', format: 'pynamodb_mate', deterministic: false, nullable: true }),
  },
});

const docValues = (k) => ({
  id: `doc-${k}`,
  n: k + 0.5,
  tags: new Set([`t${k}`, 'x']),
  meta: { at: new UtcDateTime(1_700_000_000_000_000n + BigInt(k)), deep: [k, -k] },
  any: { k, list: [`é${k}`, null, true], big: 2n ** 70n + BigInt(k) },
  body: `body ${k} `.repeat(k % 7 + 1),
  ssn: `ssn-${k}`,
  pin: k,
});

/** One call that must fail with `code`, from each part of the core. */
const FAILURES = [
  ['E_ITEM_VALUE', () => Doc.create({ id: 'x', n: NaN })],
  ['E_ITEM_TYPE', () => Doc.create({ id: 'x', tags: ['not a set'] })],
  ['E_ITEM_STORED', () => Doc.fromJSON({ id: { S: 'x' }, n: { S: 'not a number' } })],
  ['E_AEAD_TAMPERED', () => Doc.fromJSON({ id: { S: 'x' }, ssn: { B: Buffer.from(tamperedSsn()).toString('base64') } })],
  ['E_GZIP_HEADER', () => codec.gunzip(new Uint8Array([1, 2, 3]))],
  ['E_GZIP_TOO_LARGE', () => codec.gunzip(gzipSync(Buffer.alloc(100_000)), { maxOutput: 10 })],
  ['E_JSON_SYNTAX', () => codec.pythonJsonLoads('{"a": ]')],
  ['E_JSON_DEPTH', () => codec.pythonJsonLoads('['.repeat(600))],
  ['E_BASE85', () => codec.b85decode('"""')],
  ['E_DATETIME', () => codec.parseDatetime('2021-02-29T00:00:00.000000+0000')],
  ['E_KEY_LENGTH', () => codec.encrypt('x', { key: new Uint8Array(3), table: 't', attribute: 'a' })],
  ['E_LEGACY_PADDING', () => codec.decrypt(new Uint8Array(16), { key: 'password', format: 'pynamodb_mate', kind: 'string' })],
  ['E_AEAD_FORMAT', () => codec.decrypt(new Uint8Array(40), { key: KEY, table: 't', attribute: 'a', kind: 'string' })],
];
function tamperedSsn() {
  const stored = codec.encrypt('ssn', { key: KEY, table: 'docs', attribute: 'ssn' });
  stored[stored.length - 1] ^= 1;
  return stored;
}

/** One call that must succeed, checked against its expected result. */
const SUCCESSES = [
  () => assert.deepEqual(Doc.fromJSON(Doc.create(docValues(3)).toJSON()), Object.assign(new Doc(), docValues(3))),
  () => assert.equal(codec.pythonJsonDumps({ a: [1, new codec.PythonFloat(2)] }), '{"a": [1, 2.0]}'),
  () => assert.equal(new TextDecoder().decode(codec.gunzip(codec.gzip('hello'))), 'hello'),
  () => assert.equal(codec.decrypt(codec.encrypt('s', { key: KEY, table: 't', attribute: 'a' }), { key: KEY, table: 't', attribute: 'a', kind: 'string' }), 's'),
  () => assert.deepEqual(codec.b85decode(codec.b85encode(new Uint8Array([0, 1, 255]))), new Uint8Array([0, 1, 255])),
  () => assert.equal(codec.parseDatetime('2024-02-29T12:00:00.000001+0000').epochMicros, 1_709_208_000_000_001n),
];

function expectCode(code, fn) {
  assert.throws(fn, (e) => e instanceof errors.DynamoDBMateError && e.code === code, code);
}

test('the core keeps working after every kind of error (failures interleaved with successes)', () => {
  for (let round = 0; round < 20; round++) {
    for (const [i, [code, fail]] of FAILURES.entries()) {
      expectCode(code, fail);
      SUCCESSES[(i + round) % SUCCESSES.length]();
    }
  }
  for (const succeed of SUCCESSES) succeed();
});

test('wasm memory stays flat across 100,000 encode/decode calls, failures included', () => {
  const docs = Array.from({ length: 50 }, (_, k) => Doc.create(docValues(k)));
  const stored = docs.map((d) => d.toJSON());
  const round = (i) => {
    const k = i % docs.length;
    switch (i % 5) {
      case 0: return docs[k].toJSON();
      case 1: return Doc.fromJSON(stored[k]);
      case 2: return codec.decrypt(codec.encrypt(`v${i}`, { key: KEY, table: 't', attribute: 'a' }), { key: KEY, table: 't', attribute: 'a', kind: 'string' });
      case 3: return codec.pythonJsonLoads(codec.pythonJsonDumps({ i, f: new codec.PythonFloat(i / 3) }));
      default: return expectCode('E_ITEM_VALUE', () => Doc.create({ id: `x${i}`, n: Infinity }));
    }
  };
  for (let i = 0; i < 5_000; i++) round(i); // warm-up: allocator pools, caches
  const before = wasmMemory();
  for (let i = 0; i < 100_000; i++) round(i);
  const grown = wasmMemory() - before;
  assert.ok(grown <= 1 << 20, `wasm memory grew by ${grown} bytes (from ${before})`);
  assert.deepEqual(Doc.fromJSON(docs[7].toJSON()).meta, docValues(7).meta, 'and it still works');
});

eachBackend('200 concurrent tasks: key providers, a rotation half-way, every result right', async ({ dynamodb }) => {
  const table = uniqueName('robust');
  const k1 = randomBytes(32);
  const k2 = randomBytes(32);
  let providerCalls = 0;
  const provider = (key) => async () => {
    providerCalls += 1;
    await new Promise((resolve) => { setTimeout(resolve, 20); });
    return key;
  };
  const v1 = provider(k1);
  const Vault = defineModel({
    table,
    client: dynamodb,
    attributes: {
      id: attr.string({ hashKey: true }),
      secret: attr.encryptedString({ key: { current: 'k1', keys: { k1: v1 } } }),
      note: attr.encryptedJson({ key: { current: 'k1', keys: { k1: v1 } }, deterministic: false, nullable: true }),
      body: attr.compressedString({ nullable: true }),
    },
  });
  await Vault.createTable({ wait: true });
  try {
    const pause = () => new Promise((resolve) => { setImmediate(resolve); });
    const task = async (i) => {
      await pause();
      switch (i % 4) {
        case 0: {
          const values = { id: `t${i}`, secret: `secret ${i}`, note: { i, s: 'é'.repeat(i % 5) }, body: `body ${i} `.repeat(i) };
          await Vault.prepare(); // 50 tasks wait on the same key provider calls
          await Vault.create(values).save();
          await pause();
          const got = await Vault.get(values.id, { consistentRead: true });
          assert.deepEqual({ ...got }, values, `task ${i}`);
          return 'item';
        }
        case 1: {
          const stored = codec.encrypt({ i }, { key: KEY, keyId: `k${i}`, table: 't', attribute: `a${i}`, deterministic: i % 2 === 0 });
          await pause();
          assert.deepEqual(codec.decrypt(stored, { key: { current: `k${i}`, keys: { [`k${i}`]: KEY } }, table: 't', attribute: `a${i}`, kind: 'json' }), { i });
          return 'codec';
        }
        case 2: {
          const text = `${i} `.repeat(i * 10);
          const packed = codec.compress(text);
          await pause();
          assert.equal(codec.decompress(packed, { kind: 'string' }), text);
          return 'gzip';
        }
        default: {
          await Vault.prepare();
          const bad = Vault.create({ id: `bad${i}`, secret: 's' }).toJSON();
          bad.secret.B = Buffer.from(codec.gzip('not a ciphertext')).toString('base64');
          await pause();
          assert.throws(() => Vault.fromJSON(bad), (e) => e.code === 'E_AEAD_FORMAT' && /secret/.test(e.message));
          return 'failure';
        }
      }
    };
    const first = await Promise.all(Array.from({ length: 100 }, (_, i) => task(i)));
    // Rotation while the second half runs: k2 becomes current; k1's values stay readable.
    const [second] = await Promise.all([
      Promise.all(Array.from({ length: 100 }, (_, i) => task(i + 100))),
      Vault.setKey('secret', { current: 'k2', keys: { k1: v1, k2: provider(k2) } }),
    ]);
    assert.deepEqual([...first, ...second].filter((kind) => kind === 'item').length, 50);
    assert.equal(providerCalls, 2, 'each provider called once, however many tasks waited on it');
    for (let i = 0; i < 200; i += 4) {
      const got = await Vault.get(`t${i}`, { consistentRead: true });
      assert.equal(got.secret, `secret ${i}`);
    }
    const stored = await dynamodb.send(new GetItemCommand({ TableName: table, Key: { id: { S: 't0' } } }));
    assert.equal(codec.decrypt(stored.Item.secret.B, { key: { current: 'k1', keys: { k1 } }, table, attribute: 'secret', kind: 'string' }), 'secret 0');
  } finally {
    await Vault.deleteTable();
  }
});
