// Soak: concurrent mixed operations for SOAK_SECONDS (default 15 by hand; scripts/test.sh runs 120)
// on DynamoDB Local + moto S3 over loopback: puts (plain, compressed, encrypted), S3-backed writes in
// both layouts, updates (some uploading), reads, queries, deletes, and status-tracker tasks through
// run() and work().
// Each worker owns its items (one writer per item), so a JS ledger knows the last acknowledged value
// of every key; a failed write leaves the key uncertain (old or new value) until it is read back.
// The audit at the end: every acknowledged write reads back equal, nothing unknown is stored, every
// S3 reference resolves, every unreferenced object is explained (a superseded content-addressed value
// or a failed write) and is what the orphan collector reports, nothing within its grace period, and
// every tracker task succeeded once with its data. Throughput and error counts go to the test output
// and to target/test-logs/soak.json. A test, not a benchmark: no timing is asserted.
import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { test } from 'node:test';
import { CreateBucketCommand } from '@aws-sdk/client-s3';
import { backends, uniqueName } from '../support/endpoints.mjs';
import { PREFIXES, comparable, mixedModel, mixedValues, seeded, valuesOf } from './support/mixed-model.mjs';
import { listObjects, missingObjects, removeBucket, storedReferences } from './support/s3-audit.mjs';
import { StatusTracker, codec } from '../../js/node.mjs';

const SECONDS = Number(process.env.SOAK_SECONDS ?? 15);
const WORKERS = Number(process.env.SOAK_WORKERS ?? 6);
const SEED = Number(process.env.SOAK_SEED ?? 8080);
const KEYS_PER_WORKER = 8;
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
const REPORT = fileURLToPath(new URL('../../target/test-logs/soak.json', import.meta.url));
const OPS = ['put', 's3Write', 'update', 's3Update', 'read', 'query', 'delete', 'trackerRun', 'trackerWork'];

/** Per operation: count, errors, total milliseconds; the first few errors and read mismatches. */
function makeStats() {
  const stats = Object.fromEntries(OPS.map((op) => [op, { count: 0, errors: 0, ms: 0 }]));
  return { stats, errors: [], mismatches: [] };
}

/** The S3 URIs a value of the mixed model references, as the attributes derive them. */
function urisOf(bucket, v) {
  const uris = [];
  if (v.doc !== null) uris.push(`s3://${bucket}/${PREFIXES.content}/bigtext/${codec.sha256Hex(v.doc)}.txt`);
  const itemKey = (attr, bytes) => `s3://${bucket}/${PREFIXES.item}/pk=${v.owner}/sk=${v.key}/attr=${attr}/md5=${codec.md5Hex(bytes)}`;
  if (v.blob !== null) uris.push(itemKey('blob', v.blob));
  if (v.meta !== null) uris.push(itemKey('meta', codec.pythonJsonDumps(v.meta)));
  return uris;
}

