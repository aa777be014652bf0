// dynamodb-toolbox v2 with the `dynamodb-mate/toolbox` schemas on DynamoDB Local: a toolbox Entity and
// a dynamodb-mate model share a table byte for byte, and toolbox conditions and filters on
// deterministic encrypted attributes compare the encrypted operand.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { Entity, GetItemCommand, PutItemCommand, ScanCommand, Table, UpdateItemCommand, item, string } from 'dynamodb-toolbox';
import { backends, uniqueName } from '../../tests/support/endpoints.mjs';
import { VALUES, adapterAttributes, assertSameStorage, mateModel } from '../testing/adapter-table.mjs';
import * as toolbox from './toolbox.mjs';

const { dynamodb } = backends().find((b) => b.name === 'dynamodb-local');
const name = uniqueName('adapter-toolbox');
const Model = mateModel(name, dynamodb);
const table = new Table({ name, partitionKey: { name: 'pk', type: 'string' }, documentClient: DynamoDBDocumentClient.from(dynamodb) });
const Secrets = new Entity({
  name: 'Secrets', table, timestamps: false, entityAttribute: false,
  schema: item({ pk: string().key(), ...Object.fromEntries(Object.entries(adapterAttributes(toolbox, name)).map(([n, s]) => [n, s.optional()])) }),
});

before(() => Model.createTable({ wait: true }));
after(() => Model.deleteTable());

test('a toolbox item is read by the model and stored as the model stores it [dynamodb-local]', async () => {
  await Secrets.build(PutItemCommand).item({ pk: 'tb-1', ...VALUES }).send();
  await Model.create({ pk: 'mate-1', ...VALUES }).save();
  await assertSameStorage(Model, dynamodb, 'tb-1', 'mate-1');
});

test('a toolbox update writes the values as the model does [dynamodb-local]', async () => {
  await Model.create({ pk: 'up-1', ...VALUES, ad: 'old@example.com', cj: { old: true } }).save();
  await Secrets.build(UpdateItemCommand).item({ pk: 'up-1', ad: VALUES.ad, cj: VALUES.cj }).send();
  await Model.create({ pk: 'mate-up', ...VALUES }).save();
  await assertSameStorage(Model, dynamodb, 'up-1', 'mate-up');
});

test('toolbox reads what the model writes [dynamodb-local]', async () => {
  await Model.create({ pk: 'mate-2', ...VALUES }).save();
  const { Item } = await Secrets.build(GetItemCommand).key({ pk: 'mate-2' }).options({ consistent: true }).send();
  assert.deepEqual(Item, { pk: 'mate-2', ...VALUES });
});

test('toolbox filters and conditions compare deterministic values by their encrypted bytes [dynamodb-local]', async () => {
  await Secrets.build(PutItemCommand).item({ pk: 'f-1', ...VALUES }).send();
  await Model.create({ pk: 'f-2', ...VALUES }).save();
  await Model.create({ pk: 'f-3', ...VALUES, ad: 'other@example.com', pe: 'other' }).save();
  for (const attr of ['ad', 'pe', 'an', 'pj']) {
    const { Items } = await table.build(ScanCommand).entities(Secrets)
      .options({ consistent: true, filters: { Secrets: { and: [{ attr, eq: VALUES[attr] }, { attr: 'pk', beginsWith: 'f-' }] } } }).send();
    assert.deepEqual(Items.map((i) => i.pk).sort(), attr === 'ad' || attr === 'pe' ? ['f-1', 'f-2'] : ['f-1', 'f-2', 'f-3'], attr);
  }
  const put = (ad) => Secrets.build(PutItemCommand).item({ pk: 'f-3', ...VALUES, pe: 'changed' }).options({ condition: { attr: 'ad', eq: ad } }).send();
  await assert.rejects(put(VALUES.ad), { name: 'ConditionalCheckFailedException' });
  assert.equal((await Model.get('f-3', { consistentRead: true })).pe, 'other', 'nothing was written');
  await put('other@example.com');
  assert.equal((await Model.get('f-3', { consistentRead: true })).pe, 'changed');
});
