import assert from 'node:assert/strict';
import { test } from 'node:test';
import { codec, errors } from '../node.mjs';
import { expectError } from '../testing/expect-error.mjs';

// Python: datetime(2024, 2, 29, 12, 34, 56, 789012, tzinfo=timezone.utc).strftime('%Y-%m-%dT%H:%M:%S.%f%z')
const TEXT = '2024-02-29T12:34:56.789012+0000';
const MICROS = 1709210096789012n;

test("formatDatetime writes pynamodb's UTC format", () => {
  assert.equal(codec.formatDatetime({ epochMicros: MICROS }), TEXT);
  assert.equal(codec.formatDatetime(new Date(Date.UTC(2024, 1, 29, 12, 34, 56, 789))), '2024-02-29T12:34:56.789000+0000');
  assert.equal(codec.formatDatetime(new Date(0)), '1970-01-01T00:00:00.000000+0000');
  assert.equal(codec.formatDatetime({ epochMicros: -1n }), '1969-12-31T23:59:59.999999+0000');
});

test('parseDatetime returns the Date and the exact microseconds', () => {
  const { date, epochMicros } = codec.parseDatetime(TEXT);
  assert.equal(epochMicros, MICROS);
  assert.equal(date.toISOString(), '2024-02-29T12:34:56.789Z');
  assert.equal(codec.parseDatetime('1969-12-31T23:59:59.999999+0000').date.toISOString(), '1969-12-31T23:59:59.999Z');
  assert.equal(codec.parseDatetime('0001-01-01T00:00:00.000000+0000').date.getUTCFullYear(), 1);
  assert.equal(codec.formatDatetime(codec.parseDatetime('9999-12-31T23:59:59.999999+0000')), '9999-12-31T23:59:59.999999+0000');
});

test('datetime errors', () => {
  for (const text of ['2024-02-29', '2023-02-29T00:00:00.000000+0000', '2024-02-29T12:34:56.789012+0100', '2024-02-29 12:34:56.789012+0000']) {
    expectError(() => codec.parseDatetime(text), { code: 'E_DATETIME', type: errors.EncodingError });
  }
  expectError(() => codec.formatDatetime(new Date(NaN)), { code: 'E_DATETIME', type: errors.EncodingError });
  expectError(() => codec.formatDatetime({ epochMicros: 10n ** 18n }), { code: 'E_DATETIME', type: errors.EncodingError });
  expectError(() => codec.formatDatetime({ epochMicros: 2n ** 64n }), { code: 'E_DATETIME', type: errors.EncodingError });
  expectError(() => codec.formatDatetime(0), { code: 'E_INPUT_TYPE', type: errors.ArgumentError });
  expectError(() => codec.formatDatetime({ epochMicros: 5 }), { code: 'E_INPUT_TYPE', type: errors.ArgumentError });
  expectError(() => codec.parseDatetime(new Date()), { code: 'E_INPUT_TYPE', type: errors.ArgumentError });
});
