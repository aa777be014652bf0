import assert from 'node:assert/strict';
import { test } from 'node:test';
import { checkInvariants } from './invariants.mjs';

const lines = (...events) => events.map((e) => JSON.stringify(e)).join('\n');
const start = (body, t, extra = {}) => ({ event: 'start', task: 'a', body, worker: body.split(':')[0], t, retry: 0, ...extra });
const end = (body, t, outcome) => ({ event: 'end', task: 'a', body, worker: body.split(':')[0], t, outcome });
const history = (...workers) => ({ history: workers.map((w, i) => ({ nth_retry: i + 1, error: `Error('injected by ${w}')` })) });
const task = (statusName, retry, errors) => ({ taskId: 'a', statusName, retry, lock: null, errors });

test('a clean log passes and is totalled', () => {
  const logText = lines(start('w1:0', 1, { fence: 1 }), end('w1:0', 2, 'fail'), start('w2:0', 3, { fence: 2, retry: 1 }), end('w2:0', 4, 'ok'));
  assert.deepEqual(checkInvariants({ tasks: [task('succeeded', 0, history('w1'))], logText, maxRetry: 3 }), { bodies: 2, failures: 1, succeeded: 1, ignored: 0 });
});

test('each violation is caught', () => {
  const check = (tasks, logText, pattern, killed) => assert.throws(() => checkInvariants({ tasks, logText, maxRetry: 3, killed }), pattern);
  const ok = task('succeeded', 0, history());
  check([ok], lines(start('w1:0', 1), end('w1:0', 5, 'ok'), start('w2:0', 4), end('w2:0', 6, 'ok')), /started before w1:0 ended/);
  check([ok], lines(start('w1:0', 1, { fence: 2 }), end('w1:0', 2, 'fail'), start('w2:0', 3, { fence: 1, retry: 1 }), end('w2:0', 4, 'ok')), /fences out of order/);
  check([ok], lines(start('w1:0', 1), end('w1:0', 2, 'fail'), start('w2:0', 3, { retry: 1 }), end('w2:0', 4, 'ok')), /error history vs failures/);
  check([task('succeeded', 0, history('w2'))], lines(start('w1:0', 1), end('w1:0', 2, 'fail'), start('w2:0', 3, { retry: 1 }), end('w2:0', 4, 'ok')), /history 0/);
  check([ok], lines(start('w1:0', 1), end('w1:0', 2, 'ok'), start('w2:0', 3), end('w2:0', 4, 'ok')), /succeeded/);
  check([task('failed', 1, history('w1'))], lines(start('w1:0', 1), end('w1:0', 2, 'fail')), /is failed/);
  check([task('ignored', 2, history('w1', 'w1'))], lines(start('w1:0', 1), end('w1:0', 2, 'fail'), start('w1:1', 3, { retry: 1 }), end('w1:1', 4, 'fail')), /ignored/);
  check([ok], lines(start('w1:0', 1)), /never ended/);
  check([ok], lines(start('w1:0', 1), start('w2:0', 3), end('w2:0', 4, 'ok')), /started before w1:0 ended/, { body: 'w1:0', t: 3.5 });
  check([ok], lines(start('w1:0', 1), end('w1:0', 2, 'ok'), start('w2:0', 3, { retry: 1 })), /saw retry 1 after 0 failures/, { body: 'w2:0', t: 9 });
});