test(`soak: ${SECONDS} s of concurrent mixed operations, then a consistency audit`, { timeout: SECONDS * 1000 + 180_000 }, async (t) => {
  const [ddb, moto] = backends();
  const table = uniqueName('soak');
  const taskTable = uniqueName('soak-tasks');
  const bucket = uniqueName('soak');
  await moto.s3.send(new CreateBucketCommand({ Bucket: bucket }));
  const Mixed = mixedModel({ table, bucket, dynamodb: ddb.dynamodb, s3: moto.s3 });
  const trackers = {
    run: new StatusTracker({ client: ddb.dynamodb, table: taskTable, useCaseId: 'soak-run', shards: { pending: 2 } }),
    work: new StatusTracker({ client: ddb.dynamodb, table: taskTable, useCaseId: 'soak-work', shards: { pending: 2 } }),
  };
  await Promise.all([Mixed.createTable({ wait: true }), trackers.run.createTable({ wait: true })]);

  const { stats, errors, mismatches } = makeStats();
  /** `owner/key` → `{ value }` (null: absent) or `{ uncertain: [before, after] }`. */
  const ledger = new Map();
  const attempted = new Set(); // URIs of every S3 write started
  const failed = new Set(); // URIs of S3 writes whose item write failed (or whose outcome is unknown)
  const tasks = { run: new Map(), work: new Map() }; // taskId → expected data

  const timed = async (op, fn) => {
    const start = performance.now();
    try {
      return await fn();
    } catch (error) {
      stats[op].errors += 1;
      if (errors.length < 20) errors.push(`${op}: ${error.name} ${error.code ?? ''} ${error.message}`);
      throw error;
    } finally {
      stats[op].count += 1;
      stats[op].ms += performance.now() - start;
    }
  };
  const mismatch = (what, got, want) => {
    if (mismatches.length < 20) mismatches.push({ what, got, want });
  };
  const same = (a, b) => {
    try {
      assert.deepEqual(a === null ? null : comparable(a), b === null ? null : comparable(b));
      return true;
    } catch {
      return false;
    }
  };

  /** Reads an uncertain key back: it must hold one of the two values. */
  async function settle(owner, key) {
    const id = `${owner}/${key}`;
    const got = await Mixed.getOneOrNone(owner, key, { consistentRead: true });
    const match = ledger.get(id).uncertain.find((v) => same(got, v));
    if (match === undefined) mismatch(`${id} after a failed write`, got && comparable(got), ledger.get(id).uncertain.map((v) => v && comparable(v)));
    ledger.set(id, { value: match ?? (got && valuesOf(got)) });
  }

  /** A write of `after` (null: delete); on failure the key becomes uncertain. */
  async function write(op, owner, key, before, after, fn) {
    const id = `${owner}/${key}`;
    const uris = after ? urisOf(bucket, after) : [];
    for (const u of uris) attempted.add(u);
    try {
      const result = await timed(op, fn);
      ledger.set(id, { value: after });
      return result;
    } catch {
      for (const u of uris) failed.add(u);
      ledger.set(id, { uncertain: [before, after] });
      return undefined;
    }
  }

  async function worker(w) {
    const rng = seeded(SEED + w);
    const owner = `w${w}`;
    const keys = Array.from({ length: KEYS_PER_WORKER }, (_, i) => `k${i}`);
    let seq = 0;
    while (performance.now() < deadline) {
      const key = rng.pick(keys);
      const id = `${owner}/${key}`;
      const entry = ledger.get(id) ?? { value: null };
      if (entry.uncertain) {
        await settle(owner, key).catch(() => {});
        continue;
      }
      const before = entry.value;
      const roll = rng.next();
      if (roll < 0.2 || (before === null && roll < 0.5)) {
        const after = { ...mixedValues(rng, owner, key, ++seq), doc: null, blob: null, meta: null };
        await write('put', owner, key, before, after, () => Mixed.create(after).save());
      } else if (roll < 0.5 || before === null) {
        const after = mixedValues(rng, owner, key, ++seq);
        await write('s3Write', owner, key, before, after, () => Mixed.create(after).save());
      } else if (roll < 0.58) {
        // An update that uploads: the new blob goes to S3 first, the replaced objects go after it.
        const { blob } = mixedValues(rng, owner, key, ++seq);
        const after = { ...before, blob, meta: null };
        const actions = blob === null ? [Mixed.attr.blob.remove()] : [Mixed.attr.blob.set(blob)];
        const fresh = await write('s3Update', owner, key, before, after,
          () => Mixed.create(before).update([...actions, Mixed.attr.meta.remove()], { condition: Mixed.attr.owner.exists() }));
        if (fresh && !same(fresh, after)) mismatch(`${id} as the S3 update returned it`, comparable(fresh), comparable(after));
      } else if (roll < 0.65) {
        const after = { ...before, n: before.n + 1, title: `${key} updated ${seq}` };
        const fresh = await write('update', owner, key, before, after,
          () => Mixed.create(before).update([Mixed.attr.n.add(1), Mixed.attr.title.set(after.title)], { condition: Mixed.attr.owner.exists() }));
        if (fresh && !same(fresh, after)) mismatch(`${id} as update returned it`, comparable(fresh), comparable(after));
      } else if (roll < 0.8) {
        const got = await timed('read', () => Mixed.get(owner, key, { consistentRead: true })).catch(() => undefined);
        if (got && !same(got, before)) mismatch(`${id} read`, comparable(got), comparable(before));
      } else if (roll < 0.95) {
        const got = await timed('query', async () => {
          const list = [];
          for await (const item of Mixed.query(owner, { consistentRead: true, attributes: ['key', 'title', 'n'] })) list.push(item);
          return list;
        }).catch(() => undefined);
        if (got) {
          const want = keys.map((k) => ledger.get(`${owner}/${k}`)).filter((e) => e?.value).map((e) => `${e.value.key} ${e.value.n} ${e.value.title}`);
          const have = got.map((i) => `${i.key} ${i.n} ${i.title}`);
          // Keys left uncertain by a failed write may hold either value: compare the certain ones.
          const certain = (k) => !ledger.get(`${owner}/${k.split(' ')[0]}`)?.uncertain;
          if (JSON.stringify(have.filter(certain).sort()) !== JSON.stringify(want.filter(certain).sort())) mismatch(`${owner} query`, have, want);
        }
      } else {
        await write('delete', owner, key, before, null, () => Mixed.create(before).delete());
      }
    }
  }

  /** Tasks through run(): created one by one, run, some failing once and then run again. */
  async function runLane() {
    let i = 0;
    while (performance.now() < deadline) {
      const taskId = `r${++i}`;
      await trackers.run.create(taskId, { data: { i } });
      const failFirst = i % 7 === 0;
      const body = async (ctx) => {
        if (failFirst && ctx.task.retry === 0) throw new Error('first attempt fails');
        ctx.setData({ ...ctx.task.data, done: true });
        return ctx.task.data.i;
      };
      if (failFirst) {
        // The body's own failure is recorded on the task and rethrown: expected, not an error here.
        await timed('trackerRun', () => trackers.run.run(taskId, body).catch((e) => {
          if (e.message !== 'first attempt fails') throw e;
        })).catch(() => undefined);
      }
      const out = await timed('trackerRun', () => trackers.run.run(taskId, body)).catch(() => undefined);
      tasks.run.set(taskId, { i, done: true });
      if (out !== i) mismatch(`task ${taskId} result`, out, i);
    }
  }

  /** Tasks through work(): batches created, then drained by 3 concurrent bodies. */
  async function workLane() {
    let i = 0;
    while (performance.now() < deadline) {
      const batch = Array.from({ length: 8 }, () => ({ taskId: `b${++i}`, data: { i } }));
      await trackers.work.createMany(batch);
      const done = await timed('trackerWork', () => trackers.work.work({ concurrency: 3, drain: true, idleMs: { min: 20, max: 100 } }, async (ctx) => {
        if (ctx.task.data.i % 5 === 0 && ctx.task.retry === 0) throw new Error('first attempt fails');
        ctx.setData({ ...ctx.task.data, done: true });
      })).catch(() => undefined);
      for (const task of batch) tasks.work.set(task.taskId, { ...task.data, done: true });
      if (done && done.succeeded !== batch.length) mismatch('work() batch', done, batch.length);
    }
  }

  const start = performance.now();
  const deadline = start + SECONDS * 1000;
  try {
    await Promise.all([...Array.from({ length: WORKERS }, (_, w) => worker(w)), runLane(), workLane()]);
    const elapsed = (performance.now() - start) / 1000;

    // ---- report (written before the audit, so that a failing run has its numbers too) -----------
    const report = {
      seconds: Number(elapsed.toFixed(1)),
      workers: WORKERS,
      seed: SEED,
      ops: Object.fromEntries(OPS.map((op) => [op, {
        count: stats[op].count,
        perSecond: Number((stats[op].count / elapsed).toFixed(1)),
        errors: stats[op].errors,
        meanMs: stats[op].count ? Number((stats[op].ms / stats[op].count).toFixed(1)) : null,
      }])),
      totalPerSecond: Number((OPS.reduce((n, op) => n + stats[op].count, 0) / elapsed).toFixed(1)),
      tasks: { run: tasks.run.size, work: tasks.work.size, perSecond: Number(((tasks.run.size + tasks.work.size) / elapsed).toFixed(1)) },
      errors,
      mismatches,
    };
    const save = () => {
      mkdirSync(dirname(REPORT), { recursive: true });
      writeFileSync(REPORT, `${JSON.stringify(report, null, 2)}\n`);
    };
    save();
    t.diagnostic(`soak ${report.seconds} s, ${WORKERS} workers + 2 tracker lanes: ${report.totalPerSecond} ops/s (report: target/test-logs/soak.json)`);
    for (const op of OPS) t.diagnostic(`  ${op}: ${report.ops[op].count} (${report.ops[op].perSecond}/s, mean ${report.ops[op].meanMs} ms), ${report.ops[op].errors} errors`);
    t.diagnostic(`  tracker tasks done: ${tasks.run.size} by run(), ${tasks.work.size} by work() (${report.tasks.perSecond}/s; trackerWork counts drained batches of 8)`);

    // ---- audit --------------------------------------------------------------------------------
    for (const [id, entry] of ledger) if (entry.uncertain) await settle(...id.split('/'));
    const stored = new Map();
    for await (const item of Mixed.scan({ consistentRead: true })) stored.set(`${item.owner}/${item.key}`, item);
    const expected = [...ledger].filter(([, e]) => e.value !== null);
    for (const [id, { value }] of expected) {
      assert.ok(stored.has(id), `${id}: acknowledged, not stored`);
      assert.deepEqual(comparable(stored.get(id)), comparable(value), `${id}: the stored item is the last acknowledged write`);
    }
    assert.deepEqual([...stored.keys()].sort(), expected.map(([id]) => id).sort(), 'nothing else is stored');

    const refs = await storedReferences(ddb.dynamodb, table, ['owner', 'key']);
    assert.deepEqual(await missingObjects(moto.s3, refs.keys()), [], 'every S3 reference resolves');
    for (const uri of refs.keys()) assert.ok(attempted.has(uri), `${uri}: referenced, but no write made it`);
    const objects = [...await listObjects(moto.s3, bucket, `${PREFIXES.content}/`), ...await listObjects(moto.s3, bucket, `${PREFIXES.item}/`)];
    const unreferenced = objects.filter((o) => !refs.has(o.uri)).map((o) => o.uri).sort();
    report.audit = { items: stored.size, s3Objects: objects.length, referenced: refs.size, unreferenced: unreferenced.length, failedWrites: failed.size };
    save();
    t.diagnostic(`  items ${stored.size}, tasks ${tasks.run.size + tasks.work.size}, S3 objects ${objects.length} (${unreferenced.length} unreferenced)`);
    const unexplained = unreferenced.filter((uri) => (uri.includes(`/${PREFIXES.content}/`) ? !attempted.has(uri) : !failed.has(uri)));
    assert.deepEqual(unexplained, [], "unreferenced objects are superseded content-addressed values or failed writes' uploads");
    const young = await Mixed.collectS3Orphans({ dryRun: true });
    assert.equal(young.orphans, 0, 'nothing is an orphan within the grace period');
    // LastModified has whole seconds: an object of the last second is not older than `olderThan: 0` yet.
    await sleep(1_500);
    const dry = await Mixed.collectS3Orphans({ olderThan: 0, dryRun: true });
    assert.deepEqual([...dry.uris].sort(), unreferenced, 'the collector reports exactly the unreferenced objects');

    for (const [name, expectedTasks] of Object.entries(tasks)) {
      for (const [taskId, data] of expectedTasks) {
        const task = await trackers[name].get(taskId);
        assert.equal(task.statusName, 'succeeded', `${name} task ${taskId}`);
        assert.deepEqual(task.data, data, `${name} task ${taskId} data`);
      }
      assert.equal(await trackers[name].countByStatus('succeeded'), expectedTasks.size);
    }
    assert.deepEqual(mismatches, [], 'every read during the soak saw the last acknowledged write');
  } finally {
    await Promise.all([Mixed.deleteTable(), trackers.run.deleteTable()]);
    await removeBucket(moto.s3, bucket);
  }
});
