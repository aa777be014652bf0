// Per-call cancellation (`abortSignal`, passed to the SDK's send): a request that hangs at the fault
// proxy (DynamoDB Local behind it, moto's S3) is aborted once the proxy holds it, and the operation
// rejects with errors.AbortError (E_ABORTED) naming the operation, table and item; the hung request
// never reached DynamoDB, so nothing is written. A signal aborted before the call sends and uploads
// nothing. The clients have no request timeout: without a working abort these tests hang until
// their own timeout and fail.
import assert from 'node:assert/strict';
import { setTimeout as sleep } from 'node:timers/promises';
import { test } from 'node:test';
import { DescribeTableCommand, GetItemCommand } from '@aws-sdk/client-dynamodb';
import { ListObjectsV2Command } from '@aws-sdk/client-s3';
import { uniqueName } from '../support/endpoints.mjs';
import { HANG } from './support/fault-proxy.mjs';
import { bucket, dbProxy, ddb, faultFixture, moto, s3Proxy, table } from './support/fault-fixture.mjs';
import { attr, defineModel, errors } from '../../js/node.mjs';
import { s3Storage } from '../../js/s3.mjs';

const TIMEOUT = { timeout: 30_000 };

const attributes = (b) => ({
  id: attr.string({ hashKey: true }),
  n: attr.number({ integer: true }),
  body: attr.s3Text({ bucket: b, nullable: true }),
});

faultFixture('abort', attributes);

/** The model through the proxies; `more`: attributes beyond the fixture's. */
function faultyModel(more = {}) {
  dbProxy.clear();
  s3Proxy.clear();
  return defineModel({ table, client: dbProxy.clients().dynamodb, s3: s3Storage(s3Proxy.clients().s3), attributes: { ...attributes(bucket), ...more } });
}

/** The stored item, read past the proxy. */
const stored = async (id) => (await ddb.dynamodb.send(new GetItemCommand({ TableName: table, Key: { id: { S: id } }, ConsistentRead: true }))).Item;

/** Aborts `controller` once the proxy (`proxy`, default DynamoDB's) holds `count` requests of `op`; resolves to what `running` rejected with. */
async function abortWhenHeld(running, op, controller, count = 1, proxy = dbProxy) {
  const outcome = running.then(() => assert.fail('the operation completed'), (e) => e);
  while (proxy.seen(op) < count) await sleep(5);
  controller.abort();
  return outcome;
}

function assertAborted(error, operation, itemKey) {
  assert.ok(error instanceof errors.AbortError && error instanceof errors.DynamoDBError, String(error));
  assert.deepEqual([error.name, error.code, error.operation, error.table, error.itemKey], ['AbortError', 'E_ABORTED', operation, table, itemKey]);
  assert.equal(error.cause.name, 'AbortError');
}

test('save() aborted while its PutItem hangs: AbortError (E_ABORTED), no retry, no item', TIMEOUT, async () => {
  const Doc = faultyModel();
  const id = uniqueName('save');
  dbProxy.inject('PutItem', HANG);
  const controller = new AbortController();
  const error = await abortWhenHeld(Doc.create({ id, n: 1 }).save({ abortSignal: controller.signal }), 'PutItem', controller);
  assertAborted(error, 'PutItem', { id });
  assert.equal(error.message, `PutItem on table "${table}" was aborted, item id="${id}"`);
  assert.equal(dbProxy.seen('PutItem'), 1, 'an aborted request is not retried');
  assert.equal(await stored(id), undefined);
});

test('update() and delete() aborted mid-request: the item stays as it was', TIMEOUT, async () => {
  const Doc = faultyModel();
  const id = uniqueName('update');
  const doc = Doc.create({ id, n: 1 });
  await doc.save();
  dbProxy.inject((op) => op === 'UpdateItem' || op === 'DeleteItem', HANG);
  let controller = new AbortController();
  assertAborted(await abortWhenHeld(doc.update([Doc.attr.n.add(1)], { abortSignal: controller.signal }), 'UpdateItem', controller), 'UpdateItem', { id });
  controller = new AbortController();
  assertAborted(await abortWhenHeld(doc.delete({ abortSignal: controller.signal }), 'DeleteItem', controller), 'DeleteItem', { id });
  assert.equal((await stored(id)).n.N, '1');
});

