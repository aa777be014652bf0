import assert from 'node:assert/strict';
import { test } from 'node:test';
import { errors } from '../node.mjs';
import { expectError } from '../testing/expect-error.mjs';
import { ref, taggingEncoder } from '../testing/attr-refs.mjs';
import { Condition, ExpressionBuilder, cond } from './index.mjs';

/** One condition compiled by a fresh builder: [expression, params]. */
function compile(condition) {
  const b = new ExpressionBuilder();
  return [b.condition(condition), b.params()];
}

const E_EXPRESSION = { code: 'E_EXPRESSION', type: errors.ExpressionError };

test('every comparator, with a value and with another attribute', () => {
  const ops = { eq: '=', ne: '<>', lt: '<', le: '<=', gt: '>', ge: '>=' };
  for (const [method, op] of Object.entries(ops)) {
    assert.deepEqual(compile(ref('n')[method](5)), [`#n0 ${op} :v0`, {
      ExpressionAttributeNames: { '#n0': 'n' },
      ExpressionAttributeValues: { ':v0': { N: '5' } },
    }], method);
    assert.deepEqual(compile(ref('a')[method](ref('b'))), [`#n0 ${op} #n1`, {
      ExpressionAttributeNames: { '#n0': 'a', '#n1': 'b' },
    }], method);
  }
});

test('between, in, beginsWith, exists, notExists', () => {
  assert.deepEqual(compile(ref('n').between(1, 9)), ['#n0 BETWEEN :v0 AND :v1', {
    ExpressionAttributeNames: { '#n0': 'n' },
    ExpressionAttributeValues: { ':v0': { N: '1' }, ':v1': { N: '9' } },
  }]);
  assert.deepEqual(compile(ref('n').between(ref('lo'), 9)), ['#n0 BETWEEN #n1 AND :v0', {
    ExpressionAttributeNames: { '#n0': 'n', '#n1': 'lo' },
    ExpressionAttributeValues: { ':v0': { N: '9' } },
  }]);
  assert.deepEqual(compile(ref('s').in(['a', 'b', ref('t')])), ['#n0 IN (:v0, :v1, #n1)', {
    ExpressionAttributeNames: { '#n0': 's', '#n1': 't' },
    ExpressionAttributeValues: { ':v0': { S: 'a' }, ':v1': { S: 'b' } },
  }]);
  assert.deepEqual(compile(ref('s').in(['a'])), ['#n0 IN (:v0)', {
    ExpressionAttributeNames: { '#n0': 's' },
    ExpressionAttributeValues: { ':v0': { S: 'a' } },
  }]);
  const hundred = Array.from({ length: 100 }, (_, i) => i);
  const [inExpression, inParams] = compile(ref('n').in(hundred));
  assert.equal(inExpression, `#n0 IN (${hundred.map((i) => `:v${i}`).join(', ')})`);
  assert.deepEqual(inParams.ExpressionAttributeValues[':v99'], { N: '99' });
  assert.deepEqual(compile(ref('s').beginsWith('ab')), ['begins_with(#n0, :v0)', {
    ExpressionAttributeNames: { '#n0': 's' },
    ExpressionAttributeValues: { ':v0': { S: 'ab' } },
  }]);
  assert.deepEqual(compile(ref('s').exists()), ['attribute_exists(#n0)', { ExpressionAttributeNames: { '#n0': 's' } }]);
  assert.deepEqual(compile(ref('s').notExists()), ['attribute_not_exists(#n0)', { ExpressionAttributeNames: { '#n0': 's' } }]);
});

test('contains encodes one element for sets and lists, the whole value otherwise', () => {
  const values = (condition) => compile(condition)[1].ExpressionAttributeValues;
  assert.deepEqual(values(ref('tags', 'set', taggingEncoder).contains('x')), { ':v0': { S: 'element:x' } });
  assert.deepEqual(values(ref('list', 'list', taggingEncoder).contains('x')), { ':v0': { S: 'element:x' } });
  assert.deepEqual(values(ref('text', null, taggingEncoder).contains('x')), { ':v0': { S: 'value:x' } });
  assert.deepEqual(compile(ref('tags', 'set').contains('x')), ['contains(#n0, :v0)', {
    ExpressionAttributeNames: { '#n0': 'tags' },
    ExpressionAttributeValues: { ':v0': { S: 'x' } },
  }]);
  assert.deepEqual(compile(ref('tags', 'set').contains(ref('t'))), ['contains(#n0, #n1)', {
    ExpressionAttributeNames: { '#n0': 'tags', '#n1': 't' },
  }]);
});

