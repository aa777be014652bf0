import assert from 'node:assert/strict';
import { gunzipSync, gzipSync } from 'node:zlib';
import { test } from 'node:test';
import { codec, errors } from '../node.mjs';
import { expectError } from '../testing/expect-error.mjs';

const text = (bytes) => new TextDecoder().decode(bytes);
const hex = (bytes) => Buffer.from(bytes).toString('hex');

test('gzip writes one member with MTIME, XFL and OS 255, and Node reads it', () => {
  const packed = codec.gzip('hello');
  assert.ok(packed instanceof Uint8Array);
  assert.equal(hex(packed.subarray(0, 10)), '1f8b0800000000000' + '2ff'); // level 9: XFL 2
  assert.equal(text(gunzipSync(packed)), 'hello');
  assert.equal(hex(codec.gzip(new Uint8Array(), { mtime: 0x01020304 }).subarray(4, 8)), '04030201');
  assert.deepEqual(codec.gzip('abc', { level: 1 }).subarray(8, 10), new Uint8Array([4, 0xff]));
  assert.equal(text(gunzipSync(codec.gzip('x'.repeat(1000), { level: 0 }))), 'x'.repeat(1000));
});

test('gunzip reads Node output, multi-member streams, and binary data', () => {
  const data = new Uint8Array(70_000).map((_, i) => (i * 7919) % 256);
  assert.deepEqual(codec.gunzip(gzipSync(data)), data);
  const twoMembers = Buffer.concat([gzipSync('ab'), codec.gzip('cd')]);
  assert.equal(text(codec.gunzip(twoMembers)), 'abcd');
  assert.equal(text(codec.gunzip(codec.gzip('é😀'))), 'é😀');
});

test('gunzip maxOutput guards against bombs', () => {
  const bomb = codec.gzip(new Uint8Array(1 << 20));
  assert.ok(bomb.length < 2000);
  assert.equal(codec.gunzip(bomb, { maxOutput: 1 << 20 }).length, 1 << 20);
  expectError(() => codec.gunzip(bomb, { maxOutput: (1 << 20) - 1 }), { code: 'E_GZIP_TOO_LARGE', type: errors.CompressionError });
});

test('hashes of strings are of their UTF-8 bytes', () => {
  assert.equal(codec.sha256Hex(''), 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
  assert.equal(codec.sha256Hex('é'), '4a99557e4033c3539de2eb65472017cad5f9557f7a0625a09f1c3f6e2ba69c4c');
  assert.equal(codec.sha256Hex(new TextEncoder().encode('é')), codec.sha256Hex('é'));
  assert.equal(codec.md5Hex('hello'), '5d41402abc4b2a76b9719d911017c592');
  assert.equal(codec.md5Hex(Buffer.from('hello')), '5d41402abc4b2a76b9719d911017c592');
});

test('base85 matches Python base64.b85encode', () => {
  // Python: base64.b85encode(bytes([0, 1, 2, 3, 255, 254, 253])) == b'009C6|Ni{'
  assert.equal(codec.b85encode(new Uint8Array([0, 1, 2, 3, 255, 254, 253])), '009C6|Ni{');
  assert.equal(codec.b85encode(new Uint8Array(4)), '00000');
  assert.equal(codec.b85encode(''), '');
  assert.equal(codec.b85encode('hello'), 'Xk~0{Zv');
  assert.deepEqual(codec.b85decode('009C6|Ni{'), new Uint8Array([0, 1, 2, 3, 255, 254, 253]));
  expectError(() => codec.b85decode('"'), { code: 'E_BASE85', type: errors.EncodingError });
});

test('argument types are checked before crossing into wasm', () => {
  const bad = (fn) => expectError(fn, { code: 'E_INPUT_TYPE', type: errors.ArgumentError });
  assert.match(bad(() => codec.gzip(123)).message, /^data must be a Uint8Array, got number$/);
  assert.match(bad(() => codec.gunzip('text')).message, /^data must be a Uint8Array/);
  bad(() => codec.gunzip([31, 139]));
  bad(() => codec.sha256Hex(new Uint16Array(2)));
  bad(() => codec.b85decode(new Uint8Array(2)));
  bad(() => codec.gzip('x', 9));
  assert.match(bad(() => codec.gzip('x', { level: 1.5 })).message, /^opts.level must be an integer/);
  bad(() => codec.gzip('x', { level: '9' }));
  bad(() => codec.gunzip(codec.gzip('x'), { maxOutput: '10' }));
  expectError(() => codec.gzip('x', { mtime: 2 ** 32 }), { code: 'E_ARGUMENT', type: errors.ArgumentError });
  expectError(() => codec.gzip('x', { level: 10 }), { code: 'E_ARGUMENT', type: errors.ArgumentError });
  expectError(() => codec.gunzip(codec.gzip('x'), { maxOutput: -1 }), { code: 'E_ARGUMENT', type: errors.ArgumentError });
  // A lone surrogate has no UTF-8 form: refused rather than replaced by U+FFFD.
  expectError(() => codec.sha256Hex('a\ud800'), { code: 'E_UTF8', type: errors.EncodingError });
});
