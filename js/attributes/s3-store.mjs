// S3 I/O of the S3-backed attributes: `s3://bucket/key` URIs, upload-if-missing, download, batch
// delete and listing, with failures as S3Error naming the model, attribute, URI and item (never the
// content).
import { AbortError, S3Error } from '../errors/index.mjs';
import { itemSuffix } from '../errors/item-key.mjs';

// The model's `s3` is the storage of the `dynamodb-mate/s3` subpath (js/s3.mjs), which sends the
// commands: the main entry never loads the S3 SDK, so a bundle without S3 attributes holds none of it.

/** `{ model, attribute }` of the hook context, for errors. */
const where = ({ model, name }) => ({ model: model.name, attribute: name });

/**
 * `uri` as messages show it: the SHA-256 and MD5 of a value that keys its object are derived from
 * the data (a guess can be checked against them), so they are left out; the error's `uri` has them.
 */
export const shownUri = (uri) => uri.replace(/(?<![0-9a-f])[0-9a-f]{64}(?![0-9a-f])/g, '<sha256>').replace(/md5=[0-9a-f]{32}/g, 'md5=<md5>');

/** `context`: `{ model, name, itemKey? }` (the hook context). */
export function s3Error(code, context, uri, message, cause) {
  const w = where(context);
  const text = `${w.model}.${w.attribute}: ${message} (${shownUri(uri)})${itemSuffix(context.itemKey)}`;
  return new S3Error(code, text, { ...w, uri, itemKey: context.itemKey, cause });
}

export const joinUri = (bucket, key) => `s3://${bucket}/${key}`;

/** Python's `split_s3_uri`: bucket = the part after `s3://`, key = the rest (non-empty). */
export function splitUri(uri, context) {
  const match = /^s3:\/\/([^/]+)\/(.+)$/s.exec(uri);
  if (!match) throw s3Error('E_S3_URI', context, '<not an s3:// URI>', 'the stored value is not s3://bucket/key');
  return { bucket: match[1], key: match[2] };
}

const aborted = (error) => error?.name === 'AbortError';

const missing = (error) => error?.$metadata?.httpStatusCode === 404 || error?.name === 'NotFound' || error?.name === 'NoSuchKey';
const denied = (error) => error?.$metadata?.httpStatusCode === 403 || error?.name === 'AccessDenied';

/** AbortError (E_ABORTED) for an aborted request, E_S3_ACCESS_DENIED for a 403 (a policy, missing permissions), else `code`. */
function failure(code, context, uri, operation, error) {
  if (aborted(error)) {
    const { model, attribute } = where(context);
    const text = `${model}.${attribute}: ${operation} was aborted (${shownUri(uri)})${itemSuffix(context.itemKey)}`;
    return new AbortError(text, { operation, model, itemKey: context.itemKey, cause: error });
  }
  if (denied(error)) return s3Error('E_S3_ACCESS_DENIED', context, uri, `${operation} was denied (403)`, error);
  return s3Error(code, context, uri, `${operation} failed`, error);
}

/**
 * An existing object older than this is copied onto itself before a write reuses it, which moves its
 * LastModified to now: the orphan collector's grace period (`olderThan`, default 1 hour) then
 * protects it while the write that is about to reference it is under way.
 */
export const REFRESH_AFTER_MS = 15 * 60 * 1000;

/**
 * HeadObject, then PutObject only when the object is missing (content-addressed keys: the same
 * bytes are uploaded once). As pynamodb_mate, Put sends only Bucket, Key and Body (plus `extra`).
 * An old object that is reused is refreshed (REFRESH_AFTER_MS). `uploaded`: whether this call put it;
 * `young`: a reused object younger than REFRESH_AFTER_MS (it may be another write's fresh upload).
 */
export async function putIfMissing(context, bucket, key, body, extra = {}) {
  const s3 = context.model.s3;
  const { abortSignal } = context;
  const uri = joinUri(bucket, key);
  let head;
  try {
    head = await s3.head({ Bucket: bucket, Key: key }, abortSignal);
  } catch (error) {
    if (aborted(error) || !missing(error)) throw failure('E_S3_WRITE', context, uri, 'HeadObject', error);
  }
  if (head) {
    const young = Date.now() - head.LastModified?.getTime() < REFRESH_AFTER_MS;
    if (!young) {
      // S3 copies an object onto itself only when something is replaced: the same metadata is.
      const same = { MetadataDirective: 'REPLACE', Metadata: head.Metadata ?? {}, ...(head.ContentType ? { ContentType: head.ContentType } : {}) };
      try {
        await s3.copy({ Bucket: bucket, Key: key, CopySource: `${bucket}/${encodeURIComponent(key).replaceAll('%2F', '/')}`, ...same }, abortSignal);
      } catch (error) {
        throw failure('E_S3_WRITE', context, uri, 'CopyObject (refreshing the LastModified of a reused object)', error);
      }
    }
    return { uri, uploaded: false, young };
  }
  try {
    await s3.put({ Bucket: bucket, Key: key, Body: body, ...extra }, abortSignal);
  } catch (error) {
    throw failure('E_S3_WRITE', context, uri, 'PutObject', error);
  }
  return { uri, uploaded: true, young: true };
}

/** The object's bytes; E_S3_NOT_FOUND when it is gone, E_S3_ACCESS_DENIED, E_S3_READ on any other failure. */
export async function download(context, uri) {
  const { bucket, key } = splitUri(uri, context);
  try {
    const out = await context.model.s3.get({ Bucket: bucket, Key: key }, context.abortSignal);
    return await out.Body.transformToByteArray();
  } catch (error) {
    if (!aborted(error) && missing(error)) throw s3Error('E_S3_NOT_FOUND', context, uri, 'the S3 object does not exist', error);
    throw failure('E_S3_READ', context, uri, 'GetObject', error);
  }
}

/** DeleteObjects takes at most this many keys. */
export const MAX_DELETE = 1000;

/**
 * Deletes up to MAX_DELETE keys of one bucket in one DeleteObjects call (a missing key counts as
 * deleted, as S3 says). `failed`: `[{ key, code, message }]`, every key when the call itself failed.
 * An aborted call (`abortSignal`, the collector's) rejects with the SDK's AbortError instead.
 */
export async function deleteBatch(s3, bucket, keys, abortSignal) {
  if (keys.length > MAX_DELETE) throw new RangeError(`deleteBatch(): at most ${MAX_DELETE} keys per call, got ${keys.length}`);
  try {
    const out = await s3.deleteObjects({ Bucket: bucket, Delete: { Objects: keys.map((Key) => ({ Key })), Quiet: true } }, abortSignal);
    const failed = (out.Errors ?? []).map((e) => ({ key: e.Key, code: e.Code, message: e.Message }));
    return { deleted: keys.length - failed.length, failed };
  } catch (error) {
    if (aborted(error)) throw error;
    return { deleted: 0, failed: keys.map((key) => ({ key, code: error.name, message: error.message, cause: error })) };
  }
}

/** The pages of ListObjectsV2 under `prefix` (`Contents`: `{ Key, LastModified }`), 1000 keys each. */
export async function* listPages(s3, bucket, prefix, abortSignal) {
  let ContinuationToken;
  do {
    const out = await s3.list({ Bucket: bucket, Prefix: prefix, ContinuationToken }, abortSignal);
    yield out.Contents ?? [];
    ContinuationToken = out.IsTruncated ? out.NextContinuationToken : undefined;
  } while (ContinuationToken);
}
