// `set(new Set())` on a set attribute is REMOVE of that path, as pynamodb 6.1's `Rec.ss.set(set())`
// sends it (its Value serializes an empty set to None, which `Path.set` turns into a RemoveAction):
// top-level sets, typed-map fields and typed-list elements, nullable or not. Untyped places refuse
// an empty Set, as pynamodb's "Cannot serialize empty set" does. No server:
// js/model/empty-sets.integration.test.mjs runs them against DynamoDB Local and moto.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { attr, defineModel, errors } from '../node.mjs';
import { ExpressionBuilder } from './index.mjs';
import { expectError } from '../testing/expect-error.mjs';

const noRequests = { send: async () => { throw new Error('no requests in this test'); } };

const Rec = defineModel({
  name: 'Rec',
  table: 'recs',
  client: noRequests,
  attributes: {
    id: attr.string({ hashKey: true }),
    ss: attr.stringSet(),
    ns: attr.numberSet({ nullable: false, attrName: 'numbers' }),
    bs: attr.binarySet({ nullable: true }),
    meta: attr.map({ tags: attr.stringSet() }),
    sets: attr.list({ of: attr.numberSet() }),
    raw: attr.dynamic({ nullable: true }),
    any: attr.list({ nullable: true }),
  },
});
const { ss, ns, bs, meta, sets, raw, any } = Rec.attr;

const update = (actions) => {
  const b = new ExpressionBuilder();
  return [b.update(actions), b.params()];
};

test('set(empty Set) on set attributes, typed-map fields and typed-list elements is REMOVE of the path', () => {
  const actions = [ss.set(new Set()), ns.set(new Set()), bs.set(new Set()), meta.tags.set(new Set()), sets.at(1).set(new Set())];
  for (const action of actions) assert.equal(action.type, 'remove');
  assert.deepEqual(update(actions), ['REMOVE #n0, #n1, #n2, #n3.#n4, #n5[1]', {
    ExpressionAttributeNames: { '#n0': 'ss', '#n1': 'numbers', '#n2': 'bs', '#n3': 'meta', '#n4': 'tags', '#n5': 'sets' },
  }]);
});

test('set() of a non-empty Set is still SET, next to an empty one REMOVE', () => {
  assert.deepEqual(update([ss.set(new Set(['a'])), bs.set(new Set())]), ['SET #n0 = :v0 REMOVE #n1', {
    ExpressionAttributeNames: { '#n0': 'ss', '#n1': 'bs' },
    ExpressionAttributeValues: { ':v0': { SS: ['a'] } },
  }]);
});

test('an empty Set where the type is not a set attribute is refused, as pynamodb refuses to serialize it', () => {
  const E_ITEM_VALUE = { code: 'E_ITEM_VALUE', type: errors.ItemError };
  for (const make of [() => raw.set(new Set()), () => raw.key('k').set(new Set()), () => any.at(0).set(new Set())]) {
    const error = expectError(make, E_ITEM_VALUE);
    assert.match(error.message, /^Rec\.(raw|any): an empty Set/);
  }
  // Other methods still take no empty Set (DynamoDB has none to compare or add).
  expectError(() => ss.ifNotExists(new Set()), E_ITEM_VALUE);
  expectError(() => ss.add(new Set()), E_ITEM_VALUE);
  expectError(() => ss.eq(new Set()), E_ITEM_VALUE);
});

test('an empty-Set REMOVE counts as an action on its path', () => {
  const error = expectError(() => update([ss.set(new Set()), ss.add(new Set(['a']))]), { code: 'E_EXPRESSION', type: errors.ExpressionError });
  assert.match(error.message, /two actions on ss/);
});
