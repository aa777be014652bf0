// Bad input and faults around S3-backed attributes (DynamoDB Local and moto DynamoDB, moto S3): each
// is a typed error with a stable code that names the attribute and the item (`itemKey` and the
// message), and nothing is half-written: no item (or the item as it was), no 'item'-layout object
// left behind by a failed write.
import assert from 'node:assert/strict';
import { GetItemCommand, PutItemCommand } from '@aws-sdk/client-dynamodb';
import { CreateBucketCommand, DeleteBucketPolicyCommand, ListObjectsV2Command, PutBucketPolicyCommand, PutObjectCommand } from '@aws-sdk/client-s3';
import { uniqueName } from '../../tests/support/endpoints.mjs';
import { eachS3Backend, recording } from '../testing/s3-backends.mjs';
import { attr, codec, defineModel, errors } from '../node.mjs';
import { s3Storage } from '../s3.mjs';

const BIG = 'large value é '.repeat(10_000);

async function setUp({ dynamodb, s3 }) {
  const bucket = uniqueName('s3errors');
  await s3.send(new CreateBucketCommand({ Bucket: bucket }));
  const client = recording(s3);
  const Doc = defineModel({
    table: uniqueName('s3errors'),
    client: dynamodb,
    s3: s3Storage(client),
    attributes: {
      id: attr.string({ hashKey: true }),
      text: attr.s3Text({ bucket, nullable: true, maxOutput: 1 << 20 }),
      large: attr.s3Text({ bucket, layout: 'item', prefix: 'large', nullable: true }),
      json: attr.s3Json({ bucket, nullable: true }),
      small: attr.s3Binary({ bucket, nullable: true, inlineBelow: 300_000 }),
      note: attr.string({ nullable: true }),
    },
  });
  await Doc.createTable({ wait: true });
  const keys = async () => ((await s3.send(new ListObjectsV2Command({ Bucket: bucket }))).Contents ?? []).map((o) => o.Key).sort();
  const raw = async (id) => (await dynamodb.send(new GetItemCommand({ TableName: Doc.tableName, Key: { id: { S: id } }, ConsistentRead: true }))).Item;
  const putRaw = (Item) => dynamodb.send(new PutItemCommand({ TableName: Doc.tableName, Item }));
  const putObject = (Key, Body) => s3.send(new PutObjectCommand({ Bucket: bucket, Key, Body }));
  const policy = (Action) => s3.send(new PutBucketPolicyCommand({ Bucket: bucket, Policy: JSON.stringify({
    Version: '2012-10-17', Statement: [{ Effect: 'Deny', Principal: '*', Action, Resource: `arn:aws:s3:::${bucket}/*` }],
  }) }));
  const unpolicy = () => s3.send(new DeleteBucketPolicyCommand({ Bucket: bucket }));
  const tearDown = async () => {
    await unpolicy();
    await Doc.deleteTable();
  };
  return { Doc, bucket, client, keys, raw, putRaw, putObject, policy, tearDown };
}

/** The error of `promise`, checked: class, code, the attribute and the item named. */
async function rejected(promise, { type, code, attribute, itemKey }) {
  const error = await promise.then(() => assert.fail(`expected ${code}`), (e) => e);
  assert.ok(error instanceof type, `${error?.name}: ${error?.message}`);
  assert.equal(error.code, code, error.message);
  assert.match(error.message, new RegExp(`\\b${attribute}\\b`), 'names the attribute');
  assert.deepEqual(error.itemKey, itemKey);
  assert.ok(error.message.includes(`item id=${JSON.stringify(itemKey.id)}`), `names the item: ${error.message}`);
  if (error instanceof errors.S3Error) assert.equal(error.attribute, attribute);
  return error;
}

eachS3Backend('a missing S3 object: S3Error E_S3_NOT_FOUND naming the attribute, URI and item', async (backend) => {
  const { Doc, bucket, putRaw, tearDown } = await setUp(backend);
  try {
    await putRaw({ id: { S: 'gone' }, text: { S: `s3://${bucket}/no/such/key` } });
    const error = await rejected(Doc.get('gone', { consistentRead: true }), { type: errors.S3Error, code: 'E_S3_NOT_FOUND', attribute: 'text', itemKey: { id: 'gone' } });
    assert.equal(error.uri, `s3://${bucket}/no/such/key`);
    // Scans name each item too.
    const scanned = await (async () => { for await (const d of Doc.scan({ consistentRead: true })) return d; })().catch((e) => e);
    assert.deepEqual(scanned.itemKey, { id: 'gone' });
  } finally {
    await tearDown();
  }
});

