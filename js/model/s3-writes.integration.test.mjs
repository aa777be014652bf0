// Layout 'item' objects follow their item (DynamoDB Local and moto DynamoDB, moto S3): a write deletes
// the objects it replaced once DynamoDB took it, the objects it uploaded when DynamoDB refused it, a
// delete deletes the item's objects; 'content' objects are never deleted by a write; a cleanup that
// fails is reported, never thrown.
import assert from 'node:assert/strict';
import { once } from 'node:events';
import { BatchWriteItemCommand, GetItemCommand, PutItemCommand } from '@aws-sdk/client-dynamodb';
import { CreateBucketCommand, DeleteBucketPolicyCommand, ListObjectsV2Command, PutBucketPolicyCommand } from '@aws-sdk/client-s3';
import { uniqueName } from '../../tests/support/endpoints.mjs';
import { eachS3Backend, recording } from '../testing/s3-backends.mjs';
import { attr, codec, defineModel, errors } from '../node.mjs';
import { s3Storage } from '../s3.mjs';

const TEXT = (tag) => `${tag} héllo 😀 `.repeat(20_000);
const md5 = (s) => codec.md5Hex(s);

async function setUp({ dynamodb, s3 }, { rangeKey = false, ...definition } = {}) {
  const bucket = uniqueName('s3writes');
  await s3.send(new CreateBucketCommand({ Bucket: bucket }));
  const client = recording(s3);
  const db = recording(dynamodb);
  const Doc = defineModel({
    table: uniqueName('s3writes'),
    client: db,
    s3: s3Storage(client),
    attributes: {
      id: attr.string({ hashKey: true }),
      ...(rangeKey ? { n: attr.number({ rangeKey: true, integer: true }) } : {}),
      text: attr.s3Text({ bucket, layout: 'item', prefix: 'large', nullable: true }),
      bin: attr.s3Binary({ bucket, layout: 'item', prefix: 'large', nullable: true, inlineBelow: 100 }),
      shared: attr.s3Text({ bucket, nullable: true }),
      note: attr.string({ nullable: true }),
    },
    ...definition,
  });
  await Doc.createTable({ wait: true });
  const keys = async () => ((await s3.send(new ListObjectsV2Command({ Bucket: bucket }))).Contents ?? []).map((o) => o.Key).sort();
  const raw = async (id) => (await dynamodb.send(new GetItemCommand({ TableName: Doc.tableName, Key: { id: { S: id } }, ConsistentRead: true }))).Item;
  const textKey = (id, value) => `large/pk=${id}/attr=text/md5=${md5(value)}`;
  const sharedKey = (value) => `pynamodb-mate/bigtext/${codec.sha256Hex(value)}.txt`;
  return { Doc, bucket, client, db, keys, raw, textKey, sharedKey, s3 };
}

const failedCondition = (e) => e.code === 'E_DYNAMODB_CONDITION' && e.cause.name === 'ConditionalCheckFailedException';

eachS3Backend("save: the replaced 'item' object is deleted after the put, never the one stored; 'content' objects stay", async (backend) => {
  const { Doc, client, keys, raw, textKey, sharedKey } = await setUp(backend);
  try {
    const [a, b] = [TEXT('a'), TEXT('b')];
    const doc = Doc.create({ id: 'd1', text: a, shared: a });
    await doc.save();
    assert.deepEqual(await keys(), [textKey('d1', a), sharedKey(a)].sort());

    client.sent.length = 0;
    await doc.save();                                            // same values: same keys, nothing deleted
    // Found both; after the write, the young 'item' object is checked again (a refused concurrent writer may have deleted it).
    assert.deepEqual(client.sent, ['HeadObject', 'HeadObject', 'HeadObject']);
    assert.deepEqual(await keys(), [textKey('d1', a), sharedKey(a)].sort());

    doc.text = b;
    doc.shared = b;
    await doc.save();
    assert.deepEqual(await keys(), [textKey('d1', b), sharedKey(a), sharedKey(b)].sort(), 'old item object gone, content kept');
    assert.equal((await Doc.get('d1', { consistentRead: true })).text, b);

    doc.text = null;
    await doc.save();
    assert.equal((await raw('d1')).text, undefined);
    assert.deepEqual(await keys(), [sharedKey(a), sharedKey(b)].sort());

    // A value small enough to stay in the item replaces the object too.
    doc.bin = new Uint8Array(5000).fill(7);
    await doc.save();
    const binKey = (await keys()).find((k) => k.includes('attr=bin'));
    doc.bin = new Uint8Array([1, 2]);
    await doc.save();
    assert.ok((await raw('d1')).bin.B, 'inlined');
    assert.ok(!(await keys()).includes(binKey));
  } finally {
    await Doc.deleteTable();
  }
});

