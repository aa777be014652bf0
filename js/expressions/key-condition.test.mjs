import assert from 'node:assert/strict';
import { test } from 'node:test';
import { errors } from '../node.mjs';
import { expectError } from '../testing/expect-error.mjs';
import { ref } from '../testing/attr-refs.mjs';
import { ExpressionBuilder, cond } from './index.mjs';

const E_EXPRESSION = { code: 'E_EXPRESSION', type: errors.ExpressionError };
const pk = ref('pk');
const sk = ref('sk');

function compile(...args) {
  const b = new ExpressionBuilder();
  return [b.keyCondition(...args), b.params()];
}

test('hash key alone, and with each allowed range condition', () => {
  assert.deepEqual(compile(pk, 'p'), ['#n0 = :v0', {
    ExpressionAttributeNames: { '#n0': 'pk' }, ExpressionAttributeValues: { ':v0': { S: 'p' } },
  }]);
  const ranges = {
    '#n1 = :v1': sk.eq(1),
    '#n1 < :v1': sk.lt(1),
    '#n1 <= :v1': sk.le(1),
    '#n1 > :v1': sk.gt(1),
    '#n1 >= :v1': sk.ge(1),
    '#n1 BETWEEN :v1 AND :v2': sk.between(1, 2),
    'begins_with(#n1, :v1)': sk.beginsWith(1),
  };
  for (const [expected, range] of Object.entries(ranges)) {
    const [expression, params] = compile(pk, 'p', range, { rangeKey: sk });
    assert.equal(expression, `#n0 = :v0 AND ${expected}`);
    assert.deepEqual(params.ExpressionAttributeNames, { '#n0': 'pk', '#n1': 'sk' });
    assert.deepEqual(params.ExpressionAttributeValues[':v1'], { N: '1' });
  }
  assert.equal(compile(pk, 'p', null)[0], '#n0 = :v0');
});

test('anything else on the range key is E_EXPRESSION naming the attribute and the method', () => {
  const refused = [
    [sk.ne(1), /^keyCondition\(\) on sk: ne\(\) cannot be a key condition/],
    [sk.in([1]), /on sk: in\(\) cannot/],
    [sk.contains('x'), /on sk: contains\(\) cannot/],
    [sk.exists(), /on sk: exists\(\) cannot/],
    [sk.notExists(), /on sk: notExists\(\) cannot/],
    [sk.attributeType('S'), /on sk: attributeType\(\) cannot/],
    [cond.and(sk.gt(1), sk.lt(5)), /on sk: cond\.and\(\) cannot/],
    [cond.or(sk.gt(1), sk.lt(5)), /on sk: cond\.or\(\) cannot/],
    [cond.not(sk.eq(1)), /on sk: cond\.not\(\) cannot/],
    [sk.size().eq(1), /on sk: size\(\) cannot be a key condition/],
    [sk.size().between(1, 2), /on sk: size\(\) cannot/],
    [sk.eq(ref('other')), /on sk: a key condition compares with values, not attributes/],
    [sk.between(1, ref('other')), /on sk: a key condition compares with values/],
    [ref(['meta', 'sk']).eq(1), /on meta\.sk: a key is a top-level attribute/],
    [pk.eq('p'), /on pk: the range condition is on the hash key/],
    [ref('other').eq(1), /on other: the range condition must be on the range key sk/],
  ];
  for (const [range, message] of refused) {
    const error = expectError(() => compile(pk, 'p', range, { rangeKey: sk }), { ...E_EXPRESSION, secrets: ['secret-value'] });
    assert.match(error.message, message);
  }
  assert.match(expectError(() => compile(pk, 'p', 'sk = 1'), E_EXPRESSION).message, /not a condition/);
  assert.match(expectError(() => compile(ref(['a', 'b']), 'p'), E_EXPRESSION).message, /top-level attribute reference/);
  assert.match(expectError(() => compile('pk', 'p'), E_EXPRESSION).message, /top-level attribute reference/);
  assert.match(expectError(() => compile(pk, ref('x')), E_EXPRESSION).message, /^keyCondition\(\) on pk: the hash key value must be a value/);
  assert.match(expectError(() => compile(pk, 'p', sk.eq(1), { rangeKey: 'sk' }), E_EXPRESSION).message, /options\.rangeKey/);
});
