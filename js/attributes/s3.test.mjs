// S3-backed attribute definitions and value checks (no server).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { attr, defineModel, errors } from '../node.mjs';
import { s3Storage } from '../s3.mjs';

const client = new DynamoDBClient({ region: 'us-east-1' });
const s3 = s3Storage({ send: () => assert.fail('no request expected') });
const model = (attributes, extra = { s3 }) => defineModel({ table: 'docs', client, ...extra, attributes: { id: attr.string({ hashKey: true }), ...attributes } });
const modelError = (fn, pattern) => assert.throws(fn, (e) => e instanceof errors.ModelError && e.code === 'E_MODEL' && pattern.test(e.message));

test('S3 options are checked when the attribute is defined', () => {
  modelError(() => attr.s3Text({}), /bucket/);
  modelError(() => attr.s3Text({ bucket: 'Bad_Bucket' }), /bucket/);
  modelError(() => attr.s3Text({ bucket: 'b-1', prefix: 'a', keyTemplate: '{fingerprint}' }), /not both/);
  modelError(() => attr.s3Text({ bucket: 'b-1', prefix: '/a' }), /prefix/);
  modelError(() => attr.s3Binary({ bucket: 'b-1', keyTemplate: 'x' }), /\{fingerprint\}/);
  modelError(() => attr.s3Json({ bucket: 'b-1', compress: 'yes' }), /compress/);
  modelError(() => attr.s3Json({ bucket: 'b-1', layout: 'other' }), /layout/);
  modelError(() => attr.s3Json({ bucket: 'b-1', layout: 'item', keyTemplate: '{fingerprint}' }), /not a keyTemplate/);
  const unknownOption = (fn, pattern) => assert.throws(fn, (e) => e instanceof errors.ArgumentError && e.code === 'E_ARGUMENT' && pattern.test(e.message));
  unknownOption(() => attr.s3Text({ bucket: 'b-1', hashKey: true }), /unknown option "hashKey"/);
  unknownOption(() => attr.s3Text({ bucket: 'b-1', size: 1 }), /unknown option "size"/);
});

test('a model with S3-backed attributes needs the S3 storage of dynamodb-mate/s3; a bare S3Client is told to wrap it', () => {
  const page = { html: attr.s3Text({ bucket: 'b-1' }) };
  modelError(() => model(page, {}), /s3 must be an S3 storage \(S3-backed attributes: html\): it is made by s3Storage\(s3Client\) from 'dynamodb-mate\/s3'/);
  modelError(() => model(page, { s3: s3.client }), /s3 must be an S3 storage \(S3-backed attributes: html\): wrap the S3Client: s3: s3Storage\(s3Client\)/);
  modelError(() => model({}, { s3: s3.client }), /s3 must be an S3 storage: wrap the S3Client/);
  assert.throws(() => s3Storage({}), (e) => e instanceof errors.ArgumentError && e.code === 'E_ARGUMENT' && /s3Storage\(client\): client must be an S3Client/.test(e.message));
});

test('values are checked by create() without the item size limit; expressions only test presence', () => {
  const Doc = model({ html: attr.s3Text({ bucket: 'b-1' }), bin: attr.s3Binary({ bucket: 'b-1', nullable: true }), json: attr.s3Json({ bucket: 'b-1', nullable: true }) });
  Doc.create({ id: 'a', html: 'x'.repeat(1_000_000), bin: new Uint8Array(500_000), json: { a: [1] } });
  const typeError = (values, pattern) => assert.throws(() => Doc.create({ id: 'a', html: '', ...values }),
    (e) => e instanceof errors.ItemError && e.code === 'E_ITEM_TYPE' && pattern.test(e.message));
  typeError({ html: 1 }, /docs\.html: attr\.s3Text\(\) needs a string/);
  typeError({ bin: 'text' }, /docs\.bin: attr\.s3Binary\(\) needs a Uint8Array/);
  typeError({ json: { d: new Date() } }, /docs\.json: attr\.s3Json\(\) needs a JSON value/);
  Doc.attr.html.exists();
  assert.throws(() => Doc.attr.html.eq('x'), (e) => e.code === 'E_EXPRESSION' && /S3-backed/.test(e.message));
});

test('update actions: set(value) checks the value now (the update uploads it); no copy, no value expression', () => {
  const Doc = model({ html: attr.s3Text({ bucket: 'b-1' }), bin: attr.s3Binary({ bucket: 'b-1', nullable: true }) });
  assert.equal(Doc.attr.html.set('x').type, 'set');
  assert.equal(Doc.attr.bin.remove().type, 'remove');
  const refused = (fn, code, pattern) => assert.throws(fn, (e) => e.code === code && pattern.test(e.message));
  refused(() => Doc.attr.html.set(1), 'E_ITEM_TYPE', /docs\.html: attr\.s3Text\(\) needs a string/);
  refused(() => Doc.attr.bin.set(null), 'E_EXPRESSION', /use remove\(\)/);
  refused(() => Doc.attr.html.set(Doc.attr.id), 'E_EXPRESSION', /not copied from another attribute/);
  refused(() => Doc.attr.html.ifNotExists('x'), 'E_EXPRESSION', /S3-backed/);
  refused(() => Doc.attr.html.plus('x'), 'E_EXPRESSION', /S3-backed/);
});

test('inlineBelow and lazy options are checked', () => {
  modelError(() => attr.s3Text({ bucket: 'b-1', inlineBelow: 0 }), /inlineBelow/);
  modelError(() => attr.s3Text({ bucket: 'b-1', inlineBelow: 1.5 }), /inlineBelow/);
  modelError(() => attr.s3Text({ bucket: 'b-1', lazy: 'yes' }), /lazy/);
});

test('S3 errors show no fingerprint of the value (its SHA-256 or MD5) in the message; `uri` has it', async () => {
  const fingerprint = 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855';
  const missing = { send: async () => { throw Object.assign(new Error('NoSuchKey'), { name: 'NoSuchKey', $metadata: { httpStatusCode: 404 } }); } };
  const uris = [`s3://b-1/pynamodb-mate/bigtext/${fingerprint}.txt`, `s3://b-1/large/pk=a/attr=html/md5=${fingerprint.slice(0, 32)}`];
  for (const uri of uris) {
    const stored = { send: async () => ({ Item: { id: { S: 'a' }, html: { S: uri } } }) };
    const Doc = defineModel({ table: 'docs', client: stored, s3: s3Storage(missing), attributes: { id: attr.string({ hashKey: true }), html: attr.s3Text({ bucket: 'b-1' }) } });
    await assert.rejects(Doc.get('a'), (e) => e instanceof errors.S3Error && e.code === 'E_S3_NOT_FOUND' && e.uri === uri
      && !e.message.includes(fingerprint.slice(0, 32)) && /\(s3:\/\/b-1\/.*(<sha256>|md5=<md5>)/.test(e.message));
  }
});