eachS3Backend("save refused by DynamoDB: the 'item' objects it uploaded are deleted, the item and its objects are as before", async (backend) => {
  const { Doc, keys, textKey, sharedKey } = await setUp(backend);
  try {
    const [a, b] = [TEXT('a'), TEXT('b')];
    await Doc.create({ id: 'd1', text: a }).save();
    const before = await keys();
    await assert.rejects(Doc.create({ id: 'd1', text: b, shared: b }).save({ condition: Doc.attr.id.notExists() }), failedCondition);
    assert.deepEqual(await keys(), [...before, sharedKey(b)].sort(), 'the new item object is gone; the content object is left for the collector');
    assert.equal((await Doc.get('d1', { consistentRead: true })).text, a);

    // Refused with the value it already has: the object was not uploaded by this call, so it stays.
    await assert.rejects(Doc.create({ id: 'd1', text: a }).save({ condition: Doc.attr.id.notExists() }), failedCondition);
    assert.ok((await keys()).includes(textKey('d1', a)));
    assert.equal((await Doc.get('d1', { consistentRead: true })).text, a);
  } finally {
    await Doc.deleteTable();
  }
});

eachS3Backend('a refused write keeps an upload that another writer stored meanwhile (the item is re-read first)', async (backend) => {
  const { Doc, db, keys, textKey } = await setUp(backend);
  try {
    const a = TEXT('a');
    // Just before our PutItem, another writer saves the same value: it finds our upload and stores its URI.
    db.fail.PutItem = async (command, send) => {
      delete db.fail.PutItem;
      await Doc.create({ id: 'd1', text: a }).save();
      return send(command);
    };
    await assert.rejects(Doc.create({ id: 'd1', text: a }).save({ condition: Doc.attr.id.notExists() }), failedCondition);
    assert.deepEqual(await keys(), [textKey('d1', a)]);
    assert.equal((await Doc.get('d1', { consistentRead: true })).text, a);
  } finally {
    await Doc.deleteTable();
  }
});

eachS3Backend('update: set uploads first, then the UpdateItem, then deletes the replaced object; remove deletes it', async (backend) => {
  const { Doc, client, keys, sharedKey } = await setUp(backend, { rangeKey: true });
  const key = (id, n, value) => `large/pk=${id}/sk=${n}/attr=text/md5=${md5(value)}`;
  try {
    const [a, b] = [TEXT('a'), TEXT('b')];
    const doc = Doc.create({ id: 'd1', n: 7, text: a, note: 'x' });
    await doc.save();
    assert.deepEqual(await keys(), [key('d1', 7, a)]);

    client.sent.length = 0;
    await doc.update([Doc.attr.text.set(b), Doc.attr.shared.set(b), Doc.attr.note.set('y')]);
    assert.deepEqual([doc.text, doc.shared, doc.note], [b, b, 'y'], 'the instance takes the new values');
    assert.deepEqual(await keys(), [key('d1', 7, b), sharedKey(b)].sort());
    assert.deepEqual(client.sent.slice(0, 4).sort(), ['HeadObject', 'HeadObject', 'PutObject', 'PutObject']);
    assert.ok(client.sent.indexOf('DeleteObjects') > 3, 'deleted after the uploads');

    await doc.update([Doc.attr.text.set(b)]);                  // the same value: kept
    assert.ok((await keys()).includes(key('d1', 7, b)));

    await assert.rejects(doc.update([Doc.attr.text.set(a)], { condition: Doc.attr.note.eq('z') }), failedCondition);
    assert.deepEqual(await keys(), [key('d1', 7, b), sharedKey(b)].sort(), 'the refused upload is gone, the stored object stays');
    assert.equal((await Doc.get('d1', 7, { consistentRead: true })).text, b);

    await doc.update([Doc.attr.text.remove(), Doc.attr.shared.remove()]);
    assert.deepEqual(await keys(), [sharedKey(b)]);
    assert.equal((await Doc.get('d1', 7, { consistentRead: true })).text, undefined);
  } finally {
    await Doc.deleteTable();
  }
});

