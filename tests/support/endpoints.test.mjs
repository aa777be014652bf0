// Smoke test of the local backends and of the helper: real calls against each server that
// scripts/servers.sh started. Also checks every FEATURES row marked `checked`, so the gap table in
// endpoints.mjs fails here the day a backend changes.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import {
  CreateTableCommand, DeleteTableCommand, DescribeTableCommand, DescribeTimeToLiveCommand, GetItemCommand,
  PutItemCommand, QueryCommand, TransactWriteItemsCommand, UpdateItemCommand, UpdateTimeToLiveCommand,
} from '@aws-sdk/client-dynamodb';
import {
  CreateBucketCommand, DeleteBucketCommand, DeleteObjectCommand, GetObjectCommand, HeadObjectCommand, PutObjectCommand,
} from '@aws-sdk/client-s3';
import { test } from 'node:test';
import { backends, eachBackend, FEATURES, supports, uniqueName } from './endpoints.mjs';

/** Awaits `promise`, asserting it rejects with an error named `name`; returns the error. */
async function rejectsWith(promise, name) {
  let caught;
  await promise.catch((error) => { caught = error; });
  assert.ok(caught, `expected ${name}, the call succeeded`);
  assert.equal(caught.name, name, caught.stack);
  return caught;
}

test('the helper: names, feature table, loopback endpoints', () => {
  const a = uniqueName('t');
  const b = uniqueName('t');
  assert.notEqual(a, b);
  assert.match(a, /^[a-z0-9-]{3,63}$/); // valid as a table and as a bucket name
  assert.throws(() => uniqueName('Bad_Prefix'), /prefix/);
  assert.throws(() => supports('moto', 'no-such-feature'), /unknown feature/);
  assert.throws(() => supports('dynalite', 's3'), /unknown backend/);
  assert.deepEqual(backends().map((x) => x.name), ['dynamodb-local', 'moto']);
  for (const x of backends()) {
    assert.equal(new URL(x.endpoint).hostname, '127.0.0.1');
    assert.equal(x.s3 === null, !FEATURES.s3[x.name]);
  }
});

