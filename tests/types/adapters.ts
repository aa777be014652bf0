// Type-checked (never run) by tests/package/types.test.mjs with dynamodb-toolbox and ElectroDB
// installed: the adapters' schemas and definitions as users write them, and their misuses.
import { Entity, item, string, Table, type FormattedItem } from 'dynamodb-toolbox';
import { Entity as ElectroEntity } from 'electrodb';
import { compressedJson, encryptedNumber, encryptedString } from 'dynamodb-mate/toolbox';
import * as electrodb from 'dynamodb-mate/electrodb';

const KEY = new Uint8Array(32);
const table = new Table({ name: 'users', partitionKey: { name: 'id', type: 'string' } });
const User = new Entity({
  name: 'User',
  table,
  schema: item({
    id: string().key(),
    email: encryptedString({ table: 'users', attribute: 'email', key: KEY }),
    pin: encryptedNumber({ key: 'python-password', format: 'pynamodb_mate', integer: true, attribute: 'pin' }).optional(),
    prefs: compressedJson({ level: 6 }).optional(),
  }),
});
type Read = FormattedItem<typeof User>;
export const email: Read['email'] = 'ann@example.com';

const mail = electrodb.encryptedString({ table: 'users', attribute: 'email', key: { current: 'k1', keys: { k1: KEY } } });
const note = electrodb.encryptedJson({ table: 'users', attribute: 'note', key: KEY, deterministic: false, keyAttributes: ['id'] });
export const Users = new ElectroEntity({
  model: { entity: 'user', version: '1', service: 'app' },
  attributes: { id: { type: 'string', required: true }, email: { ...mail, required: true }, prefs: electrodb.compressedJson(), note },
  indexes: { primary: { pk: { field: 'id', composite: ['id'], template: '${id}' } } },
});
export const operand: Uint8Array = mail.encode('ann@example.com');

// @ts-expect-error randomized aead is not offered (its values are bound to the item's key)
encryptedString({ table: 'users', attribute: 'ssn', key: KEY, deterministic: false });
// @ts-expect-error randomized aead in ElectroDB names the table's key attributes, which it binds to
electrodb.encryptedString({ table: 'users', attribute: 'ssn', key: KEY, deterministic: false });
// @ts-expect-error toolbox transformers see no item, so take no keyAttributes
encryptedString({ table: 'users', attribute: 'ssn', key: KEY, deterministic: false, keyAttributes: ['id'] });
// @ts-expect-error at most a hash key and a range key
electrodb.encryptedNumber({ table: 'users', attribute: 'n', key: KEY, deterministic: false, keyAttributes: ['a', 'b', 'c'] });
// @ts-expect-error a key provider: the hooks are synchronous
electrodb.encryptedJson({ table: 'users', attribute: 'doc', key: async () => KEY });
// @ts-expect-error aead needs the table it binds to
electrodb.encryptedBinary({ attribute: 'blob', key: KEY });
// @ts-expect-error pynamodb_mate bytes hold no key id, so no keyring
encryptedString({ format: 'pynamodb_mate', key: { current: 'k1', keys: { k1: KEY } } });
// @ts-expect-error a number is integer or float, not both
electrodb.encryptedNumber({ format: 'pynamodb_mate', key: 'pw', integer: true, float: true });
// @ts-expect-error compressed strings have no ensureAscii
electrodb.compressedString({ ensureAscii: false });
// @ts-expect-error a toolbox encrypted string reads as a string
export const wrong: Read['email'] = 42;
