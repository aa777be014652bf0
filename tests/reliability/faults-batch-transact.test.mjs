// Batches and transactions under faults at the HTTP level (DynamoDB Local behind the fault proxy):
// BatchWriteItem / BatchGetItem answering with only part of the work done (UnprocessedItems /
// UnprocessedKeys, as DynamoDB does under load) are retried by the model until done or reported as a
// BatchError listing the rest; a throttled batch call is retried by the SDK; a cancelled transaction
// is a TransactionCanceledError with per-operation reasons and writes nothing; a transaction whose
// response was lost is retried by the SDK with the same ClientRequestToken and applied once.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { ScanCommand } from '@aws-sdk/client-dynamodb';
import { CreateBucketCommand } from '@aws-sdk/client-s3';
import { backends, uniqueName } from '../support/endpoints.mjs';
import { dynamodbError, startFaultProxy } from './support/fault-proxy.mjs';
import { listObjects, missingObjects, storedReferences } from './support/s3-audit.mjs';
import { attr, codec, defineModel, errors } from '../../js/node.mjs';
import { s3Storage } from '../../js/s3.mjs';

const FAST = { attempts: 3, baseMs: 1, maxMs: 5 };

let ddb;
let moto;
let table;
let bucket;
let proxy;

const attributes = () => ({
  id: attr.string({ hashKey: true }),
  n: attr.number({ integer: true }),
  version: attr.version(),
});

before(async () => {
  [ddb, moto] = backends();
  table = uniqueName('faults-batch');
  bucket = uniqueName('faults-batch');
  await moto.s3.send(new CreateBucketCommand({ Bucket: bucket }));
  await defineModel({ table, client: ddb.dynamodb, attributes: attributes() }).createTable({ wait: true });
  proxy = await startFaultProxy(ddb.endpoint);
});

after(async () => {
  await proxy.close();
  await defineModel({ table, client: ddb.dynamodb, attributes: attributes() }).deleteTable();
});

/** The model over the proxy (a fresh client); each test keeps its items apart by an id prefix. */
function faultyModel() {
  proxy.clear();
  return defineModel({ table, client: proxy.clients().dynamodb, attributes: attributes() });
}

/**
 * A model of the same table with S3-backed attributes ('item' and 'content' layouts on moto, S3 not
 * faulted), DynamoDB through the proxy.
 */
function faultyS3Model() {
  proxy.clear();
  return defineModel({
    table,
    client: proxy.clients().dynamodb,
    s3: s3Storage(moto.s3),
    attributes: {
      id: attr.string({ hashKey: true }),
      n: attr.number({ integer: true }),
      blob: attr.s3Binary({ bucket, layout: 'item', prefix: 'bt/item', nullable: true }),
      text: attr.s3Text({ bucket, prefix: 'bt/content', nullable: true }),
    },
  });
}

/** URIs of the 'item'-layout objects of the items whose id starts with `prefix`. */
const itemObjects = async (prefix) => (await listObjects(moto.s3, bucket, `bt/item/pk=${prefix}`)).map((o) => o.uri).sort();

/** Ids stored under `prefix`, read past the proxy. */
async function storedIds(prefix) {
  const ids = [];
  let ExclusiveStartKey;
  do {
    const out = await ddb.dynamodb.send(new ScanCommand({ TableName: table, ConsistentRead: true, ExclusiveStartKey }));
    ids.push(...out.Items.map((i) => i.id.S).filter((id) => id.startsWith(prefix)));
    ExclusiveStartKey = out.LastEvaluatedKey;
  } while (ExclusiveStartKey);
  return ids.sort();
}

/**
 * A proxy fault for BatchWriteItem / BatchGetItem: the server gets the first half (rounded up) of the
 * requests; the response reports the other half as unprocessed.
 */
async function halfProcessed({ op, body, forward }) {
  const input = JSON.parse(body);
  const [name, requests] = Object.entries(input.RequestItems)[0];
  const list = op === 'BatchWriteItem' ? requests : requests.Keys;
  const half = Math.ceil(list.length / 2);
  const subset = (l) => (op === 'BatchWriteItem' ? l : { ...requests, Keys: l });
  const answer = await forward(JSON.stringify({ ...input, RequestItems: { [name]: subset(list.slice(0, half)) } }));
  const out = JSON.parse(answer.body);
  if (op === 'BatchWriteItem') out.UnprocessedItems = { [name]: list.slice(half) };
  else out.UnprocessedKeys = { [name]: subset(list.slice(half)) };
  return { status: answer.status, headers: { 'content-type': 'application/x-amz-json-1.0' }, body: JSON.stringify(out) };
}

