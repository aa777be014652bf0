import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ref } from '../testing/attr-refs.mjs';
import { ExpressionBuilder, cond } from './index.mjs';

test('reserved words are names like any other', () => {
  const b = new ExpressionBuilder();
  const condition = cond.and(ref('name').eq('x'), ref('size').size().gt(1), ref('status').ne('done'), ref('data').exists());
  assert.equal(b.condition(condition), '#n0 = :v0 AND size(#n1) > :v1 AND #n2 <> :v2 AND attribute_exists(#n3)');
  assert.deepEqual(b.params().ExpressionAttributeNames, { '#n0': 'name', '#n1': 'size', '#n2': 'status', '#n3': 'data' });
});

test('odd names go through unchanged, one name per segment', () => {
  const odd = ['a.b', '#x', ':v', 'a b', 'ünï', '🦀', '[0]', '#n0', ':v0', 'a\u0000b', '__proto__'];
  const b = new ExpressionBuilder();
  const expression = b.condition(cond.and(...odd.map((name) => ref(name).eq(name))));
  assert.equal(expression, odd.map((_, i) => `#n${i} = :v${i}`).join(' AND '));
  const params = b.params();
  assert.deepEqual(Object.values(params.ExpressionAttributeNames), odd);
  assert.deepEqual(Object.values(params.ExpressionAttributeValues), odd.map((S) => ({ S })));
  assert.ok(Object.hasOwn(params.ExpressionAttributeNames, '#n10')); // '__proto__' is data, not a prototype
  // Nested: a map entry whose name holds dots and brackets stays one segment.
  const nested = new ExpressionBuilder();
  assert.equal(nested.projection([ref(['a.b', 'c[1]', { index: 0 }, '🦀'])]), '#n0.#n1[0].#n2');
  assert.deepEqual(nested.params(), { ExpressionAttributeNames: { '#n0': 'a.b', '#n1': 'c[1]', '#n2': '🦀' } });
});

test('a name written as expression syntax cannot inject anything', () => {
  const evil = 'x) OR attribute_exists(y) OR (#z';
  const b = new ExpressionBuilder();
  assert.equal(b.condition(ref(evil).eq('v')), '#n0 = :v0');
  assert.equal(b.update([ref(evil).set('w'), ref('a = :v0, b').remove()]), 'SET #n0 = :v1 REMOVE #n1');
  assert.deepEqual(b.params(), {
    ExpressionAttributeNames: { '#n0': evil, '#n1': 'a = :v0, b' },
    ExpressionAttributeValues: { ':v0': { S: 'v' }, ':v1': { S: 'w' } },
  });
});

test('names and values are shared across the expressions of one request', () => {
  const b = new ExpressionBuilder();
  const key = b.keyCondition(ref('pk'), 'p', ref('sk').beginsWith('2024'));
  const filter = b.condition(cond.or(ref('status').eq('p'), ref(['meta', 'status']).eq('2024')));
  const projection = b.projection([ref('pk'), ref('status'), 'sk']);
  assert.deepEqual([key, filter, projection], [
    '#n0 = :v0 AND begins_with(#n1, :v1)',
    '#n2 = :v0 OR #n3.#n2 = :v1',
    '#n0, #n2, #n1',
  ]);
  assert.deepEqual(b.params(), {
    ExpressionAttributeNames: { '#n0': 'pk', '#n1': 'sk', '#n2': 'status', '#n3': 'meta' },
    ExpressionAttributeValues: { ':v0': { S: 'p' }, ':v1': { S: '2024' } },
  });
});

test('values are shared by content, bytes included; different types stay apart', () => {
  const b = new ExpressionBuilder();
  const bytes = (...xs) => new Uint8Array(xs);
  const expression = b.condition(cond.and(
    ref('b').eq(bytes(1, 2)),
    ref('c').eq(bytes(1, 2)),
    ref('d').eq(new Uint8Array([0, 1, 2]).subarray(1)),
    ref('e').eq(bytes(1, 3)),
    ref('f').eq('1'),
    ref('g').eq(1),
    ref('h').eq({ x: [1, 'a'] }),
    ref('i').eq({ x: [1, 'a'] }),
  ));
  assert.equal(expression, '#n0 = :v0 AND #n1 = :v0 AND #n2 = :v0 AND #n3 = :v1 AND #n4 = :v2 AND #n5 = :v3 AND #n6 = :v4 AND #n7 = :v4');
  const values = b.params().ExpressionAttributeValues;
  assert.deepEqual(Object.keys(values), [':v0', ':v1', ':v2', ':v3', ':v4']);
  assert.deepEqual(values[':v0'], { B: bytes(1, 2) });
  assert.deepEqual(values[':v4'], { M: { x: { L: [{ N: '1' }, { S: 'a' }] } } });
});

test('params() leaves out empty maps', () => {
  assert.deepEqual(new ExpressionBuilder().params(), {});
  const b = new ExpressionBuilder();
  b.projection(['a']);
  assert.deepEqual(b.params(), { ExpressionAttributeNames: { '#n0': 'a' } });
});
