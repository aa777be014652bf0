// ElectroDB with the `dynamodb-mate/electrodb` attribute definitions on DynamoDB Local: an ElectroDB
// entity and a dynamodb-mate model share a table byte for byte, `where` clauses on deterministic
// encrypted attributes compare the operand encrypted by the definition's `encode`, and randomized
// aead values are bound to their item's key as a model binds them.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { UpdateItemCommand } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { Entity } from 'electrodb';
import { backends, uniqueName } from '../../tests/support/endpoints.mjs';
import { KEY, VALUES, adapterAttributes, assertSameStorage, mateModel, rawItem } from '../testing/adapter-table.mjs';
import { attr, defineModel } from '../node.mjs';
import * as electrodb from './electrodb.mjs';

const { dynamodb } = backends().find((b) => b.name === 'dynamodb-local');
const name = uniqueName('adapter-electrodb');
const Model = mateModel(name, dynamodb);
const attributes = adapterAttributes(electrodb, name);
// The table's key is the `pk` attribute itself (template '${pk}'), as a dynamodb-mate model keys it.
const Secrets = new Entity({
  model: { entity: 'secrets', version: '1', service: 'adapters' },
  attributes: { pk: { type: 'string', required: true }, ...attributes },
  indexes: { primary: { pk: { field: 'pk', composite: ['pk'], template: '${pk}' } } },
}, { table: name, client: DynamoDBDocumentClient.from(dynamodb) });

// Randomized aead on the same table: a model, and an entity whose key attribute `pk` is stored as is.
const Notes = defineModel({ table: name, client: dynamodb, attributes: {
  pk: attr.string({ hashKey: true }), note: attr.encryptedString({ key: KEY, deterministic: false, nullable: true }),
} });
const NOTE = 'randomized é😀';
const Random = new Entity({
  model: { entity: 'notes', version: '1', service: 'adapters' },
  attributes: {
    pk: { type: 'string', required: true },
    note: electrodb.encryptedString({ key: KEY, table: name, attribute: 'note', deterministic: false, keyAttributes: ['pk'] }),
  },
  indexes: { primary: { pk: { field: 'pk', composite: ['pk'], template: '${pk}' } } },
}, { table: name, client: DynamoDBDocumentClient.from(dynamodb) });
const readNote = async (pk, options) => (await Random.get({ pk }).go({ ignoreOwnership: true, consistent: true, ...options })).data?.note;

// And on a table with a range key: the key bytes are the hash key's, then the range key's.
const ranged = uniqueName('adapter-electrodb-range');
const Threads = defineModel({ table: ranged, client: dynamodb, attributes: {
  pk: attr.string({ hashKey: true }), sk: attr.string({ rangeKey: true }), note: attr.encryptedJson({ key: KEY, deterministic: false }),
} });
const RandomRanged = new Entity({
  model: { entity: 'threads', version: '1', service: 'adapters' },
  attributes: {
    pk: { type: 'string', required: true },
    sk: { type: 'string', required: true },
    note: electrodb.encryptedJson({ key: KEY, table: ranged, attribute: 'note', deterministic: false, keyAttributes: ['pk', 'sk'] }),
  },
  indexes: { primary: { pk: { field: 'pk', composite: ['pk'], template: '${pk}' }, sk: { field: 'sk', composite: ['sk'], template: '${sk}' } } },
}, { table: ranged, client: DynamoDBDocumentClient.from(dynamodb) });

before(() => Promise.all([Model.createTable({ wait: true }), Threads.createTable({ wait: true })]));
after(() => Promise.all([Model.deleteTable(), Threads.deleteTable()]));

test('an ElectroDB item is read by the model and stored as the model stores it [dynamodb-local]', async () => {
  await Secrets.put({ pk: 'el-1', ...VALUES }).go();
  await Model.create({ pk: 'mate-1', ...VALUES }).save();
  await assertSameStorage(Model, dynamodb, 'el-1', 'mate-1');
});

test('ElectroDB reads what the model writes [dynamodb-local]', async () => {
  await Model.create({ pk: 'mate-2', ...VALUES }).save();
  // ElectroDB reads items of other writers (no entity identifiers) when asked to.
  const { data } = await Secrets.get({ pk: 'mate-2' }).go({ ignoreOwnership: true, consistent: true });
  assert.deepEqual(data, { pk: 'mate-2', ...VALUES });
});

