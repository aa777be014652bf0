import assert from 'node:assert/strict';
import { gunzipSync } from 'node:zlib';
import { test } from 'node:test';
import { codec, errors } from '../node.mjs';
import { expectError } from '../testing/expect-error.mjs';

const { compress, decompress } = codec;

test("compress is gzip (MTIME 0) of the kind's plaintext, as pynamodb_mate's Compressed*Attribute", () => {
  assert.equal(gunzipSync(compress('<html>é</html>')).toString(), '<html>é</html>');
  assert.deepEqual(compress('<html>é</html>'), codec.gzip('<html>é</html>'));
  assert.deepEqual(new Uint8Array(gunzipSync(compress(new Uint8Array([0, 255])))), new Uint8Array([0, 255]));
  assert.equal(gunzipSync(compress({ b: [1, 2.5], a: 'é' })).toString(), '{"b": [1, 2.5], "a": "\\u00e9"}');
  assert.equal(gunzipSync(compress({ a: 'é' }, { ensureAscii: false })).toString(), '{"a": "é"}');
  assert.equal(gunzipSync(compress(3, { kind: 'float' })).toString(), '3.0');
  assert.deepEqual(compress('x'.repeat(100), { level: 1 }).subarray(8, 10), new Uint8Array([4, 0xff]));
});

test('decompress round trips and reads Python-written bytes', () => {
  const values = [['text é', 'string'], [new Uint8Array([1, 2]), 'binary'], [{ n: 2n ** 70n, f: NaN }, 'json'], [12, 'int']];
  for (const [value, kind] of values) assert.deepEqual(decompress(compress(value, { kind }), { kind }), value);
  // Python: gzip.compress(json.dumps({"a": [1.0]}).encode()); the whole float stays a float.
  const read = decompress(codec.gzip('{"a": [1.0]}'), { kind: 'json' });
  assert.deepEqual(read, { a: [new codec.PythonFloat(1)] });
  assert.equal(gunzipSync(compress(read, { kind: 'json' })).toString(), '{"a": [1.0]}');
});

test('decompress errors', () => {
  const bomb = compress('x'.repeat(10_000));
  expectError(() => decompress(bomb, { kind: 'string', maxOutput: 9_999 }), { code: 'E_GZIP_TOO_LARGE', type: errors.CompressionError });
  expectError(() => decompress(codec.gzip(new Uint8Array([0xff])), { kind: 'string' }), { code: 'E_UTF8', type: errors.EncodingError });
  expectError(() => decompress(codec.gzip('{'), { kind: 'json' }), { code: 'E_JSON_SYNTAX', type: errors.EncodingError });
  expectError(() => decompress(bomb, {}), { code: 'E_ARGUMENT', type: errors.ArgumentError });
  expectError(() => decompress(bomb), { code: 'E_ARGUMENT', type: errors.ArgumentError });
  expectError(() => decompress('x', { kind: 'string' }), { code: 'E_INPUT_TYPE', type: errors.ArgumentError });
  expectError(() => compress('x', { level: 11 }), { code: 'E_ARGUMENT', type: errors.ArgumentError });
  expectError(() => compress('x', { ensureAscii: 0 }), { code: 'E_INPUT_TYPE', type: errors.ArgumentError });
});
