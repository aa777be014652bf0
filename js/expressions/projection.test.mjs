import assert from 'node:assert/strict';
import { test } from 'node:test';
import { errors } from '../node.mjs';
import { expectError } from '../testing/expect-error.mjs';
import { ref } from '../testing/attr-refs.mjs';
import { ExpressionBuilder } from './index.mjs';

const E_EXPRESSION = { code: 'E_EXPRESSION', type: errors.ExpressionError };

test('attribute references and top-level names, nested paths, repeats dropped', () => {
  const b = new ExpressionBuilder();
  const list = ref('l', 'list');
  const expression = b.projection(['name', ref('size'), list.at(0), list.at(3).key('a.b'), 'a.b', ref('name'), 'size', list.at(0)]);
  assert.equal(expression, '#n0, #n1, #n2[0], #n2[3].#n3, #n3');
  assert.deepEqual(b.params(), { ExpressionAttributeNames: { '#n0': 'name', '#n1': 'size', '#n2': 'l', '#n3': 'a.b' } });
});

test('errors: empty, not an attribute, overlapping paths', () => {
  for (const bad of [[], undefined, 'name', [''], ['a', 1], ['a', ref('b').eq(1)]]) {
    expectError(() => new ExpressionBuilder().projection(bad), E_EXPRESSION);
  }
  const error = expectError(() => new ExpressionBuilder().projection([ref(['m', 'x']), 'm']), E_EXPRESSION);
  assert.match(error.message, /^projection\(\): m\.x and m overlap/);
  expectError(() => new ExpressionBuilder().projection([ref('l', 'list'), ref('l', 'list').at(1)]), E_EXPRESSION);
});
