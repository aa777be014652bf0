// Both paths of every dispatched codec on the same inputs, on both sides of each crossover: the
// native attempt runs (it does not silently fall back), gives the wasm path's bytes (hashes,
// deterministic ciphertexts) or what the wasm path reads (gzip, randomized ciphertexts), and reads
// what the wasm path wrote; failures keep the wasm path's error codes and messages.
import assert from 'node:assert/strict';
import { createCipheriv, randomBytes } from 'node:crypto';
import { test } from 'node:test';
import { gunzipSync, gzipSync } from 'node:zlib';
import '../runtime/node.mjs';
import { core, wasm } from '../runtime/core.mjs';
import { CROSSOVER, native, useNative } from './node-native.mjs';

// Fixed keys: under random ones, the ECB "wrong key" case below decrypts to valid padding (a last
// byte of 01) once in about 256 runs.
const KEY = Uint8Array.from({ length: 32 }, (_, i) => i * 7 + 1);
const OTHER_KEY = Uint8Array.from({ length: 32 }, (_, i) => 255 - i * 5);
const bytes = (n, seed = 1) => Uint8Array.from({ length: n }, (_, i) => (i * 31 + seed * 7 + (i >> 8)) & 255);
const cat = (...parts) => {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  parts.reduce((at, p) => (out.set(p, at), at + p.length), 0);
  return out;
};
const text = (n) => new TextEncoder().encode('{"id": 12, "name": "alpha bravo", "tags": ["x", "y"]}\n'.repeat(Math.ceil(n / 52)).slice(0, n));

/** Sizes around `crossover`, and the edges of the block and word sizes. */
const around = (crossover) => [...new Set([0, 1, 15, 16, 17, 63, 64, 65, crossover - 1, crossover, crossover + 1, 100_003])].filter((n) => n >= 0);

/** `{ value }` or `{ error: { class, code, message } }` of a call. */
function outcome(fn) {
  try {
    return { value: fn() };
  } catch (e) {
    return { error: { class: e.constructor.name, code: e.code, message: e.message } };
  }
}

/** The dispatching path (core, as the codecs call it) fails or succeeds exactly as the wasm path. */
function sameOutcome(name, ...args) {
  assert.deepEqual(outcome(() => core[name](...args)), outcome(() => wasm[name](...args)), name);
}

test('the Node entry installs the dispatch, useNative(false) restores the wasm path', () => {
  assert.notEqual(core.sha256Hex, wasm.sha256Hex);
  useNative(false);
  try {
    for (const name of ['gzip', 'gunzip', 'sha256Hex', 'md5Hex', 'legacyEncrypt', 'legacyDecrypt', 'aeadEncrypt', 'aeadDecrypt']) {
      assert.equal(core[name], wasm[name], name);
    }
  } finally {
    useNative(true);
  }
});

test('hashes: the same hex on both paths', () => {
  for (const n of around(Math.max(CROSSOVER.sha256, CROSSOVER.md5, 64))) {
    const data = bytes(n);
    assert.equal(native.sha256Hex(data), wasm.sha256Hex(data), `sha256 ${n}`);
    assert.equal(native.md5Hex(data), wasm.md5Hex(data), `md5 ${n}`);
    assert.equal(core.sha256Hex(data), wasm.sha256Hex(data));
    assert.equal(core.md5Hex(data), wasm.md5Hex(data));
  }
});

test('gzip: same header, each path inflates the other, node:zlib reads both', () => {
  for (const level of [0, 1, 6, 9]) {
    const [start, end] = CROSSOVER.gzip[level] ?? [4096, Infinity];
    for (const n of [...around(start), ...(Number.isFinite(end) ? around(end) : [])]) {
      const data = text(n);
      const mtime = 1_700_000_000;
      const fromNative = native.gzip(data, level, mtime);
      const fromWasm = wasm.gzip(data, level, mtime);
      assert.ok(fromNative instanceof Uint8Array && fromNative.constructor === Uint8Array);
      assert.deepEqual(fromNative.subarray(0, 10), fromWasm.subarray(0, 10), `header, level ${level}`);
      assert.deepEqual(wasm.gunzip(fromNative, 1e9), data);
      assert.deepEqual(native.gunzip(fromWasm, 1e9), data);
      assert.deepEqual(new Uint8Array(gunzipSync(fromNative)), data);
      assert.deepEqual(core.gunzip(core.gzip(data, level, 0), 1e9), data);
    }
  }
  sameOutcome('gzip', text(100_000), 10, 0);
});

