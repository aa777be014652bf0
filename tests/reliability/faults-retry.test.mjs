// Throttling, 5xx, lost connections and timeouts on DynamoDB (DynamoDB Local) and S3 (moto), injected
// by a loopback proxy so that the SDK's own retry strategy (standard mode, maxAttempts 3, backoff
// with jitter, throttling backoff) runs unchanged: fewer faults than the budget are retried away and
// the operation succeeds; more end in a typed error after exactly maxAttempts requests (a
// DynamoDBError naming the operation, table and item, the SDK's error as its cause), and nothing is
// half-written.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { GetItemCommand, ProvisionedThroughputExceededException } from '@aws-sdk/client-dynamodb';
import { HeadObjectCommand } from '@aws-sdk/client-s3';
import { uniqueName } from '../support/endpoints.mjs';
import { HANG, RESET, dynamodbError, s3Error } from './support/fault-proxy.mjs';
import { bucket, dbProxy, ddb, faultFixture, moto, s3Proxy, table } from './support/fault-fixture.mjs';
import { attr, defineModel, errors } from '../../js/node.mjs';
import { s3Storage } from '../../js/s3.mjs';

const ATTEMPTS = 3; // the SDK's default budget
const BIG = 'retried body é '.repeat(20_000);

const attributes = (b) => ({
  id: attr.string({ hashKey: true }),
  n: attr.number({ integer: true }),
  body: attr.s3Text({ bucket: b, nullable: true }),
});

faultFixture('faults-retry', attributes);

/** A model whose DynamoDB and S3 clients go through the proxies (fresh clients: a full retry quota). */
function faultyModel(clientOptions) {
  dbProxy.clear();
  s3Proxy.clear();
  const { dynamodb } = dbProxy.clients(clientOptions);
  const { s3 } = s3Proxy.clients(clientOptions);
  return defineModel({ table, client: dynamodb, s3: s3Storage(s3), attributes: attributes(bucket) });
}

/** The stored item, read past the proxies. */
const stored = async (id) => (await ddb.dynamodb.send(new GetItemCommand({ TableName: table, Key: { id: { S: id } }, ConsistentRead: true }))).Item;

const DYNAMODB_FAULTS = [
  ['ProvisionedThroughputExceededException (400)', dynamodbError('ProvisionedThroughputExceededException'), 'ProvisionedThroughputExceededException', 400, 'E_DYNAMODB_THROTTLED', 'was throttled'],
  ['ThrottlingException (400)', dynamodbError('ThrottlingException'), 'ThrottlingException', 400, 'E_DYNAMODB_THROTTLED', 'was throttled'],
  ['InternalServerError (500)', dynamodbError('InternalServerError', 500), 'InternalServerError', 500, 'E_DYNAMODB_SERVICE', 'failed with a DynamoDB server error'],
  ['ServiceUnavailable (503)', dynamodbError('ServiceUnavailable', 503), 'ServiceUnavailable', 503, 'E_DYNAMODB_SERVICE', 'failed with a DynamoDB server error'],
];

for (const [label, fault, name, status, code, what] of DYNAMODB_FAULTS) {
  test(`DynamoDB PutItem, ${label} ${ATTEMPTS - 1} times: retried by the SDK, the save succeeds`, async () => {
    const Doc = faultyModel();
    const id = uniqueName('ok');
    const rule = dbProxy.inject('PutItem', fault, { times: ATTEMPTS - 1 });
    await Doc.create({ id, n: 1 }).save();
    assert.equal(rule.hits, ATTEMPTS - 1);
    assert.equal(dbProxy.seen('PutItem'), ATTEMPTS, 'two failed attempts, then the one that wrote');
    assert.equal((await stored(id)).n.N, '1');
  });

  test(`DynamoDB PutItem, ${label} on every attempt: ${code} caused by ${name} after ${ATTEMPTS} requests, no item`, async () => {
    const Doc = faultyModel();
    const id = uniqueName('fail');
    dbProxy.inject('PutItem', fault);
    const error = await Doc.create({ id, n: 1 }).save().then(() => null, (e) => e);
    assert.ok(error instanceof errors.DynamoDBError && error instanceof errors.DynamoDBMateError, String(error));
    assert.deepEqual([error.name, error.code, error.operation, error.table, error.model, error.itemKey], ['DynamoDBError', code, 'PutItem', table, table, { id }]);
    assert.equal(error.message, `PutItem on table "${table}" ${what} after ${ATTEMPTS} attempts (${name}${code === 'E_DYNAMODB_SERVICE' ? `, HTTP ${status}` : ''}), item id="${id}"`);
    assert.equal(error.cause.name, name);
    assert.equal(error.cause.$metadata.httpStatusCode, status);
    assert.equal(error.cause.$metadata.attempts, ATTEMPTS, 'the whole budget was used');
    assert.equal(dbProxy.seen('PutItem'), ATTEMPTS, 'and not one request more');
    assert.equal(await stored(id), undefined);
  });
}