eachBackend('DynamoDB: GSI table, conditions, ALL_NEW, GSI query, cancelled transaction, TTL', async (backend, t) => {
  const db = backend.dynamodb;
  const TableName = uniqueName('smoke');
  const created = await db.send(new CreateTableCommand({
    TableName,
    BillingMode: 'PAY_PER_REQUEST',
    AttributeDefinitions: [
      { AttributeName: 'pk', AttributeType: 'S' },
      { AttributeName: 'owner', AttributeType: 'S' },
      { AttributeName: 'n', AttributeType: 'N' },
    ],
    KeySchema: [{ AttributeName: 'pk', KeyType: 'HASH' }],
    GlobalSecondaryIndexes: [{
      IndexName: 'by-owner',
      KeySchema: [{ AttributeName: 'owner', KeyType: 'HASH' }, { AttributeName: 'n', KeyType: 'RANGE' }],
      Projection: { ProjectionType: 'ALL' },
    }],
  }));
  assert.equal(created.TableDescription.TableName, TableName);
  let deleted = false;
  try {
    const described = await db.send(new DescribeTableCommand({ TableName }));
    assert.equal(described.Table.TableStatus, 'ACTIVE'); // both backends create tables at once
    assert.equal(described.Table.GlobalSecondaryIndexes[0].IndexName, 'by-owner');

    await t.test('PutItem with a condition; the duplicate is ConditionalCheckFailedException', async () => {
      const put = { TableName, Item: { pk: { S: 'a' }, owner: { S: 'alice' }, n: { N: '1' } }, ConditionExpression: 'attribute_not_exists(pk)' };
      await db.send(new PutItemCommand(put));
      const error = await rejectsWith(
        db.send(new PutItemCommand({ ...put, ReturnValuesOnConditionCheckFailure: 'ALL_OLD' })),
        'ConditionalCheckFailedException',
      );
      assert.deepEqual(error.Item.n, { N: '1' });
    });

    await t.test('UpdateItem with ReturnValues ALL_NEW', async () => {
      const r = await db.send(new UpdateItemCommand({
        TableName,
        Key: { pk: { S: 'a' } },
        UpdateExpression: 'SET n = n + :one, tags = :tags',
        ConditionExpression: 'attribute_exists(pk)',
        ExpressionAttributeValues: { ':one': { N: '1' }, ':tags': { SS: ['x', 'y'] } },
        ReturnValues: 'ALL_NEW',
      }));
      assert.deepEqual(r.Attributes.n, { N: '2' });
      assert.deepEqual(r.Attributes.owner, { S: 'alice' });
      assert.deepEqual([...r.Attributes.tags.SS].sort(), ['x', 'y']);
    });

    await t.test('Query on the GSI', async () => {
      await db.send(new PutItemCommand({ TableName, Item: { pk: { S: 'b' }, owner: { S: 'alice' }, n: { N: '5' } } }));
      await db.send(new PutItemCommand({ TableName, Item: { pk: { S: 'c' }, owner: { S: 'bob' }, n: { N: '3' } } }));
      const r = await db.send(new QueryCommand({
        TableName,
        IndexName: 'by-owner',
        KeyConditionExpression: '#o = :o AND n > :min',
        ExpressionAttributeNames: { '#o': 'owner' },
        ExpressionAttributeValues: { ':o': { S: 'alice' }, ':min': { N: '0' } },
        ScanIndexForward: false,
      }));
      assert.deepEqual(r.Items.map((i) => i.pk.S), ['b', 'a']);
      await rejectsWith(db.send(new QueryCommand({
        TableName, IndexName: 'by-owner', ConsistentRead: true,
        KeyConditionExpression: '#o = :o', ExpressionAttributeNames: { '#o': 'owner' },
        ExpressionAttributeValues: { ':o': { S: 'alice' } },
      })), 'ValidationException');
    });

    await t.test('TransactWriteItems cancelled: CancellationReasons, nothing written', async () => {
      const error = await rejectsWith(db.send(new TransactWriteItemsCommand({
        TransactItems: [
          { Put: { TableName, Item: { pk: { S: 'tx' } } } },
          {
            ConditionCheck: {
              TableName, Key: { pk: { S: 'a' } }, ConditionExpression: 'n = :x',
              ExpressionAttributeValues: { ':x': { N: '99' } }, ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
            },
          },
        ],
      })), 'TransactionCanceledException');
      assert.deepEqual(error.CancellationReasons.map((r) => r.Code), ['None', 'ConditionalCheckFailed']);
      assert.deepEqual(error.CancellationReasons[1].Item.n, { N: '2' });
      const r = await db.send(new GetItemCommand({ TableName, Key: { pk: { S: 'tx' } }, ConsistentRead: true }));
      assert.equal(r.Item, undefined);
    });

    await t.test('TTL enable + describe', async () => {
      const spec = { TableName, TimeToLiveSpecification: { Enabled: true, AttributeName: 'expires' } };
      const r = await db.send(new UpdateTimeToLiveCommand(spec));
      assert.deepEqual(r.TimeToLiveSpecification, spec.TimeToLiveSpecification);
      const d = await db.send(new DescribeTimeToLiveCommand({ TableName }));
      assert.deepEqual(d.TimeToLiveDescription, { TimeToLiveStatus: 'ENABLED', AttributeName: 'expires' });
      // FEATURES.ttlUpdateValidation: enabling it again.
      const again = db.send(new UpdateTimeToLiveCommand(spec));
      if (supports(backend, 'ttlUpdateValidation')) await rejectsWith(again, 'ValidationException');
      else await again;
    });

    await t.test('known gaps: number normalization and precision, transaction idempotency', async () => {
      await db.send(new PutItemCommand({ TableName, Item: { pk: { S: 'num' }, x: { N: '1.50' }, y: { N: '1e2' }, z: { N: '-0' } } }));
      const { Item } = await db.send(new GetItemCommand({ TableName, Key: { pk: { S: 'num' } }, ConsistentRead: true }));
      const expected = supports(backend, 'numberNormalization') ? ['1.5', '100', '0'] : ['1.50', '1e2', '-0'];
      assert.deepEqual([Item.x.N, Item.y.N, Item.z.N], expected);

      const tooPrecise = db.send(new PutItemCommand({ TableName, Item: { pk: { S: 'p' }, x: { N: `1.${'1'.repeat(40)}` } } }));
      if (supports(backend, 'numberPrecisionLimit')) await rejectsWith(tooPrecise, 'ValidationException');
      else await tooPrecise;

      const ClientRequestToken = randomUUID(); // at most 36 characters
      const write = (value) => new TransactWriteItemsCommand({
        ClientRequestToken,
        TransactItems: [{ Put: { TableName, Item: { pk: { S: 'idem' }, v: { S: value } } } }],
      });
      await db.send(write('first'));
      const replay = db.send(write('second'));
      if (supports(backend, 'transactionIdempotency')) await rejectsWith(replay, 'IdempotentParameterMismatchException');
      else await replay;
    });

    await t.test('known gap: item size limit', async () => {
      // 406,000 bytes: stored by DynamoDB (up to 409,600), over moto's 405,000.
      const put = db.send(new PutItemCommand({ TableName, Item: { pk: { S: 'big' }, s: { S: 'x'.repeat(406_000 - 3) } } }));
      if (supports(backend, 'itemSizeLimit')) await put;
      else await rejectsWith(put, 'ValidationException');
      // 380,000 bytes after the update, but moto sizes it after SET b first: the old a beside the new b.
      const swap = async (order) => {
        await db.send(new PutItemCommand({ TableName, Item: { pk: { S: 'swap' }, a: { S: 'x'.repeat(300_000) } } }));
        return db.send(new UpdateItemCommand({
          TableName, Key: { pk: { S: 'swap' } }, UpdateExpression: order,
          ExpressionAttributeValues: { ':short': { S: 'x' }, ':long': { S: 'y'.repeat(380_000) } },
        }));
      };
      const growFirst = swap('SET b = :long, a = :short');
      if (supports(backend, 'itemSizeLimit')) await growFirst;
      else await rejectsWith(growFirst, 'ValidationException');
      await swap('SET a = :short, b = :long'); // shrinking first passes on both
    });

    await t.test('known gap: index name validation', async () => {
      const create = db.send(new CreateTableCommand({
        TableName: uniqueName('shortindex'),
        BillingMode: 'PAY_PER_REQUEST',
        AttributeDefinitions: [{ AttributeName: 'pk', AttributeType: 'S' }],
        KeySchema: [{ AttributeName: 'pk', KeyType: 'HASH' }],
        GlobalSecondaryIndexes: [{ IndexName: 'ix', KeySchema: [{ AttributeName: 'pk', KeyType: 'HASH' }], Projection: { ProjectionType: 'KEYS_ONLY' } }],
      }));
      if (supports(backend, 'indexNameValidation')) {
        await rejectsWith(create, 'ValidationException');
      } else {
        const r = await create;
        await db.send(new DeleteTableCommand({ TableName: r.TableDescription.TableName }));
      }
    });

    await t.test('DeleteTable', async () => {
      await db.send(new DeleteTableCommand({ TableName }));
      deleted = true;
      await rejectsWith(db.send(new DescribeTableCommand({ TableName })), 'ResourceNotFoundException');
    });
  } finally {
    if (!deleted) await db.send(new DeleteTableCommand({ TableName })).catch(() => {});
  }
});