test('gunzip: every failure keeps the wasm code and message', () => {
  const data = new TextEncoder().encode(randomBytes(50_000).toString('hex')); // compresses about 2:1
  const gz = wasm.gzip(data, 6, 0);
  const flipped = (at) => {
    const b = gz.slice();
    b[at] ^= 0x55;
    return b;
  };
  const cases = [
    [gz.subarray(0, gz.length - 3), 1e9], // truncated trailer
    [gz.subarray(0, gz.length >> 1), 1e9], // truncated deflate data
    [flipped(gz.length - 6), 1e9], // CRC
    [flipped(gz.length - 2), 1e9], // ISIZE
    [flipped(200), 1e9], // corrupt deflate data (or a wrong CRC)
    [gz, 99_999], // over maxOutput
    [gz, 0],
    [cat(gz, [7]), 1e9], // trailing garbage (node:zlib would ignore it)
    [new Uint8Array(20_000), 1e9], // not gzip
  ];
  for (const [input, max] of cases) {
    assert.ok(outcome(() => wasm.gunzip(input, max)).error);
    sameOutcome('gunzip', input, max);
  }
  // The native path leaves padding and a second member to wasm, which reads them.
  const two = cat(gz, [0, 0], wasm.gzip(bytes(30_000), 1, 0));
  assert.equal(native.gunzip(two, 1e9), undefined);
  assert.deepEqual(core.gunzip(two, 1e9), cat(data, bytes(30_000)));
  // Header fields are read by wasm on both paths (the member plan).
  const named = new Uint8Array(gzipSync(data, { level: 1 }));
  named[3] = 0x08; // FNAME, with the name spliced in below
  const withName = cat(named.subarray(0, 10), [0x61, 0], named.subarray(10));
  assert.deepEqual(native.gunzip(withName, 1e9), data);
  assert.deepEqual(core.gunzip(withName, 1e9), data);
});

/** AES-256-ECB of whole blocks under KEY, with no padding added. */
const unpadded = (blocks) => new Uint8Array(createCipheriv('aes-256-ecb', KEY, null).setAutoPadding(false).update(blocks));

test('legacy ECB: identical bytes, and the same errors', () => {
  for (const n of around(CROSSOVER.ecb)) {
    const data = bytes(n);
    const stored = native.legacyEncrypt(KEY, 'binary', data, true);
    assert.deepEqual(stored, wasm.legacyEncrypt(KEY, 'binary', data, true), `ECB ${n}`);
    assert.deepEqual(native.legacyDecrypt(KEY, 'binary', stored, true), data);
    assert.deepEqual(core.legacyDecrypt(KEY, 'binary', core.legacyEncrypt(KEY, 'binary', data, true), true), data);
  }
  const stored = wasm.legacyEncrypt(KEY, 'binary', bytes(5000), true);
  for (const [key, kind, input] of [
    [OTHER_KEY, 'binary', stored], // padding
    [KEY, 'binary', stored.subarray(0, 4999)], // length
    [KEY, 'binary', new Uint8Array()],
    [KEY.subarray(0, 16), 'binary', stored], // key length
    [KEY, 'string', wasm.legacyEncrypt(KEY, 'binary', cat([0xff], bytes(2000)), true)], // not UTF-8
    [KEY, 'binary', unpadded(cat(bytes(4094), [1, 2]))], // padding bytes that disagree
    [KEY, 'binary', unpadded(cat(bytes(4095), [0]))], // padding 0
    [KEY, 'binary', unpadded(cat(bytes(4095), [17]))], // padding > 16
  ]) {
    assert.ok(outcome(() => wasm.legacyDecrypt(key, kind, input, true)).error);
    sameOutcome('legacyDecrypt', key, kind, input, true);
  }
  sameOutcome('legacyEncrypt', KEY.subarray(0, 31), 'binary', bytes(5000), true);
});

test('legacy ECB: the plaintext is not left in node\'s shared Buffer pool', () => {
  // Every small Buffer.allocUnsafe/Buffer.from of the process is a view of the pool: its `.buffer`
  // would show a plaintext left there to whoever holds one.
  const marker = new TextEncoder().encode('plaintext-marker-7f3c9e');
  const found = (pool) => Buffer.from(pool).indexOf(marker) !== -1; // a view: nothing copied into the pool
  for (const n of [marker.length, 300, 1000]) {
    const data = cat(marker, bytes(n - marker.length));
    assert.ok(n < Buffer.poolSize >>> 1, 'sizes the pool serves');
    assert.notEqual(native.legacyEncrypt(KEY, 'binary', data, true), undefined);
    const probe = Buffer.allocUnsafe(1); // the pool the padded copy came from (it has room left)
    assert.equal(probe.buffer.byteLength, Buffer.poolSize);
    assert.ok(!found(probe.buffer), `plaintext of ${n} bytes in the pool`);
  }
  // Not vacuous: a plaintext copied into the pool is found there.
  Buffer.allocUnsafe(marker.length).set(marker);
  assert.ok(found(Buffer.allocUnsafe(1).buffer));
});

