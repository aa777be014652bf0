// A worker process of the contention proofs (contention.test.mjs, tests/interop/status_tracker.fleet.test.mjs):
// it drains a tracker table with work(), appending each body's start and end to a shared log that
// the test reads back, independently of the table. `crash` mode claims one task and hangs in its
// body (with its heartbeat running) until the test kills the process.
//
//   node js/tracker/fleet/worker.mjs '{"endpoint","table","useCaseId","tracker":{...},"log","worker","concurrency","failRate","crash"}'
import { appendFileSync } from 'node:fs';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { StatusTracker } from '../../node.mjs';

const spec = JSON.parse(process.argv[2]);
const client = new DynamoDBClient({
  region: 'us-east-1', endpoint: spec.endpoint, credentials: { accessKeyId: 'test', secretAccessKey: 'test' }, maxAttempts: 10,
});
const tracker = new StatusTracker({ client, table: spec.table, useCaseId: spec.useCaseId, ...spec.tracker });
let bodies = 0;

/** One log line; appends of < 4 KiB with O_APPEND do not interleave between processes. */
const log = (event) => appendFileSync(spec.log, `${JSON.stringify({ ...event, worker: spec.worker, t: performance.timeOrigin + performance.now() })}\n`);

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

if (spec.crash) {
  await tracker.work({ concurrency: 1 }, async (ctx) => {
    log({ event: 'start', task: ctx.taskId, body: `${spec.worker}:0`, fence: ctx.fence, retry: ctx.task.retry });
    process.stdout.write(`holding ${ctx.taskId}\n`);
    await new Promise(() => {}); // never returns: the test sends SIGKILL
  });
}

const stats = await tracker.work({ concurrency: spec.concurrency, drain: true, idleMs: { min: 20, max: 200 } }, async (ctx) => {
  const body = `${spec.worker}:${bodies++}`;
  log({ event: 'start', task: ctx.taskId, body, fence: ctx.fence, retry: ctx.task.retry });
  await sleep(2 + Math.random() * 13);
  const fail = Math.random() < spec.failRate;
  log({ event: 'end', task: ctx.taskId, body, outcome: fail ? 'fail' : 'ok' });
  if (fail) throw new Error(`injected by ${spec.worker}`);
});
process.stdout.write(`${JSON.stringify(stats)}\n`);
client.destroy();
