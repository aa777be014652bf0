import assert from 'node:assert/strict';
import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';
import { test } from 'node:test';
import { codec, errors } from '../node.mjs';
import { expectError } from '../testing/expect-error.mjs';

const { encrypt, decrypt } = codec;
const PASSWORD = 'my-password';
const PASSWORD_KEY = createHash('sha256').update(PASSWORD).digest();
const text = (bytes) => Buffer.from(bytes).toString('utf8');
const legacy = { format: 'pynamodb_mate', key: PASSWORD };
const ctx = { table: 'users', attribute: 'email' };

// Node's own AES is the oracle for pynamodb_mate's bytes (pycryptodome ECB/CTR, PKCS#7).
const ecbDecrypt = (key, stored) => {
  const d = createDecipheriv('aes-256-ecb', key, null);
  return Buffer.concat([d.update(stored), d.final()]);
};

test("legacy key of a password is SHA-256 of it, as pynamodb_mate's str_to_key", () => {
  assert.equal(Buffer.from(codec.legacyKeyFromPassword(PASSWORD)).toString('hex'),
    '6fa2288c361becce3e30ba4c41be7d8ba01e3580566f7acc76a7f99994474c46');
  assert.deepEqual(Buffer.from(codec.legacyKeyFromPassword(PASSWORD)), PASSWORD_KEY);
});

test('legacy deterministic is AES-256-ECB over the kind plaintext', () => {
  const cases = [
    ['alice@example.com', 'string', 'alice@example.com'],
    [new Uint8Array([0, 1, 255]), 'binary', '\u0000\u0001\u00ff'],
    [1.5, 'number', '1.5'],
    [2n ** 64n, 'number', '18446744073709551616'],
    [new codec.PythonFloat(2), 'float', '2.0'],
    [{ a: [1, 'é'], b: null }, 'json', '{"a": [1, "\\u00e9"], "b": null}'],
  ];
  for (const [value, kind, plaintext] of cases) {
    const stored = encrypt(value, legacy);
    assert.equal(ecbDecrypt(PASSWORD_KEY, stored).toString('latin1'), Buffer.from(plaintext, kind === 'binary' ? 'latin1' : 'utf8').toString('latin1'));
    assert.deepEqual(encrypt(value, { ...legacy, key: PASSWORD_KEY }), stored, 'password and raw key agree');
    assert.deepEqual(decrypt(stored, { ...legacy, kind }), value instanceof codec.PythonFloat ? value.value : value);
  }
  // Data written by Python: cipher.encrypt(str_to_key("my-password"), b"alice@example.com").
  const fromPython = createCipheriv('aes-256-ecb', PASSWORD_KEY, null);
  const stored = Buffer.concat([fromPython.update('alice@example.com'), fromPython.final()]);
  assert.equal(decrypt(stored, { ...legacy, kind: 'string' }), 'alice@example.com');
});

test('derived and expanded keys are cached by content: more keys than the caches hold, a key changed in place', () => {
  const nodeEcb = (key, data) => {
    const c = createCipheriv('aes-256-ecb', key, null);
    return Buffer.concat([c.update(data), c.final()]);
  };
  const key = new Uint8Array(randomBytes(32));
  // Both sides of the native crossover (js/codec/node-native.mjs), every value read back.
  for (const size of [16, 4096]) {
    const data = new Uint8Array(randomBytes(size));
    for (let round = 0; round < 2; round++) {
      for (let i = 0; i < 40; i++) {
        const password = `password ${i}`;
        const stored = encrypt(data, { ...legacy, key: password });
        assert.deepEqual(Buffer.from(stored), nodeEcb(createHash('sha256').update(password).digest(), data), password);
        assert.deepEqual(decrypt(stored, { ...legacy, key: password, kind: 'binary' }), data);
      }
      for (let i = 0; i < 6; i++) {
        key[0] = i; // the same Uint8Array, other contents
        const stored = encrypt(data, { ...legacy, key });
        assert.deepEqual(Buffer.from(stored), nodeEcb(key, data), `key ${i}`);
        assert.deepEqual(decrypt(stored, { ...legacy, key, kind: 'binary' }), data);
        assert.deepEqual(decrypt(encrypt(data, { ...legacy, key, deterministic: false }), { ...legacy, key, kind: 'binary', deterministic: false }), data);
      }
    }
  }
});

test('legacy random is an AES-256-CTR JSON envelope with an 8-byte nonce', () => {
  const a = encrypt('secret value', { ...legacy, deterministic: false });
  const b = encrypt('secret value', { ...legacy, deterministic: false });
  assert.notDeepEqual(a, b);
  const envelope = JSON.parse(text(a));
  assert.deepEqual(Object.keys(envelope), ['nonce', 'token']);
  assert.match(text(a), /^\{"nonce": "[^"]+", "token": "[^"]+"\}$/);
  const nonce = codec.b85decode(envelope.nonce);
  assert.equal(nonce.length, 8);
  const d = createDecipheriv('aes-256-ctr', PASSWORD_KEY, Buffer.concat([nonce, Buffer.alloc(8)]));
  assert.equal(Buffer.concat([d.update(codec.b85decode(envelope.token)), d.final()]).toString(), 'secret value');
  assert.equal(decrypt(a, { ...legacy, deterministic: false, kind: 'string' }), 'secret value');
});