test('legacy CTR: each path reads the other, same envelope layout, same errors', () => {
  for (const n of around(CROSSOVER.ctr)) {
    const data = bytes(n);
    const fromNative = native.legacyEncrypt(KEY, 'binary', data, false);
    const fromWasm = wasm.legacyEncrypt(KEY, 'binary', data, false);
    assert.equal(fromNative.length, fromWasm.length);
    assert.deepEqual(wasm.legacyDecrypt(KEY, 'binary', fromNative, false), data);
    assert.deepEqual(native.legacyDecrypt(KEY, 'binary', fromWasm, false), data);
    assert.deepEqual(core.legacyDecrypt(KEY, 'binary', fromWasm, false), data);
  }
  const stored = new TextDecoder().decode(wasm.legacyEncrypt(KEY, 'string', new TextEncoder().encode('é'.repeat(3000)), false));
  const utf8 = (s) => new TextEncoder().encode(s);
  // The envelope is read by wasm on both paths (its open plan): any JSON layout it reads, Node decrypts.
  const reordered = utf8(JSON.stringify(Object.fromEntries(Object.entries(JSON.parse(stored)).reverse())));
  assert.deepEqual(native.legacyDecrypt(KEY, 'string', reordered, false), utf8('é'.repeat(3000)));
  assert.deepEqual(core.legacyDecrypt(KEY, 'string', reordered, false), utf8('é'.repeat(3000)));
  for (const input of [
    utf8(stored.replace('"token": "', '"token": "\'')), // not base85
    utf8(stored.slice(0, -2)), // not JSON
    utf8(stored.replace(/"nonce": "[^"]+"/, '"nonce": "00000000000000000000"')), // 16-byte nonce
  ]) {
    assert.ok(outcome(() => wasm.legacyDecrypt(KEY, 'string', input, false)).error);
    sameOutcome('legacyDecrypt', KEY, 'string', input, false);
  }
});

/** A wasm keyring of one key under id `keyId` (as js/codec/rings.mjs registers them). */
const ring = (key, table, attribute, keyId = 'k1') =>
  wasm.aeadRing(table, attribute, 0, JSON.stringify([keyId]), key, Uint32Array.of(key.length), keyId);

/** An envelope whose key id 'k1' reads 'k2': no key of `ring` has it. */
function renamed(stored) {
  const b = stored.slice();
  b[6] = 0x32;
  return b;
}

test('aead: GCM-SIV gives identical envelopes, GCM envelopes open on both paths', () => {
  const ctx = ['users', 'émail'];
  for (const n of around(Math.max(CROSSOVER.gcmSiv, CROSSOVER.gcm))) {
    const data = bytes(n);
    const det = native.aeadEncrypt(ring(KEY, ...ctx), 'binary', data, true);
    assert.deepEqual(det, wasm.aeadEncrypt(ring(KEY, ...ctx), 'binary', data, true), `GCM-SIV ${n}`);
    assert.deepEqual(native.aeadDecrypt(ring(KEY, ...ctx), 'binary', det), data);
    const fromNative = native.aeadEncrypt(ring(KEY, ...ctx), 'binary', data, false);
    const fromWasm = wasm.aeadEncrypt(ring(KEY, ...ctx), 'binary', data, false);
    assert.equal(fromNative.length, fromWasm.length);
    assert.deepEqual(fromNative.subarray(0, 19), fromWasm.subarray(0, 19), 'header up to the nonce');
    assert.deepEqual(wasm.aeadDecrypt(ring(KEY, ...ctx), 'binary', fromNative), data);
    assert.deepEqual(native.aeadDecrypt(ring(KEY, ...ctx), 'binary', fromWasm), data);
    assert.deepEqual(core.aeadDecrypt(ring(KEY, ...ctx), 'binary', core.aeadEncrypt(ring(KEY, ...ctx), 'binary', data, n % 2 === 0)), data);
  }
});

test('aead with an item part: the same bytes on both paths, and only that item opens them', () => {
  const ctx = ['users', 'émail'];
  const item = new TextEncoder().encode('\u0000\u0000\u0000\u0002idS\u0000\u0000\u0000\u0001a');
  const other = new TextEncoder().encode('\u0000\u0000\u0000\u0002idS\u0000\u0000\u0000\u0001b');
  for (const n of around(Math.max(CROSSOVER.gcmSiv, CROSSOVER.gcm))) {
    const data = bytes(n, 3);
    const det = native.aeadEncrypt(ring(KEY, ...ctx), 'binary', data, true, item);
    assert.deepEqual(det, wasm.aeadEncrypt(ring(KEY, ...ctx), 'binary', data, true, item), `GCM-SIV ${n}`);
    assert.notDeepEqual(det, wasm.aeadEncrypt(ring(KEY, ...ctx), 'binary', data, true), 'the item changes the bytes');
    const fromNative = native.aeadEncrypt(ring(KEY, ...ctx), 'binary', data, false, item);
    const fromWasm = wasm.aeadEncrypt(ring(KEY, ...ctx), 'binary', data, false, item);
    assert.deepEqual(fromNative.subarray(0, 19), fromWasm.subarray(0, 19), 'header up to the nonce');
    for (const stored of [det, fromNative, fromWasm]) {
      assert.deepEqual(wasm.aeadDecrypt(ring(KEY, ...ctx), 'binary', stored, item), data);
      assert.deepEqual(native.aeadDecrypt(ring(KEY, ...ctx), 'binary', stored, item), data);
      for (const elsewhere of [other, undefined]) {
        sameOutcome('aeadDecrypt', ring(KEY, ...ctx), 'binary', stored, elsewhere);
        assert.equal(outcome(() => core.aeadDecrypt(ring(KEY, ...ctx), 'binary', stored, elsewhere)).error.code, 'E_AEAD_CONTEXT');
      }
    }
  }
});

test('aead plans longer than the reused plan buffer: the same bytes and errors on both paths', () => {
  const ctx = ['t'.repeat(300), 'a'.repeat(300)];
  const item = bytes(2000, 5);
  for (const deterministic of [true, false]) {
    const data = bytes(20_000);
    const fromNative = native.aeadEncrypt(ring(KEY, ...ctx), 'binary', data, deterministic, item);
    const fromWasm = wasm.aeadEncrypt(ring(KEY, ...ctx), 'binary', data, deterministic, item);
    if (deterministic) assert.deepEqual(fromNative, fromWasm);
    for (const stored of [fromNative, fromWasm]) {
      assert.deepEqual(native.aeadDecrypt(ring(KEY, ...ctx), 'binary', stored, item), data);
      sameOutcome('aeadDecrypt', ring(KEY, ...ctx), 'binary', stored, bytes(2000, 6));
    }
  }
});

test('aead: every failure keeps the wasm code and message', () => {
  const ctx = ['users', 'email'];
  for (const deterministic of [true, false]) {
    const stored = wasm.aeadEncrypt(ring(KEY, ...ctx), 'binary', bytes(20_000), deterministic);
    const flipped = (at) => {
      const b = stored.slice();
      b[at] ^= 1;
      return b;
    };
    for (const [key, table, attribute, kind, input] of [
      [OTHER_KEY, ...ctx, 'binary', stored], // E_AEAD_WRONG_KEY
      [KEY, 'users', 'phone', 'binary', stored], // E_AEAD_CONTEXT
      [KEY, ...ctx, 'binary', flipped(stored.length - 100)], // ciphertext
      [KEY, ...ctx, 'binary', flipped(stored.length - 1)], // tag
      [KEY, ...ctx, 'binary', flipped(6)], // header (key id): tampered
      [KEY, ...ctx, 'binary', stored.subarray(0, stored.length - 1)],
      [KEY, ...ctx, 'binary', cat(stored, [0])],
      [KEY, ...ctx, 'binary', renamed(stored)], // E_AEAD_UNKNOWN_KEY_ID
      [KEY, ...ctx, 'string', wasm.aeadEncrypt(ring(KEY, ...ctx), 'binary', cat([0xc3], bytes(5000)), deterministic)],
      [KEY.subarray(1), ...ctx, 'binary', stored],
    ]) {
      assert.ok(outcome(() => wasm.aeadDecrypt(ring(key, table, attribute), kind, input)).error);
      sameOutcome('aeadDecrypt', ring(key, table, attribute), kind, input);
    }
    sameOutcome('aeadEncrypt', ring(KEY, ...ctx, ''), 'binary', bytes(20_000), deterministic);
    sameOutcome('aeadEncrypt', ring(KEY.subarray(1), ...ctx), 'binary', bytes(20_000), deterministic);
  }
});

test('kinds other than string and binary stay on the wasm path', () => {
  const wire = new TextEncoder().encode(JSON.stringify({ a: 'x'.repeat(20_000) }));
  assert.equal(native.legacyEncrypt(KEY, 'json', wire, true), undefined);
  assert.equal(native.aeadEncrypt(ring(KEY, 't', 'a'), 'json', wire, true), undefined);
  const stored = core.aeadEncrypt(ring(KEY, 't', 'a'), 'json', wire, true);
  assert.deepEqual(stored, wasm.aeadEncrypt(ring(KEY, 't', 'a'), 'json', wire, true));
  assert.equal(native.aeadDecrypt(ring(KEY, 't', 'a'), 'json', stored), undefined);
  assert.deepEqual(core.aeadDecrypt(ring(KEY, 't', 'a'), 'json', stored), wasm.aeadDecrypt(ring(KEY, 't', 'a'), 'json', stored));
});
