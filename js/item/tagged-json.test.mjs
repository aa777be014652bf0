// Item values as tagged JSON: every tag round-trips, non-JSON values are refused with ItemError, cycles stop.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { codec, errors, UtcDateTime } from '../node.mjs';
import { fromItemWire, toItemWire } from './tagged-json.mjs';

test('tags round-trip exactly', () => {
  const value = {
    s: 'plain', z: '\u0000starts with NUL', big: -(2n ** 70n), nan: NaN, inf: -Infinity, negZero: -0,
    f: new codec.PythonFloat(1), bytes: new Uint8Array([0, 255]), when: new UtcDateTime(-1n),
    set: new Set(['a', 'b']), nested: [{ deep: new Set([new Uint8Array([1])]) }, null, true], skip: undefined,
  };
  const text = toItemWire(value);
  assert.match(text, /"\\u0000d-1"/);
  const back = fromItemWire(text);
  assert.deepEqual(back, {
    s: 'plain', z: '\u0000starts with NUL', big: -(2n ** 70n), nan: NaN, inf: -Infinity, negZero: -0,
    f: new codec.PythonFloat(1), bytes: new Uint8Array([0, 255]), when: new UtcDateTime(-1n),
    set: new Set(['a', 'b']), nested: [{ deep: new Set([new Uint8Array([1])]) }, null, true],
  });
  assert.equal(back.when.epochMicros, -1n);
  assert.equal(back.when.microsecond, 999_999);
  assert.deepEqual(fromItemWire('{"a":[1,"x"]}'), { a: [1, 'x'] }, 'no tags: plain JSON.parse');
  assert.deepEqual(fromItemWire('{"\\u0000set":[1],"other":2}'), { '\u0000set': [1], other: 2 }, 'only a lone set key is a set');
});

test('values JSON cannot carry are refused, never silently changed', () => {
  for (const [value, what] of [[new Map(), /Map/], [() => 1, /function/], [Symbol('x'), /symbol/], [new (class Thing {})(), /Thing/]]) {
    assert.throws(() => toItemWire({ a: value }), (e) => e instanceof errors.ItemError && e.code === 'E_ITEM_TYPE' && what.test(e.message));
  }
  const cycle = {};
  cycle.self = cycle;
  assert.throws(() => toItemWire(cycle), (e) => e.code === 'E_ITEM_VALUE');
});

test('UtcDateTime keeps microseconds and is immutable', () => {
  const d = new UtcDateTime(1_700_000_000_123_456n);
  assert.equal(d.toISOString(), '2023-11-14T22:13:20.123Z');
  assert.equal(d.microsecond, 123_456);
  assert.equal(new UtcDateTime(new Date(5)).epochMicros, 5000n);
  assert.throws(() => d.setFullYear(2000), TypeError);
});
