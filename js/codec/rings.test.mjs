// The wasm keyrings that codec.encrypt/decrypt keep per (key option, table, attribute): a kept
// ring must never outlive a change of the option it was made from.
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { test } from 'node:test';
import { codec, errors } from '../node.mjs';
import { expectError } from '../testing/expect-error.mjs';

/** Asserts `fn` throws the typed error `code` (with exactly `message`, when given). */
function fails(fn, code, message) {
  const error = expectError(fn, { code, type: errors.DynamoDBMateError });
  if (message !== undefined) assert.equal(error.message, message);
}

const ctx = { table: 'users', attribute: 'email' };
const key = () => new Uint8Array(randomBytes(32));

test('a key written to after use encrypts and decrypts with its new bytes', () => {
  for (const deterministic of [true, false]) {
    const k = key();
    const before = k.slice();
    const sealed = codec.encrypt('v', { key: k, ...ctx, deterministic });
    k.set(key());
    fails(() => codec.decrypt(sealed, { key: k, ...ctx, kind: 'string' }), 'E_AEAD_WRONG_KEY');
    const resealed = codec.encrypt('w', { key: k, ...ctx, deterministic });
    assert.equal(codec.decrypt(resealed, { key: k.slice(), ...ctx, kind: 'string' }), 'w');
    assert.equal(codec.decrypt(sealed, { key: before, ...ctx, kind: 'string' }), 'v');
  }
});

test('a keyring changed after use: its new current key, new ids, new options', () => {
  const [a, b] = [key(), key()];
  const ring = { current: 'a', keys: { a } };
  const sealedA = codec.encrypt('v', { key: ring, ...ctx });
  ring.keys.b = b;
  ring.current = 'b';
  const sealedB = codec.encrypt('v', { key: ring, ...ctx });
  assert.equal(codec.decrypt(sealedB, { key: b, keyId: 'b', ...ctx, kind: 'string' }), 'v');
  assert.equal(codec.decrypt(sealedA, { key: ring, ...ctx, kind: 'string' }), 'v');
  delete ring.keys.a;
  fails(() => codec.decrypt(sealedA, { key: ring, ...ctx, kind: 'string' }), 'E_AEAD_UNKNOWN_KEY_ID', 'no key for key id "a" (known: b)');
  ring.keys = { a, b };
  assert.equal(codec.decrypt(sealedA, { key: ring, ...ctx, kind: 'string' }), 'v');
  ring.keys.b = 'a password';
  fails(() => codec.decrypt(sealedB, { key: ring, ...ctx, kind: 'string' }), 'E_AEAD_WRONG_KEY');
  ring.extra = true;
  fails(() => codec.encrypt('v', { key: ring, ...ctx }), 'E_ARGUMENT');
});

test('the unknown key id error quotes the id as JSON and lists the ring', () => {
  const sealed = codec.encrypt('v', { key: key(), keyId: 'x"\n\u0001é', ...ctx });
  fails(() => codec.decrypt(sealed, { key: { current: 'b', keys: { a: key(), b: key() } }, ...ctx, kind: 'string' }), 'E_AEAD_UNKNOWN_KEY_ID', 'no key for key id "x\\"\\n\\u0001é" (known: a, b)');
});

test('more contexts and keys than are kept: each call still uses its own', () => {
  const keys = Array.from({ length: 6 }, key);
  const sealed = [];
  for (let round = 0; round < 2; round++) {
    keys.forEach((k, i) => {
      for (const attribute of ['a', 'b', 'c', 'd']) {
        const opts = { key: k, table: 't', attribute, deterministic: round === 0 };
        if (round === 0) sealed.push([opts, codec.encrypt(`${i}${attribute}`, opts)]);
      }
    });
    for (const [opts, stored] of sealed) {
      assert.equal(codec.decrypt(stored, { ...opts, kind: 'string' }), codec.decrypt(stored, { ...opts, key: opts.key.slice(), kind: 'string' }));
      fails(() => codec.decrypt(stored, { ...opts, attribute: `${opts.attribute}!`, kind: 'string' }), 'E_AEAD_CONTEXT');
    }
  }
});

test('a ring with a key provider stays async when kept, and reads the provider once', async () => {
  let calls = 0;
  const k = key();
  const provider = async () => {
    calls++;
    return k;
  };
  const opts = { key: { current: 'p', keys: { p: provider } }, ...ctx };
  const first = codec.encrypt('v', opts);
  assert.ok(first instanceof Promise);
  const stored = await first;
  const again = codec.decrypt(stored, { ...opts, kind: 'string' });
  assert.ok(again instanceof Promise);
  assert.equal(await again, 'v');
  await assert.rejects(codec.decrypt(stored, { ...opts, attribute: 'other', kind: 'string' }), { code: 'E_AEAD_CONTEXT' });
  assert.equal(calls, 1);
  assert.equal(codec.decrypt(stored, { key: k, keyId: 'p', ...ctx, kind: 'string' }), 'v');
});
