// The first write of a created instance reuses the encoding create() validated with only when the
// item is unchanged (js/item/codec.mjs): against real servers, what is stored is the instance as it
// is at save(), changed in place or not after create(), encrypted under the keys current at save().
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { eachBackend, uniqueName } from '../../tests/support/endpoints.mjs';
import { attr, defineModel } from '../node.mjs';

const K1 = randomBytes(32);
const K2 = randomBytes(32);

const model = (client, table, key, keyId) => defineModel({
  name: 'Note',
  table,
  client,
  attributes: {
    id: attr.string({ hashKey: true }),
    bytes: attr.binary(),
    meta: attr.map({ author: attr.string() }),
    tags: attr.stringSet(),
    body: attr.compressedString(),
    secret: attr.encryptedJson({ key, keyId, deterministic: false }),
    count: attr.number({ integer: true, default: 0 }),
  },
});

const values = (id) => ({ id, bytes: new Uint8Array([1, 2]), meta: { author: 'Ann' }, tags: new Set(['x']), body: 'text '.repeat(40), secret: { card: '4111' } });

eachBackend('created instances: saved as they are at save(), changed after create() or not', async ({ dynamodb }) => {
  const table = uniqueName('created');
  const Note = model(dynamodb, table, K1, 'k1');
  await Note.createTable({ wait: true });
  try {
    await Note.create(values('same')).save();
    assert.deepEqual({ ...await Note.get('same') }, { ...values('same'), count: 0 });

    const changed = Note.create(values('changed'));
    changed.bytes[0] = 9;
    changed.meta.author = 'Bob';
    changed.tags.add('y');
    changed.secret.card = '4242';
    changed.body = 'other';
    changed.count += 1;
    await changed.save();
    assert.deepEqual({ ...await Note.get('changed') }, {
      id: 'changed', bytes: new Uint8Array([9, 2]), meta: { author: 'Bob' }, tags: new Set(['x', 'y']), body: 'other', secret: { card: '4242' }, count: 1,
    });

    const invalid = Note.create(values('invalid'));
    invalid.tags = 'not a set';
    let refused;
    assert.throws(() => Note.create({ ...values('invalid'), tags: 'not a set' }), (error) => { refused = error; return true; });
    await assert.rejects(invalid.save(), (error) => error.code === refused.code && error.message === refused.message);
    assert.equal(await Note.getOneOrNone('invalid'), null);

    const rotated = Note.create(values('rotated'));
    await Note.setKey('secret', K2, { keyId: 'k2' });
    await rotated.save();
    const OnlyK2 = model(dynamodb, table, K2, 'k2');
    assert.deepEqual((await OnlyK2.get('rotated')).secret, { card: '4111' }, 'encrypted under the key current at save()');
  } finally {
    await Note.deleteTable();
  }
});
