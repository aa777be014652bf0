// Model.attr references into list elements (no server): the paths and placeholders they compile to,
// operands encoded by the element's own type, null where elements are nullable, and the refusals of
// compressed elements. js/model/list-paths.integration.test.mjs runs them against DynamoDB.
import assert from 'node:assert/strict';
import { gunzipSync } from 'node:zlib';
import { test } from 'node:test';
import { attr, cond, defineModel, errors } from '../node.mjs';
import { ExpressionBuilder } from '../expressions/index.mjs';
import { expectError } from '../testing/expect-error.mjs';

const E_EXPRESSION = { code: 'E_EXPRESSION', type: errors.ExpressionError };
const noRequests = { send: async () => { throw new Error('no requests in this test'); } };

const Sheet = defineModel({
  name: 'Sheet',
  table: 'sheets',
  client: noRequests,
  attributes: {
    id: attr.string({ hashKey: true }),
    rows: attr.list({
      of: attr.map({
        a: attr.string(),
        n: attr.number({ integer: true, nullable: true }),
        when: attr.datetime({ attrName: 'w' }),
        tags: attr.list({ of: attr.string({ nullable: true }) }),
        note: attr.compressedString({ nullable: true }),
        size: attr.number({ nullable: true }),
      }),
    }),
    grid: attr.list({ of: attr.list({ of: attr.number({ nullable: true }) }) }),
    strict: attr.list({ of: attr.list({ of: attr.number() }) }),
    maybe: attr.list({ of: attr.string({ nullable: true }) }),
    zipped: attr.list({ of: attr.compressedString() }),
    sets: attr.list({ of: attr.numberSet() }),
    any: attr.list(),
    meta: attr.map({ rows: attr.list({ of: attr.map({ b: attr.boolean() }) }), z: attr.compressedJson({ nullable: true }) }),
  },
});
const { rows, grid, strict, maybe, zipped, sets, any, meta } = Sheet.attr;

function compile(build) {
  const b = new ExpressionBuilder();
  return [build(b), b.params()];
}

test('paths into map and list elements compile with placeholders; fields by key() are the properties', () => {
  const row = rows.at(2);
  assert.equal(row.key('a'), row.a);
  assert.equal(row.key('size'), row.size, 'a field named like a method is the field');
  assert.deepEqual(row.when.path, [{ name: 'rows' }, { index: 2 }, { name: 'w' }]);
  assert.equal(String(meta.rows.at(1).b), 'meta.rows[1].b');
  assert.equal(meta.key('rows'), meta.rows);
  assert.deepEqual(compile((b) => b.condition(cond.and(
    row.key('a').eq('x'),
    row.tags.at(0).beginsWith('t'),
    grid.at(1).at(3).gt(2),
    meta.rows.at(0).b.eq(true),
  ))), ['#n0[2].#n1 = :v0 AND begins_with(#n0[2].#n2[0], :v1) AND #n3[1][3] > :v2 AND #n4.#n0[0].#n5 = :v3', {
    ExpressionAttributeNames: { '#n0': 'rows', '#n1': 'a', '#n2': 'tags', '#n3': 'grid', '#n4': 'meta', '#n5': 'b' },
    ExpressionAttributeValues: { ':v0': { S: 'x' }, ':v1': { S: 't' }, ':v2': { N: '2' }, ':v3': { BOOL: true } },
  }]);
});

test('every condition function on element paths', () => {
  const row = rows.at(0);
  const texts = [
    [row.a.ne('x'), '#n0[0].#n1 <> :v0'],
    [row.n.lt(1), '#n0[0].#n1 < :v0'],
    [row.n.le(1), '#n0[0].#n1 <= :v0'],
    [row.n.ge(1), '#n0[0].#n1 >= :v0'],
    [row.n.between(1, 2), '#n0[0].#n1 BETWEEN :v0 AND :v1'],
    [row.n.in([1, 2]), '#n0[0].#n1 IN (:v0, :v1)'],
    [row.exists(), 'attribute_exists(#n0[0])'],
    [grid.at(0).at(1).notExists(), 'attribute_not_exists(#n0[0][1])'],
    [row.attributeType('M'), 'attribute_type(#n0[0], :v0)'],
    [row.a.contains('x'), 'contains(#n0[0].#n1, :v0)'],
    [row.tags.contains('x'), 'contains(#n0[0].#n1, :v0)'],
    [grid.at(0).contains(5), 'contains(#n0[0], :v0)'],
    [sets.at(1).contains(5), 'contains(#n0[1], :v0)'],
    [row.tags.size().eq(1), 'size(#n0[0].#n1) = :v0'],
    [row.n.eq(grid.at(0).at(0)), '#n0[0].#n1 = #n2[0][0]'],
  ];
  for (const [condition, text] of texts) assert.equal(compile((b) => b.condition(condition))[0], text);
});

