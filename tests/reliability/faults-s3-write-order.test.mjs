// S3 write order under faults (issue 4's rules), DynamoDB Local + moto S3 behind the fault proxy:
// an upload that fails means no DynamoDB write; a DynamoDB write that fails after the uploads leaves
// the 'content' object for the collector (an orphan it reports once past the grace period) and
// deletes the 'item'-layout object it uploaded; replaced and deleted items' 'item'-layout objects go
// once DynamoDB took the write; a cleanup that fails is reported and leaves a collectable orphan.
// Whatever fails, no item ever points at a missing object.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { GetItemCommand } from '@aws-sdk/client-dynamodb';
import { uniqueName } from '../support/endpoints.mjs';
import { HANG, dynamodbError, s3Error } from './support/fault-proxy.mjs';
import { listObjects, missingObjects } from './support/s3-audit.mjs';
import { bucket, dbProxy, ddb, faultFixture, moto, s3Proxy, table } from './support/fault-fixture.mjs';
import { attr, codec, defineModel, errors } from '../../js/node.mjs';
import { s3Storage } from '../../js/s3.mjs';

const TEXT = 'content-addressed text é '.repeat(2_000);
const BLOB = new Uint8Array(5_000).map((_, i) => i % 251);
const OTHER_BLOB = new Uint8Array(3_000).fill(9);
const META = { pages: [1, 2, 3], title: 'é' };

const attributes = (b) => ({
  id: attr.string({ hashKey: true }),
  n: attr.number({ integer: true, nullable: true }),
  text: attr.s3Text({ bucket: b, prefix: 'wo/content', nullable: true }),
  blob: attr.s3Binary({ bucket: b, layout: 'item', prefix: 'wo/item', nullable: true }),
  meta: attr.s3Json({ bucket: b, layout: 'item', prefix: 'wo/item', nullable: true }),
});

faultFixture('faults-s3', attributes);

/**
 * The model through the proxies (fresh clients), and the cleanup errors it reported. `clientOptions`
 * go to the SDK clients; `definition` to defineModel.
 */
function faultyModel({ clientOptions, definition } = {}) {
  dbProxy.clear();
  s3Proxy.clear();
  const cleanupErrors = [];
  const Doc = defineModel({
    table,
    client: dbProxy.clients(clientOptions).dynamodb,
    s3: s3Storage(s3Proxy.clients(clientOptions).s3),
    attributes: attributes(bucket),
    onS3CleanupError: (e) => cleanupErrors.push(e),
    ...definition,
  });
  return { Doc, cleanupErrors };
}

/** The same model on the servers directly: the truth after the faults. */
const Direct = () => defineModel({ table, client: ddb.dynamodb, s3: s3Storage(moto.s3), attributes: attributes(bucket) });

