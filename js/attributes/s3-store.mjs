// S3 I/O of the S3-backed attributes: `s3://bucket/key` URIs, upload-if-missing and download, with
// failures as S3Error naming the model, attribute and URI (never the content).
import { ModelError, S3Error } from '../errors/index.mjs';

/**
 * Loaded on first use: `@aws-sdk/client-s3` is an optional peer dependency. The try block lets
 * bundlers (esbuild) build an app that does not install it.
 */
let commands;
async function sdk() {
  try {
    commands ??= await import('@aws-sdk/client-s3');
  } catch (cause) {
    throw new ModelError('E_MODEL', 'S3-backed attributes need the @aws-sdk/client-s3 package (npm install @aws-sdk/client-s3)', { cause });
  }
  return commands;
}

/** `{ model, attribute }` of the hook context, for errors. */
const where = ({ model, name }) => ({ model: model.name, attribute: name });

export function s3Error(code, context, uri, message, cause) {
  const w = where(context);
  return new S3Error(code, `${w.model}.${w.attribute}: ${message} (${uri})`, { ...w, uri, cause });
}

export const joinUri = (bucket, key) => `s3://${bucket}/${key}`;

/** Python's `split_s3_uri`: bucket = the part after `s3://`, key = the rest (non-empty). */
export function splitUri(uri, context) {
  const match = /^s3:\/\/([^/]+)\/(.+)$/s.exec(uri);
  if (!match) throw s3Error('E_S3_URI', context, '<not an s3:// URI>', 'the stored value is not s3://bucket/key');
  return { bucket: match[1], key: match[2] };
}

const missing = (error) => error?.$metadata?.httpStatusCode === 404 || error?.name === 'NotFound' || error?.name === 'NoSuchKey';

/**
 * HeadObject, then PutObject only when the object is missing (content-addressed keys: the same
 * bytes are uploaded once). As pynamodb_mate, Put sends only Bucket, Key and Body (plus `extra`).
 */
export async function putIfMissing(context, bucket, key, body, extra = {}) {
  const { HeadObjectCommand, PutObjectCommand } = await sdk();
  const s3 = context.model.s3;
  const uri = joinUri(bucket, key);
  try {
    await s3.send(new HeadObjectCommand({ Bucket: bucket, Key: key }));
    return { uri, uploaded: false };
  } catch (error) {
    if (!missing(error)) throw s3Error('E_S3_WRITE', context, uri, 'HeadObject failed', error);
  }
  try {
    await s3.send(new PutObjectCommand({ Bucket: bucket, Key: key, Body: body, ...extra }));
  } catch (error) {
    throw s3Error('E_S3_WRITE', context, uri, 'PutObject failed', error);
  }
  return { uri, uploaded: true };
}

/** The object's bytes; E_S3_NOT_FOUND when it is gone, E_S3_READ on any other failure. */
export async function download(context, uri) {
  const { GetObjectCommand } = await sdk();
  const { bucket, key } = splitUri(uri, context);
  try {
    const out = await context.model.s3.send(new GetObjectCommand({ Bucket: bucket, Key: key }));
    return await out.Body.transformToByteArray();
  } catch (error) {
    if (missing(error)) throw s3Error('E_S3_NOT_FOUND', context, uri, 'the S3 object does not exist', error);
    throw s3Error('E_S3_READ', context, uri, 'GetObject failed', error);
  }
}
