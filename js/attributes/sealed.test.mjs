// Compressed and encrypted attributes without a server: options, key forms (passwords, raw keys,
// keyrings, providers called once), which expressions they take, and what a write would store.
import assert from 'node:assert/strict';
import { createHash, randomBytes } from 'node:crypto';
import { gunzipSync } from 'node:zlib';
import { test } from 'node:test';
import { attr, codec, defineModel, errors } from '../node.mjs';
import { expectError } from '../testing/expect-error.mjs';

// None of these tests sends a request.
const client = { send: () => { throw new Error('no request may be sent'); } };
const SECRET = 'top secret plaintext';
const K1 = randomBytes(32);
const K2 = randomBytes(32);

const model = (attributes, table = 'vault') => defineModel({ table, client, attributes: { id: attr.string({ hashKey: true }), ...attributes } });
const stored = (Model, values) => Model.create({ id: 'i', ...values }).toJSON();

test('factories refuse bad options naming the factory', () => {
  const unknown = [
    [() => attr.compressedString({ ensureAscii: false }), /attr\.compressedString\(\) options: unknown option "ensureAscii"/],
    [() => attr.encryptedString({ key: 'pw', format: 'pynamodb_mate', legacy: { key: 'pw' } }), /unknown option "legacy"/],
    [() => attr.encryptedString({ key: 'pw', format: 'pynamodb_mate', keyId: 'k1' }), /unknown option "keyId"/],
    [() => attr.encryptedString({ key: K1, legacy: { password: 'pw' } }), /attr\.encryptedString\(\) legacy: unknown option "password"/],
    [() => attr.encryptedString({ key: K1, integer: true }), /unknown option "integer"/],
  ];
  for (const [fn, message] of unknown) {
    assert.throws(fn, (e) => e instanceof errors.ArgumentError && e.code === 'E_ARGUMENT' && message.test(e.message), String(message));
  }
  const cases = [
    [() => attr.encryptedString({}), /attr\.encryptedString\(\): key must be a password string/],
    [() => attr.encryptedString({ key: 42 }), /key must be/],
    [() => attr.encryptedBinary({ key: 'pw', format: 'ecb' }), /format must be 'aead' or 'pynamodb_mate'/],
    [() => attr.encryptedJson({ key: { current: 'a', keys: { a: K1 } }, format: 'pynamodb_mate' }), /no keyring/],
    [() => attr.encryptedString({ key: K1, legacy: { deterministic: false } }), /legacy must be \{ key, deterministic\? \}/],
    [() => attr.encryptedNumber({ key: K1, integer: true, float: true }), /both integer and float/],
  ];
  for (const [fn, message] of cases) {
    assert.throws(fn, (e) => e instanceof errors.ModelError && e.code === 'E_MODEL' && message.test(e.message), String(message));
  }
  // A keyring whose current id it does not hold, and schema-level checks done by the core.
  assert.throws(() => attr.encryptedString({ key: { current: 'b', keys: { a: K1 } } }), (e) => e.code === 'E_ARGUMENT');
  assert.throws(() => model({ c: attr.compressedString({ level: 12 }) }), (e) => e.code === 'E_SCHEMA' && /vault\.c: "level" must be an integer from 0 to 9/.test(e.message));
  assert.throws(() => model({ m: attr.map({ s: attr.encryptedString({ key: K1 }) }) }), (e) => e.code === 'E_SCHEMA' && /top-level attributes only/.test(e.message));
  assert.throws(() => model({ s: attr.encryptedString({ key: K1.subarray(1) }) }), (e) => e.code === 'E_KEY_LENGTH' && /vault\.s: /.test(e.message));
  assert.throws(() => model({ s: attr.encryptedString({ key: { current: '', keys: { '': K1 } } }) }), (e) => e.code === 'E_ARGUMENT' && /vault\.s: key ids/.test(e.message));
});

