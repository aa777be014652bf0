import assert from 'node:assert/strict';
import { test } from 'node:test';
import '../runtime/node.mjs';
import { UtcDateTime } from '../item/utc-datetime.mjs';
import { pythonIsoformat } from './clock.mjs';
import { appendHistory, errorRepr, errorTraceback, historyEntry, historyRecords, pythonStrRepr, SHORT_CHARS, shorterHistories, v5Records } from './history.mjs';

test("pythonStrRepr matches CPython's repr() of str", () => {
  // Expected values printed by CPython 3.11: repr(s).
  const cases = [
    ['boom', "'boom'"],
    ["it's", '"it\'s"'],
    ['say "hi"', '\'say "hi"\''],
    ['both \' and "', '\'both \\\' and "\''],
    ['tab\there\nnl\r', "'tab\\there\\nnl\\r'"],
    ['back\\slash', "'back\\\\slash'"],
    ['é ü 😀', "'é ü 😀'"],
    ['\x00\x07\x7f', "'\\x00\\x07\\x7f'"],
    ['\u00a0nbsp', "'\\xa0nbsp'"],
    ['\u2028ls', "'\\u2028ls'"],
    ['\u200bzw', "'\\u200bzw'"],
    ['', "''"],
  ];
  for (const [text, repr] of cases) assert.equal(pythonStrRepr(text), repr, JSON.stringify(text));
});

test('errorRepr writes repr(e) shapes, also for values that are not Errors', () => {
  assert.equal(errorRepr(new TypeError('bad input')), "TypeError('bad input')");
  assert.equal(errorRepr(new Error('')), 'Error()');
  class QuotaError extends Error {
    name = 'QuotaError';
  }
  assert.equal(errorRepr(new QuotaError("it's over")), 'QuotaError("it\'s over")');
  assert.equal(errorRepr('plain string'), "NonError('plain string')");
  assert.equal(errorRepr(42), "NonError('42')");
  assert.equal(errorRepr(undefined), "NonError('undefined')");
  assert.equal(errorRepr({ reason: 'x' }), 'NonError(\'{"reason":"x"}\')');
  const circular = {};
  circular.self = circular;
  assert.equal(errorRepr(circular), "NonError('[object Object]')");
});

test('errorTraceback keeps the message and at most `limit` frames', () => {
  const error = new Error('deep\nsecond line');
  error.stack = ['Error: deep', 'second line', ...Array.from({ length: 12 }, (_, i) => `    at f${i} (file.mjs:${i}:1)`)].join('\n');
  const text = errorTraceback(error, 3);
  assert.equal(text, 'Error: deep\nsecond line\n    at f0 (file.mjs:0:1)\n    at f1 (file.mjs:1:1)\n    at f2 (file.mjs:2:1)');
  assert.equal(errorTraceback('not an error', 10), '');
});

test('a lone surrogate in an error message leaves a storable (UTF-8) record: escaped in the repr, U+FFFD in the traceback', () => {
  const error = new Error('bad \ud800 and \udc00x and a pair \ud83d\ude00');
  const entry = historyEntry(error, { nthRetry: 1, time: new UtcDateTime(0n), stackLimit: 2 });
  for (const text of [entry.error, entry.traceback, errorTraceback(Object.assign(new Error('x\udfff'), { stack: undefined }), 2)]) {
    assert.ok(text.isWellFormed(), text);
  }
  assert.match(entry.traceback, /^Error: bad \ufffd and \ufffdx and a pair \ud83d\ude00$/m);
  assert.equal(entry.error, "Error('bad \\ud800 and \\udc00x and a pair \ud83d\ude00')");
});

test("pythonIsoformat is datetime.isoformat() of an aware UTC datetime", () => {
  // datetime(2026,1,2,3,4,5,7,tzinfo=utc).isoformat() and the same without microseconds.
  assert.equal(pythonIsoformat(new UtcDateTime(1_767_323_045_000_007n)), '2026-01-02T03:04:05.000007+00:00');
  assert.equal(pythonIsoformat(new UtcDateTime(1_767_323_045_000_000n)), '2026-01-02T03:04:05+00:00');
});

test('history entries: 6.x appends in its key order, keeping what else errors holds; 5.x overwrites', () => {
  const time = new UtcDateTime(1_767_323_045_123_456n);
  const entry = historyEntry(new Error('boom'), { nthRetry: 2, time, stackLimit: 10 });
  assert.deepEqual(Object.keys(entry), ['nth_retry', 'update_time', 'error', 'traceback']);
  assert.equal(entry.update_time, '2026-01-02T03:04:05.123456+00:00');
  assert.equal(entry.error, "Error('boom')");
  assert.match(entry.traceback, /^Error: boom\n {4}at /);

  const first = { nth_retry: 1, update_time: 'x', error: "ValueError('py')", traceback: 'Traceback ...' };
  assert.deepEqual(appendHistory({ history: [first], note: 'kept' }, entry), { history: [first, entry], note: 'kept' });
  assert.deepEqual(appendHistory(null, entry), { history: [entry] });
  assert.deepEqual(appendHistory({ error: 'v5 shape' }, entry), { error: 'v5 shape', history: [entry] });
  assert.deepEqual(Object.keys(v5Records(new Error('x'), 10).next().value), ['error', 'traceback']);
});

test('errorRepr reads an Error of another realm as an Error', async () => {
  const { runInNewContext } = await import('node:vm');
  const foreign = runInNewContext("new TypeError('from a vm')");
  assert.equal(foreign instanceof Error, false);
  assert.equal(errorRepr(foreign), "TypeError('from a vm')");
});

test('historyRecords keeps the newest entries within HISTORY_BYTES, then shortens the new one; unmeasurable old entries give way', () => {
  const entry = (n, size) => ({ nth_retry: n, update_time: 't', error: 'e'.repeat(size), traceback: 'x'.repeat(size) });
  const old = Array.from({ length: 10 }, (_, i) => entry(i + 1, 10_000));
  const [first, second] = historyRecords({ history: old, note: 'kept' }, entry(11, 10));
  assert.deepEqual(first.history.map((e) => e.nth_retry), [8, 9, 10, 11]);
  assert.equal(first.note, 'kept');
  assert.deepEqual(second.history.map((e) => e.nth_retry), [9, 10, 11]);
  const all = [...historyRecords({ history: [{ nth_retry: 10n }] }, entry(2, 300))];
  assert.deepEqual(all[0].history.map((e) => e.nth_retry), [2]);
  assert.deepEqual(all.at(-1), { history: [{ ...entry(2, 0), error: `${'e'.repeat(SHORT_CHARS)}… [100 more characters]` }] });
});

test('shorterHistories drops the oldest entries (the newest within the bytes first), down to none, then the other keys', () => {
  const entry = (n) => ({ nth_retry: n, update_time: 't', error: 'e'.repeat(1_000), traceback: '' });
  const all = [...shorterHistories({ history: [1, 2, 3, 4].map(entry), note: 'kept' }, 2_500)];
  assert.deepEqual(all.map((e) => [e.history.map((h) => h.nth_retry), e.note]), [[[3, 4], 'kept'], [[4], 'kept'], [[], 'kept'], [[], undefined]]);
  assert.deepEqual([...shorterHistories('not a history', 65_536)], [{ history: [] }, { history: [] }], 'a malformed value gives way');
});
