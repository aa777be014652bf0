// codec.encrypt / codec.decrypt with key providers (the hook for a KMS data key): the call returns a
// Promise, each provider function is called once and its key cached, a failed call is retried, and
// the bytes are those of the same key given directly.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { codec, errors } from '../node.mjs';

const ctx = { table: 'users', attribute: 'email' };
const KEY = crypto.getRandomValues(new Uint8Array(32));

/** An async provider of `key` that counts its calls. */
function provider(key) {
  const fn = async () => {
    fn.calls += 1;
    return key;
  };
  fn.calls = 0;
  return fn;
}

test('a provider makes encrypt/decrypt async; it is called once, and the bytes match the key given directly', async () => {
  const kms = provider(KEY);
  const pending = codec.encrypt('alice@example.com', { key: kms, ...ctx });
  assert.ok(pending instanceof Promise);
  const stored = await pending;
  assert.deepEqual(stored, codec.encrypt('alice@example.com', { key: KEY, ...ctx }), 'deterministic: the same bytes');
  assert.equal(await codec.decrypt(stored, { key: kms, ...ctx, kind: 'string' }), 'alice@example.com');
  await codec.encrypt('bob@example.com', { key: kms, ...ctx, deterministic: false });
  assert.equal(kms.calls, 1);
  assert.ok(!(codec.encrypt('x', { key: KEY, ...ctx }) instanceof Promise), 'without a provider nothing changes');
});

test('a keyring with a provider: writes use current, reads pick the key by the stored id', async () => {
  const oldKey = crypto.getRandomValues(new Uint8Array(32));
  const kms = provider(KEY);
  const ring = { current: 'kms-1', keys: { old: oldKey, 'kms-1': kms } };
  const old = codec.encrypt('old value', { key: oldKey, keyId: 'old', ...ctx });
  assert.equal(await codec.decrypt(old, { key: ring, ...ctx, kind: 'string' }), 'old value');
  const fresh = await codec.encrypt('new value', { key: ring, ...ctx });
  assert.deepEqual(fresh, codec.encrypt('new value', { key: KEY, keyId: 'kms-1', ...ctx }));
  await assert.rejects(codec.decrypt(codec.encrypt('x', { key: KEY, keyId: 'other', ...ctx }), { key: ring, ...ctx, kind: 'string' }),
    (e) => e instanceof errors.DecryptionError && e.code === 'E_AEAD_UNKNOWN_KEY_ID');
  assert.equal(kms.calls, 1);
});

test("format 'pynamodb_mate' takes a provider of the password or key", async () => {
  const password = provider('python-password');
  const opts = { key: password, format: 'pynamodb_mate' };
  const stored = await codec.encrypt({ pin: 1234 }, opts);
  assert.deepEqual(stored, codec.encrypt({ pin: 1234 }, { key: 'python-password', format: 'pynamodb_mate' }));
  assert.deepEqual(await codec.decrypt(stored, { ...opts, kind: 'json' }), { pin: 1234 });
  assert.equal(password.calls, 1);
  assert.throws(() => codec.encrypt('x', { key: { current: 'a', keys: { a: password } }, format: 'pynamodb_mate' }), (e) => e.code === 'E_ARGUMENT');
});

test('a provider that fails rejects the call and is asked again next time; a bad key is a typed rejection', async () => {
  let calls = 0;
  const flaky = async () => {
    calls += 1;
    if (calls === 1) throw new Error('KMS unavailable');
    return KEY;
  };
  await assert.rejects(codec.encrypt('x', { key: flaky, ...ctx }), /KMS unavailable/);
  assert.deepEqual(await codec.encrypt('x', { key: flaky, ...ctx }), codec.encrypt('x', { key: KEY, ...ctx }));
  assert.equal(calls, 2);
  await assert.rejects(codec.encrypt('x', { key: async () => new Uint8Array(31), ...ctx }), (e) => e instanceof errors.KeyError && e.code === 'E_KEY_LENGTH');
  await assert.rejects(codec.encrypt('x', { key: async () => 42, ...ctx }), (e) => e instanceof errors.ArgumentError && e.code === 'E_INPUT_TYPE');
  assert.throws(() => codec.encrypt('x', { key: async () => KEY }), (e) => e.code === 'E_INPUT_TYPE', 'options are still checked at once');
});
