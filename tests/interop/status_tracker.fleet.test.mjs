// Mixed fleet (issue 5 "Proof"): pynamodb_mate 6.0.1.1 workers (Python, status_tracker.py `work`) and
// StatusTracker workers (Node, js/tracker/fleet/worker.mjs) drain one table together, with injected
// failures; the contention invariants hold (js/tracker/fleet/invariants.mjs). DynamoDB Local and moto.
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { eachBackend, uniqueName } from '../support/endpoints.mjs';
import { StatusTracker } from '../../js/node.mjs';
import { checkInvariants } from '../../js/tracker/fleet/invariants.mjs';
import { finished, nodeWorker, pythonWorker } from '../../js/tracker/fleet/processes.mjs';

const TASKS = 120;
// The lease is long enough that no lock can expire within the run. No worker dies here (lock expiry
// and takeover are proven by js/tracker/contention.test.mjs and locks.integration.test.mjs), so an
// overlap of two bodies of a task is always a violation. With the former 5 s, a loaded moto once
// answered a lock request so late that its lock_time (taken when the request was made) had expired
// by the time it was written: another worker legitimately took the task over, and the late worker
// still ran its body (task-12: node-2:3, fence 1, started after node-1:5, fence 2). The Node
// workers now renew such a stale lease before running the body (run.mjs freshLease); pynamodb_mate
// 6.0.1.1 workers do not, hence the long lease rather than a tighter invariant.
const TRACKER = { shards: { pending: 3, failed: 2 }, maxRetry: 3, lockExpireSeconds: 60, heartbeatSeconds: 1 };

eachBackend('mixed fleet: 2 pynamodb_mate 6.0.1.1 workers and 2 Node processes × 3 workers drain one table', async (backend, t) => {
  const table = uniqueName('tracker-fleet');
  const tracker = new StatusTracker({ client: backend.dynamodb, table, useCaseId: 'fleet', ...TRACKER });
  await tracker.createTable({ wait: true });
  try {
    const ids = Array.from({ length: TASKS }, (_, i) => `task-${i}`);
    await tracker.createMany(ids, { overwrite: true });
    const log = join(mkdtempSync(join(tmpdir(), 'tracker-fleet-')), 'bodies.log');
    const py = ['py-1', 'py-2'].map((worker) => pythonWorker({
      table, use_case_id: 'fleet', shards: TRACKER.shards, lock_expire_seconds: TRACKER.lockExpireSeconds,
      ops: [{ op: 'work', log, worker, fail_rate: 0.25 }],
    }, backend.endpoint));
    const node = ['node-1', 'node-2'].map((worker) => nodeWorker({
      endpoint: backend.endpoint, table, useCaseId: 'fleet', tracker: TRACKER, log, worker, concurrency: 3, failRate: 0.25,
    }));
    const [pyStats, nodeStats] = await Promise.all([Promise.all(py.map(finished)), Promise.all(node.map(finished))]);

    const tasks = [];
    for (const id of ids) tasks.push(await tracker.get(id));
    const logText = readFileSync(log, 'utf8');
    const totals = checkInvariants({ tasks, logText, maxRetry: TRACKER.maxRetry });
    assert.equal(totals.succeeded + totals.ignored, TASKS);
    const pyBodies = logText.split('\n').filter((l) => l.includes('"event": "start"')).length;
    const nodeBodies = logText.split('\n').filter((l) => l.includes('"event":"start"')).length;
    assert.ok(pyBodies > 5 && nodeBodies > 5, `both languages worked: ${pyBodies} Python and ${nodeBodies} Node bodies`);
    const histories = tasks.flatMap((task) => task.errors.history.map((e) => e.error));
    assert.ok(histories.some((e) => e.startsWith('ValueError(')) && histories.some((e) => e.startsWith('Error(')), 'both languages recorded failures');
    t.diagnostic(`${backend.name}: ${totals.bodies} bodies (${pyBodies} Python, ${nodeBodies} Node), ${totals.failures} failed; `
      + `Python ${JSON.stringify(pyStats.map((s) => s[0]))}, Node ${JSON.stringify(nodeStats)}`);
  } finally {
    await tracker.deleteTable();
  }
}, { timeout: 120_000 });
