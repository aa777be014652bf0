// Model.collectS3Orphans on moto S3 with DynamoDB Local and moto DynamoDB: unreferenced objects older
// than the grace period are deleted (in DeleteObjects batches), referenced and young ones stay, a dry
// run deletes nothing, other models sharing the prefix keep theirs (and a deleting run that does not
// say who shares it refuses), failed deletes are counted.
import assert from 'node:assert/strict';
import { GetItemCommand } from '@aws-sdk/client-dynamodb';
import { CreateBucketCommand, DeleteBucketPolicyCommand, HeadObjectCommand, ListObjectsV2Command, PutBucketPolicyCommand, PutObjectCommand } from '@aws-sdk/client-s3';
import { uniqueName } from '../../tests/support/endpoints.mjs';
import { eachS3Backend, recording } from '../testing/s3-backends.mjs';
import { attr, defineModel, errors } from '../node.mjs';
import { s3Storage } from '../s3.mjs';

async function setUp({ dynamodb, s3 }) {
  const bucket = uniqueName('collect');
  await s3.send(new CreateBucketCommand({ Bucket: bucket }));
  const client = recording(s3);
  // `html` takes `{ prefix: 'pages' }` unless told otherwise (`{}`: pynamodb_mate's default keys).
  const define = (table, html = { prefix: 'pages' }) => defineModel({
    table,
    client: dynamodb,
    s3: s3Storage(client),
    attributes: {
      id: attr.string({ hashKey: true }),
      html: attr.s3Text({ bucket, ...html, nullable: true }),
      large: attr.s3Binary({ bucket, layout: 'item', prefix: 'large', nullable: true }),
    },
  });
  const Doc = define(uniqueName('collect'));
  await Doc.createTable({ wait: true });
  const keys = async () => ((await s3.send(new ListObjectsV2Command({ Bucket: bucket }))).Contents ?? []).map((o) => o.Key).sort();
  const put = (Key) => s3.send(new PutObjectCommand({ Bucket: bucket, Key, Body: 'orphan' }));
  const lastModified = async (Key) => (await s3.send(new HeadObjectCommand({ Bucket: bucket, Key }))).LastModified.getTime();
  return { Doc, define, bucket, client, keys, put, lastModified, s3 };
}

eachS3Backend('referenced objects stay, old orphans go (dry run first), objects outside the prefixes are not listed', async (backend) => {
  const { Doc, bucket, keys, put } = await setUp(backend);
  try {
    await Doc.create({ id: 'a', html: '<p>kept</p>', large: new Uint8Array([1, 2, 3]) }).save();
    await put('pages/bigtext/orphan.txt');
    await put('large/pk=gone/attr=large/md5=00000000000000000000000000000000');
    await put('elsewhere/not-listed');
    const before = await keys();
    const progress = [];

    const dry = await Doc.collectS3Orphans({ olderThan: 0, dryRun: true, onProgress: (p) => progress.push(p) });
    assert.deepEqual(await keys(), before, 'a dry run deletes nothing');
    assert.deepEqual({ ...dry, failed: undefined, uris: undefined, scanned: undefined },
      { listed: 4, referenced: 2, young: 0, orphans: 2, deleted: 0, errors: 0, failed: undefined, uris: undefined, scanned: undefined, dryRun: true });
    assert.equal(dry.scanned, 1);
    assert.deepEqual([...dry.uris].sort(), [`s3://${bucket}/large/pk=gone/attr=large/md5=00000000000000000000000000000000`, `s3://${bucket}/pages/bigtext/orphan.txt`]);
    assert.ok(progress.length >= 3, 'after the scan page and each listing page');
    assert.deepEqual(progress.at(-1), dry);
    assert.ok(progress.every((p, i) => i === 0 || p.listed >= progress[i - 1].listed));

    const done = await Doc.collectS3Orphans({ olderThan: 0, models: [] });
    assert.deepEqual([done.orphans, done.deleted, done.errors, done.dryRun], [2, 2, 0, false]);
    assert.deepEqual(await keys(), before.filter((k) => !k.includes('orphan') && !k.includes('pk=gone')));
    assert.equal((await Doc.get('a', { consistentRead: true })).html, '<p>kept</p>');
  } finally {
    await Doc.deleteTable();
  }
});