test('compressed attributes store gzip of what pynamodb_mate would store', () => {
  const Doc = model({
    text: attr.compressedString(),
    bytes: attr.compressedBinary({ level: 1 }),
    json: attr.compressedJson(),
    json5: attr.compressedJson({ ensureAscii: false, nullable: true }),
  });
  const item = stored(Doc, { text: `${SECRET} é😀`, bytes: new Uint8Array([0, 255]), json: { é: [1, 2n ** 70n] }, json5: { é: 1.0 } });
  const plain = (name) => gunzipSync(Buffer.from(item[name].B, 'base64')).toString('utf8');
  assert.equal(plain('text'), `${SECRET} é😀`);
  assert.deepEqual([...gunzipSync(Buffer.from(item.bytes.B, 'base64'))], [0, 255]);
  assert.equal(plain('json'), '{"\\u00e9": [1, 1180591620717411303424]}');
  assert.equal(plain('json5'), '{"é": 1}');
  const back = Doc.fromJSON(item);
  assert.deepEqual([back.text, back.bytes, back.json], [`${SECRET} é😀`, new Uint8Array([0, 255]), { é: [1, 2n ** 70n] }]);
  expectError(() => Doc.create({ id: 'i', text: 1, bytes: new Uint8Array(), json: {} }), { code: 'E_ITEM_TYPE', type: errors.ItemError });
  expectError(() => Doc.create({ id: 'i', text: '', bytes: new Uint8Array(), json: { d: new Date() } }), { code: 'E_ITEM_TYPE', type: errors.ItemError });
});

test('expressions: deterministic encrypted values compare by equality only; others not at all', () => {
  const Vault = model({
    det: attr.encryptedString({ key: K1 }),
    rand: attr.encryptedString({ key: K1, deterministic: false }),
    pm: attr.encryptedString({ key: 'pw', format: 'pynamodb_mate' }),
    body: attr.compressedString(),
    meta: attr.map({ blob: attr.compressedJson() }),
  });
  const a = Vault.attr;
  // The operand is what a write stores, so DynamoDB compares ciphertexts.
  const det = stored(Vault, { det: SECRET, rand: 'x', pm: SECRET, body: 'b', meta: { blob: {} } });
  assert.deepEqual(a.det.eq(SECRET).right.value, { B: new Uint8Array(Buffer.from(det.det.B, 'base64')) });
  assert.deepEqual(a.pm.ne(SECRET).right.value, { B: codec.encrypt(SECRET, { key: 'pw', format: 'pynamodb_mate' }) });
  assert.equal(a.det.in([SECRET, 'other']).values.length, 2);
  for (const ok of [a.rand.exists(), a.body.notExists(), a.det.attributeType('B'), a.body.size().gt(10), a.rand.set('new'),
    a.body.set('new'), a.meta.blob.ifNotExists({ x: 1 }), a.pm.eq(a.det), a.body.set(a.meta.blob)]) {
    assert.ok(ok);
  }
  const refused = [
    [() => a.det.lt(SECRET), /^lt\(\) on det: an encrypted attribute compares by equality only \(eq, ne, in\)$/],
    [() => a.det.between('a', 'b'), /between\(\) on det/],
    [() => a.pm.beginsWith('a'), /beginsWith\(\) on pm/],
    [() => a.det.contains('a'), /contains\(\) on det/],
    [() => a.rand.eq(SECRET), /^eq\(\) on rand: a randomized encrypted attribute cannot be compared/],
    [() => a.rand.in([SECRET]), /in\(\) on rand/],
    [() => a.body.eq(SECRET), /^eq\(\) on body: compressed values cannot be compared/],
    [() => a.meta.blob.ne({}), /ne\(\) on meta\.blob/],
    [() => a.det.plus(1), /plus\(\) on det/],
    [() => a.body.append(['x']), /append\(\) on body/],
    [() => a.det.eq(a.pm), /^eq\(\) on det: aead values are bound to their attribute/],
    [() => a.rand.set(a.det), /^set\(\) on rand: aead values are bound/],
  ];
  for (const [fn, message] of refused) {
    const e = expectError(fn, { code: 'E_EXPRESSION', type: errors.ExpressionError, secrets: [SECRET] });
    assert.match(e.message, message);
  }
});

