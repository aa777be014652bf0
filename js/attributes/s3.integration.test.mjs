// S3-backed attributes on moto: round trips, content addressing (dedup, upload skipped when the
// object exists), write order (a failed item write leaves the object and no item), reads of any URI.
import assert from 'node:assert/strict';
import { CreateBucketCommand, GetObjectCommand, ListObjectsV2Command, PutObjectCommand } from '@aws-sdk/client-s3';
import { GetItemCommand, PutItemCommand } from '@aws-sdk/client-dynamodb';
import { eachBackend, uniqueName } from '../../tests/support/endpoints.mjs';
import { attr, codec, defineModel, errors } from '../node.mjs';
import { s3Storage } from '../s3.mjs';

/** The S3 client, counting the commands it sends. */
function counting(s3) {
  const sent = [];
  return { sent, send: (command) => { sent.push(command.constructor.name); return s3.send(command); } };
}

async function setUp({ dynamodb, s3 }, options = {}) {
  const bucket = uniqueName('s3attr');
  await s3.send(new CreateBucketCommand({ Bucket: bucket }));
  const client = counting(s3);
  const Doc = defineModel({
    table: uniqueName('s3attr'),
    client: dynamodb,
    s3: s3Storage(client),
    attributes: {
      id: attr.string({ hashKey: true }),
      text: attr.s3Text({ bucket, nullable: true, ...options }),
      bin: attr.s3Binary({ bucket, nullable: true, ...options }),
      json: attr.s3Json({ bucket, nullable: true, ...options }),
    },
  });
  await Doc.createTable({ wait: true });
  const keys = async () => ((await s3.send(new ListObjectsV2Command({ Bucket: bucket }))).Contents ?? []).map((o) => o.Key).sort();
  const body = async (key) => (await s3.send(new GetObjectCommand({ Bucket: bucket, Key: key }))).Body.transformToByteArray();
  const raw = async (id) => (await dynamodb.send(new GetItemCommand({ TableName: Doc.tableName, Key: { id: { S: id } }, ConsistentRead: true }))).Item;
  return { Doc, bucket, client, keys, body, raw };
}

const TEXT = 'héllo 😀 '.repeat(50_000);
const BIN = new Uint8Array([0, 1, 0, 255, 31, 139]);
const JSON_VALUE = { é: [1, 2.5, null, true], big: 12345678901234567890n };
const sha = (s) => codec.sha256Hex(s);

eachBackend('s3Text/s3Binary/s3Json round trip through content-addressed, gzipped objects', async (backend) => {
  const { Doc, bucket, keys, body, raw } = await setUp(backend);
  try {
    await Doc.create({ id: 'a', text: TEXT, bin: BIN, json: JSON_VALUE }).save();
    const got = await Doc.get('a', { consistentRead: true });
    assert.equal(got.text, TEXT);
    assert.deepEqual(got.bin, BIN);
    assert.deepEqual(got.json, JSON_VALUE);

    const dumped = codec.pythonJsonDumps(JSON_VALUE);
    const want = [`pynamodb-mate/bigbinary/${sha(BIN)}.dat`, `pynamodb-mate/bigtext/${sha(TEXT)}.txt`, `pynamodb-mate/s3backed/${sha(dumped)}`];
    assert.deepEqual(await keys(), want);
    const item = await raw('a');
    assert.equal(item.text.S, `s3://${bucket}/${want[1]}`);
    assert.equal(new TextDecoder().decode(codec.gunzip(await body(want[1]))), TEXT);
    assert.deepEqual(codec.gunzip(await body(want[0])), BIN);

    await Doc.create({ id: 'empty', text: '', bin: new Uint8Array(), json: {} }).save();
    const empty = await Doc.get('empty', { consistentRead: true });
    assert.deepEqual([empty.text, empty.bin, empty.json], ['', new Uint8Array(), {}]);
    await Doc.create({ id: 'null', text: null }).save();
    assert.equal((await Doc.get('null', { consistentRead: true })).text, undefined, 'null is left out of the item');
  } finally {
    await Doc.deleteTable();
  }
}, { needs: ['s3'] });

eachBackend('s3 attributes: the same content is uploaded once; HeadObject skips the upload', async (backend) => {
  const { Doc, client, keys } = await setUp(backend);
  try {
    await Doc.create({ id: 'a', text: TEXT }).save();
    assert.deepEqual(client.sent, ['HeadObjectCommand', 'PutObjectCommand']);
    client.sent.length = 0;
    await Doc.create({ id: 'b', text: TEXT }).save();
    assert.deepEqual(client.sent, ['HeadObjectCommand']);
    assert.equal((await keys()).length, 1);
    await (await Doc.get('a', { consistentRead: true })).delete();
    assert.equal((await keys()).length, 1, 'deleting an item keeps content-addressed objects');
    assert.equal((await Doc.get('b', { consistentRead: true })).text, TEXT);
  } finally {
    await Doc.deleteTable();
  }
}, { needs: ['s3'] });