test('aead round trips every kind, bound to table and attribute', () => {
  const key = randomBytes(32);
  const values = [
    ['', 'string'], ['é😀', 'string'], [new Uint8Array([1, 2, 3]), 'binary'], [42, 'number'], [-0.25, 'number'],
    [2n ** 80n, 'number'], [NaN, 'float'], [7, 'int'], [{ x: [true, null, 'y'] }, 'json'], [[], 'json'], ['\u0000a', 'json'],
  ];
  for (const deterministic of [true, false]) {
    for (const [value, kind] of values) {
      const stored = encrypt(value, { key, ...ctx, deterministic, kind });
      assert.deepEqual(decrypt(stored, { key, ...ctx, kind }), value, `${kind} ${String(value)}`);
    }
  }
  const once = encrypt('same', { key, ...ctx });
  assert.deepEqual(encrypt('same', { key, ...ctx }), once, 'deterministic by default');
  assert.notDeepEqual(encrypt('same', { key, ...ctx, deterministic: false }), encrypt('same', { key, ...ctx, deterministic: false }));
  assert.notDeepEqual(encrypt('same', { key, table: 'users', attribute: 'other' }), once);
  assert.ok(!Buffer.from(once).includes('same'));

  for (const other of [{ table: 'users2', attribute: 'email' }, { table: 'users', attribute: 'name' }]) {
    expectError(() => decrypt(once, { key, ...other, kind: 'string' }), { code: 'E_AEAD_CONTEXT', type: errors.DecryptionError, secrets: [key, 'same'] });
  }
});

test('the kind is inferred from the value type', () => {
  const key = randomBytes(32);
  const inferred = [['s', 'string'], [new Uint8Array(1), 'binary'], [1, 'number'], [1n, 'number'],
    [new codec.PythonFloat(1), 'number'], [{ a: 1 }, 'json'], [null, 'json'], [true, 'json']];
  for (const [value, kind] of inferred) {
    assert.deepEqual(encrypt(value, { key, ...ctx }), encrypt(value, { key, ...ctx, kind }), kind);
    assert.deepEqual(codec.compress(value), codec.compress(value, { kind }), kind);
  }
});

test('aead keys: password, single key with keyId, keyring rotation', () => {
  const stored = encrypt('v', { key: PASSWORD, ...ctx });
  assert.equal(decrypt(stored, { key: PASSWORD_KEY, ...ctx, kind: 'string' }), 'v');
  assert.ok(Buffer.from(stored).includes('default'), 'the default key id is in the envelope');

  const k1 = randomBytes(32);
  const k2 = randomBytes(32);
  const old = encrypt('old', { key: k1, keyId: 'k1', ...ctx });
  const ring = { current: 'k2', keys: { k1, k2 } };
  const fresh = encrypt('new', { key: ring, ...ctx });
  assert.deepEqual(fresh, encrypt('new', { key: k2, keyId: 'k2', ...ctx }));
  assert.equal(decrypt(old, { key: ring, ...ctx, kind: 'string' }), 'old');
  assert.equal(decrypt(fresh, { key: ring, ...ctx, kind: 'string' }), 'new');
  assert.equal(decrypt(old, { key: k1, keyId: 'k1', ...ctx, kind: 'string' }), 'old');

  const unknown = expectError(() => decrypt(old, { key: { current: 'k2', keys: { k2 } }, ...ctx, kind: 'string' }),
    { code: 'E_AEAD_UNKNOWN_KEY_ID', type: errors.DecryptionError, secrets: [k1, k2, 'old'] });
  assert.match(unknown.message, /"k1"/);
  expectError(() => decrypt(old, { key: k1, ...ctx, kind: 'string' }), { code: 'E_AEAD_UNKNOWN_KEY_ID', type: errors.DecryptionError });
  expectError(() => decrypt(old, { key: { current: 'k1', keys: { k1: k2 } }, ...ctx, kind: 'string' }),
    { code: 'E_AEAD_WRONG_KEY', type: errors.DecryptionError, secrets: [k1, k2, 'old'] });
  // Ids read from the bytes never reach Object.prototype.
  const proto = encrypt('p', { key: k1, keyId: '__proto__', ...ctx });
  expectError(() => decrypt(proto, { key: ring, ...ctx, kind: 'string' }), { code: 'E_AEAD_UNKNOWN_KEY_ID', type: errors.DecryptionError });
  assert.equal(decrypt(proto, { key: k1, keyId: '__proto__', ...ctx, kind: 'string' }), 'p');
});