test('DynamoDB throttling on a read: E_DYNAMODB_THROTTLED after the whole budget, the SDK\'s typed exception as its cause', async () => {
  const Doc = faultyModel();
  dbProxy.inject('GetItem', dynamodbError('ProvisionedThroughputExceededException'));
  const error = await Doc.get('any').then(() => null, (e) => e);
  assert.ok(error instanceof errors.DynamoDBError, String(error));
  assert.deepEqual([error.code, error.operation, error.table, error.itemKey], ['E_DYNAMODB_THROTTLED', 'GetItem', table, { id: 'any' }]);
  assert.ok(error.cause instanceof ProvisionedThroughputExceededException, String(error.cause));
  assert.equal(error.cause.$fault, 'client');
  assert.equal(error.cause.$metadata.attempts, ATTEMPTS);
  assert.equal(dbProxy.seen('GetItem'), ATTEMPTS);
});

test('DynamoDB Query throttled on every attempt mid-iteration: the iterator rejects with E_DYNAMODB_THROTTLED (Query, no item key)', async () => {
  const Doc = faultyModel();
  dbProxy.inject('Query', dynamodbError('ThrottlingException'));
  const error = await (async () => { for await (const _ of Doc.query('any')); })().then(() => null, (e) => e);
  assert.deepEqual([error?.code, error?.operation, error?.table, error?.itemKey], ['E_DYNAMODB_THROTTLED', 'Query', table, undefined], String(error));
  assert.equal(error.cause.$metadata.attempts, ATTEMPTS);
});

test('DynamoDB Query throttled once mid-iteration: the page is retried and every item is yielded once', async () => {
  const Doc = faultyModel();
  const id = uniqueName('query');
  await Doc.create({ id, n: 7 }).save();
  dbProxy.inject('Query', dynamodbError('ThrottlingException'), { times: 1 });
  const got = [];
  for await (const item of Doc.query(id, { consistentRead: true })) got.push(item.n);
  assert.deepEqual(got, [7]);
  assert.equal(dbProxy.seen('Query'), 2);
});

test('a connection reset on PutItem is retried (ECONNRESET is transient): the save succeeds', async () => {
  const Doc = faultyModel();
  const id = uniqueName('reset');
  dbProxy.inject('PutItem', RESET, { times: 1 });
  await Doc.create({ id, n: 2 }).save();
  assert.equal(dbProxy.seen('PutItem'), 2);
  assert.equal((await stored(id)).n.N, '2');
});

const S3_FAULTS = [
  ['SlowDown (503)', s3Error('SlowDown', 503)],
  ['InternalError (500)', s3Error('InternalError', 500)],
];

for (const [label, fault] of S3_FAULTS) {
  test(`S3 PutObject, ${label} ${ATTEMPTS - 1} times: retried by the SDK, the upload and the save succeed`, async () => {
    const Doc = faultyModel();
    const id = uniqueName('s3ok');
    const body = `${BIG}${id}`;
    s3Proxy.inject('PutObject', fault, { times: ATTEMPTS - 1 });
    await Doc.create({ id, n: 1, body }).save();
    assert.equal(s3Proxy.seen('PutObject'), ATTEMPTS);
    assert.equal(dbProxy.seen('PutItem'), 1);
    assert.equal((await Doc.get(id, { consistentRead: true })).body, body);
  });

  test(`S3 PutObject, ${label} on every attempt: E_S3_WRITE naming the attribute and URI, no DynamoDB write`, async () => {
    const Doc = faultyModel();
    const id = uniqueName('s3fail');
    s3Proxy.inject('PutObject', fault);
    const error = await Doc.create({ id, n: 1, body: `${BIG}${id}` }).save().then(() => null, (e) => e);
    assert.ok(error instanceof errors.S3Error, String(error));
    assert.equal(error.code, 'E_S3_WRITE');
    assert.equal(error.attribute, 'body');
    assert.match(error.uri, new RegExp(`^s3://${bucket}/pynamodb-mate/bigtext/[0-9a-f]{64}\\.txt$`));
    assert.match(error.message, new RegExp(`^${table}\\.body: PutObject failed`));
    assert.equal(error.cause.$metadata.attempts, ATTEMPTS);
    assert.equal(s3Proxy.seen('PutObject'), ATTEMPTS);
    assert.equal(dbProxy.seen('PutItem'), 0, 'the item write never started');
    assert.equal(await stored(id), undefined);
  });
}