test('a scan aborted while its second page hangs: the first page was yielded, then the iterator rejects with AbortError', TIMEOUT, async () => {
  const Doc = faultyModel();
  await Doc.batchWrite({ put: [Doc.create({ id: uniqueName('scan'), n: 1 }), Doc.create({ id: uniqueName('scan'), n: 2 })] });
  let scans = 0;
  // One item per page; the second Scan hangs.
  dbProxy.inject((op) => op === 'Scan' && ++scans === 2, HANG);
  const controller = new AbortController();
  const got = [];
  const running = (async () => {
    for await (const item of Doc.scan({ pageSize: 1, consistentRead: true, abortSignal: controller.signal })) got.push(item);
  })();
  assertAborted(await abortWhenHeld(running, 'Scan', controller, 2), 'Scan', undefined);
  assert.equal(got.length, 1);
});

test('get(), batchWrite() and transactWrite() aborted mid-request; nothing of the writes is stored', TIMEOUT, async () => {
  const Doc = faultyModel();
  const ids = [uniqueName('batch'), uniqueName('tx')];
  dbProxy.inject((op) => ['GetItem', 'BatchWriteItem', 'TransactWriteItems'].includes(op), HANG);
  const calls = [
    ['GetItem', { id: ids[0] }, (abortSignal) => Doc.get(ids[0], { abortSignal })],
    ['BatchWriteItem', undefined, (abortSignal) => Doc.batchWrite({ put: [Doc.create({ id: ids[0], n: 1 })] }, { abortSignal })],
    ['TransactWriteItems', undefined, (abortSignal) => Doc.transactWrite([Doc.create({ id: ids[1], n: 1 }).putOp()], { abortSignal })],
  ];
  for (const [operation, itemKey, call] of calls) {
    const controller = new AbortController();
    assertAborted(await abortWhenHeld(call(controller.signal), operation, controller), operation, itemKey);
  }
  assert.deepEqual(await Promise.all(ids.map(stored)), [undefined, undefined]);
});

test('a signal aborted before the call: AbortError at once, no request sent, no S3 upload', TIMEOUT, async () => {
  const Doc = faultyModel();
  const id = uniqueName('early');
  const abortSignal = AbortSignal.abort();
  assertAborted(await Doc.create({ id, n: 1, body: 'x'.repeat(200_000) }).save({ abortSignal }).catch((e) => e), 'PutItem', { id });
  assertAborted(await Doc.getOneOrNone(id, { abortSignal }).catch((e) => e), 'GetItem', { id });
  const viaIterator = await (async () => { for await (const _ of Doc.scan({ abortSignal })); })().catch((e) => e);
  assertAborted(viaIterator, 'Scan', undefined);
  assert.deepEqual([dbProxy.seen('PutItem'), dbProxy.seen('GetItem'), dbProxy.seen('Scan'), s3Proxy.seen('HeadObject'), s3Proxy.seen('PutObject')], [0, 0, 0, 0, 0]);
  assert.equal(await stored(id), undefined);
});

test('a signal that is never aborted changes nothing', TIMEOUT, async () => {
  const Doc = faultyModel();
  const id = uniqueName('live');
  const { signal } = new AbortController();
  const doc = await Doc.create({ id, n: 1 }).save({ abortSignal: signal });
  await doc.update([Doc.attr.n.add(1)], { abortSignal: signal });
  assert.equal((await Doc.get(id, { consistentRead: true, abortSignal: signal })).n, 2);
  assert.equal(await doc.deleteIfExists({ abortSignal: signal }), true);
});

