import assert from 'node:assert/strict';
import { test } from 'node:test';
import { errors } from '../node.mjs';
import { expectError } from '../testing/expect-error.mjs';
import { marshallEncoder, ref, taggingEncoder } from '../testing/attr-refs.mjs';
import { AttrRef, ExpressionBuilder } from './index.mjs';

const E_EXPRESSION = { code: 'E_EXPRESSION', type: errors.ExpressionError };

test('ExpressionError is a DynamoDBMateError with code E_EXPRESSION', () => {
  const error = expectError(() => ref('a').in([]), E_EXPRESSION);
  assert.ok(error instanceof errors.DynamoDBMateError && !(error instanceof errors.CodecError));
  assert.equal(error.name, 'ExpressionError');
});

test('a reference keeps a frozen copy of its path; path and collection are read-only', () => {
  const segments = [{ name: 'meta' }, { index: 2 }];
  const r = new AttrRef({ path: segments, encoder: marshallEncoder, collection: 'map' });
  segments.push({ name: 'later' });
  assert.deepEqual(r.path, [{ name: 'meta' }, { index: 2 }]);
  assert.ok(Object.isFrozen(r.path) && Object.isFrozen(r.path[0]));
  assert.equal(r.collection, 'map');
  assert.throws(() => { r.path = []; }, TypeError);
  assert.throws(() => { r.collection = 'set'; }, TypeError);
  assert.equal(ref('a').collection, null);
  assert.equal(String(ref(['meta', 'a.b', { index: 2 }, 'x_y', 'ü', '-'])), 'meta["a.b"][2].x_y["ü"]["-"]');
});

test('fields the model attaches to a typed map reference do not break it, whatever their names', () => {
  const meta = ref('meta', 'map');
  for (const name of ['path', 'collection', 'toString', 'eq', 'set']) {
    Object.defineProperty(meta, name, { value: meta.child(name, { encoder: marshallEncoder }), enumerable: true });
  }
  const b = new ExpressionBuilder();
  assert.equal(b.condition(meta.path.eq(1)), '#n0.#n1 = :v0');
  assert.equal(b.update([meta.set.set(2), meta.eq.remove()]), 'SET #n0.#n2 = :v1 REMOVE #n0.#n3');
  assert.equal(b.projection([meta, ref('other')]), '#n0, #n4');
  const [pk, sk] = [ref('pk'), ref('sk')];
  for (const key of [pk, sk]) Object.defineProperty(key, 'path', { value: 'shadowed' });
  assert.equal(b.keyCondition(pk, 'p', sk.gt(1), { rangeKey: sk }), '#n5 = :v2 AND #n6 > :v0');
  const error = expectError(() => meta.at(0), E_EXPRESSION);
  assert.equal(error.message, 'at() on meta: not allowed on a map attribute');
  assert.equal(b.params().ExpressionAttributeNames['#n2'], 'set');
});

test('at() and key() derive element references encoded with the element encoder', () => {
  const b = new ExpressionBuilder();
  const list = ref('l', 'list', taggingEncoder);
  assert.equal(b.condition(list.at(1).eq('x')), '#n0[1] = :v0');
  assert.equal(b.condition(ref('m', 'map', taggingEncoder).key('k').eq('y')), '#n1.#n2 = :v1');
  assert.equal(b.condition(ref('d', null, taggingEncoder).key('k').at(0).eq('z')), '#n3.#n2[0] = :v2');
  assert.deepEqual(b.params().ExpressionAttributeValues, {
    ':v0': { S: 'element:x' }, ':v1': { S: 'element:y' }, ':v2': { S: 'element:z' },
  });
  const element = list.at(4);
  assert.deepEqual(element.path, [{ name: 'l' }, { index: 4 }]);
  assert.equal(element.collection, null);
});

test('child() takes its own encoder and collection', () => {
  const dates = { value: (d) => ({ S: d.toISOString() }), element: () => ({ NULL: true }) };
  const when = ref('meta', 'map').child('when', { encoder: dates });
  const tags = ref('meta', 'map').child('tags', { encoder: taggingEncoder, collection: 'set' });
  const b = new ExpressionBuilder();
  assert.equal(b.condition(when.lt(new Date(0))), '#n0.#n1 < :v0');
  assert.equal(b.condition(tags.contains('t')), 'contains(#n0.#n2, :v1)');
  assert.equal(b.condition(ref('l', 'list').child(0, { encoder: dates }).eq(new Date(0))), '#n3[0] = :v0');
  assert.deepEqual(b.params().ExpressionAttributeValues, { ':v0': { S: '1970-01-01T00:00:00.000Z' }, ':v1': { S: 'element:t' } });
});

test('errors: construction and navigation', () => {
  const bad = [
    { path: [], encoder: marshallEncoder },
    { path: 'a', encoder: marshallEncoder },
    { path: [{ index: 0 }], encoder: marshallEncoder },
    { path: [{ name: '' }], encoder: marshallEncoder },
    { path: [{ name: 'a' }, { index: -1 }], encoder: marshallEncoder },
    { path: [{ name: 'a' }, { index: 1.5 }], encoder: marshallEncoder },
    { path: [{ name: 'a', index: 1 }], encoder: marshallEncoder },
    { path: [{ name: 'a' }] },
    { path: [{ name: 'a' }], encoder: { value: marshallEncoder.value } },
    { path: [{ name: 'a' }], encoder: marshallEncoder, collection: 'tuple' },
  ];
  for (const options of bad) expectError(() => new AttrRef(options), E_EXPRESSION);
  for (const index of [-1, 1.5, '1', undefined]) expectError(() => ref('l', 'list').at(index), E_EXPRESSION);
  for (const name of ['', 1, undefined]) expectError(() => ref('m', 'map').key(name), E_EXPRESSION);
  expectError(() => ref('m', 'map').child('', { encoder: marshallEncoder }), E_EXPRESSION);
  expectError(() => ref('m', 'map').child('x'), E_EXPRESSION);
  for (const collection of ['set', 'map']) expectError(() => ref('a', collection).at(0), E_EXPRESSION);
  for (const collection of ['set', 'list']) expectError(() => ref('a', collection).key('x'), E_EXPRESSION);
  const error = expectError(() => ref(['m', 'a b'], 'set').at(0), E_EXPRESSION);
  assert.equal(error.message, 'at() on m["a b"]: not allowed on a set attribute');
});