eachBackend('s3 attributes: a failed item write leaves the uploaded object and no item', async (backend) => {
  const { Doc, keys, raw } = await setUp(backend);
  try {
    await assert.rejects(Doc.create({ id: 'a', text: TEXT }).save({ condition: Doc.attr.id.exists() }),
      (e) => e.code === 'E_DYNAMODB_CONDITION');
    assert.equal(await raw('a'), undefined);
    assert.deepEqual(await keys(), [`pynamodb-mate/bigtext/${sha(TEXT)}.txt`]);
  } finally {
    await Doc.deleteTable();
  }
}, { needs: ['s3'] });

eachBackend('s3 attributes read any stored URI, gzip or raw; a missing object is E_S3_NOT_FOUND', async (backend) => {
  const { Doc, bucket, raw } = await setUp(backend);
  const { dynamodb, s3 } = backend;
  try {
    const put = (Key, Body) => s3.send(new PutObjectCommand({ Bucket: bucket, Key, Body }));
    await put('by/hand.gz', codec.gzip('gzipped é'));
    await put('by/hand.raw', new TextEncoder().encode('{"raw": 1}'));
    await dynamodb.send(new PutItemCommand({ TableName: Doc.tableName, Item: {
      id: { S: 'h' }, text: { S: `s3://${bucket}/by/hand.gz` }, json: { S: `s3://${bucket}/by/hand.raw` },
    } }));
    const got = await Doc.get('h', { consistentRead: true });
    assert.equal(got.text, 'gzipped é');
    assert.deepEqual(got.json, { raw: 1 });

    await dynamodb.send(new PutItemCommand({ TableName: Doc.tableName, Item: { id: { S: 'gone' }, bin: { S: `s3://${bucket}/no/such` } } }));
    await assert.rejects(Doc.get('gone', { consistentRead: true }), (e) => e instanceof errors.S3Error && e.code === 'E_S3_NOT_FOUND'
      && e.attribute === 'bin' && e.uri === `s3://${bucket}/no/such` && /bin/.test(e.message));
    await dynamodb.send(new PutItemCommand({ TableName: Doc.tableName, Item: { id: { S: 'bad' }, bin: { S: 'not a uri' } } }));
    await assert.rejects(Doc.get('bad', { consistentRead: true }), (e) => e.code === 'E_S3_URI');
    assert.ok(await raw('bad'));
  } finally {
    await Doc.deleteTable();
  }
}, { needs: ['s3'] });

eachBackend('s3 attributes: prefix, keyTemplate and compress: false', async (backend) => {
  const a = await setUp(backend, { prefix: 'docs/v1', compress: false });
  try {
    await a.Doc.create({ id: 'a', text: 'plain' }).save();
    assert.deepEqual(await a.keys(), [`docs/v1/bigtext/${sha('plain')}.txt`]);
    assert.equal(new TextDecoder().decode(await a.body(`docs/v1/bigtext/${sha('plain')}.txt`)), 'plain');
    assert.equal((await a.Doc.get('a', { consistentRead: true })).text, 'plain');
  } finally {
    await a.Doc.deleteTable();
  }
  const b = await setUp(backend, { keyTemplate: 'x/{fingerprint}/y' });
  try {
    await b.Doc.create({ id: 'a', bin: BIN }).save();
    assert.deepEqual(await b.keys(), [`x/${sha(BIN)}/y`]);
  } finally {
    await b.Doc.deleteTable();
  }
}, { needs: ['s3'] });