eachS3Backend('the grace period: an orphan younger than olderThan stays (default one hour), an older one goes', async (backend) => {
  const { Doc, keys, put, lastModified } = await setUp(backend);
  try {
    await put('pages/bigtext/old');
    const old = await lastModified('pages/bigtext/old');
    let young;
    do {                                                      // S3 times have whole seconds: wait for the next one
      await new Promise((resolve) => setTimeout(resolve, 200));
      await put('pages/bigtext/young');
      young = await lastModified('pages/bigtext/young');
    } while (young <= old);

    const byDefault = await Doc.collectS3Orphans({ models: [] });
    assert.deepEqual([byDefault.young, byDefault.orphans, byDefault.deleted], [2, 0, 0]);
    // A cutoff between the two LastModified times (half a second from each).
    const olderThan = (Date.now() - (old + young) / 2) / 1000;
    const run = await Doc.collectS3Orphans({ olderThan, models: [] });
    assert.deepEqual([run.young, run.orphans, run.deleted], [1, 1, 1]);
    assert.deepEqual(await keys(), ['pages/bigtext/young']);
  } finally {
    await Doc.deleteTable();
  }
});

eachS3Backend('DeleteObjects in batches of batchSize; attributes, bucket and prefix choose what is listed', async (backend) => {
  const { Doc, bucket, client, keys, put } = await setUp(backend);
  try {
    for (let i = 0; i < 5; i++) await put(`pages/bigtext/o${i}`);
    await put('large/pk=x/attr=large/md5=11111111111111111111111111111111');
    await put('custom/a');

    const onlyHtml = await Doc.collectS3Orphans({ attributes: ['html'], olderThan: 0, dryRun: true });
    assert.equal(onlyHtml.listed, 5);
    const custom = await Doc.collectS3Orphans({ bucket, prefix: 'custom/', olderThan: 0, dryRun: true });
    assert.deepEqual(custom.uris, [`s3://${bucket}/custom/a`]);

    client.sent.length = 0;
    const sizes = [];
    const real = client.send;
    client.send = (command) => {
      if (command.constructor.name === 'DeleteObjectsCommand') sizes.push(command.input.Delete.Objects.length);
      return real(command);
    };
    const run = await Doc.collectS3Orphans({ attributes: ['html'], olderThan: 0, batchSize: 2, models: [] });
    client.send = real;
    assert.deepEqual(sizes, [2, 2, 1]);
    assert.equal(run.deleted, 5);
    assert.deepEqual(await keys(), ['custom/a', 'large/pk=x/attr=large/md5=11111111111111111111111111111111']);
  } finally {
    await Doc.deleteTable();
  }
});

eachS3Backend('models: objects that another table sharing the prefix references stay', async (backend) => {
  const { Doc, define, keys } = await setUp(backend);
  const Other = define(uniqueName('collect-other'));
  await Other.createTable({ wait: true });
  try {
    await Doc.create({ id: 'a', html: 'mine' }).save();
    await Other.create({ id: 'b', html: 'theirs' }).save();
    const run = await Doc.collectS3Orphans({ olderThan: 0, models: [Other] });
    assert.deepEqual([run.referenced, run.orphans], [2, 0]);
    assert.equal((await keys()).length, 2);
    assert.equal((await Other.get('b', { consistentRead: true })).html, 'theirs');
  } finally {
    await Promise.all([Doc.deleteTable(), Other.deleteTable()]);
  }
});