test('navigate: at() and key() return the references the model layer makes; missing parts are E_EXPRESSION', () => {
  const asked = [];
  const element = (index) => { asked.push(['at', index]); return ref(['grid', { index }], 'list'); };
  const field = (name) => { asked.push(['key', name]); return name === 'a' ? ref(['row', 'a']) : undefined; };
  const grid = new AttrRef({ path: [{ name: 'grid' }], encoder: marshallEncoder, collection: 'list', navigate: { at: element } });
  const row = new AttrRef({ path: [{ name: 'row' }], encoder: marshallEncoder, collection: 'map', navigate: { key: field } });
  const b = new ExpressionBuilder();
  assert.equal(b.condition(grid.at(3).at(1).eq(2)), '#n0[3][1] = :v0');
  assert.equal(b.condition(row.key('a').eq('x')), '#n1.#n2 = :v1');
  assert.deepEqual(asked, [['at', 3], ['key', 'a']]);
  let error = expectError(() => row.key('nope'), E_EXPRESSION);
  assert.equal(error.message, 'key() on row: the map has no attribute of this name');
  const scalar = new AttrRef({ path: [{ name: 's' }], encoder: marshallEncoder, navigate: {} });
  error = expectError(() => scalar.at(0), E_EXPRESSION);
  assert.equal(error.message, "at() on s: the attribute's type has no elements");
  error = expectError(() => scalar.key('k'), E_EXPRESSION);
  assert.equal(error.message, "key() on s: the attribute's type has no entries");
  // Checked before navigate is asked: the index, the name, the collection.
  expectError(() => grid.at(-1), E_EXPRESSION);
  expectError(() => row.key(''), E_EXPRESSION);
  expectError(() => grid.key('x'), E_EXPRESSION);
  assert.deepEqual(asked.at(-1), ['key', 'nope']);
  assert.equal(asked.length, 3);
  for (const navigate of [null, 'at', 1]) {
    expectError(() => new AttrRef({ path: [{ name: 'a' }], encoder: marshallEncoder, navigate }), E_EXPRESSION);
  }
  const child = ref('m', 'map').child('l', { encoder: marshallEncoder, collection: 'list', navigate: { at: element } });
  assert.equal(String(child.at(7)), 'grid[7]');
});

test('null operands: eq, ne, in, contains, set and ifNotExists only, and only where the encoder takes null', () => {
  const b = new ExpressionBuilder();
  const a = ref(['l', { index: 0 }]);
  assert.equal(b.condition(a.eq(null)), '#n0[0] = :v0');
  assert.equal(b.condition(a.ne(null)), '#n0[0] <> :v0');
  assert.equal(b.condition(a.in([null, 'x'])), '#n0[0] IN (:v0, :v1)');
  assert.equal(b.condition(ref('l', 'list').contains(null)), 'contains(#n0, :v0)');
  assert.equal(b.update([a.set(null), ref('m').ifNotExists(null)]), 'SET #n0[0] = :v0, #n1 = if_not_exists(#n1, :v0)');
  assert.deepEqual(b.params().ExpressionAttributeValues[':v0'], { NULL: true });
  for (const make of [(r) => r.lt(null), (r) => r.le(null), (r) => r.gt(null), (r) => r.ge(null), (r) => r.between(null, 1),
    (r) => r.beginsWith(null), (r) => r.plus(null), (r) => r.minus(null), (r) => ref('n', 'set').add(null)]) {
    const error = expectError(() => make(a), E_EXPRESSION);
    assert.match(error.message, /^[a-z]+\(\) on (l\[0\]|n): null is not an operand of [a-z]+\(\)/i);
  }
  // An encoder that refuses null (not nullable) as the item codec does, with E_ITEM_REQUIRED.
  const required = (v) => {
    if (v === null) throw new errors.ItemError('E_ITEM_REQUIRED', 'Model.l: a value is required (not nullable)');
    return { S: v };
  };
  const strict = new AttrRef({ path: [{ name: 'l' }, { index: 2 }], encoder: { value: required, element: required } });
  for (const make of [(r) => r.eq(null), (r) => r.in(['x', null]), (r) => r.set(null), (r) => r.ifNotExists(null)]) {
    const error = expectError(() => make(strict), E_EXPRESSION);
    assert.match(error.message, /^[a-zA-Z]+\(\) on l\[2\]: null is not a value here, l\[2\] is not nullable$/);
  }
  assert.deepEqual(strict.eq('x').right, { type: 'value', value: { S: 'x' } });
  // Other encoder errors pass unchanged.
  const broken = new AttrRef({ path: [{ name: 'x' }], encoder: { value: () => { throw new errors.ItemError('E_ITEM_TYPE', 'Model.x: bad'); }, element: required } });
  expectError(() => broken.eq(null), { code: 'E_ITEM_TYPE', type: errors.ItemError });
});