test('BatchWriteItem leaving half unprocessed 3 times: the model retries until all 40 puts are written', async () => {
  const Doc = faultyModel();
  const prefix = uniqueName('bw');
  const items = Array.from({ length: 40 }, (_, i) => Doc.create({ id: `${prefix}-${String(i).padStart(2, '0')}`, n: i }));
  const rule = proxy.inject('BatchWriteItem', halfProcessed, { times: 3 });
  await Doc.batchWrite({ put: items }, { retry: { ...FAST, attempts: 8 } });
  assert.equal(rule.hits, 3);
  // Chunk of 25: 13 written, then 6 of 12, then 3 of 6, then the last 3; the chunk of 15 in one call.
  assert.equal(proxy.seen('BatchWriteItem'), 5);
  assert.deepEqual(await storedIds(prefix), items.map((i) => i.id));
});

test('BatchWriteItem always leaving half unprocessed: BatchError E_BATCH_UNPROCESSED listing exactly the requests not done', async () => {
  const Doc = faultyModel();
  const prefix = uniqueName('bwfail');
  const items = Array.from({ length: 40 }, (_, i) => Doc.create({ id: `${prefix}-${String(i).padStart(2, '0')}`, n: i }));
  proxy.inject('BatchWriteItem', halfProcessed);
  const error = await Doc.batchWrite({ put: items }, { retry: FAST }).then(() => null, (e) => e);
  assert.ok(error instanceof errors.BatchError, String(error));
  assert.equal(error.code, 'E_BATCH_UNPROCESSED');
  assert.match(error.message, new RegExp(`^${table}\\.batchWrite: 4 requests still unprocessed after 3 attempts$`));
  // 25 -> 12 -> 6 -> 3 left, 15 -> 7 -> 3 -> 1 left: 3 attempts per chunk.
  assert.equal(proxy.seen('BatchWriteItem'), 6);
  const unprocessed = error.unprocessed.map((r) => r.PutRequest.Item.id.S).sort();
  assert.equal(unprocessed.length, 4);
  const written = await storedIds(prefix);
  assert.equal(written.length, 36);
  assert.deepEqual([...written, ...unprocessed].sort(), items.map((i) => i.id), 'each put is either written or listed, never both');
});

test('BatchGetItem leaving half the keys unprocessed twice: every item is returned once', async () => {
  const Doc = faultyModel();
  const prefix = uniqueName('bg');
  const items = Array.from({ length: 30 }, (_, i) => Doc.create({ id: `${prefix}-${i}`, n: i }));
  await Doc.batchWrite({ put: items });
  proxy.inject('BatchGetItem', halfProcessed, { times: 2 });
  const got = await Doc.batchGet(items.map((i) => i.id), { consistentRead: true, retry: FAST });
  assert.deepEqual(got.map((i) => i.n).sort((a, b) => a - b), items.map((i) => i.n));
  assert.equal(proxy.seen('BatchGetItem'), 3);
});

test('BatchGetItem always leaving keys unprocessed: BatchError listing the missing keys', async () => {
  const Doc = faultyModel();
  const prefix = uniqueName('bgfail');
  const items = Array.from({ length: 8 }, (_, i) => Doc.create({ id: `${prefix}-${i}`, n: i }));
  await Doc.batchWrite({ put: items });
  proxy.inject('BatchGetItem', halfProcessed);
  const error = await Doc.batchGet(items.map((i) => i.id), { retry: FAST }).then(() => null, (e) => e);
  assert.ok(error instanceof errors.BatchError, String(error));
  assert.equal(error.code, 'E_BATCH_UNPROCESSED');
  assert.equal(error.unprocessed.length, 1, '8 -> 4 -> 2 -> 1');
  assert.ok(error.unprocessed[0].id.S.startsWith(prefix));
});

test('BatchWriteItem throttled as a whole (ProvisionedThroughputExceededException) twice: retried by the SDK, all written', async () => {
  const Doc = faultyModel();
  const prefix = uniqueName('bwthrottle');
  const items = Array.from({ length: 10 }, (_, i) => Doc.create({ id: `${prefix}-${i}`, n: i }));
  proxy.inject('BatchWriteItem', dynamodbError('ProvisionedThroughputExceededException'), { times: 2 });
  await Doc.batchWrite({ put: items }, { retry: FAST });
  assert.equal(proxy.seen('BatchWriteItem'), 3);
  assert.equal((await storedIds(prefix)).length, 10);
});