test('ElectroDB where clauses compare deterministic values by their encrypted bytes [dynamodb-local]', async () => {
  await Secrets.put({ pk: 'f-1', ...VALUES }).go();
  await Secrets.put({ pk: 'f-2', ...VALUES }).go();
  await Secrets.put({ pk: 'f-3', ...VALUES, ad: 'other@example.com', pe: 'other' }).go();
  for (const attr of ['ad', 'pe', 'an', 'pj']) {
    const { data } = await Secrets.scan
      .where((a, { eq, begins }) => `${eq(a[attr], attributes[attr].encode(VALUES[attr]))} AND ${begins(a.pk, 'f-')}`)
      .go({ consistent: true, pages: 'all' });
    assert.deepEqual(data.map((i) => i.pk).sort(), attr === 'ad' || attr === 'pe' ? ['f-1', 'f-2'] : ['f-1', 'f-2', 'f-3'], attr);
  }
  const patch = (ad) => Secrets.patch({ pk: 'f-3' }).set({ pe: 'changed' })
    .where((a, { eq }) => eq(a.ad, attributes.ad.encode(ad))).go();
  await assert.rejects(patch(VALUES.ad), /conditional request failed/i);
  assert.equal((await Model.get('f-3', { consistentRead: true })).pe, 'other', 'nothing was written');
  await patch('other@example.com');
  assert.equal((await Model.get('f-3', { consistentRead: true })).pe, 'changed');
});

test('a randomized aead value ElectroDB puts or upserts is bound to its item: the model reads it, and ElectroDB reads the model\'s [dynamodb-local]', async () => {
  await Random.put({ pk: 'r-el', note: NOTE }).go();
  assert.equal((await Notes.get('r-el', { consistentRead: true })).note, NOTE);
  await Notes.create({ pk: 'r-mate', note: NOTE }).save();
  assert.equal(await readNote('r-mate'), NOTE);
  await Random.upsert({ pk: 'r-up', note: NOTE }).go();
  assert.equal((await Notes.get('r-up', { consistentRead: true })).note, NOTE, 'upsert gives set the key too');
  const { data } = await Random.get({ pk: 'r-mate' }).go({ ignoreOwnership: true, consistent: true, attributes: ['note'] });
  assert.deepEqual(data, { note: NOTE }, 'a projection reads the key along');
  const [el, mate] = [await rawItem(dynamodb, name, 'r-el'), await rawItem(dynamodb, name, 'r-mate')];
  assert.notDeepEqual(el.note, mate.note, 'randomized');
  // Unbound (table and attribute only), the bytes would not decrypt for their item.
  assert.throws(() => electrodb.encryptedString({ key: KEY, table: name, attribute: 'note', deterministic: false, keyAttributes: ['pk'] })
    .get(electrodb.encryptedString({ key: KEY, table: name, attribute: 'note' }).set(NOTE), { pk: 'r-el' }), { code: 'E_AEAD_CONTEXT' });
});

test('a randomized aead value copied to another item fails with E_AEAD_CONTEXT in ElectroDB and in the model [dynamodb-local]', async () => {
  await Random.put({ pk: 'c-el', note: NOTE }).go();
  await Notes.create({ pk: 'c-mate', note: NOTE }).save();
  for (const [from, to] of [['c-el', 'c-el-copy'], ['c-mate', 'c-mate-copy']]) {
    const { note } = await rawItem(dynamodb, name, from);
    await dynamodb.send(new UpdateItemCommand({ TableName: name, Key: { pk: { S: to } }, UpdateExpression: 'SET note = :n', ExpressionAttributeValues: { ':n': note } }));
    const typed = { name: 'DecryptionError', code: 'E_AEAD_CONTEXT', message: /electrodb encryptedString\("note"\)/ };
    // ElectroDB wraps an error thrown while it formats a read, unless asked for the original.
    await assert.rejects(readNote(to), (e) => {
      assert.equal(e.name, 'ElectroError');
      assert.throws(() => { throw e.cause; }, typed);
      return true;
    }, `${from}: ElectroDB`);
    await assert.rejects(readNote(to, { originalErr: true }), typed, `${from}: ElectroDB, originalErr`);
    await assert.rejects(Notes.get(to, { consistentRead: true }), { code: 'E_AEAD_CONTEXT' }, `${from}: the model`);
  }
});

test('an ElectroDB patch or update of a randomized aead value, which does not give the hook the key, is refused [dynamodb-local]', async () => {
  await Random.put({ pk: 'p-1', note: NOTE }).go();
  const before = await rawItem(dynamodb, name, 'p-1');
  for (const op of [Random.patch({ pk: 'p-1' }), Random.update({ pk: 'p-1' })]) {
    await assert.rejects(op.set({ note: 'changed' }).go(), { name: 'ItemError', code: 'E_ITEM_REQUIRED', message: /electrodb encryptedString\("note"\).*key attribute pk/ });
  }
  assert.deepEqual(await rawItem(dynamodb, name, 'p-1'), before, 'nothing was written');
  assert.equal(await readNote('p-1'), NOTE);
});

test('a randomized aead value of a table with a range key is bound to both keys, as the model binds it [dynamodb-local]', async () => {
  const value = { é: ['😀', 1.5] };
  await RandomRanged.put({ pk: 'h', sk: 's-el', note: value }).go();
  assert.deepEqual((await Threads.get('h', 's-el', { consistentRead: true })).note, value);
  await Threads.create({ pk: 'h', sk: 's-mate', note: value }).save();
  const { data } = await RandomRanged.get({ pk: 'h', sk: 's-mate' }).go({ ignoreOwnership: true, consistent: true });
  assert.deepEqual(data.note, value);
});