test('S3 HeadObject failing with 503 on every attempt: E_S3_WRITE (HeadObject), nothing uploaded or written', async () => {
  const Doc = faultyModel();
  const id = uniqueName('head');
  s3Proxy.inject('HeadObject', s3Error('ServiceUnavailable', 503));
  const error = await Doc.create({ id, n: 1, body: `${BIG}${id}` }).save().then(() => null, (e) => e);
  assert.equal(error?.code, 'E_S3_WRITE');
  assert.match(error.message, /HeadObject failed/);
  assert.deepEqual([s3Proxy.seen('HeadObject'), s3Proxy.seen('PutObject'), dbProxy.seen('PutItem')], [ATTEMPTS, 0, 0]);
  assert.equal(await stored(id), undefined);
});

test('S3 GetObject failing with 500 on every attempt: E_S3_READ naming the attribute and URI', async () => {
  const Doc = faultyModel();
  const id = uniqueName('read');
  await Doc.create({ id, n: 1, body: `${BIG}${id}` }).save();
  s3Proxy.inject('GetObject', s3Error('InternalError', 500));
  const error = await Doc.get(id, { consistentRead: true }).then(() => null, (e) => e);
  assert.ok(error instanceof errors.S3Error, String(error));
  assert.equal(error.code, 'E_S3_READ');
  assert.equal(error.attribute, 'body');
  assert.equal(error.uri, (await stored(id)).body.S);
  assert.equal(s3Proxy.seen('GetObject'), ATTEMPTS);
});

// Timeouts: the request handler gives up on a request that gets no answer (TimeoutError, which the
// SDK retries as transient); a request that never reached the server wrote nothing.
const TIMEOUT = { requestHandler: { requestTimeout: 300, throwOnRequestTimeout: true } };

test('DynamoDB PutItem that hangs once: timed out, retried, the save succeeds', async () => {
  const Doc = faultyModel(TIMEOUT);
  const id = uniqueName('hang1');
  dbProxy.inject('PutItem', HANG, { times: 1 });
  await Doc.create({ id, n: 3 }).save();
  assert.equal(dbProxy.seen('PutItem'), 2);
  assert.equal((await stored(id)).n.N, '3');
});

test('DynamoDB PutItem that always hangs: E_DYNAMODB_TIMEOUT (TimeoutError) after every attempt timed out, no item, the object left for the collector', async () => {
  const Doc = faultyModel(TIMEOUT);
  const id = uniqueName('hang');
  dbProxy.inject('PutItem', HANG);
  const error = await Doc.create({ id, n: 3, body: `${BIG}${id}` }).save().then(() => null, (e) => e);
  assert.ok(error instanceof errors.DynamoDBError, String(error));
  assert.deepEqual([error.code, error.operation, error.table, error.itemKey, error.cause.name], ['E_DYNAMODB_TIMEOUT', 'PutItem', table, { id }, 'TimeoutError']);
  assert.equal(error.message, `PutItem on table "${table}" timed out after ${ATTEMPTS} attempts (TimeoutError), item id="${id}"`);
  assert.equal(error.cause.$metadata.attempts, ATTEMPTS);
  assert.equal(dbProxy.seen('PutItem'), ATTEMPTS);
  assert.equal(await stored(id), undefined, 'nothing was written');
  assert.equal(s3Proxy.seen('PutObject'), 1, 'the content-addressed upload came first and stays (unreferenced)');
});

test('S3 PutObject that always hangs: E_S3_WRITE caused by TimeoutError, no DynamoDB write', async () => {
  const Doc = faultyModel(TIMEOUT);
  const id = uniqueName('s3hang');
  s3Proxy.inject('PutObject', HANG);
  const error = await Doc.create({ id, n: 1, body: `${BIG}${id}` }).save().then(() => null, (e) => e);
  assert.equal(error?.code, 'E_S3_WRITE', String(error));
  assert.equal(error.cause.name, 'TimeoutError');
  assert.equal(s3Proxy.seen('PutObject'), ATTEMPTS);
  assert.equal(dbProxy.seen('PutItem'), 0);
  assert.equal(await stored(id), undefined);
  const key = new URL(error.uri).pathname.slice(1);
  await assert.rejects(moto.s3.send(new HeadObjectCommand({ Bucket: bucket, Key: key })), (e) => e.name === 'NotFound',
    'a hung upload that never reached the server left no object');
});

test('S3 GetObject that always hangs: E_S3_READ caused by TimeoutError', async () => {
  const Doc = faultyModel(TIMEOUT);
  const id = uniqueName('gethang');
  await Doc.create({ id, n: 1, body: `${BIG}${id}` }).save();
  s3Proxy.inject('GetObject', HANG);
  const error = await Doc.get(id, { consistentRead: true }).then(() => null, (e) => e);
  assert.equal(error?.code, 'E_S3_READ', String(error));
  assert.equal(error.cause.name, 'TimeoutError');
  assert.equal(s3Proxy.seen('GetObject'), ATTEMPTS);
});