eachS3Backend("delete: the item's 'item' objects are deleted after the DeleteItem; a refused delete deletes nothing", async (backend) => {
  const { Doc, keys, sharedKey } = await setUp(backend);
  try {
    const a = TEXT('a');
    const doc = Doc.create({ id: 'd1', text: a, bin: new Uint8Array(3000).fill(1), shared: a });
    await doc.save();
    assert.equal((await keys()).length, 3);
    await assert.rejects(doc.delete({ condition: Doc.attr.note.exists() }), failedCondition);
    assert.equal((await keys()).length, 3);
    await doc.delete();
    assert.deepEqual(await keys(), [sharedKey(a)]);
    assert.equal(await Doc.getOneOrNone('d1', { consistentRead: true }), null);
  } finally {
    await Doc.deleteTable();
  }
});

eachS3Backend('transactWrite: replaced and deleted objects go after it succeeds, uploads after it is cancelled', async (backend) => {
  const { Doc, keys, textKey } = await setUp(backend);
  try {
    const [a, b, c] = [TEXT('a'), TEXT('b'), TEXT('c')];
    const [d1, d2, d3] = ['d1', 'd2', 'd3'].map((id) => Doc.create({ id, text: a }));
    await Promise.all([d1.save(), d2.save(), d3.save()]);
    d1.text = b;
    await Doc.transactWrite([d1.putOp(), d2.updateOp([Doc.attr.text.set(b)]), d3.deleteOp()]);
    assert.deepEqual(await keys(), [textKey('d1', b), textKey('d2', b)].sort());

    d1.text = c;
    const error = await Doc.transactWrite([d1.putOp(), d2.updateOp([Doc.attr.text.set(c)], { condition: Doc.attr.note.exists() })])
      .then(() => null, (e) => e);
    assert.ok(error instanceof errors.TransactionCanceledError, String(error));
    assert.deepEqual(await keys(), [textKey('d1', b), textKey('d2', b)].sort());
    assert.deepEqual([(await Doc.get('d1', { consistentRead: true })).text, (await Doc.get('d2', { consistentRead: true })).text], [b, b]);
  } finally {
    await Doc.deleteTable();
  }
});

