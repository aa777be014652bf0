import assert from 'node:assert/strict';
import { test } from 'node:test';
import { mergeSorted } from './merge.mjs';

async function* source(values, log, name) {
  try {
    for (const v of values) {
      log.push(`${name}:${v}`);
      yield v;
    }
  } finally {
    log.push(`${name}:closed`);
  }
}

test('mergeSorted interleaves sorted sources lazily and closes them', async () => {
  const log = [];
  const merged = mergeSorted([source([1, 4, 9], log, 'a'), source([2, 3, 10], log, 'b'), source([], log, 'c')], (x, y) => x - y);
  const out = [];
  for await (const v of merged) out.push(v);
  assert.deepEqual(out, [1, 2, 3, 4, 9, 10]);
  assert.deepEqual(log.filter((l) => l.endsWith('closed')).sort(), ['a:closed', 'b:closed', 'c:closed']);
});

test('mergeSorted stops pulling when the consumer stops', async () => {
  const log = [];
  for await (const v of mergeSorted([source([1, 3, 5], log, 'a'), source([2, 4, 6], log, 'b')], (x, y) => x - y)) {
    if (v === 2) break;
  }
  assert.deepEqual(log, ['a:1', 'b:2', 'a:3', 'a:closed', 'b:closed']);
});
