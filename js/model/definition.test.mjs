// Model definitions are checked before any request: each mistake is a ModelError naming the model
// and the attribute or index. The CreateTable input derived from a valid definition is exact.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { attr, defineModel, errors } from '../node.mjs';
import { createTableInput } from './table.mjs';
import { resolveDefinition } from './definition.mjs';

const client = new DynamoDBClient({ region: 'us-east-1', endpoint: 'http://127.0.0.1:9', credentials: { accessKeyId: 'x', secretAccessKey: 'x' } });
const base = { table: 'things', client, attributes: { id: attr.string({ hashKey: true }) } };

test('invalid definitions are refused with a message naming what is wrong', () => {
  const cases = [
    [{ ...base, table: 'x' }, /table must be/],
    [{ ...base, client: {} }, /client must be a DynamoDBClient/],
    [{ ...base, attributes: {} }, /at least the hash key/],
    [{ ...base, attributes: { id: attr.string() } }, /exactly one attribute must be the hashKey/],
    [{ ...base, attributes: { a: attr.string({ hashKey: true }), b: attr.string({ hashKey: true }) } }, /exactly one/],
    [{ ...base, attributes: { id: attr.boolean(), n: attr.number({ rangeKey: true }) } }, /exactly one attribute must be the hashKey/],
    [{ ...base, attributes: { id: attr.string({ hashKey: true, nullable: true }) } }, /cannot be nullable/],
    [{ ...base, attributes: { id: attr.string({ hashKey: true }), save: attr.string() } }, /reserved for a method/],
    [{ ...base, attributes: { id: attr.string({ hashKey: true }), a: attr.string({ attrName: 'id' }) } }, /attrName must be a non-empty string used once/],
    [{ ...base, attributes: { id: attr.string({ hashKey: true }), a: attr.ttl(), b: attr.ttl() } }, /at most one attr.ttl/],
    [{ ...base, attributes: { id: attr.string({ hashKey: true }), v: attr.version(), w: attr.version() } }, /at most one attr.version/],
    [{ ...base, billingMode: 'FREE' }, /billingMode must be/],
    [{ ...base, billingMode: 'PROVISIONED' }, /throughput/],
    [{ ...base, indexes: { i: { type: 'global', hashKey: 'nope' } } }, /index i: key nope must be/],
    [{ ...base, indexes: { i: { type: 'local', hashKey: 'id' } } }, /local index needs a rangeKey/],
    [{ ...base, indexes: { i: { type: 'other', hashKey: 'id' } } }, /type must be 'global' or 'local'/],
    [{ ...base, indexes: { i: { type: 'global', hashKey: 'id', projection: ['nope'] } } }, /projection must be/],
  ];
  for (const [definition, message] of cases) {
    assert.throws(() => defineModel(definition), (e) => e instanceof errors.ModelError && e.code === 'E_MODEL' && message.test(e.message), String(message));
  }
  // Options the type does not have, key flags on types that cannot be keys included (js/options/).
  assert.throws(() => attr.string({ hashkey: true }), (e) => e.code === 'E_ARGUMENT' && /unknown option "hashkey" \(did you mean "hashKey"\?\)/.test(e.message));
  assert.throws(() => attr.boolean({ hashKey: true }), (e) => e.code === 'E_ARGUMENT' && /attr\.boolean\(\) options: unknown option "hashKey"/.test(e.message));
  assert.throws(() => attr.number({ integer: true, float: true }), /both integer and float/);
  assert.throws(() => attr.map({}), /needs \{ attributes/);
});

test('createTable input for a table with a GSI and an LSI', () => {
  const m = resolveDefinition({
    table: 'orders',
    client,
    attributes: {
      customer: attr.string({ hashKey: true, attrName: 'pk' }),
      order: attr.number({ rangeKey: true }),
      total: attr.number(),
      status: attr.string(),
      blob: attr.binary({ nullable: true }),
    },
    indexes: {
      byStatus: { type: 'global', hashKey: 'status', rangeKey: 'total', projection: ['blob'] },
      byTotal: { type: 'local', rangeKey: 'total', projection: 'KEYS_ONLY' },
    },
  });
  assert.deepEqual(createTableInput(m), {
    TableName: 'orders',
    KeySchema: [{ AttributeName: 'pk', KeyType: 'HASH' }, { AttributeName: 'order', KeyType: 'RANGE' }],
    AttributeDefinitions: [
      { AttributeName: 'pk', AttributeType: 'S' },
      { AttributeName: 'order', AttributeType: 'N' },
      { AttributeName: 'status', AttributeType: 'S' },
      { AttributeName: 'total', AttributeType: 'N' },
    ],
    BillingMode: 'PAY_PER_REQUEST',
    GlobalSecondaryIndexes: [{
      IndexName: 'byStatus',
      KeySchema: [{ AttributeName: 'status', KeyType: 'HASH' }, { AttributeName: 'total', KeyType: 'RANGE' }],
      Projection: { ProjectionType: 'INCLUDE', NonKeyAttributes: ['blob'] },
    }],
    LocalSecondaryIndexes: [{
      IndexName: 'byTotal',
      KeySchema: [{ AttributeName: 'pk', KeyType: 'HASH' }, { AttributeName: 'total', KeyType: 'RANGE' }],
      Projection: { ProjectionType: 'KEYS_ONLY' },
    }],
  });
});

test('provisioned billing carries throughput to the table and its global indexes', () => {
  const m = resolveDefinition({
    ...base,
    billingMode: 'PROVISIONED',
    throughput: { read: 5, write: 2 },
    attributes: { id: attr.string({ hashKey: true }), n: attr.number() },
    indexes: { byN: { type: 'global', hashKey: 'n', throughput: { read: 1, write: 1 } } },
  });
  const input = createTableInput(m);
  assert.equal(input.BillingMode, 'PROVISIONED');
  assert.deepEqual(input.ProvisionedThroughput, { ReadCapacityUnits: 5, WriteCapacityUnits: 2 });
  assert.deepEqual(input.GlobalSecondaryIndexes[0].ProvisionedThroughput, { ReadCapacityUnits: 1, WriteCapacityUnits: 1 });
  assert.deepEqual(input.GlobalSecondaryIndexes[0].Projection, { ProjectionType: 'ALL' });
});

test('create() applies defaults, typed map fields included, and refuses unknown attributes', () => {
  const Thing = defineModel({
    ...base,
    attributes: {
      id: attr.string({ hashKey: true }),
      n: attr.number({ default: 7 }),
      at: attr.datetime({ default: () => new Date(0) }),
      meta: attr.map({ author: attr.string({ default: 'anonymous' }), score: attr.number({ nullable: true }) }),
    },
  });
  const t = Thing.create({ id: 'x', meta: { score: 1 } });
  assert.equal(t.n, 7);
  assert.equal(t.at.getTime(), 0);
  assert.deepEqual(t.meta, { author: 'anonymous', score: 1 });
  assert.throws(() => Thing.create({ id: 'x', meta: {}, nn: 1 }), (e) => e.code === 'E_ITEM_UNKNOWN' && /nn/.test(e.message));
});
