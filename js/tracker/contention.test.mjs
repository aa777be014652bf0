// Contention proof (issue 5): 2 worker processes × 4 concurrent workers drain 200 tasks with random
// injected failures, while a third process is killed holding a lock. The invariants are checked from
// the workers' own append-only log (fleet/invariants.mjs), against DynamoDB Local and moto.
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { eachBackend, uniqueName } from '../../tests/support/endpoints.mjs';
import { StatusTracker } from '../node.mjs';
import { checkInvariants } from './fleet/invariants.mjs';
import { finished, nodeWorker } from './fleet/processes.mjs';

const TASKS = 200;
// A lock expiry short enough that the killed worker's task is recovered within the test, and long
// enough that a live worker's lease cannot expire under load: its lock_time is taken when the lock
// request is made, and a loaded moto has answered a lock request more than 5 s later (seen in the
// mixed fleet). A late lease is renewed before the body runs (run.mjs freshLease), or, if another
// worker took it over meanwhile, given up and counted as lost, which the `lost === 0` assertion
// below would then report; before that fix it was an overlap of two bodies. The heartbeat keeps
// the live workers' locks.
const TRACKER = { shards: { pending: 4, failed: 2, succeeded: 2 }, maxRetry: 3, lockExpireSeconds: 10, heartbeatSeconds: 1 };

eachBackend('contention: 8 workers in 2 processes + 1 killed worker, 200 tasks, injected failures', async (backend, t) => {
  const table = uniqueName('tracker-contention');
  const tracker = new StatusTracker({ client: backend.dynamodb, table, useCaseId: 'proof', ...TRACKER });
  await tracker.createTable({ wait: true });
  try {
    const ids = Array.from({ length: TASKS }, (_, i) => `task-${i}`);
    await tracker.createMany(ids, { overwrite: true });
    const log = join(mkdtempSync(join(tmpdir(), 'tracker-contention-')), 'bodies.log');
    const spec = { endpoint: backend.endpoint, table, useCaseId: 'proof', tracker: TRACKER, log, failRate: 0.25 };

    // The crash: a worker takes a task and is killed while its body holds the lock.
    const doomed = nodeWorker({ ...spec, worker: 'doomed', crash: true });
    const [, heldTask] = (await doomed.line(/^holding /)).split(' ');
    doomed.child.kill('SIGKILL');
    const killed = { body: 'doomed:0', t: performance.timeOrigin + performance.now() };
    assert.equal((await doomed.done).signal, 'SIGKILL');

    const started = Date.now();
    const workers = ['node-1', 'node-2'].map((worker) => nodeWorker({ ...spec, worker, concurrency: 4 }));
    const stats = await Promise.all(workers.map(finished));
    const seconds = (Date.now() - started) / 1000;

    const tasks = [];
    for (const id of ids) tasks.push(await tracker.get(id));
    const totals = checkInvariants({ tasks, logText: readFileSync(log, 'utf8'), maxRetry: TRACKER.maxRetry, killed });
    assert.equal(totals.succeeded + totals.ignored, TASKS);
    assert.ok(totals.failures > 20, `${totals.failures} injected failures`);
    const recovered = tasks.find((task) => task.taskId === heldTask);
    assert.ok(recovered.fence >= 2, 'the killed worker\'s task was taken over');
    const sum = (k) => stats.reduce((a, s) => a + s[k], 0);
    assert.equal(sum('succeeded'), totals.succeeded);
    assert.equal(sum('ignored'), totals.ignored);
    assert.equal(sum('lost'), 0, 'the heartbeats kept every live lock');
    t.diagnostic(`${backend.name}: ${totals.bodies} bodies (${totals.failures} failed, ${sum('skipped')} refused claims) in ${seconds.toFixed(1)} s`);
  } finally {
    await tracker.deleteTable();
  }
}, { timeout: 120_000 });