test('attributeType takes every DynamoDB type name and nothing else', () => {
  for (const type of ['S', 'SS', 'N', 'NS', 'B', 'BS', 'BOOL', 'NULL', 'L', 'M']) {
    assert.deepEqual(compile(ref('a').attributeType(type)), ['attribute_type(#n0, :v0)', {
      ExpressionAttributeNames: { '#n0': 'a' },
      ExpressionAttributeValues: { ':v0': { S: type } },
    }]);
  }
  for (const bad of ['s', 'STRING', '', undefined, 1]) expectError(() => ref('a').attributeType(bad), E_EXPRESSION);
});

test('size() compares with numbers (sent as N), attributes and other sizes', () => {
  const ops = { eq: '=', ne: '<>', lt: '<', le: '<=', gt: '>', ge: '>=' };
  for (const [method, op] of Object.entries(ops)) {
    assert.deepEqual(compile(ref('s').size()[method](3)), [`size(#n0) ${op} :v0`, {
      ExpressionAttributeNames: { '#n0': 's' },
      ExpressionAttributeValues: { ':v0': { N: '3' } },
    }], method);
  }
  assert.deepEqual(compile(ref('s').size().between(1, 2n ** 64n)), ['size(#n0) BETWEEN :v0 AND :v1', {
    ExpressionAttributeNames: { '#n0': 's' },
    ExpressionAttributeValues: { ':v0': { N: '1' }, ':v1': { N: '18446744073709551616' } },
  }]);
  assert.deepEqual(compile(ref('a').size().gt(ref('b').size())), ['size(#n0) > size(#n1)', {
    ExpressionAttributeNames: { '#n0': 'a', '#n1': 'b' },
  }]);
  assert.deepEqual(compile(ref('a').size().le(ref('max'))), ['size(#n0) <= #n1', {
    ExpressionAttributeNames: { '#n0': 'a', '#n1': 'max' },
  }]);
  assert.deepEqual(compile(ref('n').lt(ref('a').size())), ['#n0 < size(#n1)', {
    ExpressionAttributeNames: { '#n0': 'n', '#n1': 'a' },
  }]);
  // The size of a list element and of a map entry: the encoder is never asked for a number.
  assert.deepEqual(compile(ref('l', 'list', taggingEncoder).at(2).key('x').size().ge(1)), ['size(#n0[2].#n1) >= :v0', {
    ExpressionAttributeNames: { '#n0': 'l', '#n1': 'x' },
    ExpressionAttributeValues: { ':v0': { N: '1' } },
  }]);
  for (const bad of ['3', NaN, Infinity, null, undefined, {}]) expectError(() => ref('s').size().eq(bad), E_EXPRESSION);
});

