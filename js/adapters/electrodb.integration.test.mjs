// ElectroDB with the `dynamodb-mate/electrodb` attribute definitions on DynamoDB Local: an ElectroDB
// entity and a dynamodb-mate model share a table byte for byte, and `where` clauses on deterministic
// encrypted attributes compare the operand encrypted by the definition's `encode`.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { Entity } from 'electrodb';
import { backends, uniqueName } from '../../tests/support/endpoints.mjs';
import { VALUES, adapterAttributes, assertSameStorage, mateModel } from '../testing/adapter-table.mjs';
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

before(() => Model.createTable({ wait: true }));
after(() => Model.deleteTable());

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
