// Writes are planned before any I/O (js/model/writes.mjs): a write that is invalid in any way uploads
// nothing (the moto bucket is unchanged, no S3 request was sent) and sends nothing (the item on the
// server is unchanged, no DynamoDB request was sent), on models with S3-backed attributes of both
// layouts. And batchWrite refuses two requests on one key before writing anything.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { GetItemCommand, ScanCommand } from '@aws-sdk/client-dynamodb';
import { CreateBucketCommand, ListObjectsV2Command } from '@aws-sdk/client-s3';
import { backends, uniqueName } from '../../tests/support/endpoints.mjs';
import { eachS3Backend, recording } from '../testing/s3-backends.mjs';
import { attr, defineModel, errors } from '../node.mjs';
import { s3Storage } from '../s3.mjs';

const TEXT = (tag) => `${tag} héllo 😀 `.repeat(5_000);

eachS3Backend('an invalid write uploads nothing and sends nothing: save, update, transactWrite, batchWrite', async ({ dynamodb, s3 }) => {
  const bucket = uniqueName('plan');
  await s3.send(new CreateBucketCommand({ Bucket: bucket }));
  const s3Client = recording(s3);
  const db = recording(dynamodb);
  const Doc = defineModel({
    table: uniqueName('plan'),
    client: db,
    s3: s3Storage(s3Client),
    attributes: {
      id: attr.string({ hashKey: true }),
      text: attr.s3Text({ bucket, layout: 'item', prefix: 'large', nullable: true }),
      shared: attr.s3Text({ bucket, nullable: true }),
      n: attr.number({ nullable: true }),
      note: attr.string({ nullable: true }),
    },
  });
  await Doc.createTable({ wait: true });
  try {
    await Doc.create({ id: 'd1', text: TEXT('a'), shared: TEXT('a'), n: 1 }).save();
    const keys = async () => ((await s3.send(new ListObjectsV2Command({ Bucket: bucket }))).Contents ?? []).map((o) => o.Key).sort();
    const raw = async (id) => (await dynamodb.send(new GetItemCommand({ TableName: Doc.tableName, Key: { id: { S: id } }, ConsistentRead: true }))).Item;
    const [objects, item] = [await keys(), await raw('d1')];
    assert.equal(objects.length, 2);
    /** An instance of d1 with new S3 values (each would be a new object) and `change` applied. */
    const edited = (change = {}) => Object.assign(Doc.create({ id: 'd1', text: TEXT('b'), shared: TEXT('b'), n: 1 }), change);
    const cases = [
      ['save() with a condition that is a string', () => edited().save({ condition: 'attribute_exists(id)' }), 'E_EXPRESSION'],
      ['save() with a hash key over 2048 bytes', () => edited({ id: 'é'.repeat(1025) }).save(), 'E_ITEM_VALUE'],
      ['save() with an emptied hash key', () => edited({ id: '' }).save(), 'E_ITEM_VALUE'],
      ['save() of an item over 400 KB', () => edited({ note: 'x'.repeat(400 * 1024) }).save(), 'E_ITEM_TOO_LARGE'],
      ['save() with an invalid value', () => edited({ n: Number.NaN }).save(), 'E_ITEM_VALUE'],
      ['update() with one path twice', () => edited().update([Doc.attr.text.set(TEXT('c')), Doc.attr.text.remove()]), 'E_EXPRESSION'],
      ['update() with a non-action', () => edited().update([Doc.attr.shared.set(TEXT('c')), 'SET n = :n']), 'E_EXPRESSION'],
      ['update() with a condition that is not one', () => edited().update([Doc.attr.text.set(TEXT('c'))], { condition: {} }), 'E_EXPRESSION'],
      ['transactWrite() whose last operation is invalid', () => Doc.transactWrite([
        edited().putOp(), Doc.create({ id: 'd2', text: TEXT('c') }).putOp(), edited({ id: 'd3', n: Infinity }).putOp()]), 'E_ITEM_VALUE'],
      ['batchWrite() whose last put is invalid', () => Doc.batchWrite({ put: [edited(), Doc.create({ id: 'd2', text: TEXT('c') }), edited({ id: 'd3', note: 5 })] }), 'E_ITEM_TYPE'],
      ['batchWrite() with a key twice', () => Doc.batchWrite({ put: [edited(), Doc.create({ id: 'd2', text: TEXT('c') })], delete: ['d1'] }), 'E_ARGUMENT'],
    ];
    for (const [title, write, code] of cases) {
      s3Client.sent.length = 0;
      db.sent.length = 0;
      await assert.rejects(write(), (e) => e instanceof errors.DynamoDBMateError && e.code === code, title);
      assert.deepEqual([s3Client.sent, db.sent], [[], []], `${title}: no request`);
      assert.deepEqual(await keys(), objects, `${title}: nothing uploaded`);
      assert.deepEqual(await raw('d1'), item, `${title}: the item is unchanged`);
      assert.equal(await raw('d2'), undefined, `${title}: no other item written`);
    }
  } finally {
    await Doc.deleteTable();
  }
});

// DynamoDB refuses a BatchWriteItem request that writes one key twice, moto applies it: DynamoDB Local.
test('batchWrite() with one key in two 25-item requests writes nothing [dynamodb-local]', { timeout: 60_000 }, async () => {
  const { dynamodb } = backends().find((b) => b.name === 'dynamodb-local');
  const db = recording(dynamodb);
  const Row = defineModel({ table: uniqueName('plan-batch'), client: db, attributes: { id: attr.string({ hashKey: true }), n: attr.number() } });
  await Row.createTable({ wait: true });
  try {
    const rows = Array.from({ length: 30 }, (_, i) => Row.create({ id: `r${i}`, n: i }));
    db.sent.length = 0;
    const error = await Row.batchWrite({ put: [...rows, Row.create({ id: 'r3', n: 99 })] }).then(() => null, (e) => e);
    assert.ok(error instanceof errors.ArgumentError, String(error));
    assert.equal(error.code, 'E_ARGUMENT');
    assert.match(error.message, /put\[3\] and put\[30\]/);
    assert.deepEqual(db.sent, []);
    assert.equal((await dynamodb.send(new ScanCommand({ TableName: Row.tableName, Select: 'COUNT' }))).Count, 0);

    // The same key as a put and a delete, 25 requests apart.
    const deleted = await Row.batchWrite({ put: rows, delete: ['r0'] }).then(() => null, (e) => e);
    assert.match(deleted?.message ?? '', /put\[0\] and delete\[0\]/);
    assert.equal((await dynamodb.send(new ScanCommand({ TableName: Row.tableName, Select: 'COUNT' }))).Count, 0);

    // Without the duplicate the same batch is written.
    await Row.batchWrite({ put: rows });
    assert.equal((await dynamodb.send(new ScanCommand({ TableName: Row.tableName, Select: 'COUNT' }))).Count, 30);
  } finally {
    await Row.deleteTable();
  }
});
