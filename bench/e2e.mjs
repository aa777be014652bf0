// End to end against DynamoDB Local (and moto for S3): operations per second through a model vs the
// raw SDK sending the same requests (PutItem/GetItem/Query/BatchWriteItem/BatchGetItem with the
// SDK's marshall/unmarshall), in one process, one client, sequential requests, the two sides
// interleaved operation by operation, medians over rounds. The overhead is how much longer an
// operation takes through the model; the CPU columns are this process's CPU time per operation
// (SDK, HTTP and signing included), which a busy machine disturbs less than wall time. S3-backed attributes: the model's put (HeadObject,
// PutObject of the gzip body, PutItem) and get (GetItem, GetObject) vs the SDK calls doing the same
// (SHA-256 key, gzip, PutObject + PutItem; GetItem + GetObject + gunzip).
//
//   node bench/e2e.mjs [--smoke]
// Endpoints: DDB_LOCAL_ENDPOINT (and MOTO_ENDPOINT for the S3 rows), as `scripts/servers.sh start`
// writes them to target/servers.env; when they are not set, this script runs `scripts/servers.sh
// start` itself (idempotent: it reuses running servers) and leaves the servers running
// (`scripts/servers.sh stop` stops them).
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { gunzipSync, gzipSync } from 'node:zlib';
import {
  BatchGetItemCommand, BatchWriteItemCommand, DynamoDBClient, GetItemCommand, PutItemCommand, QueryCommand,
} from '@aws-sdk/client-dynamodb';
import { CreateBucketCommand, GetObjectCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { marshall, unmarshall } from '@aws-sdk/util-dynamodb';
import { attr, defineModel } from '../js/node.mjs';
import { s3Storage } from '../js/s3.mjs';
import { machine, table } from './harness.mjs';
import { isMain, writeResult } from './results.mjs';

const CREDENTIALS = { accessKeyId: 'test', secretAccessKey: 'test' };
const suffix = `${process.pid}-${Date.now().toString(36)}`;

/** The item of every write: plain attributes only, so that both sides send the same bytes. */
function page(site, i) {
  return {
    site,
    path: `/articles/${String(i).padStart(6, '0')}`,
    title: 'How to store things in DynamoDB',
    status: 200,
    views: 1000 + i,
    score: 0.875,
    live: true,
    tags: new Set(['dynamodb', 'storage']),
    links: ['/a', '/b', '/c'],
    headers: { type: 'text/html', length: 5234, server: 'nginx' },
  };
}

const attributes = {
  site: attr.string({ hashKey: true }),
  path: attr.string({ rangeKey: true }),
  title: attr.string(),
  status: attr.number({ integer: true }),
  views: attr.number({ integer: true }),
  score: attr.number({ float: true }),
  live: attr.boolean(),
  tags: attr.stringSet(),
  links: attr.list({ of: attr.string() }),
  headers: attr.map({ type: attr.string(), length: attr.number({ integer: true }), server: attr.string() }),
};

const cpu = () => {
  const u = process.cpuUsage();
  return u.user + u.system;
};
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

/**
 * Rounds of `n` operation pairs: model op i and raw op i back to back (which goes first alternates),
 * so that load from elsewhere hits both alike. Per side and round: ops/s (wall) and this process's
 * CPU µs per op (robust to a busy machine). The medians over rounds.
 */
async function compare(name, { model, raw, n, rounds }) {
  for (let i = 0; i < Math.max(2, Math.ceil(n / 5)); i++) {
    await model(i); // warm-up: JIT, connections
    await raw(i);
  }
  const sides = { model: { fn: model, ops: [], cpu: [] }, raw: { fn: raw, ops: [], cpu: [] } };
  for (let k = 0; k < rounds; k++) {
    const wall = { model: 0, raw: 0 };
    const used = { model: 0, raw: 0 };
    for (let j = 0; j < n; j++) {
      const i = (k + 1) * n + j;
      for (const side of j % 2 === 0 ? ['model', 'raw'] : ['raw', 'model']) {
        const c0 = cpu();
        const t0 = performance.now();
        await sides[side].fn(i);
        wall[side] += performance.now() - t0;
        used[side] += cpu() - c0;
      }
    }
    for (const side of ['model', 'raw']) {
      sides[side].ops.push(n / (wall[side] / 1000));
      sides[side].cpu.push(used[side] / n);
    }
  }
  const modelOps = median(sides.model.ops);
  const rawOps = median(sides.raw.ops);
  return {
    op: name,
    modelOps,
    rawOps,
    overheadPct: (rawOps / modelOps - 1) * 100,
    modelCpuUs: median(sides.model.cpu),
    rawCpuUs: median(sides.raw.cpu),
    rounds: { model: sides.model.ops, raw: sides.raw.ops },
  };
}

async function dynamodbRows(client, settings) {
  const tableName = `bench-e2e-${suffix}`;
  const Page = defineModel({ table: tableName, client, attributes });
  await Page.createTable({ wait: true });
  try {
    const { n, rounds, batch } = settings;
    const total = n * (rounds + 2);
    // Items to read: written once through the SDK (the model reads the same items).
    for (let i = 0; i < total; i += 25) {
      const chunk = Array.from({ length: Math.min(25, total - i) }, (_, j) => ({ PutRequest: { Item: marshall(page('read', i + j)) } }));
      await client.send(new BatchWriteItemCommand({ RequestItems: { [tableName]: chunk } }));
    }
    const key = (i) => ({ site: 'read', path: page('read', i % total).path });
    const sites = Math.ceil(total / 10); // query partitions of 10 items each
    for (let i = 0; i < sites * 10; i += 25) {
      const chunk = Array.from({ length: Math.min(25, sites * 10 - i) }, (_, j) => ({ PutRequest: { Item: marshall(page(`q${Math.floor((i + j) / 10)}`, i + j)) } }));
      await client.send(new BatchWriteItemCommand({ RequestItems: { [tableName]: chunk } }));
    }
    const rows = [];
    rows.push(await compare('put', {
      n, rounds,
      model: (i) => Page.create(page('put-model', i)).save(),
      raw: (i) => client.send(new PutItemCommand({ TableName: tableName, Item: marshall(page('put-raw', i)) })),
    }));
    rows.push(await compare('get', {
      n, rounds,
      model: (i) => Page.get(key(i).site, key(i).path),
      raw: async (i) => unmarshall((await client.send(new GetItemCommand({ TableName: tableName, Key: marshall(key(i)) }))).Item),
    }));
    rows.push(await compare('query (10 items)', {
      n, rounds,
      model: (i) => Page.queryPage(`q${i % sites}`),
      raw: async (i) => {
        const out = await client.send(new QueryCommand({
          TableName: tableName, KeyConditionExpression: '#h = :h', ExpressionAttributeNames: { '#h': 'site' }, ExpressionAttributeValues: { ':h': { S: `q${i % sites}` } },
        }));
        return out.Items.map((item) => unmarshall(item));
      },
    }));
    const batchN = Math.max(2, Math.ceil(n / 5));
    rows.push(await compare(`batchWrite (${batch} puts)`, {
      n: batchN, rounds,
      model: (i) => Page.batchWrite({ put: Array.from({ length: batch }, (_, j) => Page.create(page('bw-model', i * batch + j))) }),
      raw: (i) => client.send(new BatchWriteItemCommand({
        RequestItems: { [tableName]: Array.from({ length: batch }, (_, j) => ({ PutRequest: { Item: marshall(page('bw-raw', i * batch + j)) } })) },
      })),
    }));
    rows.push(await compare(`batchGet (${batch} keys)`, {
      n: batchN, rounds,
      model: (i) => Page.batchGet(Array.from({ length: batch }, (_, j) => [key(i * batch + j).site, key(i * batch + j).path])),
      raw: async (i) => {
        const out = await client.send(new BatchGetItemCommand({
          RequestItems: { [tableName]: { Keys: Array.from({ length: batch }, (_, j) => marshall(key(i * batch + j))) } },
        }));
        return out.Responses[tableName].map((item) => unmarshall(item));
      },
    }));
    return rows;
  } finally {
    await Page.deleteTable();
  }
}

async function s3Rows(settings) {
  const endpoint = process.env.MOTO_ENDPOINT;
  const client = new DynamoDBClient({ region: 'us-east-1', endpoint, credentials: CREDENTIALS });
  const s3 = new S3Client({ region: 'us-east-1', endpoint, credentials: CREDENTIALS, forcePathStyle: true });
  const bucket = `bench-e2e-${suffix}`;
  await s3.send(new CreateBucketCommand({ Bucket: bucket }));
  const tableName = `bench-e2e-s3-${suffix}`;
  const Doc = defineModel({
    table: tableName, client, s3: s3Storage(s3),
    attributes: { id: attr.string({ hashKey: true }), html: attr.s3Text({ bucket }) },
  });
  await Doc.createTable({ wait: true });
  try {
    // Each put has its own body (a new object to upload, as a real write would).
    const html = (side, i) => `<html><body>${side} ${i} ${'<p>some page text</p>'.repeat(200)}</body></html>`;
    const rawPut = async (id, text) => {
      const body = new TextEncoder().encode(text);
      const objectKey = `pynamodb-mate/bigtext/${createHash('sha256').update(body).digest('hex')}.txt`;
      await s3.send(new PutObjectCommand({ Bucket: bucket, Key: objectKey, Body: gzipSync(body, { level: 9 }) }));
      await client.send(new PutItemCommand({ TableName: tableName, Item: marshall({ id, html: `s3://${bucket}/${objectKey}` }) }));
    };
    const rawGet = async (id) => {
      const item = unmarshall((await client.send(new GetItemCommand({ TableName: tableName, Key: marshall({ id }) }))).Item);
      const [, , objectBucket, ...objectKey] = item.html.split('/');
      const object = await s3.send(new GetObjectCommand({ Bucket: objectBucket, Key: objectKey.join('/') }));
      return { ...item, html: gunzipSync(await object.Body.transformToByteArray()).toString() };
    };
    const { n, rounds } = settings;
    const readIds = Math.max(4, n);
    for (let i = 0; i < readIds; i++) await Doc.create({ id: `read-${i}`, html: html('read', i) }).save();
    return [
      await compare('S3-backed put (moto)', {
        n, rounds,
        model: (i) => Doc.create({ id: `put-model-${i}`, html: html('model', i) }).save(),
        raw: (i) => rawPut(`put-raw-${i}`, html('raw', i)),
      }),
      await compare('S3-backed get (moto)', {
        n, rounds,
        model: (i) => Doc.get(`read-${i % readIds}`),
        raw: (i) => rawGet(`read-${i % readIds}`),
      }),
    ];
  } finally {
    await Doc.deleteTable();
  }
}

/**
 * The library's own CPU per put and get: the same model and item with a client that answers at once
 * (no SDK middleware, HTTP or server), against marshall/unmarshall and the same stub. What a real
 * operation costs on top of this is the SDK's and the network's, and the same on both sides.
 */
async function stubRows({ n, rounds }) {
  const stored = marshall(page('stub', 1));
  const stub = { send: async (command) => (command instanceof GetItemCommand ? { Item: stored } : {}) };
  const Page = defineModel({ table: 'bench-e2e-stub', client: stub, attributes });
  const rows = [];
  for (const [op, model, raw] of [
    ['put, stub client', (i) => Page.create(page('stub', i)).save(), (i) => stub.send(new PutItemCommand({ TableName: 'bench-e2e-stub', Item: marshall(page('stub', i)) }))],
    ['get, stub client', () => Page.get('stub', page('stub', 1).path),
      async () => unmarshall((await stub.send(new GetItemCommand({ TableName: 'bench-e2e-stub', Key: marshall({ site: 'stub', path: page('stub', 1).path }) }))).Item)],
  ]) {
    const r = await compare(op, { model, raw, n: n * 20, rounds });
    rows.push({ ...r, overheadPct: undefined, addedCpuUs: r.modelCpuUs - r.rawCpuUs });
  }
  return rows;
}

/** Sets DDB_LOCAL_ENDPOINT and MOTO_ENDPOINT from a `scripts/servers.sh start` (run when they are not set). */
function startServers() {
  const root = new URL('../', import.meta.url);
  const started = spawnSync('bash', [fileURLToPath(new URL('scripts/servers.sh', root)), 'start'], { stdio: ['ignore', 'ignore', 'inherit'] });
  if (started.status !== 0) throw new Error('scripts/servers.sh start failed (logs: target/servers/)');
  for (const line of readFileSync(new URL('target/servers.env', root), 'utf8').split('\n')) {
    const at = line.indexOf('=');
    if (at > 0) process.env[line.slice(0, at).trim()] ??= line.slice(at + 1).trim();
  }
}

/** Rows `{ bench, op, modelOps, rawOps, overheadPct, modelCpuUs, rawCpuUs }` (DynamoDB Local; S3 rows on moto). */
export async function run({ smoke = false } = {}) {
  if (!process.env.DDB_LOCAL_ENDPOINT) startServers();
  const endpoint = process.env.DDB_LOCAL_ENDPOINT;
  const settings = smoke ? { n: 4, rounds: 1, batch: 5 } : { n: 200, rounds: 7, batch: 25 };
  const client = new DynamoDBClient({ region: 'us-east-1', endpoint, credentials: CREDENTIALS });
  const rows = [...await dynamodbRows(client, settings)];
  if (process.env.MOTO_ENDPOINT) rows.push(...await s3Rows(settings));
  rows.push(...await stubRows(settings));
  return rows.map((r) => ({ bench: 'e2e', ...r }));
}

async function main() {
  const smoke = process.argv.includes('--smoke');
  const rows = await run({ smoke });
  console.log('End to end, sequential requests, median ops/s over interleaved rounds (DynamoDB Local; S3 rows on moto)');
  console.log(table(['operation', 'model ops/s', 'raw SDK ops/s', 'model overhead (wall)', 'model CPU µs/op', 'raw CPU µs/op', 'CPU overhead'],
    rows.map((r) => [r.op, r.modelOps.toFixed(0), r.rawOps.toFixed(0), r.overheadPct === undefined ? '' : `${r.overheadPct.toFixed(1)} %`,
      r.modelCpuUs.toFixed(0), r.rawCpuUs.toFixed(0), `${((r.modelCpuUs / r.rawCpuUs - 1) * 100).toFixed(1)} %`])));
  if (smoke) console.log('e2e smoke: ok');
  writeResult('e2e', { smoke, machine: machine(), rows });
}

if (isMain(import.meta.url)) await main();
