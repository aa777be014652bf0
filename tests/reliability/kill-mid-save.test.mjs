// A process killed mid-save: a child process saves, updates and deletes items with every attribute
// kind (plain, compressed, encrypted aead and pynamodb_mate, S3-backed in layouts 'content' and
// 'item') on DynamoDB Local + moto S3, and is SIGKILLed after a seeded random delay, several times.
// Whatever the moment of the kill (between an upload and the item write, between an item write and
// the deletion of a replaced object, mid-request), afterwards every stored item decodes, every S3
// reference resolves, and every object nothing references is found by the orphan collector.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { test } from 'node:test';
import { CreateBucketCommand } from '@aws-sdk/client-s3';
import { backends, uniqueName } from '../support/endpoints.mjs';
import { PREFIXES, mixedModel, seeded } from './support/mixed-model.mjs';
import { listObjects, missingObjects, removeBucket, storedReferences } from './support/s3-audit.mjs';

const CHILD = fileURLToPath(new URL('./support/save-stream.mjs', import.meta.url));
const ITERATIONS = 8;
const SEED = Number(process.env.KILL_SEED ?? 20261126);
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/** Runs the child until its first acknowledged write, waits `delayMs`, SIGKILLs it; returns its acks. */
async function killMidStream(config, delayMs) {
  const child = spawn(process.execPath, [CHILD], {
    env: { ...process.env, SAVE_STREAM: JSON.stringify(config) },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr.on('data', (d) => { stderr += d; });
  const exited = once(child, 'exit');
  let acks = 0;
  const ready = new Promise((resolve) => {
    createInterface({ input: child.stdout }).on('line', (line) => {
      if (line === 'ready') resolve(true);
      if (line.startsWith('ack ')) acks += 1;
    });
    exited.then(() => resolve(false));
  });
  assert.ok(await ready, `the save stream ended before its first write: ${stderr}`);
  await sleep(delayMs);
  child.kill('SIGKILL');
  const [code, signal] = await exited;
  assert.equal(signal, 'SIGKILL', `the save stream was still running when killed (exit ${code}): ${stderr}`);
  return acks;
}

test('SIGKILL at random points of a stream of saves: items decode, S3 references resolve, orphans are collectable', { timeout: 180_000 }, async (t) => {
  const [ddb, moto] = backends();
  const table = uniqueName('kill-save');
  const bucket = uniqueName('kill-save');
  await moto.s3.send(new CreateBucketCommand({ Bucket: bucket }));
  const Mixed = mixedModel({ table, bucket, dynamodb: ddb.dynamodb, s3: moto.s3 });
  await Mixed.createTable({ wait: true });
  try {
    const rng = seeded(SEED);
    t.diagnostic(`seed ${SEED} (KILL_SEED=${SEED} repeats these delays)`);
    let acks = 0;
    for (let i = 0; i < ITERATIONS; i++) {
      const delay = 20 + rng.int(1500);
      const config = { table, bucket, seed: SEED + i, owner: 'stream', keys: 12, lanes: 4 };
      acks += await killMidStream(config, delay);
    }
    t.diagnostic(`${ITERATIONS} kills after ${acks} acknowledged writes`);
    // A request the last child sent just before it died may still be under way in a server.
    await sleep(500);

    // Every stored item decodes, its S3-backed values downloaded.
    const items = [];
    for await (const item of Mixed.scan({ consistentRead: true })) items.push(item);
    assert.ok(items.length > 0, 'the streams left items');

    // Every reference resolves.
    const refs = await storedReferences(ddb.dynamodb, table, ['owner', 'key']);
    assert.deepEqual(await missingObjects(moto.s3, refs.keys()), [], 'no item points at a missing object');

    // Every object nothing references is an orphan the collector reports, and only those.
    const objects = [...await listObjects(moto.s3, bucket, `${PREFIXES.content}/`), ...await listObjects(moto.s3, bucket, `${PREFIXES.item}/`)];
    const unreferenced = objects.filter((o) => !refs.has(o.uri)).map((o) => o.uri).sort();
    t.diagnostic(`${objects.length} objects, ${refs.size} referenced, ${unreferenced.length} unreferenced`);
    const young = await Mixed.collectS3Orphans({ dryRun: true });
    assert.equal(young.orphans, 0, 'within the grace period nothing is an orphan yet');
    // LastModified has whole seconds: an object of the last second is not older than `olderThan: 0` yet.
    await sleep(1_500);
    const dry = await Mixed.collectS3Orphans({ olderThan: 0, dryRun: true });
    assert.deepEqual([...dry.uris].sort(), unreferenced);

    // Collecting them for real leaves every item readable and nothing unreferenced.
    const collected = await Mixed.collectS3Orphans({ olderThan: 0, models: [] });
    assert.deepEqual([collected.deleted, collected.errors], [unreferenced.length, 0]);
    for await (const item of Mixed.scan({ consistentRead: true })) assert.ok(item.owner);
    const left = [...await listObjects(moto.s3, bucket, `${PREFIXES.content}/`), ...await listObjects(moto.s3, bucket, `${PREFIXES.item}/`)];
    assert.deepEqual(left.map((o) => o.uri).sort(), [...refs.keys()].sort());
  } finally {
    await Mixed.deleteTable();
    await removeBucket(moto.s3, bucket);
  }
});
