// The real pynamodb_mate 6.0.1.1 and 5.3.4.4 and the adapters (`dynamodb-mate/toolbox`,
// `dynamodb-mate/electrodb`) share one table on moto: Python reads the items a toolbox Entity and an
// ElectroDB entity write, deterministic values are Python's bytes, Python's equality scans find them,
// and the adapters read Python's item. Python runs tests/interop/pm_attributes.py.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { DeleteTableCommand } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { Entity as ElectroEntity } from 'electrodb';
import { Entity, GetItemCommand, PutItemCommand, Table, item, string } from 'dynamodb-toolbox';
import { backends, uniqueName } from '../support/endpoints.mjs';
import { rawItem } from '../../js/testing/adapter-table.mjs';
import * as toolbox from '../../js/adapters/toolbox.mjs';
import * as electrodb from '../../js/adapters/electrodb.mjs';
import { DETERMINISTIC, EXPECTED, SHAPE, pmAttributes } from './pm-attributes.mjs';

const made = (adapter) => Object.fromEntries(Object.entries(SHAPE).map(([name, [factory, options]]) => [name, adapter[factory](options)]));

function toolboxEntity(name, documentClient) {
  const table = new Table({ name, partitionKey: { name: 'pk', type: 'string' }, documentClient });
  const schema = item({ pk: string().key(), ...Object.fromEntries(Object.entries(made(toolbox)).map(([n, s]) => [n, s.optional()])) });
  const Secrets = new Entity({ name: 'Secrets', table, timestamps: false, entityAttribute: false, schema });
  return {
    put: (values) => Secrets.build(PutItemCommand).item(values).send(),
    get: async (pk) => (await Secrets.build(GetItemCommand).key({ pk }).options({ consistent: true }).send()).Item,
  };
}

function electroEntity(name, client) {
  const Secrets = new ElectroEntity({
    model: { entity: 'secrets', version: '1', service: 'interop' },
    attributes: { pk: { type: 'string', required: true }, ...made(electrodb) },
    indexes: { primary: { pk: { field: 'pk', composite: ['pk'], template: '${pk}' } } },
  }, { table: name, client });
  return {
    put: (values) => Secrets.put(values).go(),
    get: async (pk) => (await Secrets.get({ pk }).go({ ignoreOwnership: true, consistent: true })).data,
  };
}

for (const version of ['6.0.1.1', '5.3.4.4']) {
  const python = pmAttributes(version);

  test(`pynamodb_mate ${version} reads what the toolbox and ElectroDB adapters write [moto]`, { timeout: 60_000 }, async () => {
    const moto = backends().find((b) => b.name === 'moto');
    const table = uniqueName(`interop-adapters-${version[0]}`);
    const documentClient = DynamoDBDocumentClient.from(moto.dynamodb);
    python('create', table);
    const adapters = { 'tb-1': toolboxEntity(table, documentClient), 'el-1': electroEntity(table, documentClient) };
    try {
      python('write', table, 'py-1');
      const py = await rawItem(moto.dynamodb, table, 'py-1');
      for (const [pk, entity] of Object.entries(adapters)) {
        assert.deepEqual(await entity.get('py-1'), { pk: 'py-1', ...EXPECTED }, `${pk}: the adapter reads Python's item`);
        await entity.put({ pk, ...EXPECTED });
        assert.match(python('check', table, pk), /^pm-attributes-readable: 16 passed, 0 failed$/m, pk);
        const written = await rawItem(moto.dynamodb, table, pk);
        for (const name of DETERMINISTIC) assert.deepEqual(written[name].B, py[name].B, `${pk}.${name}: Python's bytes`);
      }
      // Python's equality scans find the adapters' items, and its condition on every value holds.
      const found = JSON.parse(python('find', table, 'tb-1'));
      assert.deepEqual(found, Object.fromEntries(DETERMINISTIC.map((n) => [n, ['el-1', 'py-1', 'tb-1']])));
    } finally {
      await moto.dynamodb.send(new DeleteTableCommand({ TableName: table }));
    }
  });
}