/** The keys in the bucket under `prefix`, read past the proxy. */
const keysUnder = async (prefix) => ((await moto.s3.send(new ListObjectsV2Command({ Bucket: bucket, Prefix: prefix }))).Contents ?? []).map((o) => o.Key);

/** An AbortError of an S3 request of attribute `attribute`. */
function assertS3Aborted(error, operation, attribute, itemKey) {
  assert.ok(error instanceof errors.AbortError, String(error));
  assert.deepEqual([error.code, error.operation, error.model, error.itemKey], ['E_ABORTED', operation, table, itemKey]);
  assert.match(error.message, new RegExp(`^${table}\\.${attribute}: ${operation} was aborted`));
  assert.equal(error.cause.name, 'AbortError');
}

test('save() aborted while an S3 upload hangs: AbortError, no PutItem, and the upload that finished is deleted again', TIMEOUT, async () => {
  dbProxy.clear();
  s3Proxy.clear();
  const { s3 } = s3Proxy.clients();
  // Resolves once the client has the answer to the page's PutObject (an upload aborted in flight
  // may land unseen: that is the collector's case, not this one).
  let pageUploaded;
  const uploaded = new Promise((resolve) => { pageUploaded = resolve; });
  s3.middlewareStack.add((next) => async (args) => {
    const out = await next(args);
    if (args.input.Key?.startsWith('own/') && args.input.Body) pageUploaded();
    return out;
  }, { step: 'initialize' });
  const page = attr.s3Text({ bucket, layout: 'item', prefix: 'own', nullable: true });
  const Doc = defineModel({ table, client: dbProxy.clients().dynamodb, s3: s3Storage(s3), attributes: { ...attributes(bucket), page } });
  const id = uniqueName('upload');
  // The content-addressed body's PutObject hangs; the 'item'-layout page uploads.
  s3Proxy.inject((op, req) => op === 'PutObject' && req.url.includes('/pynamodb-mate/'), HANG);
  const controller = new AbortController();
  const saving = Doc.create({ id, n: 1, body: `${id} `.repeat(1000), page: `${id} page` }).save({ abortSignal: controller.signal });
  const outcome = saving.then(() => assert.fail('the save completed'), (e) => e);
  await uploaded;
  while (s3Proxy.seen('PutObject') < 2) await sleep(5);
  await sleep(0); // a turn of the event loop: the upload's own continuation has run
  controller.abort();
  const error = await outcome;
  assertS3Aborted(error, 'PutObject', 'body', { id });
  assert.equal(dbProxy.seen('PutItem'), 0, 'no item write after a failed upload');
  assert.equal(await stored(id), undefined);
  assert.deepEqual(await keysUnder(`own/pk=${id}/`), [], "the page's upload is deleted: nothing references it");
});

test('update() aborted while its S3 upload hangs: AbortError, no UpdateItem, the item unchanged', TIMEOUT, async () => {
  const Doc = faultyModel();
  const id = uniqueName('upload-update');
  const doc = await Doc.create({ id, n: 1 }).save();
  s3Proxy.inject('PutObject', HANG);
  const controller = new AbortController();
  const error = await abortWhenHeld(doc.update([Doc.attr.body.set(`${id} `.repeat(1000))], { abortSignal: controller.signal }), 'PutObject', controller, 1, s3Proxy);
  assertS3Aborted(error, 'PutObject', 'body', { id });
  assert.equal(dbProxy.seen('UpdateItem'), 0);
  assert.equal((await stored(id)).body, undefined);
});

test('get() aborted while its S3 download hangs: AbortError naming the attribute and the item', TIMEOUT, async () => {
  const Doc = faultyModel();
  const id = uniqueName('download');
  await Doc.create({ id, n: 1, body: `${id} `.repeat(1000) }).save();
  s3Proxy.inject('GetObject', HANG);
  const controller = new AbortController();
  const error = await abortWhenHeld(Doc.get(id, { abortSignal: controller.signal }), 'GetObject', controller, 1, s3Proxy);
  assertS3Aborted(error, 'GetObject', 'body', { id });
});

