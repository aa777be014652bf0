// Test helper for the kill and soak audits: what the table references in S3 (read raw, past the
// model), whether each reference resolves, which objects nothing references, and bucket cleanup.
import { ScanCommand } from '@aws-sdk/client-dynamodb';
import { DeleteBucketCommand, DeleteObjectsCommand, HeadObjectCommand, ListObjectsV2Command } from '@aws-sdk/client-s3';

/** Every object under `prefix`: `{ key, uri, lastModified }`. */
export async function listObjects(s3, bucket, prefix) {
  const objects = [];
  let ContinuationToken;
  do {
    const out = await s3.send(new ListObjectsV2Command({ Bucket: bucket, Prefix: prefix, ContinuationToken }));
    for (const o of out.Contents ?? []) objects.push({ key: o.Key, uri: `s3://${bucket}/${o.Key}`, lastModified: o.LastModified });
    ContinuationToken = out.NextContinuationToken;
  } while (ContinuationToken);
  return objects;
}

/**
 * Every `s3://` URI stored in the table (consistent raw scan) → the items holding it, each named by
 * its `keyNames` values (e.g. 'owner/key').
 */
export async function storedReferences(dynamodb, table, keyNames) {
  const refs = new Map();
  let ExclusiveStartKey;
  do {
    const out = await dynamodb.send(new ScanCommand({ TableName: table, ConsistentRead: true, ExclusiveStartKey }));
    for (const item of out.Items) {
      for (const value of Object.values(item)) {
        if (value.S?.startsWith('s3://')) {
          const holders = refs.get(value.S) ?? [];
          holders.push(keyNames.map((k) => item[k]?.S ?? item[k]?.N).join('/'));
          refs.set(value.S, holders);
        }
      }
    }
    ExclusiveStartKey = out.LastEvaluatedKey;
  } while (ExclusiveStartKey);
  return refs;
}

/** The URIs (of `uris`) whose object does not exist, checked with HeadObject, 16 at a time. */
export async function missingObjects(s3, uris) {
  const list = [...uris];
  const missing = [];
  const worker = async () => {
    while (list.length > 0) {
      const uri = list.pop();
      const [, bucket, key] = /^s3:\/\/([^/]+)\/(.+)$/s.exec(uri);
      try {
        await s3.send(new HeadObjectCommand({ Bucket: bucket, Key: key }));
      } catch (error) {
        if (error.$metadata?.httpStatusCode !== 404) throw error;
        missing.push(uri);
      }
    }
  };
  await Promise.all(Array.from({ length: 16 }, worker));
  return missing.sort();
}

/** Deletes every object of the bucket, then the bucket (tests that make many objects clean up). */
export async function removeBucket(s3, bucket) {
  const objects = await listObjects(s3, bucket, '');
  for (let i = 0; i < objects.length; i += 1000) {
    const Objects = objects.slice(i, i + 1000).map((o) => ({ Key: o.key }));
    await s3.send(new DeleteObjectsCommand({ Bucket: bucket, Delete: { Objects, Quiet: true } }));
  }
  await s3.send(new DeleteBucketCommand({ Bucket: bucket }));
}