eachS3Backend('S3 access denied (a bucket policy): E_S3_ACCESS_DENIED on read, and on upload with no item written', async (backend) => {
  const { Doc, policy, raw, keys, tearDown } = await setUp(backend);
  try {
    await Doc.create({ id: 'a', text: BIG }).save();
    await policy('s3:GetObject');
    await rejected(Doc.get('a', { consistentRead: true }), { type: errors.S3Error, code: 'E_S3_ACCESS_DENIED', attribute: 'text', itemKey: { id: 'a' } });
    await policy('s3:PutObject');
    const before = await keys();
    await rejected(Doc.create({ id: 'b', text: `${BIG}b` }).save(), { type: errors.S3Error, code: 'E_S3_ACCESS_DENIED', attribute: 'text', itemKey: { id: 'b' } });
    assert.equal(await raw('b'), undefined);
    assert.deepEqual(await keys(), before);
  } finally {
    await tearDown();
  }
});

eachS3Backend("an upload that fails: E_S3_WRITE, no DynamoDB write (the item is unchanged), the sibling 'item' upload deleted", async (backend) => {
  const { Doc, client, raw, keys, tearDown } = await setUp(backend);
  try {
    await Doc.create({ id: 'a', text: 'old text', large: 'old large' }).save();
    const before = { item: await raw('a'), keys: await keys() };
    client.fail.PutObject = async (command, send) => {
      if (command.input.Key.startsWith('large/')) return send(command);
      throw Object.assign(new Error('We encountered an internal error'), { name: 'InternalError', $metadata: { httpStatusCode: 500 } });
    };
    await rejected(Doc.create({ id: 'a', text: 'new text', large: 'new large' }).save(), { type: errors.S3Error, code: 'E_S3_WRITE', attribute: 'text', itemKey: { id: 'a' } });
    assert.deepEqual(await raw('a'), before.item, 'the item is as it was');
    assert.deepEqual(await keys(), before.keys, "the 'item' object uploaded for 'large' was deleted again");
    await rejected(Doc.create({ id: 'b', text: 'new text', large: 'new large' }).save(), { type: errors.S3Error, code: 'E_S3_WRITE', attribute: 'text', itemKey: { id: 'b' } });
    assert.equal(await raw('b'), undefined);
    assert.deepEqual(await keys(), before.keys);
    // The same through an update.
    const doc = await Doc.get('a', { consistentRead: true });
    await rejected(doc.update([Doc.attr.text.set('newer'), Doc.attr.large.set('newer large')]), { type: errors.S3Error, code: 'E_S3_WRITE', attribute: 'text', itemKey: { id: 'a' } });
    assert.deepEqual(await raw('a'), before.item);
    assert.deepEqual(await keys(), before.keys);
  } finally {
    await tearDown();
  }
});

eachS3Backend('corrupt gzip and a gzip bomb over maxOutput in S3: CompressionError naming the attribute, object and item', async (backend) => {
  const { Doc, bucket, putRaw, putObject, tearDown } = await setUp(backend);
  try {
    const corrupt = codec.gzip('fine text');
    corrupt[12] ^= 0xff;
    await putObject('bad/corrupt', corrupt);
    await putRaw({ id: { S: 'corrupt' }, text: { S: `s3://${bucket}/bad/corrupt` } });
    const error = await rejected(Doc.get('corrupt', { consistentRead: true }), { type: errors.CompressionError, code: 'E_GZIP_CHECKSUM', attribute: 'text', itemKey: { id: 'corrupt' } });
    assert.match(error.message, new RegExp(`s3://${bucket}/bad/corrupt`));

    await putObject('bad/bomb', codec.gzip(new Uint8Array(2 << 20)));       // 2 MiB of zeros, maxOutput is 1 MiB
    await putRaw({ id: { S: 'bomb' }, text: { S: `s3://${bucket}/bad/bomb` } });
    await rejected(Doc.get('bomb', { consistentRead: true }), { type: errors.CompressionError, code: 'E_GZIP_TOO_LARGE', attribute: 'text', itemKey: { id: 'bomb' } });

    await putObject('bad/utf8', codec.gzip(new Uint8Array([0xff, 0xfe])));
    await putRaw({ id: { S: 'utf8' }, text: { S: `s3://${bucket}/bad/utf8` } });
    await rejected(Doc.get('utf8', { consistentRead: true }), { type: errors.EncodingError, code: 'E_UTF8', attribute: 'text', itemKey: { id: 'utf8' } });

    await putObject('bad/json', codec.gzip('{"a": '));
    await putRaw({ id: { S: 'json' }, json: { S: `s3://${bucket}/bad/json` } });
    await rejected(Doc.get('json', { consistentRead: true }), { type: errors.EncodingError, code: 'E_JSON_SYNTAX', attribute: 'json', itemKey: { id: 'json' } });
  } finally {
    await tearDown();
  }
});

