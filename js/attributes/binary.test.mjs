// attr.binary / attr.binarySet with `{ legacyEncoding: true }` (pynamodb's legacy_encoding=True), no
// server: items, keys and expression values store the base64 text of the bytes; reads give the bytes
// back; the option is top-level only and comparisons that base64 text cannot serve are refused.
// js/attributes/binary.integration.test.mjs runs it against DynamoDB Local and moto, and
// tests/interop/legacy_binary.interop.test.mjs against pynamodb 6.1.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { attr, defineModel, errors } from '../node.mjs';
import { ExpressionBuilder } from '../expressions/index.mjs';
import { expectError } from '../testing/expect-error.mjs';

const noRequests = { send: async () => { throw new Error('no requests in this test'); } };
const text = (s) => new Uint8Array(Buffer.from(s, 'latin1'));
// pynamodb's own example (docs/upgrading_binary.rst): CA FE F0 0D is stored as the text "yv7wDQ==".
const CAFE = new Uint8Array([0xca, 0xfe, 0xf0, 0x0d]);

const oldModel = (client) => defineModel({
  name: 'Old',
  table: 'olds',
  client,
  attributes: {
    id: attr.binary({ hashKey: true, legacyEncoding: true }),
    b: attr.binary({ legacyEncoding: true, nullable: true }),
    bs: attr.binarySet({ legacyEncoding: true }),
    plain: attr.binary({ legacyEncoding: false, nullable: true }),
  },
});
const Old = oldModel(noRequests);

const compile = (build) => {
  const b = new ExpressionBuilder();
  return [build(b), b.params().ExpressionAttributeValues];
};

test('items store the base64 text of the bytes and read back the bytes', async () => {
  const sent = [];
  // Records each request; GetItem answers with the item the last PutItem sent.
  const client = { send: async (command) => {
    sent.push(command.input);
    return command.input.Key ? { Item: sent.findLast((input) => input.Item)?.Item } : {};
  } };
  const Model = oldModel(client);
  const item = { id: CAFE, b: new Uint8Array([0, 1]), bs: new Set([new Uint8Array([0]), new Uint8Array([255])]), plain: new Uint8Array([0, 1]) };
  await Model.create(item).save();
  assert.deepEqual(sent[0].Item, { id: { B: text('yv7wDQ==') }, b: { B: text('AAE=') }, bs: { BS: [text('AA=='), text('/w==')] }, plain: { B: new Uint8Array([0, 1]) } });
  const back = await Model.get(CAFE);
  assert.deepEqual(sent[1].Key, { id: { B: text('yv7wDQ==') } }, 'keys are encoded too');
  assert.deepEqual({ ...back }, item);
});

test('conditions, update values and set elements are encoded as items are', () => {
  const [expression, values] = compile((b) => b.condition(Old.attr.b.eq(CAFE)));
  assert.equal(expression, '#n0 = :v0');
  assert.deepEqual(values, { ':v0': { B: text('yv7wDQ==') } });
  assert.deepEqual(compile((b) => b.condition(Old.attr.bs.contains(CAFE)))[1], { ':v0': { B: text('yv7wDQ==') } });
  assert.deepEqual(compile((b) => b.condition(Old.attr.b.in([CAFE, new Uint8Array()])))[1], { ':v0': { B: text('yv7wDQ==') }, ':v1': { B: new Uint8Array() } });
  assert.deepEqual(compile((b) => b.update([Old.attr.bs.add(new Set([CAFE])), Old.attr.b.ifNotExists(CAFE)]))[1], {
    ':v0': { B: text('yv7wDQ==') },
    ':v1': { BS: [text('yv7wDQ==')] },
  });
});

test('the option is a boolean, on top-level binary and binarySet attributes only', () => {
  const E_MODEL = { code: 'E_MODEL', type: errors.ModelError };
  assert.match(expectError(() => attr.binary({ legacyEncoding: 'yes' }), E_MODEL).message, /attr\.binary\(\{ legacyEncoding \}\) must be a boolean/);
  const unknown = expectError(() => attr.string({ legacyEncoding: true }), { code: 'E_ARGUMENT', type: errors.ArgumentError });
  assert.match(unknown.message, /attr\.string\(\) options: unknown option "legacyEncoding"/);
  assert.match(expectError(() => attr.map({ b: attr.binary({ legacyEncoding: true }) }), E_MODEL).message,
    /nested attribute "b": legacyEncoding is for top-level attributes only/);
  assert.match(expectError(() => attr.list({ of: attr.binarySet({ legacyEncoding: true }) }), E_MODEL).message,
    /attr\.list\(\{ of \}\): legacyEncoding is for top-level attributes only/);
  // legacyEncoding: false is pynamodb 6's default, allowed anywhere.
  assert.ok(attr.map({ b: attr.binary({ legacyEncoding: false }) }));
});

test('ordering, prefixes, substrings and other attributes are refused: base64 text serves none of them', () => {
  const E_EXPRESSION = { code: 'E_EXPRESSION', type: errors.ExpressionError };
  for (const make of [
    () => Old.attr.b.lt(CAFE),
    () => Old.attr.b.between(CAFE, CAFE),
    () => Old.attr.b.beginsWith(CAFE),
    () => Old.attr.b.contains(CAFE),
  ]) {
    assert.match(expectError(make, E_EXPRESSION).message, /on b: a legacyEncoding value is stored as base64 text/);
  }
  for (const make of [() => Old.attr.b.eq(Old.attr.plain), () => Old.attr.b.set(Old.attr.plain), () => Old.attr.bs.eq(Old.attr.bs)]) {
    assert.match(expectError(make, E_EXPRESSION).message, /cannot be compared with or copied from another attribute/);
  }
  // Plain binaries keep every comparison.
  assert.ok(Old.attr.plain.lt(CAFE) && Old.attr.plain.eq(Old.attr.b));
});
