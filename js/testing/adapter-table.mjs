// Test helper for js/adapters/*.integration.test.mjs: one table shape written by an adapter and by a
// dynamodb-mate model, with the values both write and the checks both adapters share.
import assert from 'node:assert/strict';
import { GetItemCommand } from '@aws-sdk/client-dynamodb';
import { attr, defineModel } from '../node.mjs';

export const KEY = new Uint8Array(32).map((_, i) => i * 7 + 1);
export const PASSWORD = 'adapter-password é';

/** name → [factory, options]: every format, as the adapters and `attr.*` take them. */
export const SHAPE = {
  cs: ['compressedString', {}],
  cj: ['compressedJson', {}],
  ad: ['encryptedString', { key: KEY }],
  an: ['encryptedNumber', { key: KEY, integer: true }],
  pe: ['encryptedString', { key: PASSWORD, format: 'pynamodb_mate' }],
  pr: ['encryptedString', { key: PASSWORD, format: 'pynamodb_mate', deterministic: false }],
  pj: ['encryptedJson', { key: PASSWORD, format: 'pynamodb_mate' }],
};
export const VALUES = {
  cs: 'héllo 😀 '.repeat(50),
  cj: { é: [1, 2.5, null, true], n: -5 },
  ad: 'ann@example.com é😀',
  an: 42,
  pe: 'python é',
  pr: 'random é😀',
  pj: { k: ['v', 1] },
};
export const DETERMINISTIC = ['ad', 'an', 'pe', 'pj'];

/** The adapter options of attribute `name` of table `table` (aead binds to both). */
export function adapterOptions(table, name) {
  const [factory, options] = SHAPE[name];
  return factory.startsWith('encrypted') && !options.format ? { ...options, table, attribute: name } : options;
}

/** `{ name: factory(options) }` of every attribute of SHAPE, made by an adapter module. */
export const adapterAttributes = (adapter, table) => Object.fromEntries(Object.entries(SHAPE).map(([name, [factory]]) => [name, adapter[factory](adapterOptions(table, name))]));

/** The dynamodb-mate model of the same table (hash key `pk`), which creates the table. */
export function mateModel(table, client) {
  const attributes = Object.fromEntries(Object.entries(SHAPE).map(([name, [factory, options]]) => [name, attr[factory]({ ...options, nullable: true })]));
  return defineModel({ table, client, attributes: { pk: attr.string({ hashKey: true }), ...attributes } });
}

export const rawItem = async (client, table, pk) => (await client.send(new GetItemCommand({ TableName: table, Key: { pk: { S: pk } }, ConsistentRead: true }))).Item;

/**
 * Items `fromAdapter` and `fromModel` hold VALUES: the model reads the adapter's values, and the
 * stored bytes are the model's for every attribute but the randomized one, whose bytes differ.
 */
export async function assertSameStorage(Model, client, fromAdapter, fromModel) {
  const read = await Model.get(fromAdapter, { consistentRead: true });
  for (const [name, want] of Object.entries(VALUES)) assert.deepEqual(read[name], want, `${name}: the model reads the adapter's value`);
  const [a, m] = [await rawItem(client, Model.tableName, fromAdapter), await rawItem(client, Model.tableName, fromModel)];
  for (const name of Object.keys(VALUES).filter((n) => n !== 'pr')) assert.deepEqual(a[name], m[name], `${name}: the model's bytes`);
  assert.notDeepEqual(a.pr, m.pr, 'pr: randomized');
}