test('update actions on element paths: set, remove, add and delete where DynamoDB takes them, value expressions', () => {
  const row = rows.at(1);
  const [text, params] = compile((b) => b.update([
    row.a.set('y'),
    row.n.plus(2),
    row.tags.append(['u']),
    row.when.set(new Date(Date.UTC(2024, 0, 2, 3, 4, 5, 6))),
    grid.at(0).at(1).set(null),
    grid.at(2).at(0).ifNotExists(7),
    maybe.at(3).remove(),
    rows.at(0).n.add(5),
    sets.at(0).add(new Set([1, 2])),
    sets.at(1).delete(new Set([3])),
    grid.at(1).set([1, null]),
  ]));
  assert.equal(text, 'SET #n0[1].#n1 = :v0, #n0[1].#n2 = #n0[1].#n2 + :v1, #n0[1].#n3 = list_append(#n0[1].#n3, :v2), '
    + '#n0[1].#n4 = :v3, #n5[0][1] = :v4, #n5[2][0] = if_not_exists(#n5[2][0], :v5), #n5[1] = :v6 '
    + 'REMOVE #n6[3] ADD #n0[0].#n2 :v7, #n7[0] :v8 DELETE #n7[1] :v9');
  assert.deepEqual(params.ExpressionAttributeValues, {
    ':v0': { S: 'y' },
    ':v1': { N: '2' },
    ':v2': { L: [{ S: 'u' }] },
    ':v3': { S: '2024-01-02T03:04:05.006000+0000' }, // the field's own type: pynamodb's datetime
    ':v4': { NULL: true },
    ':v5': { N: '7' },
    ':v6': { L: [{ N: '1' }, { NULL: true }] },
    ':v7': { N: '5' },
    ':v8': { NS: ['1', '2'] },
    ':v9': { NS: ['3'] },
  });
  assert.equal(params.ExpressionAttributeNames['#n4'], 'w');
  let error = expectError(() => rows.at(0).a.add('x'), E_EXPRESSION);
  assert.match(error.message, /^add\(\) on rows\[0\]\.a: DynamoDB ADDs a number or a set, and this value is stored as S$/);
  error = expectError(() => rows.at(0).a.delete(new Set(['x'])), { code: 'E_ITEM_TYPE', type: errors.ItemError });
  assert.match(error.message, /^Sheet\.rows\[0\]\.a: expected a string/);
  expectError(() => rows.at(0).delete(new Set(['x'])), E_EXPRESSION);
});

test('operands are encoded by the element type; its errors name the element path', () => {
  const value = (condition) => condition.right.value;
  assert.deepEqual(value(rows.at(0).n.eq(2.0)), { N: '2' }, 'integer field');
  expectError(() => rows.at(0).n.eq(1.5), { code: 'E_ITEM_VALUE', type: errors.ItemError });
  let error = expectError(() => rows.at(4).a.eq(1), { code: 'E_ITEM_TYPE', type: errors.ItemError });
  assert.match(error.message, /^Sheet\.rows\[4\]\.a: /);
  error = expectError(() => grid.at(0).at(2).eq('x'), { code: 'E_ITEM_TYPE', type: errors.ItemError });
  assert.match(error.message, /^Sheet\.grid\[0\]\[2\]: /);
  error = expectError(() => grid.at(1).set([1, 'x']), { code: 'E_ITEM_TYPE', type: errors.ItemError });
  assert.match(error.message, /^Sheet\.grid\[1\]\[1\]: /);
  error = expectError(() => rows.at(3).set({ a: 'x', nope: 1 }), { code: 'E_ITEM_UNKNOWN', type: errors.ItemError });
  assert.match(error.message, /^Sheet\.rows\[3\]: /);
  error = expectError(() => rows.at(0).a.eq(undefined), { code: 'E_ITEM_REQUIRED', type: errors.ItemError });
  assert.match(error.message, /^Sheet\.rows\[0\]\.a: /);
  // A whole map element is one value of the map type (required fields included).
  assert.deepEqual(rows.at(0).set({ a: 'x', when: new Date(0), tags: [] }).value.value, {
    M: { a: { S: 'x' }, w: { S: '1970-01-01T00:00:00.000000+0000' }, tags: { L: [] } },
  });
  // Untyped lists and their elements take any value.
  assert.deepEqual(value(any.at(0).key('k').at(1).eq({ x: [1] })), { M: { x: { L: [{ N: '1' }] } } });
  assert.deepEqual(value(any.at(0).eq(null)), { NULL: true });
});