eachS3Backend('batchWrite: replaced and deleted objects go; a put left unprocessed deletes its upload', async (backend) => {
  const { Doc, db, keys, textKey } = await setUp(backend);
  try {
    const [a, b, c] = [TEXT('a'), TEXT('b'), TEXT('c')];
    await Doc.batchWrite({ put: ['d1', 'd2', 'd3'].map((id) => Doc.create({ id, text: a })) });
    assert.equal((await keys()).length, 3);
    await Doc.batchWrite({ put: [Doc.create({ id: 'd1', text: b }), Doc.create({ id: 'd2', text: a })], delete: ['d3'] });
    assert.deepEqual(await keys(), [textKey('d1', b), textKey('d2', a)].sort());

    // DynamoDB processes the request for d1 and never the one for d2.
    db.fail.BatchWriteItem = async (command, send) => {
      const [table, requests] = Object.entries(command.input.RequestItems)[0];
      const [done, left] = [requests.filter((r) => r.PutRequest.Item.id.S === 'd1'), requests.filter((r) => r.PutRequest.Item.id.S !== 'd1')];
      const out = done.length > 0 ? await send(new BatchWriteItemCommand({ RequestItems: { [table]: done } })) : {};
      return { ...out, UnprocessedItems: { [table]: left } };
    };
    const error = await Doc.batchWrite({ put: [Doc.create({ id: 'd1', text: c }), Doc.create({ id: 'd2', text: c })] }, { retry: { attempts: 2, baseMs: 1, maxMs: 1 } })
      .then(() => null, (e) => e);
    assert.equal(error?.code, 'E_BATCH_UNPROCESSED');
    assert.deepEqual(error.unprocessed.map((r) => r.PutRequest.Item.id.S), ['d2']);
    assert.deepEqual(await keys(), [textKey('d1', c), textKey('d2', a)], 'd1 replaced its object; the upload for d2 is gone');
    assert.deepEqual([(await Doc.get('d1', { consistentRead: true })).text, (await Doc.get('d2', { consistentRead: true })).text], [c, a]);
  } finally {
    await Doc.deleteTable();
  }
});

eachS3Backend('a cleanup that fails is reported to onS3CleanupError (E_S3_CLEANUP), the write succeeds, the object stays', async (backend) => {
  const reports = [];
  const { Doc, keys, textKey, bucket, s3 } = await setUp(backend, { onS3CleanupError: (e) => reports.push(e) });
  try {
    const [a, b] = [TEXT('a'), TEXT('b')];
    const doc = Doc.create({ id: 'd1', text: a });
    await doc.save();
    await s3.send(new PutBucketPolicyCommand({ Bucket: bucket, Policy: JSON.stringify({
      Version: '2012-10-17', Statement: [{ Effect: 'Deny', Principal: '*', Action: 's3:DeleteObject', Resource: `arn:aws:s3:::${bucket}/*` }],
    }) }));
    doc.text = b;
    await doc.save();
    assert.equal((await Doc.get('d1', { consistentRead: true })).text, b);
    assert.deepEqual(await keys(), [textKey('d1', a), textKey('d1', b)].sort(), 'the old object is left for the collector');
    assert.equal(reports.length, 1);
    const [report] = reports;
    assert.ok(report instanceof errors.S3Error);
    assert.equal(report.code, 'E_S3_CLEANUP');
    assert.equal(report.attribute, 'text');
    assert.equal(report.uri, `s3://${bucket}/${textKey('d1', a)}`);
    assert.deepEqual(report.itemKey, { id: 'd1' });
    assert.match(report.message, /\.text: could not delete .*AccessDenied.*item id="d1"/);
  } finally {
    await s3.send(new DeleteBucketPolicyCommand({ Bucket: bucket }));
    await Doc.deleteTable();
  }
});

eachS3Backend('a write that may still land (a timeout, a 5xx, a retried request) deletes nothing', async (backend) => {
  const { Doc, db, keys, textKey } = await setUp(backend);
  const [a, b] = [TEXT('a'), TEXT('b')];
  try {
    await Doc.create({ id: 'd1', text: a }).save();
    db.fail.PutItem = async () => { throw Object.assign(new Error('timed out'), { name: 'TimeoutError' }); };
    await assert.rejects(Doc.create({ id: 'd1', text: b }).save(), (e) => e.code === 'E_DYNAMODB_TIMEOUT' && e.cause.name === 'TimeoutError');
    db.fail.PutItem = async () => {
      throw Object.assign(new Error('refused'), { name: 'ConditionalCheckFailedException', $metadata: { attempts: 2 } });
    };
    await assert.rejects(Doc.create({ id: 'd2', text: b }).save(), failedCondition);
    assert.deepEqual(await keys(), [textKey('d1', a), textKey('d1', b), textKey('d2', b)].sort(), 'all left for the collector');
    assert.ok(!db.sent.includes('GetItem'), 'no cleanup was attempted');
  } finally {
    await Doc.deleteTable();
  }
});