test('transactGet() aborted while its S3 download hangs: AbortError naming the attribute and the item', TIMEOUT, async () => {
  const Doc = faultyModel();
  const id = uniqueName('download-transact');
  await Doc.create({ id, n: 1, body: `${id} `.repeat(1000) }).save();
  s3Proxy.inject('GetObject', HANG);
  const controller = new AbortController();
  const error = await abortWhenHeld(Doc.transactGet([Doc.getOp(id)], { abortSignal: controller.signal }), 'GetObject', controller, 1, s3Proxy);
  assertS3Aborted(error, 'GetObject', 'body', { id });
});

test('collectS3Orphans() aborted while its listing hangs: AbortError, nothing deleted', TIMEOUT, async () => {
  const Doc = faultyModel();
  s3Proxy.inject('ListObjectsV2', HANG);
  const controller = new AbortController();
  const error = await abortWhenHeld(Doc.collectS3Orphans({ olderThan: 0, models: [], abortSignal: controller.signal }), 'ListObjectsV2', controller, 1, s3Proxy);
  assert.ok(error instanceof errors.AbortError, String(error));
  assert.deepEqual([error.code, error.operation, error.model], ['E_ABORTED', 'ListObjectsV2', table]);
  assert.equal(s3Proxy.seen('DeleteObjects'), 0);
  const early = await Doc.collectS3Orphans({ models: [], abortSignal: AbortSignal.abort() }).catch((e) => e);
  assert.deepEqual([early.code, early.operation], ['E_ABORTED', 'Scan']);
});

test('createTable() and deleteTable() with wait, aborted while the waiter polls: AbortError at once', TIMEOUT, async () => {
  const name = uniqueName('waiter');
  dbProxy.clear();
  const Temp = defineModel({ table: name, client: dbProxy.clients().dynamodb, attributes: { id: attr.string({ hashKey: true }) } });
  let describes = 0;
  // The first DescribeTable (does it exist?) is answered; the waiter's polls hang.
  dbProxy.inject((op) => op === 'DescribeTable' && ++describes > 1, HANG);
  try {
    let controller = new AbortController();
    let error = await abortWhenHeld(Temp.createTable({ wait: true, abortSignal: controller.signal }), 'DescribeTable', controller, 2);
    assert.ok(error instanceof errors.AbortError, String(error));
    assert.deepEqual([error.code, error.operation, error.table], ['E_ABORTED', 'DescribeTable', name]);
    assert.equal((await ddb.dynamodb.send(new DescribeTableCommand({ TableName: name }))).Table.TableName, name, 'the table was created');
    controller = new AbortController();
    const before = dbProxy.seen('DescribeTable');
    error = await abortWhenHeld(Temp.deleteTable({ wait: true, abortSignal: controller.signal }), 'DescribeTable', controller, before + 1);
    assert.deepEqual([error.code, error.operation], ['E_ABORTED', 'DescribeTable']);
  } finally {
    await defineModel({ table: name, client: ddb.dynamodb, attributes: { id: attr.string({ hashKey: true }) } }).deleteTable();
  }
});

test("transactWrite() aborted while it reads the 'item'-layout objects an operation replaces: AbortError, nothing sent or uploaded", TIMEOUT, async () => {
  const Doc = faultyModel({ page: attr.s3Text({ bucket, layout: 'item', prefix: 'own', nullable: true }) });
  const id = uniqueName('tx-read');
  dbProxy.inject('GetItem', HANG);
  const controller = new AbortController();
  const writing = Doc.transactWrite([Doc.create({ id, n: 1, page: `${id} page` }).putOp()], { abortSignal: controller.signal });
  assertAborted(await abortWhenHeld(writing, 'GetItem', controller), 'GetItem', { id });
  assert.deepEqual([dbProxy.seen('TransactWriteItems'), s3Proxy.seen('PutObject')], [0, 0]);
  assert.equal(await stored(id), undefined);
});