test('and, or, not: parentheses where precedence needs them', () => {
  const [a, b, c, d] = ['a', 'b', 'c', 'd'].map((name) => ref(name).exists());
  const text = (condition) => compile(condition)[0];
  assert.equal(text(cond.and(a, b, c)), 'attribute_exists(#n0) AND attribute_exists(#n1) AND attribute_exists(#n2)');
  assert.equal(text(cond.or(a, b)), 'attribute_exists(#n0) OR attribute_exists(#n1)');
  assert.equal(text(cond.and(a, cond.or(b, c))), 'attribute_exists(#n0) AND (attribute_exists(#n1) OR attribute_exists(#n2))');
  assert.equal(text(cond.or(cond.and(a, b), cond.and(c, d))),
    '(attribute_exists(#n0) AND attribute_exists(#n1)) OR (attribute_exists(#n2) AND attribute_exists(#n3))');
  assert.equal(text(cond.and(cond.and(a, b), c)), '(attribute_exists(#n0) AND attribute_exists(#n1)) AND attribute_exists(#n2)');
  assert.equal(text(cond.not(a)), 'NOT (attribute_exists(#n0))');
  assert.equal(text(cond.not(cond.or(a, b))), 'NOT (attribute_exists(#n0) OR attribute_exists(#n1))');
  assert.equal(text(cond.and(cond.not(a), b)), 'NOT (attribute_exists(#n0)) AND attribute_exists(#n1)');
  assert.equal(text(cond.not(cond.not(a))), 'NOT (NOT (attribute_exists(#n0)))');
  assert.equal(text(cond.or(cond.not(cond.and(a, b)), cond.and(c, cond.or(d, a)))),
    'NOT (attribute_exists(#n0) AND attribute_exists(#n1)) OR (attribute_exists(#n2) AND (attribute_exists(#n3) OR attribute_exists(#n0)))');
  // A comparison under NOT, and a mix of every kind with shared values.
  assert.deepEqual(compile(cond.and(ref('n').between(1, 5), cond.not(ref('s').in([1, 5])), ref('s').size().gt(1))), [
    '#n0 BETWEEN :v0 AND :v1 AND NOT (#n1 IN (:v0, :v1)) AND size(#n1) > :v0',
    { ExpressionAttributeNames: { '#n0': 'n', '#n1': 's' }, ExpressionAttributeValues: { ':v0': { N: '1' }, ':v1': { N: '5' } } },
  ]);
});

test('and/or of one condition is that condition; conditions are frozen Condition nodes', () => {
  const a = ref('a').eq(1);
  assert.equal(cond.and(a), a);
  assert.equal(cond.or(a), a);
  assert.ok(a instanceof Condition && Object.isFrozen(a));
  assert.deepEqual({ ...a }, { type: 'compare', op: '=', left: { type: 'path', path: [{ name: 'a' }] }, right: { type: 'value', value: { N: '1' } } });
  const both = cond.and(a, ref('b').exists());
  assert.equal(both.type, 'and');
  assert.ok(Object.isFrozen(both.conditions));
});

test('errors: operand counts, non-conditions, misplaced size() and nodes used as values', () => {
  const a = ref('a').exists();
  expectError(() => cond.and(), E_EXPRESSION);
  expectError(() => cond.or(), E_EXPRESSION);
  expectError(() => cond.not(), E_EXPRESSION);
  expectError(() => cond.not(a, a), E_EXPRESSION);
  expectError(() => cond.and(a, 'attribute_exists(x)'), E_EXPRESSION);
  expectError(() => cond.or(a, ref('b')), E_EXPRESSION);
  expectError(() => cond.not(ref('b').set(1)), E_EXPRESSION);
  expectError(() => new ExpressionBuilder().condition(ref('a')), E_EXPRESSION);
  expectError(() => new ExpressionBuilder().condition(ref('a').set(1)), E_EXPRESSION);
  expectError(() => ref('a').eq(a), E_EXPRESSION);
  expectError(() => ref('a').eq(ref('b').plus(1)), E_EXPRESSION);
  expectError(() => ref('a').beginsWith(ref('b').size()), E_EXPRESSION);
  expectError(() => ref('a').contains(ref('b').size()), E_EXPRESSION);
  for (const bad of [[], Array(101).fill('secret-value'), 'abc', new Set(['x'])]) {
    expectError(() => ref('a').in(bad), { ...E_EXPRESSION, secrets: ['secret-value'] });
  }
});

test('encoder errors propagate unchanged; an encoder that returns nothing is named', () => {
  class ValueError extends Error {}
  const throwing = { value: () => { throw new ValueError('bad value'); }, element: () => { throw new ValueError('bad element'); } };
  assert.throws(() => ref('a', null, throwing).eq(1), ValueError);
  assert.throws(() => ref('t', 'set', throwing).contains(1), { message: 'bad element' });
  assert.throws(() => ref('a').eq(undefined), /removeUndefinedValues/); // the SDK's own error
  const silent = { value: () => undefined, element: () => undefined };
  const error = expectError(() => ref(['m', 'a.b'], null, silent).eq('secret-value'), { ...E_EXPRESSION, secrets: ['secret-value'] });
  assert.match(error.message, /^eq\(\) on m\["a\.b"\]: /);
});