eachS3Backend('two writers of one value: a reused young object deleted by the refused writer is put back, by either writer', async (backend) => {
  const { Doc, db, client, keys, textKey, raw, s3 } = await setUp(backend);
  const { DeleteObjectCommand } = await import('@aws-sdk/client-s3');
  const a = TEXT('a');
  const deleteObject = (uri) => s3.send(new DeleteObjectCommand({ Bucket: new URL(uri).host, Key: new URL(uri).pathname.slice(1) }));
  try {
    // The refused writer's delete lands after this writer's PutItem: this writer puts the object back.
    await Doc.create({ id: 'd1', text: a }).save({ condition: Doc.attr.id.notExists() });
    const uri = (await raw('d1')).text.S;
    db.fail.PutItem = async (command, send) => {
      delete db.fail.PutItem;
      const out = await send(command);
      await deleteObject(uri);
      return out;
    };
    await Doc.create({ id: 'd1', text: a }).save();
    assert.deepEqual(await keys(), [textKey('d1', a)]);
    assert.equal((await Doc.get('d1', { consistentRead: true })).text, a);

    // The other writer's PutItem lands while the refused writer deletes: the refused writer puts it back.
    await Doc.create({ id: 'd2', text: a }).save({ condition: Doc.attr.id.exists() }).catch(() => {});
    assert.ok(!(await keys()).includes(textKey('d2', a)), 'a refused write deletes its upload');
    client.fail.DeleteObjects = async (command, send) => {
      delete client.fail.DeleteObjects;
      const out = await send(command);
      await backend.dynamodb.send(new PutItemCommand({ TableName: Doc.tableName, Item: { id: { S: 'd2' }, text: { S: uri.replace('pk=d1', 'pk=d2') } } }));
      return out;
    };
    await assert.rejects(Doc.create({ id: 'd2', text: a }).save({ condition: Doc.attr.id.exists() }), failedCondition);
    assert.ok((await keys()).includes(textKey('d2', a)), 'put back');
    assert.equal((await Doc.get('d2', { consistentRead: true })).text, a);
  } finally {
    await Doc.deleteTable();
  }
});

eachS3Backend('without onS3CleanupError a failed cleanup is a process warning; an unreadable item keeps the upload', async (backend) => {
  const { Doc, db, keys, textKey } = await setUp(backend);
  try {
    const a = TEXT('a');
    // DynamoDB refuses the PutItem, and the GetItem that would check what the item references fails.
    db.fail.PutItem = async () => { throw Object.assign(new Error('refused'), { name: 'ConditionalCheckFailedException' }); };
    db.fail.GetItem = async () => { throw Object.assign(new Error('throttled'), { name: 'ThrottlingException' }); };
    const warned = once(process, 'warning');
    await assert.rejects(Doc.create({ id: 'd1', text: a }).save(), failedCondition);
    const [warning] = await warned;
    assert.equal(warning.code, 'E_S3_CLEANUP');
    assert.match(warning.message, /could not be read to clean up/);
    assert.deepEqual(await keys(), [textKey('d1', a)], 'kept: deleting blind could lose a value');
  } finally {
    delete db.fail.GetItem;
    await Doc.deleteTable();
  }
});

eachS3Backend("an object that is not this item's own 'item' object is never deleted (another item's, a 'content' URI)", async (backend) => {
  const { Doc, keys, bucket, sharedKey } = await setUp(backend);
  try {
    const a = TEXT('a');
    await Doc.create({ id: 'other', shared: a }).save();
    await Doc.create({ id: 'src', text: a }).save();
    // An item whose 'item'-layout attribute holds URIs it does not own (written by hand).
    await backend.dynamodb.send(new PutItemCommand({ TableName: Doc.tableName, Item: {
      id: { S: 'd1' }, text: { S: `s3://${bucket}/${sharedKey(a)}` },
    } }));
    await Doc.create({ id: 'd1' }).delete();
    assert.deepEqual(await keys(), [`large/pk=src/attr=text/md5=${md5(a)}`, sharedKey(a)].sort());
  } finally {
    await Doc.deleteTable();
  }
});