const rawItem = async (id) => (await ddb.dynamodb.send(new GetItemCommand({ TableName: table, Key: { id: { S: id } }, ConsistentRead: true }))).Item;
const contentUri = (text) => `s3://${bucket}/wo/content/bigtext/${codec.sha256Hex(text)}.txt`;
const itemUri = (id, name, bytes) => `s3://${bucket}/wo/item/pk=${id}/attr=${name}/md5=${codec.md5Hex(bytes)}`;
/** URIs of the 'item'-layout objects of item `id`. */
const itemObjects = async (id) => (await listObjects(moto.s3, bucket, `wo/item/pk=${id}/`)).map((o) => o.uri).sort();
const exists = async (uri) => (await missingObjects(moto.s3, [uri])).length === 0;

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * What the orphan collector (dry run) makes of the objects under `uri` (a key or a key prefix), with
 * grace period `olderThan` (default: the collector's, 1 hour).
 */
async function collectorView(Doc, attributes, uri, olderThan) {
  const prefix = uri.slice(`s3://${bucket}/`.length);
  const { young, uris } = await Doc.collectS3Orphans({ attributes, prefix, dryRun: true, ...(olderThan === undefined ? {} : { olderThan }) });
  return { young, orphans: [...uris].sort() };
}

/** LastModified has whole seconds: an object of the last second is not older than `olderThan: 0` yet. */
const pastOneSecond = () => sleep(1_500);

/** Every S3 reference of item `id` resolves, and the item decodes (downloads included). */
async function assertReadable(id) {
  const item = await rawItem(id);
  const uris = Object.values(item ?? {}).map((v) => v.S).filter((s) => s?.startsWith('s3://'));
  assert.deepEqual(await missingObjects(moto.s3, uris), [], `item ${id} points at no missing object`);
  return item && Direct().get(id, { consistentRead: true });
}

// ---- an upload fails: no DynamoDB write --------------------------------------------------------

test("S3 PutObject denied (403) for a new item: E_S3_ACCESS_DENIED, no PutItem sent, no item, the sibling 'item' upload removed", async () => {
  const { Doc } = faultyModel();
  const id = uniqueName('put403');
  s3Proxy.inject((op, req) => op === 'PutObject' && decodeURIComponent(req.url).includes('attr=meta'), s3Error('AccessDenied', 403));
  const error = await Doc.create({ id, text: `${TEXT}${id}`, blob: BLOB, meta: META }).save().then(() => null, (e) => e);
  assert.ok(error instanceof errors.S3Error, String(error));
  assert.equal(error.code, 'E_S3_ACCESS_DENIED');
  assert.equal(error.attribute, 'meta');
  assert.equal(error.uri, itemUri(id, 'meta', codec.pythonJsonDumps(META)));
  assert.equal(s3Proxy.seen('PutObject'), 3, 'text, blob and meta were uploaded concurrently; 403 is not retried');
  assert.equal(dbProxy.seen('PutItem'), 0, 'the item write never started');
  assert.equal(await rawItem(id), undefined);
  assert.deepEqual(await itemObjects(id), [], "blob's upload was removed with the failed save");
  assert.ok(await exists(contentUri(`${TEXT}${id}`)), "the 'content' object stays, for the collector");
});

test('S3 PutObject failing on every attempt for an existing item: the item and its objects are unchanged', async () => {
  const { Doc } = faultyModel();
  const id = uniqueName('put500');
  await Doc.create({ id, n: 1, blob: BLOB }).save();
  s3Proxy.inject('PutObject', s3Error('InternalError', 500));
  const error = await Doc.create({ id, n: 2, blob: OTHER_BLOB }).save().then(() => null, (e) => e);
  assert.equal(error?.code, 'E_S3_WRITE', String(error));
  assert.equal(dbProxy.seen('PutItem'), 1, 'only the first save wrote');
  const got = await assertReadable(id);
  assert.deepEqual([got.n, got.blob], [1, BLOB]);
  assert.deepEqual(await itemObjects(id), [itemUri(id, 'blob', BLOB)]);
});

// ---- the DynamoDB write fails after the uploads -----------------------------------------------

test("PutItem refused (condition) after the uploads: no item, the 'item' upload deleted, the 'content' object left", async () => {
  const { Doc, cleanupErrors } = faultyModel();
  const id = uniqueName('refused');
  const text = `${TEXT}${id}`;
  const error = await Doc.create({ id, text, blob: BLOB }).save({ condition: Doc.attr.id.exists() }).then(() => null, (e) => e);
  assert.equal(error?.code, 'E_DYNAMODB_CONDITION', String(error));
  assert.equal(await rawItem(id), undefined);
  assert.deepEqual(await itemObjects(id), [], "the 'item'-layout upload was deleted");
  assert.ok(await exists(contentUri(text)), "the 'content' object is left (it may be shared)");
  assert.deepEqual(cleanupErrors, []);
  assert.deepEqual(await collectorView(Doc, ['text'], contentUri(text)), { young: 1, orphans: [] }, 'within the grace period it is kept');
  await pastOneSecond();
  assert.deepEqual(await collectorView(Doc, ['text'], contentUri(text), 0), { young: 0, orphans: [contentUri(text)] }, 'past it, it is an orphan');
});

test("PutItem failing with 500 on every attempt (outcome unknown to the client): no item, the 'item' uploads left for the collector", async () => {
  const { Doc, cleanupErrors } = faultyModel();
  const id = uniqueName('ddb500');
  dbProxy.inject('PutItem', dynamodbError('InternalServerError', 500));
  const error = await Doc.create({ id, blob: BLOB, meta: META }).save().then(() => null, (e) => e);
  assert.deepEqual([error?.code, error?.cause?.name], ['E_DYNAMODB_SERVICE', 'InternalServerError'], String(error));
  assert.equal(dbProxy.seen('PutItem'), 3);
  assert.equal(await rawItem(id), undefined);
  // A 5xx does not prove that the write was not applied (or will not be): deleting could lose a value.
  const uploads = [itemUri(id, 'blob', BLOB), itemUri(id, 'meta', codec.pythonJsonDumps(META))].sort();
  assert.deepEqual(await itemObjects(id), uploads);
  assert.deepEqual(cleanupErrors, []);
  await pastOneSecond();
  assert.deepEqual(await collectorView(Doc, ['blob', 'meta'], `s3://${bucket}/wo/item/pk=${id}/`, 0), { young: 0, orphans: uploads });
});

test('PutItem applied but every response lost (500 after forwarding): the save fails, yet the item and its objects are intact', async () => {
  const { Doc } = faultyModel();
  const id = uniqueName('lost');
  dbProxy.inject('PutItem', dynamodbError('InternalServerError', 500), { forwarded: true });
  const error = await Doc.create({ id, n: 5, blob: BLOB, meta: META }).save().then(() => null, (e) => e);
  assert.deepEqual([error?.code, error?.cause?.name], ['E_DYNAMODB_SERVICE', 'InternalServerError'], String(error));
  const got = await assertReadable(id);
  assert.deepEqual([got.n, got.blob, got.meta], [5, BLOB, META], 'the write DynamoDB applied keeps its objects');
});

test('a versioned PutItem applied, its response lost, then refused on retry by its own version: the item keeps its objects', async () => {
  const { Doc } = faultyModel({ definition: { attributes: { ...attributes(bucket), version: attr.version() } } });
  const id = uniqueName('lostver');
  dbProxy.inject('PutItem', dynamodbError('InternalServerError', 500), { forwarded: true, times: 1 });
  const error = await Doc.create({ id, blob: BLOB }).save().then(() => null, (e) => e);
  assert.equal(error?.code, 'E_DYNAMODB_CONDITION', 'the retry found the version the first attempt wrote');
  assert.equal(error.cause.$metadata.attempts, 2);
  assert.equal(dbProxy.seen('PutItem'), 2);
  const item = await rawItem(id);
  assert.equal(item.version.N, '1');
  assert.deepEqual(await missingObjects(moto.s3, [item.blob.S]), [], 'the object of the applied write was not deleted');
});

test('a PutItem delayed past the client timeout and applied after the client gave up: the item keeps its objects', async () => {
  const { Doc } = faultyModel({ clientOptions: { maxAttempts: 1, requestHandler: { requestTimeout: 300, throwOnRequestTimeout: true } } });
  const id = uniqueName('late');
  let landed;
  const applied = new Promise((resolve) => { landed = resolve; });
  dbProxy.inject('PutItem', async ({ forward }) => {
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    const answer = await forward();
    landed();
    return answer;
  }, { times: 1 });
  const error = await Doc.create({ id, blob: BLOB }).save().then(() => null, (e) => e);
  assert.deepEqual([error?.code, error?.cause?.name], ['E_DYNAMODB_TIMEOUT', 'TimeoutError'], String(error));
  await applied; // the request reached DynamoDB after all, as a timed-out request may
  const item = await rawItem(id);
  assert.ok(item, 'DynamoDB applied the late write');
  assert.deepEqual(await missingObjects(moto.s3, [item.blob.S]), [], 'the object of the applied write was not deleted');
});

test('two writers of the same value, the first refused: the object the second one stores is not deleted by the first', async () => {
  const { Doc } = faultyModel();
  const id = uniqueName('race');
  const signal = () => {
    let fire;
    const fired = new Promise((resolve) => { fire = resolve; });
    return { fire, fired };
  };
  // A uploads the object, B finds it (HeadObject) and skips its upload, A's conditional PutItem is
  // refused and A cleans up, then B's PutItem lands: the order is forced by the proxies.
  const aUploaded = signal();
  const bChecked = signal();
  s3Proxy.inject('PutObject', async ({ forward }) => {
    const answer = await forward();
    aUploaded.fire();
    return answer;
  }, { times: 1 });
  let aDone;
  dbProxy.inject((op, req, body) => op === 'PutItem' && String(body).includes('ConditionExpression'), async ({ forward }) => {
    await Promise.race([bChecked.fired, sleep(3_000)]);
    return forward();
  }, { times: 1 });
  dbProxy.inject('PutItem', async ({ forward }) => {
    await Promise.race([aDone, sleep(3_000)]);
    return forward();
  }, { times: 1 });

  aDone = Doc.create({ id, blob: BLOB }).save({ condition: Doc.attr.id.exists() }).then(() => null, (e) => e);
  await aUploaded.fired;
  s3Proxy.inject('HeadObject', async ({ forward }) => {
    const answer = await forward();
    bChecked.fire();
    return answer;
  }, { times: 1 });
  await Doc.create({ id, blob: BLOB }).save();
  assert.equal((await aDone)?.code, 'E_DYNAMODB_CONDITION');
  const item = await rawItem(id);
  assert.equal(item.blob.S, itemUri(id, 'blob', BLOB));
  assert.deepEqual(await missingObjects(moto.s3, [item.blob.S]), [], 'the stored item points at an existing object');
});

// ---- replaced and deleted 'item'-layout objects ------------------------------------------------

test("a save replacing an 'item'-layout value deletes the old object after the write, never the new one", async () => {
  const { Doc } = faultyModel();
  const id = uniqueName('replace');
  await Doc.create({ id, blob: BLOB, meta: META }).save();
  await Doc.create({ id, blob: OTHER_BLOB, meta: META }).save();
  assert.deepEqual(await itemObjects(id), [itemUri(id, 'blob', OTHER_BLOB), itemUri(id, 'meta', codec.pythonJsonDumps(META))].sort(),
    'the replaced blob is gone; meta (the same value) is kept');
  await Doc.create({ id, blob: null }).save();
  assert.deepEqual(await itemObjects(id), [], 'removing the values removes their objects');
  await assertReadable(id);
});

test('a save whose old-object deletion fails: the save succeeds, E_S3_CLEANUP is reported, the old object is left unreferenced', async () => {
  const { Doc, cleanupErrors } = faultyModel();
  const id = uniqueName('cleanupfail');
  await Doc.create({ id, blob: BLOB }).save();
  s3Proxy.inject((op) => op === 'DeleteObjects' || op === 'DeleteObject', s3Error('InternalError', 500));
  await Doc.create({ id, blob: OTHER_BLOB }).save();
  assert.equal(cleanupErrors.length, 1);
  assert.equal(cleanupErrors[0].code, 'E_S3_CLEANUP');
  assert.equal(cleanupErrors[0].uri, itemUri(id, 'blob', BLOB));
  const got = await assertReadable(id);
  assert.deepEqual(got.blob, OTHER_BLOB);
  assert.deepEqual(await itemObjects(id), [itemUri(id, 'blob', BLOB), itemUri(id, 'blob', OTHER_BLOB)].sort(), 'the old object is an orphan now');
});

test("delete(): the 'item'-layout objects go after the DynamoDB delete; a refused delete keeps both", async () => {
  const { Doc } = faultyModel();
  const id = uniqueName('delete');
  const doc = Doc.create({ id, n: 1, blob: BLOB, meta: META });
  await doc.save();
  const refused = await doc.delete({ condition: Doc.attr.n.eq(2) }).then(() => null, (e) => e);
  assert.equal(refused?.code, 'E_DYNAMODB_CONDITION');
  await assertReadable(id);
  assert.equal((await itemObjects(id)).length, 2);
  dbProxy.inject('DeleteItem', dynamodbError('InternalServerError', 500));
  await assert.rejects(doc.delete(), (e) => e.code === 'E_DYNAMODB_SERVICE' && e.cause.name === 'InternalServerError');
  await assertReadable(id);
  assert.equal((await itemObjects(id)).length, 2, 'a delete that failed deleted no object');
  dbProxy.clear();
  await doc.delete();
  assert.equal(await rawItem(id), undefined);
  assert.deepEqual(await itemObjects(id), []);
});

test('a delete whose object deletion hangs: the item is gone, E_S3_CLEANUP reported, the objects are left unreferenced', async () => {
  const { Doc, cleanupErrors } = faultyModel({ clientOptions: { requestHandler: { requestTimeout: 300, throwOnRequestTimeout: true } } });
  const id = uniqueName('deletehang');
  const doc = Doc.create({ id, blob: BLOB });
  await doc.save();
  s3Proxy.inject((op) => op === 'DeleteObjects' || op === 'DeleteObject', HANG);
  await doc.delete();
  assert.equal(await rawItem(id), undefined);
  assert.deepEqual(cleanupErrors.map((e) => [e.code, e.uri]), [['E_S3_CLEANUP', itemUri(id, 'blob', BLOB)]]);
  assert.deepEqual(await itemObjects(id), [itemUri(id, 'blob', BLOB)]);
});
