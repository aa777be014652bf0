// collectS3Orphans without servers: DeleteObjects never gets more than 1000 keys, listings that one
// another covers are listed once (fake clients that answer like S3 and DynamoDB).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { deleteBatch } from '../attributes/s3-store.mjs';
import { attr, defineModel } from '../node.mjs';
import { s3Storage } from '../s3.mjs';

const OLD = new Date('2020-01-01T00:00:00Z');

/** An S3 that lists `count` objects under every prefix (1000 per page) and records the calls. */
function fakeS3(count) {
  const calls = { list: [], deleteSizes: [] };
  return {
    calls,
    async send(command) {
      const name = command.constructor.name;
      if (name === 'ListObjectsV2Command') {
        const { Prefix, ContinuationToken } = command.input;
        calls.list.push(Prefix);
        const start = Number(ContinuationToken ?? 0);
        const end = Math.min(count, start + 1000);
        const Contents = Array.from({ length: end - start }, (_, i) => ({ Key: `${Prefix}${start + i}`, LastModified: OLD }));
        return { Contents, IsTruncated: end < count, NextContinuationToken: end < count ? String(end) : undefined };
      }
      if (name === 'DeleteObjectsCommand') {
        calls.deleteSizes.push(command.input.Delete.Objects.length);
        return {};
      }
      throw new Error(`unexpected ${name}`);
    },
  };
}

const dynamodb = { send: async () => ({ Items: [] }) };

test('2500 orphans are deleted 1000 at a time, the default batch size being DeleteObjects\' limit', async () => {
  const s3 = fakeS3(2500);
  const Doc = defineModel({ table: 'docs', client: dynamodb, s3: s3Storage(s3), attributes: { id: attr.string({ hashKey: true }), html: attr.s3Text({ bucket: 'b-1' }) } });
  const run = await Doc.collectS3Orphans({ olderThan: 0, models: [] });
  assert.deepEqual(s3.calls.deleteSizes, [1000, 1000, 500]);
  assert.deepEqual([run.listed, run.orphans, run.deleted], [2500, 2500, 2500]);
  await assert.rejects(deleteBatch(s3Storage(s3), 'b-1', Array.from({ length: 1001 }, (_, i) => `k${i}`)), RangeError);
});

test('a prefix inside another listed prefix is not listed twice', async () => {
  const s3 = fakeS3(3);
  const Doc = defineModel({
    table: 'docs',
    client: dynamodb,
    s3: s3Storage(s3),
    attributes: {
      id: attr.string({ hashKey: true }),
      html: attr.s3Text({ bucket: 'b-1', prefix: 'pages' }),
      raw: attr.s3Binary({ bucket: 'b-1', keyTemplate: 'pages/{fingerprint}' }),
      doc: attr.s3Json({ bucket: 'b-1', keyTemplate: 'pages/{fingerprint}' }),
      other: attr.s3Json({ bucket: 'b-2', prefix: 'pages' }),
      large: attr.s3Text({ bucket: 'b-1', layout: 'item' }),
    },
  });
  const run = await Doc.collectS3Orphans({ dryRun: true });
  assert.deepEqual(s3.calls.list, ['pages/', 'pages/s3backed/', 'pk=']);
  assert.deepEqual([run.listed, run.deleted, run.dryRun], [9, 0, true]);
});
