// UtcDateTime: a Date that keeps microseconds and cannot be changed.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { UtcDateTime } from './utc-datetime.mjs';

test('UtcDateTime keeps microseconds and is immutable', () => {
  const d = new UtcDateTime(1_700_000_000_123_456n);
  assert.equal(d.toISOString(), '2023-11-14T22:13:20.123Z');
  assert.equal(d.microsecond, 123_456);
  assert.equal(new UtcDateTime(-1n).microsecond, 999_999);
  assert.equal(new UtcDateTime(new Date(5)).epochMicros, 5000n);
  assert.throws(() => d.setFullYear(2000), TypeError);
});