test('navigation follows the schema: unknown fields, at() on scalars and key() on lists are E_EXPRESSION', () => {
  let error = expectError(() => rows.at(0).key('nope'), E_EXPRESSION);
  assert.equal(error.message, 'key() on rows[0]: the map has no attribute of this name');
  expectError(() => rows.at(0).key('w'), E_EXPRESSION); // the DynamoDB name is not the property name
  error = expectError(() => maybe.at(0).at(1), E_EXPRESSION);
  assert.equal(error.message, "at() on maybe[0]: the attribute's type has no elements");
  expectError(() => maybe.at(0).key('x'), E_EXPRESSION);
  expectError(() => zipped.at(0).key('x'), E_EXPRESSION);
  error = expectError(() => grid.at(0).key('x'), E_EXPRESSION);
  assert.equal(error.message, 'key() on grid[0]: not allowed on a list attribute');
  expectError(() => rows.at(0).at(0), E_EXPRESSION);
  expectError(() => Sheet.attr.id.at(0), E_EXPRESSION);
  expectError(() => rows.at(1.5), E_EXPRESSION);
});

test('null: accepted where the element (or field) is nullable, E_EXPRESSION naming the path where not', () => {
  assert.deepEqual(maybe.at(1).eq(null).right.value, { NULL: true });
  assert.deepEqual(grid.at(0).at(1).ne(null).right.value, { NULL: true });
  assert.deepEqual(rows.at(0).n.in([null, 1]).values.map((v) => v.value), [{ NULL: true }, { N: '1' }]);
  assert.deepEqual(rows.at(0).tags.at(0).set(null).value.value, { NULL: true });
  assert.deepEqual(maybe.contains(null).args[1].value, { NULL: true });
  const refused = [
    [() => strict.at(0).at(1).eq(null), 'eq() on strict[0][1]: null is not a value here, strict[0][1] is not nullable'],
    [() => strict.at(0).eq(null), 'eq() on strict[0]: null is not a value here, strict[0] is not nullable'],
    [() => rows.at(2).a.set(null), 'set() on rows[2].a: null is not a value here, rows[2].a is not nullable'],
    [() => rows.at(2).when.ne(null), 'ne() on rows[2].w: null is not a value here, rows[2].w is not nullable'],
    [() => strict.at(0).contains(null), 'contains() on strict[0]: null is not a value here, strict[0] is not nullable'],
    [() => Sheet.attr.id.eq(null), 'eq() on id: null is not a value here, id is not nullable'],
    [() => maybe.at(1).lt(null), 'lt() on maybe[1]: null is not an operand of lt() (DynamoDB takes NULL in eq, ne, in, contains and set)'],
    [() => rows.at(0).n.between(null, 1), 'between() on rows[0].n: null is not an operand of between() (DynamoDB takes NULL in eq, ne, in, contains and set)'],
  ];
  for (const [make, message] of refused) assert.equal(expectError(make, E_EXPRESSION).message, message);
});

test('compressed elements and fields: comparisons refused, presence, type and size allowed, writes compress', () => {
  const compared = [
    (r) => r.eq('x'), (r) => r.ne('x'), (r) => r.in(['x']), (r) => r.lt('x'), (r) => r.between('a', 'b'),
    (r) => r.beginsWith('x'), (r) => r.contains('x'), (r) => r.eq(Sheet.attr.id),
  ];
  for (const target of [zipped.at(0), rows.at(1).note]) {
    for (const make of compared) {
      const error = expectError(() => make(target), E_EXPRESSION);
      assert.match(error.message, /compressed values cannot be compared/);
      assert.ok(error.message.includes(`on ${target}:`), error.message);
    }
    assert.equal(compile((b) => b.condition(cond.and(target.exists(), target.notExists(), target.attributeType('B'), target.size().gt(3))))[0].split(' AND ').length, 4);
    const set = target.set('text '.repeat(20)).value.value;
    assert.equal(gunzipSync(set.B).toString(), 'text '.repeat(20));
    assert.ok(target.remove());
  }
  // A list or map holding compressed values compares their gzip bytes too: refused, and written whole.
  for (const [make, part] of [
    [() => zipped.contains('x'), 'zipped[]'],
    [() => zipped.eq(['x']), 'zipped[]'],
    [() => rows.at(0).eq({ a: 'x' }), 'rows[0].note'],
    [() => rows.in([[]]), 'rows[].note'],
    [() => meta.ne({}), 'meta.z'],
  ]) {
    const error = expectError(make, E_EXPRESSION);
    assert.ok(error.message.includes(`the value includes ${part}, and compressed values cannot be compared`), error.message);
  }
  assert.equal(gunzipSync(zipped.append(['y']).second.value.L[0].B).toString(), 'y');
  assert.ok(zipped.set(['a', 'b']) && zipped.prepend(['z']) && rows.at(0).ifNotExists({ a: 'x', when: new Date(0), tags: [] }));
});

test('encrypted list elements do not exist: the item codec refuses them when the model is defined', () => {
  for (const of of [attr.encryptedString({ key: 'pw' }), attr.encryptedNumber({ key: 'pw', deterministic: false })]) {
    const error = expectError(() => defineModel({
      table: 'vault', client: noRequests, attributes: { id: attr.string({ hashKey: true }), secrets: attr.list({ of }) },
    }), { code: 'E_SCHEMA', type: errors.ModelError });
    assert.match(error.message, /secrets\[\]: encrypted attributes are top-level attributes only/);
  }
});