eachBackend('S3: CreateBucket, PutObject, HeadObject, GetObject', async ({ s3 }) => {
  const Bucket = uniqueName('smoke');
  await s3.send(new CreateBucketCommand({ Bucket }));
  const Key = 'dir/héllo world.json';
  const Body = JSON.stringify({ hello: 'wörld' });
  try {
    const put = await s3.send(new PutObjectCommand({ Bucket, Key, Body, ContentType: 'application/json', Metadata: { writer: 'js' } }));
    assert.match(put.ETag, /^"[0-9a-f]{32}"$/);
    const head = await s3.send(new HeadObjectCommand({ Bucket, Key }));
    assert.equal(head.ContentLength, Buffer.byteLength(Body));
    assert.equal(head.ContentType, 'application/json');
    assert.deepEqual(head.Metadata, { writer: 'js' });
    assert.equal(head.ETag, put.ETag);
    const got = await s3.send(new GetObjectCommand({ Bucket, Key }));
    assert.equal(await got.Body.transformToString(), Body);
    await rejectsWith(s3.send(new HeadObjectCommand({ Bucket, Key: 'missing' })), 'NotFound');
    await rejectsWith(s3.send(new GetObjectCommand({ Bucket, Key: 'missing' })), 'NoSuchKey');
  } finally {
    await s3.send(new DeleteObjectCommand({ Bucket, Key })).catch(() => {});
    await s3.send(new DeleteBucketCommand({ Bucket })).catch(() => {});
  }
}, { needs: ['s3'] });

// FEATURES.cors: what a browser's preflight gets (a plain fetch; the SDK never sends OPTIONS).
eachBackend('CORS preflight', async (backend) => {
  const r = await fetch(`${backend.endpoint}/`, {
    method: 'OPTIONS',
    headers: {
      Origin: 'http://127.0.0.1:9',
      'Access-Control-Request-Method': 'POST',
      'Access-Control-Request-Headers': 'authorization,content-type,x-amz-target',
    },
  });
  await r.arrayBuffer();
  const allowed = r.headers.get('access-control-allow-origin');
  assert.equal(allowed === 'http://127.0.0.1:9' || allowed === '*', supports(backend, 'cors'), `allow-origin: ${allowed}`);
});
