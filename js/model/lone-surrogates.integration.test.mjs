// A string with a lone UTF-16 surrogate has no UTF-8 form: stored as is it would become U+FFFD and
// read back different. Every attribute kind of attr.* that stores a string refuses it, wherever the
// string sits (key values, set and list elements, map values and map keys, JSON values, compressed,
// encrypted and S3-backed values), with E_ITEM_VALUE naming the attribute, at create(), at save()
// and in update actions; and nothing is written, to DynamoDB (DynamoDB Local and moto) or to S3.
import assert from 'node:assert/strict';
import { GetItemCommand } from '@aws-sdk/client-dynamodb';
import { CreateBucketCommand, ListObjectsV2Command } from '@aws-sdk/client-s3';
import { test } from 'node:test';
import { uniqueName } from '../../tests/support/endpoints.mjs';
import { eachS3Backend } from '../testing/s3-backends.mjs';
import { attr, defineModel, errors } from '../node.mjs';
import { s3Storage } from '../s3.mjs';

const LONE = 'value \ud800 here';

/** attr.* kinds that store strings: factory → [options, values with a lone surrogate in every place a string sits]. */
const STRING_KINDS = {
  string: [{}, [LONE]],
  stringSet: [{}, [new Set(['ok', LONE])]],
  list: [{}, [[LONE], [{ [LONE]: 1 }], [new Set([LONE])]]],
  map: [{ attributes: { a: attr.string({ nullable: true }), rows: attr.list({ of: attr.string(), nullable: true }) } }, [{ a: LONE }, { rows: ['x', LONE] }]],
  dynamic: [{}, [LONE, { [LONE]: 1 }, { k: [LONE] }, new Set([LONE])]],
  json: [{}, [LONE, { [LONE]: 1 }, { k: [LONE] }]],
  compressedString: [{}, [LONE]],
  compressedJson: [{}, [LONE, { [LONE]: 1 }]],
  encryptedString: [{ key: 'password' }, [LONE]],
  encryptedJson: [{ key: 'password' }, [{ [LONE]: 1 }, [LONE]]],
  s3Text: [{ bucket: 'set-below' }, [LONE]],
  s3Json: [{ bucket: 'set-below' }, [LONE, { [LONE]: 1 }, { k: [LONE] }]],
};
/** attr.* kinds whose values hold no string (numbers, bytes, dates, booleans). */
const NO_STRINGS = ['number', 'binary', 'boolean', 'null', 'numberSet', 'binarySet', 'datetime', 'ttl', 'version',
  'compressedBinary', 'encryptedBinary', 'encryptedNumber', 's3Binary'];

/** attr.* kinds whose strings are fixed by the definition, not given per item: refused there (below). */
const DEFINED_STRINGS = ['discriminator'];

test('every attr.* kind is either checked here or holds no strings', () => {
  assert.deepEqual(Object.keys(attr).sort(), [...Object.keys(STRING_KINDS), ...NO_STRINGS, ...DEFINED_STRINGS].sort());
});

test('a discriminator value with a lone surrogate is refused where it is defined (E_MODEL)', () => {
  const attributes = { id: attr.string({ hashKey: true }), kind: attr.discriminator() };
  const client = { send() { throw new Error('no I/O'); } };
  const Pet = defineModel({ name: 'Pet', table: 'pets', client, attributes });
  const refusedHere = (run, text) => assert.throws(run, (e) => e instanceof errors.ModelError && e.code === 'E_MODEL' && e.message.includes(text));
  refusedHere(() => Pet.defineSubclass({ name: 'Cat', value: LONE }), 'lone UTF-16 surrogate');
  refusedHere(() => defineModel({ name: 'Dog', table: 'pets', client, attributes, discriminatorValue: LONE }), 'lone UTF-16 surrogate');
  refusedHere(() => attr.map({ attributes: { kind: attr.discriminator() }, subclasses: { [LONE]: { a: attr.string() } } }), 'lone UTF-16 surrogate');
});

async function setUp({ dynamodb, s3 }) {
  const bucket = uniqueName('lone');
  await s3.send(new CreateBucketCommand({ Bucket: bucket }));
  const attributes = { id: attr.string({ hashKey: true }), at: attr.string({ rangeKey: true }) };
  for (const [kind, [options]] of Object.entries(STRING_KINDS)) {
    attributes[kind] = attr[kind]({ ...options, ...(options.bucket ? { bucket } : {}), nullable: true });
  }
  const Doc = defineModel({ name: 'Doc', table: uniqueName('lone'), client: dynamodb, s3: s3Storage(s3), attributes });
  await Doc.createTable({ wait: true });
  const raw = async (id) => (await dynamodb.send(new GetItemCommand({ TableName: Doc.tableName, Key: { id: { S: id }, at: { S: 'a' } }, ConsistentRead: true }))).Item;
  const objects = async () => (await s3.send(new ListObjectsV2Command({ Bucket: bucket }))).KeyCount;
  return { Doc, raw, objects };
}

/** Asserts E_ITEM_VALUE naming `Doc.<name>` or a path in it (sync or async `run`). */
async function refused(run, name) {
  await assert.rejects(async () => run(), (e) => e instanceof errors.ItemError && e.code === 'E_ITEM_VALUE'
    && new RegExp(`^Doc\\.${name}[.[:]`).test(e.message) && e.message.includes('lone UTF-16 surrogate') && !e.message.includes(LONE));
}

eachS3Backend('a lone surrogate in any stored string is E_ITEM_VALUE naming the attribute; nothing is written', async (backend) => {
  const { Doc, raw, objects } = await setUp(backend);
  try {
    await refused(() => Doc.create({ id: LONE, at: 'a' }), 'id');
    await refused(() => Doc.create({ id: 'k', at: LONE }), 'at');
    await refused(() => Doc.get('k', LONE), 'at');
    const doc = await Doc.create({ id: 'k', at: 'a', string: 'kept' }).save();
    for (const [kind, [, values]] of Object.entries(STRING_KINDS)) {
      for (const value of values) {
        await refused(() => Doc.create({ id: 'new', at: 'a', [kind]: value }), kind);
        const changed = await Doc.get('k', 'a', { consistentRead: true });
        changed[kind] = value;
        await refused(() => changed.save(), kind);
        await refused(() => doc.update([Doc.attr[kind].set(value)]), kind);
      }
    }
    assert.equal(await raw('new'), undefined);
    assert.deepEqual(await raw('k'), { id: { S: 'k' }, at: { S: 'a' }, string: { S: 'kept' } });
    assert.equal(await objects(), 0, 'nothing uploaded to S3');
  } finally {
    await Doc.deleteTable();
  }
});
