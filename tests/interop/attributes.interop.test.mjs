// The real pynamodb_mate 6.0.1.1 and 5.3.4.4 attributes (Compressed*, Encrypted*, deterministic and
// not) and this library's format 'pynamodb_mate' share one table on moto: each side reads the
// other's item equal, deterministic values are byte-identical, and equality scans and conditions
// from either side find the other side's item. Python runs tests/interop/pm_attributes.py.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { GetItemCommand } from '@aws-sdk/client-dynamodb';
import { backends, uniqueName } from '../support/endpoints.mjs';
import { attr, defineModel } from '../../js/node.mjs';
import { DETERMINISTIC, EXPECTED, SHAPE, pmAttributes } from './pm-attributes.mjs';

const ATTRIBUTES = {
  pk: attr.string({ hashKey: true }),
  touched: attr.string({ nullable: true }),
  ...Object.fromEntries(Object.entries(SHAPE).map(([name, [factory, options]]) => [name, attr[factory]({ ...options, nullable: true })])),
};

for (const version of ['6.0.1.1', '5.3.4.4']) {
  const python = pmAttributes(version);

  test(`pynamodb_mate ${version} and dynamodb-mate share compressed and encrypted attributes [moto]`, { timeout: 60_000 }, async () => {
    const moto = backends().find((b) => b.name === 'moto');
    const table = uniqueName(`interop-sealed-${version[0]}`);
    python('create', table);
    const Secrets = defineModel({ table, client: moto.dynamodb, attributes: ATTRIBUTES });
    try {
      python('write', table, 'py-1');
      const fromPython = await Secrets.get('py-1', { consistentRead: true });
      for (const [name, want] of Object.entries(EXPECTED)) assert.deepEqual(fromPython[name], want, name);

      await Secrets.create({ pk: 'js-1', ...EXPECTED }).save();
      assert.match(python('check', table, 'js-1'), /^pm-attributes-readable: 16 passed, 0 failed$/m);

      // Deterministic values: the bytes JS writes are the bytes Python writes.
      const raw = async (pk) => (await moto.dynamodb.send(new GetItemCommand({ TableName: table, Key: { pk: { S: pk } }, ConsistentRead: true }))).Item;
      const [py, js] = [await raw('py-1'), await raw('js-1')];
      for (const name of DETERMINISTIC) assert.deepEqual(js[name].B, py[name].B, `${name}: byte-identical`);
      for (const name of ['eur', 'ebr', 'enr', 'ejr']) assert.notDeepEqual(js[name].B, py[name].B, `${name}: randomized`);

      // Python's equality scans find both items, and its condition on every value holds for ours.
      const found = JSON.parse(python('find', table, 'js-1'));
      assert.deepEqual(found, Object.fromEntries(DETERMINISTIC.map((n) => [n, ['js-1', 'py-1']])));
      assert.equal((await Secrets.get('js-1', { consistentRead: true })).touched, 'python');
      // And ours find Python's item.
      for (const name of DETERMINISTIC) {
        const ids = [];
        for await (const s of Secrets.scan({ filter: Secrets.attr[name].eq(EXPECTED[name]), consistentRead: true })) ids.push(s.pk);
        assert.deepEqual(ids.sort(), ['js-1', 'py-1'], name);
      }
      await (await Secrets.get('py-1')).update([Secrets.attr.touched.set('js')], { condition: Secrets.attr.eu.eq(EXPECTED.eu) });
    } finally {
      await Secrets.deleteTable();
    }
  });
}