eachS3Backend("two tables on pynamodb_mate's default keys in one bucket: a deleting run must say who shares them", async (backend) => {
  const { Doc: Pages, define, bucket, client, keys, put } = await setUp(backend);
  const [Doc, Other] = [define(uniqueName('collect-shared'), {}), define(uniqueName('collect-shared-other'), {})];
  await Promise.all([Doc.createTable({ wait: true }), Other.createTable({ wait: true })]);
  const uri = async (Model, id) => (await backend.dynamodb.send(new GetItemCommand({ TableName: Model.tableName, Key: { id: { S: id } }, ConsistentRead: true }))).Item.html.S;
  try {
    await Doc.create({ id: 'mine', html: 'only in Doc' }).save();
    await Doc.create({ id: 'both', html: 'in both tables' }).save();
    await Other.create({ id: 'both', html: 'in both tables' }).save();
    await Other.create({ id: 'theirs', html: 'only in Other' }).save();
    const [mine, both, theirs] = [await uri(Doc, 'mine'), await uri(Doc, 'both'), await uri(Other, 'theirs')];
    assert.equal(await uri(Other, 'both'), both, 'content-addressed: one object for both tables');
    assert.ok([mine, both, theirs].every((u) => u.startsWith(`s3://${bucket}/pynamodb-mate/bigtext/`)), `${[mine, both, theirs]}`);
    await put('pynamodb-mate/bigtext/orphan.txt');
    const orphan = `s3://${bucket}/pynamodb-mate/bigtext/orphan.txt`;
    const all = await keys();

    // Not saying who shares the prefix: refused before any request, nothing deleted.
    client.sent.length = 0;
    await assert.rejects(Doc.collectS3Orphans({ olderThan: 0 }), (e) => e instanceof errors.ArgumentError && e.code === 'E_ARGUMENT' && /models is required/.test(e.message));
    assert.deepEqual(client.sent, []);
    assert.deepEqual(await keys(), all);
    // A dry run may: it shows the other table's object among the orphans.
    const dry = await Doc.collectS3Orphans({ olderThan: 0, dryRun: true });
    assert.deepEqual([...dry.uris].sort(), [orphan, theirs].sort());

    // models: [Other]: its table is scanned, its objects survive.
    const withOther = await Doc.collectS3Orphans({ olderThan: 0, models: [Other] });
    assert.deepEqual([withOther.scanned, withOther.referenced, withOther.orphans, withOther.deleted, withOther.uris], [4, 3, 1, 1, [orphan]]);
    assert.deepEqual(await keys(), all.filter((k) => !k.endsWith('orphan.txt')));
    assert.equal((await Other.get('theirs', { consistentRead: true })).html, 'only in Other');

    // models: [] is the caller's claim that no other table references these objects: only Doc's references are kept.
    const alone = await Doc.collectS3Orphans({ olderThan: 0, models: [] });
    assert.deepEqual([alone.scanned, alone.deleted, alone.uris], [2, 1, [theirs]]);
    assert.deepEqual((await keys()).map((k) => `s3://${bucket}/${k}`), [mine, both].sort());
  } finally {
    await Promise.all([Pages.deleteTable(), Doc.deleteTable(), Other.deleteTable()]);
  }
});

eachS3Backend('deletes that S3 refuses are counted in errors and listed in failed; nothing is thrown', async (backend) => {
  const { Doc, bucket, put, keys, s3 } = await setUp(backend);
  try {
    await put('pages/bigtext/orphan');
    await s3.send(new PutBucketPolicyCommand({ Bucket: bucket, Policy: JSON.stringify({
      Version: '2012-10-17', Statement: [{ Effect: 'Deny', Principal: '*', Action: 's3:DeleteObject', Resource: `arn:aws:s3:::${bucket}/*` }],
    }) }));
    const run = await Doc.collectS3Orphans({ olderThan: 0, models: [] });
    assert.deepEqual([run.orphans, run.deleted, run.errors], [1, 0, 1]);
    assert.deepEqual(run.failed, [{ uri: `s3://${bucket}/pages/bigtext/orphan`, code: 'AccessDenied', message: 'Access Denied' }]);
    assert.deepEqual(await keys(), ['pages/bigtext/orphan']);
  } finally {
    await s3.send(new DeleteBucketPolicyCommand({ Bucket: bucket }));
    await Doc.deleteTable();
  }
});

eachS3Backend('options are checked before anything is read or deleted', async (backend) => {
  const { Doc, client } = await setUp(backend);
  try {
    client.sent.length = 0;
    const refused = (opts, pattern) => assert.rejects(Doc.collectS3Orphans(opts), (e) => e instanceof errors.ArgumentError && e.code === 'E_ARGUMENT' && pattern.test(e.message));
    await refused({ dryrun: true }, /unknown option "dryrun" \(did you mean "dryRun"\?\)/);
    await refused({ attributes: ['id'] }, /attributes must be/);
    await refused({ olderThan: -1 }, /olderThan/);
    await refused({ batchSize: 1001 }, /batchSize must be an integer from 1 to 1000/);
    await refused({ dryRun: 'yes' }, /dryRun/);
    await refused({ models: Doc }, /models must be an array/);
    await refused({ models: [{}], dryRun: true }, /models must be an array of model classes/);
    await refused({ olderThan: 0 }, /models is required unless dryRun is true: an object under these prefixes that only another table's items reference/);
    await refused({ dryRun: false, bucket: 'other', prefix: '' }, /models is required/);
    assert.deepEqual(client.sent, []);
  } finally {
    await Doc.deleteTable();
  }
});
