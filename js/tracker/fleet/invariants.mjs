// The contention proofs' invariants, checked from the workers' shared log (what each body did and
// when) against the final table: every task finished, no two bodies of a task overlapped, fences
// grew, and the retry counts and error histories are exactly the failures the log records.
import assert from 'node:assert/strict';

/** The log's bodies per task: `{ task: [{ body, worker, start, end, outcome, fence, retry }] }` in start order. */
export function bodiesByTask(logText, killed) {
  const bodies = new Map();
  for (const line of logText.split('\n').filter(Boolean)) {
    const e = JSON.parse(line);
    if (e.event === 'start') bodies.set(e.body, { body: e.body, task: e.task, worker: e.worker, start: e.t, fence: e.fence, retry: e.retry });
    else Object.assign(bodies.get(e.body), { end: e.t, outcome: e.outcome });
  }
  const byTask = {};
  for (const b of bodies.values()) {
    if (b.end === undefined) {
      assert.ok(killed && b.body === killed.body, `body ${b.body} of ${b.task} never ended and was not killed`);
      b.end = killed.t;
      b.outcome = 'killed';
    }
    (byTask[b.task] ??= []).push(b);
  }
  for (const list of Object.values(byTask)) list.sort((a, b) => a.start - b.start);
  return byTask;
}

/**
 * Asserts the invariants for `tasks` (full tasks read after the run). Returns totals for the report.
 * `maxRetry`: the tracker's; `killed`: `{ body, t }` of the killed worker's body, if any.
 */
export function checkInvariants({ tasks, logText, maxRetry, killed }) {
  const byTask = bodiesByTask(logText, killed);
  const totals = { bodies: 0, failures: 0, succeeded: 0, ignored: 0 };
  for (const task of tasks) {
    const bodies = byTask[task.taskId] ?? [];
    const where = `task ${task.taskId}`;
    assert.ok(['succeeded', 'ignored'].includes(task.statusName), `${where} is ${task.statusName}`);
    assert.equal(task.lock, null, `${where} is still locked`);
    for (let i = 1; i < bodies.length; i++) {
      assert.ok(bodies[i - 1].end <= bodies[i].start, `${where}: body ${bodies[i].body} started before ${bodies[i - 1].body} ended`);
    }
    const fenced = bodies.filter((b) => b.fence !== undefined).map((b) => b.fence);
    assert.deepEqual(fenced, [...fenced].sort((a, b) => a - b), `${where}: fences out of order`);
    assert.equal(new Set(fenced).size, fenced.length, `${where}: a fence was handed out twice`);

    const failures = bodies.filter((b) => b.outcome === 'fail');
    const history = task.errors.history;
    assert.equal(history.length, failures.length, `${where}: error history vs failures in the log`);
    history.forEach((entry, i) => {
      assert.equal(entry.nth_retry, i + 1, `${where}: nth_retry`);
      assert.match(entry.error, new RegExp(`^(Value)?Error\\('injected by ${failures[i].worker}'\\)$`), `${where}: history ${i}`);
    });
    let failed = 0;
    for (const b of bodies) {
      assert.equal(b.retry, failed, `${where}: body ${b.body} saw retry ${b.retry} after ${failed} failures`);
      if (b.outcome === 'fail') failed += 1;
    }
    const oks = bodies.filter((b) => b.outcome === 'ok').length;
    if (task.statusName === 'succeeded') {
      assert.deepEqual([oks, bodies.at(-1).outcome, task.retry], [1, 'ok', 0], `${where}: succeeded`);
    } else {
      assert.deepEqual([oks, failures.length, task.retry], [0, maxRetry, maxRetry], `${where}: ignored`);
    }
    totals.bodies += bodies.length;
    totals.failures += failures.length;
    totals[task.statusName] += 1;
  }
  return totals;
}
