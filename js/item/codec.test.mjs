// ItemCodec.encodeKept and encode(item, kept): an encoding is reused only for the same stream form
// under the same keys, so that a changed item (in place or not) or a key rotation is encoded again.
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { test } from 'node:test';
import { attr } from '../node.mjs';
import { ItemCodec } from './codec.mjs';

const K1 = randomBytes(32);
const K2 = randomBytes(32);
const attributes = {
  id: attr.string({ hashKey: true }),
  bytes: attr.binary(),
  meta: attr.map({ author: attr.string() }),
  tags: attr.stringSet(),
  note: attr.encryptedJson({ key: K1, keyId: 'k1', deterministic: false }),
};

function itemCodec() {
  const entries = Object.entries(attributes);
  const codec = new ItemCodec('T', entries.map(([name, a]) => a.spec(name)), 'table', { hashKey: 'id' });
  codec.setKeys('note', attributes.note.keysNow());
  return codec;
}

const item = () => ({ id: 'a', bytes: new Uint8Array([1, 2]), meta: { author: 'Ann' }, tags: new Set(['x']), note: { card: '4111' } });

test('the kept encoding is reused for the same item, randomized ciphertexts included', () => {
  const codec = itemCodec();
  const values = item();
  const { encoded, kept } = codec.encodeKept(values);
  assert.notDeepEqual(codec.encode(values).item.note, encoded.item.note, 'randomized: a new encoding has other bytes');
  assert.equal(codec.encode(values, kept), encoded);
  assert.equal(codec.encode({ ...item() }, kept), encoded, 'equal values in other objects');
});

test('a change made after encodeKept, in place or not, is encoded again', () => {
  const codec = itemCodec();
  const changes = [
    (v) => { v.bytes[0] = 9; },
    (v) => { v.meta.author = 'Bob'; },
    (v) => { v.tags.add('y'); },
    (v) => { v.note.card = '4242'; },
    (v) => { v.id = 'b'; }, // randomized values are bound to the key
    (v) => { v.bytes = new Uint8Array([1, 2, 3]); },
  ];
  for (const change of changes) {
    const values = item();
    const { kept } = codec.encodeKept(values);
    change(values);
    const encoded = codec.encode(values, kept);
    assert.notEqual(encoded, kept.encoded);
    assert.deepEqual(codec.decode(encoded.item), codec.decode(codec.encode(values).item));
  }
});

test('new keys: the kept encoding is not reused', () => {
  const codec = itemCodec();
  const values = item();
  const { kept } = codec.encodeKept(values);
  codec.setKeys('note', attributes.note.withKey(K2, 'k2').keysNow());
  const encoded = codec.encode(values, kept);
  assert.notEqual(encoded, kept.encoded);
  const reader = new ItemCodec('T', Object.entries(attributes).map(([name, a]) => a.spec(name)), 'table', { hashKey: 'id' });
  reader.setKeys('note', attributes.note.withKey(K2, 'k2').keysNow());
  assert.deepEqual(reader.decode(encoded.item).note, { card: '4111' }, 'written under the new key');
});

test('an invalid change is refused as by a fresh encoding', () => {
  const codec = itemCodec();
  const values = item();
  const { kept } = codec.encodeKept(values);
  values.tags = 'not a set';
  let fresh;
  assert.throws(() => codec.encode(values), (error) => { fresh = error; return true; });
  assert.throws(() => codec.encode(values, kept), (error) => error.code === fresh.code && error.message === fresh.message);
});
