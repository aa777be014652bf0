// Status tracker throughput against DynamoDB Local, 8 workers (async, one process), next to the raw
// rate of the conditional UpdateItem it is made of, measured in the same run on the same server.
// Prints a table and writes bench/results/tracker.json.
//
//   scripts/servers.sh start; set -a; . target/servers.env; set +a; node bench/tracker.mjs [--quick | --smoke]
// (--smoke: 40 tasks, checks that it runs, writes no results)
import { mkdirSync, writeFileSync } from 'node:fs';
import { DynamoDBClient, UpdateItemCommand } from '@aws-sdk/client-dynamodb';
import { StatusTracker } from '../js/node.mjs';

const endpoint = process.env.DDB_LOCAL_ENDPOINT;
if (!endpoint) throw new Error('DDB_LOCAL_ENDPOINT is not set (scripts/servers.sh start; set -a; . target/servers.env; set +a)');
const smoke = process.argv.includes('--smoke');
const N = smoke ? 40 : process.argv.includes('--quick') ? 400 : 2000;
const WORKERS = 8;
const client = new DynamoDBClient({ region: 'us-east-1', endpoint, credentials: { accessKeyId: 'test', secretAccessKey: 'test' } });
const suffix = `${Date.now().toString(36)}`;

/** Runs `op(i)` for i in 0..n-1 on `WORKERS` concurrent lanes; returns ops per second. */
async function rate(n, op) {
  let next = 0;
  const t0 = performance.now();
  await Promise.all(Array.from({ length: WORKERS }, async () => {
    while (next < n) await op(next++);
  }));
  return n / ((performance.now() - t0) / 1000);
}

// The tracker: N pending tasks, run by 8 concurrent run() calls (lock + final write per task), then
// N more drained by work({ concurrency: 8 }) (which also finds them through the sharded index).
const tracker = new StatusTracker({ client, table: `bench-tracker-${suffix}`, useCaseId: 'bench', shards: { pending: 4 } });
await tracker.createTable({ wait: true });
const ids = (prefix) => Array.from({ length: N }, (_, i) => `${prefix}-${i}`);

// Raw: the same two conditional UpdateItems a run() sends (lock, then the final write), recorded
// from one task and replayed by hand with the SDK for each task, on the same table (same index).
// What separates the two rates is then the tracker's own work, not the server's.
const recorder = new DynamoDBClient({ region: 'us-east-1', endpoint, credentials: { accessKeyId: 'test', secretAccessKey: 'test' } });
const sent = [];
recorder.middlewareStack.add((next, context) => (args) => {
  if (context.commandName === 'UpdateItemCommand') sent.push(structuredClone(args.input));
  return next(args);
}, { step: 'initialize' });
const probe = new StatusTracker({ client: recorder, table: tracker.Model.tableName, useCaseId: 'bench', shards: { pending: 4 } });
await probe.create('probe');
await probe.run('probe', () => {});
recorder.destroy();
if (sent.length !== 2) throw new Error(`run() sent ${sent.length} UpdateItems, expected 2`);
const [lockInput, finishInput] = sent;
const probeKey = lockInput.Key.key.S;
// Warm-up (JIT here and in DynamoDB Local), so that neither measurement pays for it alone.
const warmIds = ids('warm').slice(0, Math.max(8, N / 4));
await tracker.createMany(warmIds, { overwrite: true });
await rate(warmIds.length, (i) => tracker.run(warmIds[i], () => {}));
const rawIds = ids('raw');
await tracker.createMany(rawIds, { overwrite: true });
const replay = (input, taskId) => client.send(new UpdateItemCommand({ ...input, Key: { key: { S: probeKey.replace(/probe$/, taskId) } } }));
const rawRate = await rate(N, async (i) => {
  await replay(lockInput, rawIds[i]);
  await replay(finishInput, rawIds[i]);
}) * 2;

await tracker.createMany(ids('run'), { overwrite: true });
const runIds = ids('run');
const runRate = await rate(N, (i) => tracker.run(runIds[i], () => {}));
await tracker.createMany(ids('work'), { overwrite: true });
const t0 = performance.now();
const stats = await tracker.work({ concurrency: WORKERS, drain: true, idleMs: { min: 10, max: 50 } }, () => {});
const workRate = N / ((performance.now() - t0) / 1000);
if (stats.succeeded !== N) throw new Error(`work() finished ${stats.succeeded} of ${N} tasks`);

await tracker.deleteTable();
client.destroy();

const results = {
  node: process.version, backend: 'DynamoDB Local', workers: WORKERS, tasks: N,
  rawConditionalUpdatesPerSecond: rawRate, runTasksPerSecond: runRate, workTasksPerSecond: workRate, workRefusedClaims: stats.skipped,
};
console.log(`| ${WORKERS} concurrent workers, DynamoDB Local, ${N} items each | per second |`);
console.log('| --- | ---: |');
console.log(`| raw conditional UpdateItem (the run() pair replayed by hand, same table) | ${rawRate.toFixed(0)} |`);
console.log(`| tracker.run() tasks (lock + final write: 2 conditional UpdateItems each) | ${runRate.toFixed(0)} |`);
console.log(`| tracker.work() tasks (+ finding them on 4 index shards; ${stats.skipped} refused claims) | ${workRate.toFixed(0)} |`);
if (!smoke) {
  mkdirSync(new URL('./results/', import.meta.url), { recursive: true });
  writeFileSync(new URL('./results/tracker.json', import.meta.url), `${JSON.stringify(results, null, 2)}\n`);
}
