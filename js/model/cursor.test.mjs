// Page cursors: keys with bytes and U+0000-led strings come back exact, cursors issued before the
// cursor form moved here still read, and anything else is E_ARGUMENT.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { errors } from '../node.mjs';
import { decodeCursor, encodeCursor } from './cursor.mjs';

const KEY = { pk: { S: '\u0000nul' }, sk: { N: '12' }, b: { B: new Uint8Array([0, 255, 7]) }, s: { S: 'é' } };
const STATE = { reencrypt: [0, 1, { pk: { B: new Uint8Array([1]) } }] };

test('keys and reencrypt state round-trip exactly, in the form cursors have always had', () => {
  // Written by js/item/wire.mjs (toItemWire), which cursors used before.
  const issued = [
    [KEY, 'eyJwayI6eyJTIjoiXHUwMDAwc1x1MDAwMG51bCJ9LCJzayI6eyJOIjoiMTIifSwiYiI6eyJCIjoiXHUwMDAwYkFQOEgifSwicyI6eyJTIjoiw6kifX0'],
    [STATE, 'eyJyZWVuY3J5cHQiOlswLDEseyJwayI6eyJCIjoiXHUwMDAwYkFRPT0ifX1dfQ'],
  ];
  for (const [key, cursor] of issued) {
    assert.equal(encodeCursor(key), cursor);
    assert.deepEqual(decodeCursor(cursor), key);
  }
  assert.equal(encodeCursor(undefined), undefined);
  assert.equal(decodeCursor(undefined), undefined);
  assert.equal(decodeCursor(null), undefined);
});

test('a cursor this library did not write is E_ARGUMENT', () => {
  for (const bad of ['!!!', encodeCursor({ a: 1 }).slice(0, -3), 'WzFd' /* [1] */, 'bnVsbA' /* null */, 12]) {
    assert.throws(() => decodeCursor(bad), (e) => e instanceof errors.CodecError && e.code === 'E_ARGUMENT', String(bad));
  }
});