eachBackend('s3 attributes: inlineBelow keeps small values in the item (gzip B); larger ones go to S3', async (backend) => {
  const { Doc, keys, raw } = await setUp(backend, { inlineBelow: 100 });
  try {
    await Doc.create({ id: 'small', text: 'short é', bin: new Uint8Array([0, 0]), json: { a: 1 } }).save();
    const item = await raw('small');
    assert.deepEqual(codec.gunzip(item.text.B), new TextEncoder().encode('short é'));
    assert.deepEqual(await keys(), []);
    await Doc.create({ id: 'big', text: TEXT }).save();
    assert.match((await raw('big')).text.S, /^s3:\/\//);
    const [small, big] = [await Doc.get('small', { consistentRead: true }), await Doc.get('big', { consistentRead: true })];
    assert.deepEqual([small.text, small.bin, small.json, big.text], ['short é', new Uint8Array([0, 0]), { a: 1 }, TEXT]);
  } finally {
    await Doc.deleteTable();
  }
}, { needs: ['s3'] });

eachBackend('s3 attributes: lazy reads download on first load(), once; an unchanged lazy value saves without S3 calls', async (backend) => {
  const { Doc, bucket, client } = await setUp(backend, { lazy: true });
  try {
    await Doc.create({ id: 'a', text: TEXT, json: { a: 1 } }).save();
    client.sent.length = 0;
    const got = await Doc.get('a', { consistentRead: true });
    assert.deepEqual(client.sent, []);
    assert.equal(got.text.uri, `s3://${bucket}/pynamodb-mate/bigtext/${sha(TEXT)}.txt`);
    assert.equal(await got.text.load(), TEXT);
    assert.equal(await got.text.load(), TEXT);
    assert.deepEqual(client.sent, ['GetObjectCommand']);
    client.sent.length = 0;
    got.json = { a: 2 };
    await got.save();
    assert.deepEqual(client.sent, ['HeadObjectCommand', 'PutObjectCommand'], 'only the changed attribute is uploaded');
    assert.deepEqual(await (await Doc.get('a', { consistentRead: true })).json.load(), { a: 2 });
    assert.equal(JSON.stringify({ t: got.text }), JSON.stringify({ t: got.text.uri }));
  } finally {
    await Doc.deleteTable();
  }
}, { needs: ['s3'] });

eachBackend("s3 attributes, layout 'item': pynamodb_mate 6.x large-attribute keys and metadata, raw body", async (backend) => {
  const { Doc, bucket, keys, body, raw } = await setUp(backend, { layout: 'item', prefix: 'large' });
  const { s3 } = backend;
  try {
    await Doc.create({ id: 'doc-1', text: TEXT }).save();
    const key = `large/pk=doc-1/attr=text/md5=${codec.md5Hex(TEXT)}`;
    assert.deepEqual(await keys(), [key]);
    assert.equal((await raw('doc-1')).text.S, `s3://${bucket}/${key}`);
    assert.equal(new TextDecoder().decode(await body(key)), TEXT);
    const { HeadObjectCommand } = await import('@aws-sdk/client-s3');
    const { Metadata } = await s3.send(new HeadObjectCommand({ Bucket: bucket, Key: key }));
    assert.deepEqual(Object.keys(Metadata).sort(), ['attr', 'pk', 'update_at']);
    assert.deepEqual([Metadata.pk, Metadata.attr], ['doc-1', 'text']);
    assert.match(Metadata.update_at, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d{6})?\+00:00$/);
    assert.equal((await Doc.get('doc-1', { consistentRead: true })).text, TEXT);
  } finally {
    await Doc.deleteTable();
  }
}, { needs: ['s3'] });

eachBackend('s3 attributes: an existing object older than 15 minutes that a write reuses is refreshed (CopyObject onto itself, metadata kept)', async (backend) => {
  const { Doc, bucket, client } = await setUp(backend, { layout: 'item', prefix: 'large' });
  const { s3 } = backend;
  const { HeadObjectCommand } = await import('@aws-sdk/client-s3');
  try {
    await Doc.create({ id: 'd', text: TEXT }).save();
    const key = `large/pk=d/attr=text/md5=${codec.md5Hex(TEXT)}`;
    const before = await s3.send(new HeadObjectCommand({ Bucket: bucket, Key: key }));
    // The same object, seen as if it were written 16 minutes ago (S3 times cannot be set).
    const send = client.send;
    client.send = async (command) => {
      const out = await send(command);
      return command.constructor.name === 'HeadObjectCommand' ? { ...out, LastModified: new Date(Date.now() - 16 * 60_000) } : out;
    };
    client.sent.length = 0;
    await Doc.create({ id: 'd', text: TEXT }).save();
    assert.deepEqual(client.sent, ['HeadObjectCommand', 'CopyObjectCommand']);
    const after = await s3.send(new HeadObjectCommand({ Bucket: bucket, Key: key }));
    assert.deepEqual(after.Metadata, before.Metadata);
    assert.ok(after.LastModified >= before.LastModified);
    assert.equal((await Doc.get('d', { consistentRead: true })).text, TEXT);
  } finally {
    await Doc.deleteTable();
  }
}, { needs: ['s3'] });
