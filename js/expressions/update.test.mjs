import assert from 'node:assert/strict';
import { test } from 'node:test';
import { errors } from '../node.mjs';
import { expectError } from '../testing/expect-error.mjs';
import { ref } from '../testing/attr-refs.mjs';
import { ExpressionBuilder, UpdateAction, ValueExpression } from './index.mjs';

function compile(actions) {
  const b = new ExpressionBuilder();
  return [b.update(actions), b.params()];
}

const E_EXPRESSION = { code: 'E_EXPRESSION', type: errors.ExpressionError };

test('each action alone', () => {
  const n = ref('n');
  const names = { ExpressionAttributeNames: { '#n0': 'n' } };
  const one = (value) => ({ ...names, ExpressionAttributeValues: { ':v0': value } });
  assert.deepEqual(compile(n.set(5)), ['SET #n0 = :v0', one({ N: '5' })]);
  assert.deepEqual(compile(n.remove()), ['REMOVE #n0', names]);
  assert.deepEqual(compile(n.add(2)), ['ADD #n0 :v0', one({ N: '2' })]);
  assert.deepEqual(compile(ref('n', 'set').add(new Set([1, 2]))), ['ADD #n0 :v0', one({ NS: ['1', '2'] })]);
  assert.deepEqual(compile(ref('n', 'set').delete(new Set(['x']))), ['DELETE #n0 :v0', one({ SS: ['x'] })]);
  assert.deepEqual(compile(n.plus(1)), ['SET #n0 = #n0 + :v0', one({ N: '1' })]);
  assert.deepEqual(compile(n.minus(1)), ['SET #n0 = #n0 - :v0', one({ N: '1' })]);
  assert.deepEqual(compile(n.ifNotExists(0)), ['SET #n0 = if_not_exists(#n0, :v0)', one({ N: '0' })]);
  assert.deepEqual(compile(ref('n', 'list').append([1])), ['SET #n0 = list_append(#n0, :v0)', one({ L: [{ N: '1' }] })]);
  assert.deepEqual(compile(ref('n', 'list').prepend([1])), ['SET #n0 = list_append(:v0, #n0)', one({ L: [{ N: '1' }] })]);
});

test('value expressions inside set(), attribute copies and arithmetic with attributes', () => {
  const [a, b] = [ref('a'), ref('b')];
  assert.deepEqual(compile(a.set(a.ifNotExists(0))), ['SET #n0 = if_not_exists(#n0, :v0)', {
    ExpressionAttributeNames: { '#n0': 'a' }, ExpressionAttributeValues: { ':v0': { N: '0' } },
  }]);
  assert.deepEqual(compile(b.set(a)), ['SET #n0 = #n1', { ExpressionAttributeNames: { '#n0': 'b', '#n1': 'a' } }]);
  assert.deepEqual(compile(b.set(a.plus(1))), ['SET #n0 = #n1 + :v0', {
    ExpressionAttributeNames: { '#n0': 'b', '#n1': 'a' }, ExpressionAttributeValues: { ':v0': { N: '1' } },
  }]);
  assert.deepEqual(compile(a.minus(b)), ['SET #n0 = #n0 - #n1', { ExpressionAttributeNames: { '#n0': 'a', '#n1': 'b' } }]);
  assert.deepEqual(compile(b.set(a.ifNotExists(b))), ['SET #n0 = if_not_exists(#n1, #n0)', {
    ExpressionAttributeNames: { '#n0': 'b', '#n1': 'a' },
  }]);
  assert.deepEqual(compile(b.set(ref('l', 'list').append(ref('m')))), ['SET #n0 = list_append(#n1, #n2)', {
    ExpressionAttributeNames: { '#n0': 'b', '#n1': 'l', '#n2': 'm' },
  }]);
  const plus = a.plus(1);
  assert.ok(plus instanceof ValueExpression && Object.isFrozen(plus));
  assert.deepEqual(plus.target, [{ name: 'a' }]);
  assert.ok(b.set(plus) instanceof UpdateAction);
});