eachS3Backend("a value too large for the item (inlined): E_ITEM_TOO_LARGE, no item, the 'item' upload deleted", async (backend) => {
  const { Doc, raw, keys, tearDown } = await setUp(backend);
  try {
    const noise = crypto.getRandomValues(new Uint8Array(65_536));
    const incompressible = new Uint8Array(290_000).map((_, i) => noise[i % 65_536] ^ (i >> 16) * 31);
    // Each value alone fits; together with the inlined gzip of `small` the item is over 400 KB.
    const doc = Doc.create({ id: 'a', large: BIG, small: incompressible, note: 'n'.repeat(150_000) });
    await rejected(doc.save(), { type: errors.ItemError, code: 'E_ITEM_TOO_LARGE', attribute: 'small', itemKey: { id: 'a' } });
    assert.equal(await raw('a'), undefined);
    assert.ok(!(await keys()).some((k) => k.startsWith('large/')), "no 'item' object left");
  } finally {
    await tearDown();
  }
});

eachS3Backend('a non-JSON value for s3Json: E_ITEM_TYPE naming the item, at create() and at save(); nothing uploaded', async (backend) => {
  const { Doc, client, keys, raw, tearDown } = await setUp(backend);
  try {
    await rejected(Promise.resolve().then(() => Doc.create({ id: 'a', json: { when: new Date() } })), { type: errors.ItemError, code: 'E_ITEM_TYPE', attribute: 'json', itemKey: { id: 'a' } });
    const doc = Doc.create({ id: 'a', large: BIG, json: { ok: true } });
    doc.json = { f: () => 1 };
    client.sent.length = 0;
    await rejected(doc.save(), { type: errors.ItemError, code: 'E_ITEM_TYPE', attribute: 'json', itemKey: { id: 'a' } });
    assert.deepEqual(client.sent, [], 'checked before any upload');
    assert.deepEqual([await raw('a'), await keys()], [undefined, []]);
  } finally {
    await tearDown();
  }
});

eachS3Backend('compressed and encrypted values that cannot be read name their item too', async (backend) => {
  const table = uniqueName('itemkey');
  const key = crypto.getRandomValues(new Uint8Array(32));
  const define = (k) => defineModel({ table, client: backend.dynamodb, attributes: {
    id: attr.string({ hashKey: true }), n: attr.number({ rangeKey: true, integer: true }),
    bio: attr.compressedString({ nullable: true }), secret: attr.encryptedString({ key: k, nullable: true }),
  } });
  const Doc = define(key);
  await Doc.createTable({ wait: true });
  try {
    await backend.dynamodb.send(new PutItemCommand({ TableName: table, Item: { id: { S: 'c' }, n: { N: '1' }, bio: { B: new Uint8Array([31, 139, 8, 0, 1, 2, 3]) } } }));
    const bad = await Doc.get('c', 1, { consistentRead: true }).catch((e) => e);
    assert.ok(bad instanceof errors.CompressionError, String(bad));
    assert.deepEqual(bad.itemKey, { id: 'c', n: 1 });
    assert.match(bad.message, /bio.*item id="c", n=1$/);

    await Doc.create({ id: 'e', n: 2, secret: 'hidden value' }).save();
    const wrong = await define(crypto.getRandomValues(new Uint8Array(32))).get('e', 2, { consistentRead: true }).catch((e) => e);
    assert.ok(wrong instanceof errors.DecryptionError, String(wrong));
    assert.equal(wrong.code, 'E_AEAD_WRONG_KEY');
    assert.deepEqual(wrong.itemKey, { id: 'e', n: 2 });
    assert.ok(!wrong.message.includes('hidden value'));

    const big = Doc.create({ id: 'big', n: 3 });
    big.secret = 'x'.repeat(500_000);
    const tooLarge = await big.save().catch((e) => e);
    assert.equal(tooLarge.code, 'E_ITEM_TOO_LARGE');
    assert.deepEqual(tooLarge.itemKey, { id: 'big', n: 3 });
  } finally {
    await Doc.deleteTable();
  }
});