test('a transaction cancelled by a failed condition: TransactionCanceledError with per-operation reasons, nothing written', async () => {
  const Doc = faultyModel();
  const prefix = uniqueName('tx');
  const existing = Doc.create({ id: `${prefix}-existing`, n: 1 });
  await existing.save();
  const fresh = Doc.create({ id: `${prefix}-fresh`, n: 2 });
  const stale = Doc.create({ id: `${prefix}-existing`, n: 3 }); // no version: expects the item not to exist
  const error = await Doc.transactWrite([fresh.putOp(), stale.putOp()]).then(() => null, (e) => e);
  assert.ok(error instanceof errors.TransactionCanceledError, String(error));
  assert.equal(error.code, 'E_TRANSACTION_CANCELLED');
  assert.deepEqual(error.reasons.map((r) => r.code), ['None', 'ConditionalCheckFailed']);
  assert.match(error.message, /#1 ConditionalCheckFailed/);
  assert.equal(proxy.seen('TransactWriteItems'), 1, 'a cancellation is final: not retried');
  assert.deepEqual(await storedIds(prefix), [`${prefix}-existing`], 'the fresh put was not applied');
  assert.equal((await Doc.get(`${prefix}-existing`, { consistentRead: true })).n, 1, 'the existing item is unchanged');
  assert.equal(fresh.version, undefined, 'the instances did not move on');
});

test('a transaction whose response is lost (applied, then 500): the SDK retries with the same ClientRequestToken, applied once', async () => {
  const Doc = faultyModel();
  const prefix = uniqueName('txlost');
  const a = Doc.create({ id: `${prefix}-a`, n: 1 });
  const b = Doc.create({ id: `${prefix}-b`, n: 2 });
  const tokens = [];
  proxy.inject('TransactWriteItems', async ({ body, forward }) => {
    tokens.push(JSON.parse(body).ClientRequestToken);
    await forward();
    return dynamodbError('InternalServerError', 500);
  }, { times: 1 });
  proxy.inject('TransactWriteItems', async ({ body, forward }) => {
    tokens.push(JSON.parse(body).ClientRequestToken);
    return forward();
  });
  await Doc.transactWrite([a.putOp(), b.putOp()]);
  assert.equal(tokens.length, 2);
  assert.equal(tokens[0], tokens[1], 'the retry is the same idempotent request');
  assert.deepEqual([a.version, b.version], [1, 1]);
  const stored = await Doc.batchGet([a.id, b.id], { consistentRead: true });
  assert.deepEqual(stored.map((i) => i.version), [1, 1], 'applied once: a second application would fail its version condition');
});

// ---- with S3-backed attributes: the uploads of writes DynamoDB did not take -------------------

test("a cancelled transaction with S3-backed puts: nothing written, the 'item'-layout uploads deleted, no dangling reference", async () => {
  const Doc = faultyS3Model();
  const prefix = uniqueName('txs3');
  const existing = Doc.create({ id: `${prefix}-existing`, n: 1 });
  await existing.save();
  const blob = new TextEncoder().encode(`${prefix} blob`);
  const text = `${prefix} text `.repeat(100);
  const fresh = Doc.create({ id: `${prefix}-fresh`, n: 2, blob, text });
  const error = await Doc.transactWrite([fresh.putOp(), existing.putOp({ condition: Doc.attr.n.eq(99) })]).then(() => null, (e) => e);
  assert.ok(error instanceof errors.TransactionCanceledError, String(error));
  assert.deepEqual(error.reasons.map((r) => r.code), ['None', 'ConditionalCheckFailed']);
  assert.deepEqual(await storedIds(prefix), [`${prefix}-existing`]);
  assert.deepEqual(await itemObjects(prefix), [], "the 'item'-layout upload of the cancelled put was deleted");
  const content = `s3://${bucket}/bt/content/bigtext/${codec.sha256Hex(text)}.txt`;
  assert.deepEqual(await missingObjects(moto.s3, [content]), [], "the 'content' object is left for the collector");
});

test("BatchWriteItem always leaving half unprocessed, with S3-backed puts: written items keep their objects, unprocessed ones' uploads go", async () => {
  const Doc = faultyS3Model();
  const prefix = uniqueName('bws3');
  const items = Array.from({ length: 8 }, (_, i) => Doc.create({ id: `${prefix}-${i}`, n: i, blob: new TextEncoder().encode(`${prefix} ${i}`) }));
  proxy.inject('BatchWriteItem', halfProcessed);
  const error = await Doc.batchWrite({ put: items }, { retry: FAST }).then(() => null, (e) => e);
  assert.ok(error instanceof errors.BatchError, String(error));
  assert.equal(error.unprocessed.length, 1, '8 -> 4 -> 2 -> 1');
  const written = await storedIds(prefix);
  assert.equal(written.length, 7);
  const refs = await storedReferences(ddb.dynamodb, table, ['id']);
  const mine = [...refs.keys()].filter((uri) => uri.includes(`/pk=${prefix}`)).sort();
  assert.equal(mine.length, 7);
  assert.deepEqual(await missingObjects(moto.s3, mine), [], 'every written item points at an existing object');
  assert.deepEqual(await itemObjects(prefix), mine, "the unprocessed put's upload was deleted, no other");
});
