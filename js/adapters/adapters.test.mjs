// The adapters without a server: the bytes are codec.*'s with a model's binding, missing values pass
// through ElectroDB's hooks, toolbox's value copies keep Python floats, and no key shows in a DTO.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { codec } from '../node.mjs';
import * as electrodb from './electrodb.mjs';
import * as toolbox from './toolbox.mjs';

const KEY = new Uint8Array(32).fill(9);
const PASSWORD = 'adapters-unit-password';
const transformer = (schema) => schema.props.transform;

test('an aead value is the codec\'s, bound to the table and attribute given', () => {
  const stored = electrodb.encryptedString({ key: KEY, table: 'users', attribute: 'email' }).set('ann@example.com');
  assert.deepEqual(stored, codec.encrypt('ann@example.com', { key: KEY, table: 'users', attribute: 'email' }));
  assert.equal(transformer(toolbox.encryptedString({ key: KEY, table: 'users', attribute: 'email' })).decode(stored), 'ann@example.com');
  assert.throws(() => electrodb.encryptedString({ key: KEY, table: 'users', attribute: 'mail' }).get(stored), { code: 'E_AEAD_CONTEXT' });
});

test('an ElectroDB randomized aead value is bound to the key bytes of docs/envelope.md: hash key, then range key', () => {
  const made = electrodb.encryptedString({ key: KEY, table: 'users', attribute: 'note', deterministic: false, keyAttributes: ['pk', 'sk'] });
  const stored = made.set('hi', { pk: 'é', sk: 'b', note: 'hi', other: 1 });
  // len(name) ‖ name ‖ 'S' ‖ len(value) ‖ value, for each key attribute.
  const item = Uint8Array.of(0, 0, 0, 2, 0x70, 0x6b, 0x53, 0, 0, 0, 2, 0xc3, 0xa9, 0, 0, 0, 2, 0x73, 0x6b, 0x53, 0, 0, 0, 1, 0x62);
  assert.equal(codec.decrypt(stored, { key: KEY, table: 'users', attribute: 'note', kind: 'string', item }), 'hi');
  assert.equal(made.get(stored, { pk: 'é', sk: 'b' }), 'hi', 'only the key attributes count');
  assert.throws(() => made.get(stored, { pk: 'é', sk: 'c' }), { code: 'E_AEAD_CONTEXT' });
  assert.notDeepEqual(made.set('hi', { pk: 'é', sk: 'b' }), stored, 'randomized');
});

test('pynamodb_mate values and numbers keep their format options', () => {
  const made = toolbox.encryptedNumber({ key: PASSWORD, format: 'pynamodb_mate', float: true });
  assert.deepEqual(transformer(made).encode(1), codec.encrypt(1, { key: PASSWORD, format: 'pynamodb_mate', kind: 'float' }));
  const randomized = electrodb.encryptedBinary({ key: PASSWORD, format: 'pynamodb_mate', deterministic: false });
  const value = new Uint8Array([0, 1, 2]);
  assert.notDeepEqual(randomized.set(value), randomized.set(value));
  assert.deepEqual(randomized.get(randomized.set(value)), value);
});

test('ElectroDB hooks leave a missing value missing', () => {
  const made = electrodb.compressedJson({ level: 1 });
  for (const missing of [undefined, null]) {
    assert.equal(made.set(missing), missing);
    assert.equal(made.get(missing), missing);
  }
  assert.deepEqual(made.get(made.set({ a: [1] })), { a: [1] });
  assert.deepEqual(Object.keys(made).sort(), ['get', 'set', 'type'], 'encode is no attribute property');
});

test('toolbox\'s plain copy of a PythonFloat is written as the float', () => {
  const value = { f: new codec.PythonFloat(1), list: [new codec.PythonFloat(2)] };
  const PYTHON_FLOAT = Symbol.for('dynamodb-mate.PythonFloat');
  // What dynamodb-toolbox's cloneDeep makes of it: plain objects, own symbols copied.
  const copy = { f: { value: 1, [PYTHON_FLOAT]: true }, list: [{ value: 2, [PYTHON_FLOAT]: true }] };
  const made = transformer(toolbox.compressedJson());
  assert.deepEqual(made.encode(copy), codec.compress(value, { kind: 'json' }));
  assert.equal(new TextDecoder().decode(codec.gunzip(made.encode(copy))), '{"f": 1.0, "list": [2.0]}');
});

test('a toolbox schema DTO names the transformer, never its key', () => {
  const dto = JSON.stringify(transformer(toolbox.encryptedString({ key: PASSWORD, format: 'pynamodb_mate' })));
  assert.equal(dto, '{"transformerId":"dynamodb-mate/encryptedString"}');
});