test('encrypt options are checked with clear errors', () => {
  const key = randomBytes(32);
  const arg = (fn, code, message) => {
    const error = expectError(fn, { code, type: errors.ArgumentError, secrets: [key, 'plain text'] });
    if (message) assert.match(error.message, message);
  };
  arg(() => encrypt('plain text', { key }), 'E_INPUT_TYPE', /^opts\.table must be a string \(aead binds/);
  arg(() => encrypt('plain text', { key, table: 't' }), 'E_INPUT_TYPE', /^opts\.attribute must be a string/);
  arg(() => decrypt(encrypt('plain text', { key, ...ctx }), { key, ...ctx }), 'E_ARGUMENT', /^opts\.kind must be one of/);
  arg(() => encrypt('plain text', { key, ...ctx, kind: 'text' }), 'E_ARGUMENT', /^opts\.kind must be one of/);
  arg(() => encrypt('plain text', { key, ...ctx, format: 'gcm' }), 'E_ARGUMENT', /^opts\.format must be 'aead' or 'pynamodb_mate'$/);
  arg(() => encrypt('plain text', { key: { current: 'a', keys: { b: key } }, ...ctx }), 'E_ARGUMENT', /"a" is not in/);
  arg(() => encrypt('plain text', { ...legacy, key: { current: 'a', keys: { a: key } } }), 'E_ARGUMENT', /single key/);
  arg(() => encrypt('plain text', { key: 123, ...ctx }), 'E_INPUT_TYPE', /password string or a 32-byte Uint8Array, got number$/);
  arg(() => encrypt('plain text', { key: { current: 'a', keys: null }, ...ctx }), 'E_INPUT_TYPE');
  arg(() => encrypt('plain text', { key, ...ctx, deterministic: 'no' }), 'E_INPUT_TYPE');
  arg(() => encrypt('plain text', { key, ...ctx, kind: 'binary' }), 'E_INPUT_TYPE', /Uint8Array for kind 'binary', got string$/);
  arg(() => encrypt(5, { key, ...ctx, kind: 'string' }), 'E_INPUT_TYPE');
  arg(() => encrypt('plain text', { key, ...ctx, keyId: '' }), 'E_ARGUMENT');
  arg(() => encrypt('plain text'), 'E_INPUT_TYPE', /^opts\.key must be a password string/);
  arg(() => encrypt('plain text', { key: { current: 'a', keys: { a: 1 } }, ...ctx }), 'E_INPUT_TYPE', /^opts\.key\.keys\["a"\] must be/);
  arg(() => decrypt('plain text', { key, ...ctx, kind: 'string' }), 'E_INPUT_TYPE');
  expectError(() => encrypt('plain text', { key: key.subarray(0, 16), ...ctx }), { code: 'E_KEY_LENGTH', type: errors.KeyError, secrets: [key.subarray(0, 16)] });
  expectError(() => encrypt('plain text', { key, ...ctx, kind: 'number' }), { code: 'E_JSON_TYPE', type: errors.EncodingError, secrets: ['plain text'] });
  expectError(() => encrypt(1.5, { key, ...ctx, kind: 'int' }), { code: 'E_JSON_TYPE', type: errors.EncodingError });
  expectError(() => encrypt({ secretKey: new Map() }, { key, ...ctx }), { code: 'E_JSON_TYPE', type: errors.EncodingError, secrets: ['secretKey'] });
});

test('aead option item binds a value to one item too (bytes, or a string as UTF-8)', () => {
  const key = randomBytes(32);
  for (const deterministic of [true, false]) {
    const stored = encrypt('secret', { key, ...ctx, deterministic, item: 'id=a' });
    assert.equal(decrypt(stored, { key, ...ctx, kind: 'string', item: new TextEncoder().encode('id=a') }), 'secret');
    for (const item of ['id=b', undefined]) {
      expectError(() => decrypt(stored, { key, ...ctx, kind: 'string', item }), { code: 'E_AEAD_CONTEXT', type: errors.DecryptionError, secrets: [key, 'secret'] });
    }
    const unbound = encrypt('secret', { key, ...ctx, deterministic });
    expectError(() => decrypt(unbound, { key, ...ctx, kind: 'string', item: 'id=a' }), { code: 'E_AEAD_CONTEXT', type: errors.DecryptionError });
  }
  // Deterministic: the item is part of what is compared, so the same item gives the same bytes.
  assert.deepEqual(encrypt('x', { key, ...ctx, item: 'a' }), encrypt('x', { key, ...ctx, item: 'a' }));
  expectError(() => encrypt('x', { key, ...ctx, item: 5 }), { code: 'E_INPUT_TYPE', type: errors.DynamoDBMateError });
});