test('key forms: password, raw key, keyring, and a provider called once for all its attributes', async () => {
  const det = (key, extra) => attr.encryptedString({ key, ...extra });
  const password = stored(model({ s: det('pw') }), { s: SECRET }).s.B;
  const sha = createHash('sha256').update('pw').digest();
  assert.equal(stored(model({ s: det(sha) }), { s: SECRET }).s.B, password, 'a password is SHA-256 of it');
  const ring = { current: 'k2', keys: { k1: K1, k2: K2 } };
  const ringed = Buffer.from(stored(model({ s: det(ring) }), { s: SECRET }).s.B, 'base64');
  assert.equal(codec.decrypt(ringed, { key: K2, keyId: 'k2', table: 'vault', attribute: 's', kind: 'string' }), SECRET);

  let calls = 0;
  const provider = async () => {
    calls += 1;
    return new Uint8Array(K1);
  };
  const A = model({ s: det(provider), t: det({ current: 'kms', keys: { kms: provider, old: 'pw' } }) }, 'vault-a');
  const B = model({ s: det(provider, { keyId: 'kms' }) }, 'vault-b');
  assert.equal(calls, 0, 'providers are called on first use, not at definition');
  const e = expectError(() => A.create({ id: 'i', s: SECRET, t: SECRET }), { code: 'E_KEY_NOT_SET', type: errors.KeyError, secrets: [SECRET] });
  assert.match(e.message, /^vault-a\.s: .*await Model\.prepare\(\)/);
  await Promise.all([A.prepare(), A.prepare(), B.prepare()]);
  await A.prepare();
  assert.equal(calls, 1);
  const item = stored(A, { s: SECRET, t: SECRET });
  assert.equal(codec.decrypt(Buffer.from(item.t.B, 'base64'), { key: K1, keyId: 'kms', table: 'vault-a', attribute: 't', kind: 'string' }), SECRET);
  assert.equal(A.fromJSON(item).s, SECRET);

  // A failing provider fails prepare(), and is called again next time.
  let attempts = 0;
  const flaky = async () => {
    attempts += 1;
    if (attempts === 1) throw new Error('KMS unavailable');
    return K2;
  };
  const C = model({ s: det(flaky) });
  await assert.rejects(C.prepare(), /KMS unavailable/);
  await C.prepare();
  assert.equal(attempts, 2);
  const wrong = model({ s: det(async () => new Uint8Array(5)) });
  await assert.rejects(wrong.prepare(), (err) => err.code === 'E_KEY_LENGTH');
});

test('rotation: setKey makes a new id current and keeps reading the old one', async () => {
  const Vault = model({ s: attr.encryptedString({ key: K1, keyId: 'k1' }) });
  const old = stored(Vault, { s: 'old' });
  await Vault.setKey('s', { current: 'k2', keys: { k1: K1, k2: K2 } });
  const fresh = stored(Vault, { s: 'new' });
  assert.equal(codec.decrypt(Buffer.from(fresh.s.B, 'base64'), { key: K2, keyId: 'k2', table: 'vault', attribute: 's', kind: 'string' }), 'new');
  assert.equal(Vault.fromJSON(old).s, 'old');
  await Vault.setKey('s', K2, { keyId: 'k2' });
  expectError(() => Vault.fromJSON(old), { code: 'E_AEAD_UNKNOWN_KEY_ID', type: errors.DecryptionError, secrets: ['old', K1, K2] });
  await assert.rejects(Vault.setKey('id', K1), (e) => e.code === 'E_ARGUMENT');
});