test('clauses are grouped SET, REMOVE, ADD, DELETE whatever the order of the actions', () => {
  const actions = [
    ref('e', 'set').delete(new Set(['x'])),
    ref('d').add(3),
    ref('c').remove(),
    ref('a').set('v'),
    ref('b').plus(1),
    ref('f', 'list').at(0).remove(),
    ref('g').set(ref('a')),
  ];
  assert.deepEqual(compile(actions), ['SET #n0 = :v0, #n1 = #n1 + :v1, #n2 = #n0 REMOVE #n3, #n4[0] ADD #n5 :v2 DELETE #n6 :v3', {
    ExpressionAttributeNames: { '#n0': 'a', '#n1': 'b', '#n2': 'g', '#n3': 'c', '#n4': 'f', '#n5': 'd', '#n6': 'e' },
    ExpressionAttributeValues: { ':v0': { S: 'v' }, ':v1': { N: '1' }, ':v2': { N: '3' }, ':v3': { SS: ['x'] } },
  }]);
  // A single action needs no array.
  assert.equal(compile(ref('a').remove())[0], compile([ref('a').remove()])[0]);
});

test('list elements, map entries and typed children as targets', () => {
  const meta = ref('meta', 'map');
  const typed = meta.child('when', { encoder: { value: (d) => ({ S: d.toISOString() }), element: () => { throw new Error('no elements'); } } });
  const actions = [
    ref('l', 'list').at(1).set('x'),
    ref('l', 'list').at(2).remove(),
    meta.key('a.b').set(1),
    meta.key('count').add(1),
    typed.set(new Date(0)),
    ref('l', 'list').child(3, { encoder: { value: () => ({ N: '7' }), element: () => ({ N: '0' }) } }).set('ignored by encoder'),
  ];
  assert.deepEqual(compile(actions), ['SET #n0[1] = :v0, #n1.#n2 = :v1, #n1.#n3 = :v2, #n0[3] = :v3 REMOVE #n0[2] ADD #n1.#n4 :v1', {
    ExpressionAttributeNames: { '#n0': 'l', '#n1': 'meta', '#n2': 'a.b', '#n3': 'when', '#n4': 'count' },
    ExpressionAttributeValues: { ':v0': { S: 'x' }, ':v1': { N: '1' }, ':v2': { S: '1970-01-01T00:00:00.000Z' }, ':v3': { N: '7' } },
  }]);
});

test('overlapping paths in one update are refused before any request', () => {
  const [a, b] = [ref('a'), ref('b')];
  const cases = [
    [[a.set(1), a.remove()], /two actions on a;/],
    [[a.set(1), a.plus(1)], /two actions on a;/],
    [[ref('m', 'map').set({}), ref('m', 'map').key('x').remove()], /the actions on m and m\.x overlap/],
    [[ref('l', 'list').at(1).remove(), ref('l', 'list').remove()], /the actions on l\[1\] and l overlap/],
    [[ref(['m', 'a.b']).set(1), ref(['m', 'a.b', 'c']).remove()], /on m\["a\.b"\] and m\["a\.b"\]\.c overlap/],
  ];
  for (const [actions, message] of cases) {
    const error = expectError(() => new ExpressionBuilder().update(actions), { ...E_EXPRESSION, secrets: ['secret-value'] });
    assert.match(error.message, message);
  }
  // Siblings, other list elements, a name containing a dot, and reading a path that is written.
  assert.doesNotThrow(() => new ExpressionBuilder().update([
    ref(['m', 'x']).set(1), ref(['m', 'y']).remove(), ref('l', 'list').at(1).set(1), ref('l', 'list').at(2).set(2),
    ref('m.x').set(1), b.set(a), a.set(b.plus(1)),
  ]));
});

test('errors: empty updates, non-actions, and actions the attribute kind does not allow', () => {
  expectError(() => new ExpressionBuilder().update([]), E_EXPRESSION);
  expectError(() => new ExpressionBuilder().update(ref('a')), E_EXPRESSION);
  expectError(() => new ExpressionBuilder().update([ref('a').set(1), ref('b').eq(1)]), E_EXPRESSION);
  expectError(() => new ExpressionBuilder().update([undefined]), E_EXPRESSION);
  expectError(() => ref('a').set(ref('b').size()), E_EXPRESSION);
  expectError(() => ref('a').set(ref('b').exists()), E_EXPRESSION);
  expectError(() => ref('a').plus(ref('b').size()), E_EXPRESSION);
  expectError(() => ref('a').add(ref('b')), E_EXPRESSION);
  expectError(() => ref('a', 'set').delete(ref('b')), E_EXPRESSION);
  for (const collection of ['list', 'map']) {
    expectError(() => ref('a', collection).add(1), E_EXPRESSION);
    expectError(() => ref('a', collection).delete(new Set([1])), E_EXPRESSION);
  }
  for (const collection of ['set', 'map']) {
    expectError(() => ref('a', collection).append([1]), E_EXPRESSION);
    expectError(() => ref('a', collection).prepend([1]), E_EXPRESSION);
  }
});
