// legacyEncoding binaries against real servers (DynamoDB Local and moto): the stored B values are the
// base64 text of the bytes (key included), get/query by the bytes find the item, and conditions and
// update values (eq, contains on the set, add, delete, ifNotExists) act on the same stored text.
import assert from 'node:assert/strict';
import { GetItemCommand } from '@aws-sdk/client-dynamodb';
import { eachBackend, uniqueName } from '../../tests/support/endpoints.mjs';
import { attr, cond, defineModel } from '../node.mjs';

const text = (s) => new Uint8Array(Buffer.from(s, 'latin1'));
const CAFE = new Uint8Array([0xca, 0xfe, 0xf0, 0x0d]); // stored as "yv7wDQ==" (pynamodb's docs)
const conditionFailed = (e) => e.code === 'E_DYNAMODB_CONDITION';

eachBackend('legacyEncoding binaries: stored as base64 text, found and compared by their bytes', async ({ dynamodb }) => {
  const Old = defineModel({
    name: 'Old',
    table: uniqueName('legacy-binary'),
    client: dynamodb,
    attributes: {
      id: attr.binary({ hashKey: true, legacyEncoding: true }),
      at: attr.binary({ rangeKey: true, legacyEncoding: true }),
      b: attr.binary({ legacyEncoding: true, nullable: true }),
      bs: attr.binarySet({ legacyEncoding: true }),
    },
  });
  await Old.createTable({ wait: true });
  try {
    const item = Old.create({ id: CAFE, at: new Uint8Array([1]), b: new Uint8Array([0, 1]), bs: new Set([new Uint8Array([0])]) });
    await item.save();
    const Key = { id: { B: text('yv7wDQ==') }, at: { B: text('AQ==') } };
    const raw = async () => (await dynamodb.send(new GetItemCommand({ TableName: Old.tableName, Key, ConsistentRead: true }))).Item;
    assert.deepEqual(await raw(), { ...Key, b: { B: text('AAE=') }, bs: { BS: [text('AA==')] } });

    assert.deepEqual({ ...(await Old.get(CAFE, new Uint8Array([1]), { consistentRead: true })) }, { ...item });
    const found = [];
    for await (const o of Old.query(CAFE, { filter: cond.and(Old.attr.b.eq(new Uint8Array([0, 1])), Old.attr.bs.contains(new Uint8Array([0]))) })) found.push(o);
    assert.deepEqual(found.map((o) => o.b), [new Uint8Array([0, 1])]);

    await assert.rejects(item.update([Old.attr.b.set(CAFE)], { condition: Old.attr.b.eq(CAFE) }), conditionFailed);
    await item.update([Old.attr.b.set(CAFE), Old.attr.bs.add(new Set([CAFE]))], { condition: Old.attr.b.in([new Uint8Array([0, 1])]) });
    await item.update([Old.attr.bs.delete(new Set([new Uint8Array([0])]))], { condition: Old.attr.bs.contains(CAFE) });
    assert.deepEqual(await raw(), { ...Key, b: { B: text('yv7wDQ==') }, bs: { BS: [text('yv7wDQ==')] } });
    assert.deepEqual([item.b, item.bs], [CAFE, new Set([CAFE])]);
  } finally {
    await Old.deleteTable();
  }
});
