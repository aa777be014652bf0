// Model.collectS3Orphans: deletes the S3 objects under the S3-backed attributes' prefixes that no item
// references, once they are older than a grace period. Orphans are what writes leave by design: a
// 'content' object is never deleted by a write (other items may share it), an item write that failed
// after its upload leaves it, and so does an 'item'-layout cleanup that failed.
//
// Order and grace period: the table is scanned first (strongly consistent), then the objects are
// listed. An object is deleted only when no scanned item references it and its LastModified is older
// than `olderThan` seconds before the scan started. A write uploads (or, for an object it reuses,
// refreshes: js/attributes/s3-store.mjs REFRESH_AFTER_MS) before it writes its item, so an object
// whose item the scan missed is younger than that cutoff as long as the write took less than
// `olderThan`. Hence the default of one hour: far beyond a write's retries, and objects reused by
// writes are refreshed after 15 minutes.
//
// Who shares the prefixes: an object is kept only if an item of a scanned table references it, and
// pynamodb_mate's default keys (`pynamodb-mate/bigtext/{sha256}.txt`...) are content-addressed and
// shared by every table that keeps them in a bucket. Nothing here can tell which other tables those
// are, so a deleting run needs the caller's statement: `models` (the other tables' models, `[]` for
// none). A dry run deletes nothing and may go without it.
import { ScanCommand } from '@aws-sdk/client-dynamodb';
import { AbortError } from '../errors/index.mjs';
import { codecError } from '../errors/make.mjs';
import { deleteBatch, joinUri, listPages, MAX_DELETE } from '../attributes/s3-store.mjs';
import { send } from './send.mjs';

export const DEFAULT_OLDER_THAN = 3600;

const argumentError = (m, message) => codecError('E_ARGUMENT', `${m.name}.collectS3Orphans(): ${message}`);

const MODELS_REQUIRED = 'models is required unless dryRun is true: an object under these prefixes that only another '
  + "table's items reference (pynamodb_mate's default keys are shared by every table using them in the bucket) would be "
  + 'deleted, so name the models of every other table that may reference them, or pass models: [] if no other table does';

const s3Names = (m) => [...m.attributes].filter(([, a]) => a.needsS3).map(([name]) => name);

/** Where an attribute's objects are: its key template up to `{fingerprint}`, or its 'item' prefix. */
function prefixOf(attribute) {
  if (attribute.layout === 'item') return attribute.options.prefix === undefined ? 'pk=' : `${attribute.options.prefix}/pk=`;
  return attribute.keyTemplate.slice(0, attribute.keyTemplate.indexOf('{fingerprint}'));
}

/** The option values (their keys were checked by the public method, so a misspelt `dryRun` deletes nothing). */
function checkValues(m, opts) {
  const { attributes, models, bucket, prefix, olderThan = DEFAULT_OLDER_THAN, dryRun = false, batchSize = MAX_DELETE, onProgress, abortSignal } = opts;
  const names = s3Names(m);
  if (names.length === 0) throw argumentError(m, 'the model has no S3-backed attribute');
  if (attributes !== undefined && !(Array.isArray(attributes) && attributes.length > 0 && attributes.every((a) => names.includes(a)))) {
    throw argumentError(m, `attributes must be a non-empty array of S3-backed attributes (${names.join(', ')})`);
  }
  if (bucket !== undefined && (typeof bucket !== 'string' || bucket === '')) throw argumentError(m, 'bucket must be a bucket name');
  if (prefix !== undefined && !(typeof prefix === 'string' && prefix.isWellFormed())) throw argumentError(m, 'prefix must be a string (well-formed UTF-16)');
  if (!(typeof olderThan === 'number' && olderThan >= 0 && Number.isFinite(olderThan))) throw argumentError(m, 'olderThan must be a number of seconds >= 0');
  if (typeof dryRun !== 'boolean') throw argumentError(m, 'dryRun must be a boolean');
  if (!(Number.isInteger(batchSize) && batchSize >= 1 && batchSize <= MAX_DELETE)) throw argumentError(m, `batchSize must be an integer from 1 to ${MAX_DELETE}`);
  if (onProgress !== undefined && typeof onProgress !== 'function') throw argumentError(m, 'onProgress must be a function');
  if (abortSignal !== undefined && !(abortSignal instanceof AbortSignal)) throw argumentError(m, 'abortSignal must be an AbortSignal');
  if (!dryRun && models === undefined) throw argumentError(m, MODELS_REQUIRED);
  for (const other of models ?? []) {
    if (s3Names(other).length === 0) throw argumentError(m, `model ${other.name} in models has no S3-backed attribute`);
  }
  return { attributes: attributes ?? names, models: models ?? [], bucket, prefix, olderThan, dryRun, batchSize, onProgress, abortSignal };
}

/** The (bucket, prefix) pairs to list, without one that another pair's listing already covers. */
function targets(m, o) {
  const pairs = new Map();
  for (const name of o.attributes) {
    const attribute = m.attributes.get(name);
    const pair = { bucket: o.bucket ?? attribute.options.bucket, prefix: o.prefix ?? prefixOf(attribute) };
    pairs.set(`${pair.bucket}/${pair.prefix}`, pair);
  }
  const all = [...pairs.values()];
  return all.filter((p) => !all.some((q) => q !== p && q.bucket === p.bucket && p.prefix.startsWith(q.prefix) && q.prefix !== p.prefix));
}

/** Every URI that an S3-backed attribute of a model's items holds (a consistent scan, projecting those attributes). */
async function scanReferences(model, referenced, progress, abortSignal) {
  const names = s3Names(model);
  const ExpressionAttributeNames = Object.fromEntries(names.map((name, i) => [`#s${i}`, model.dbName(name)]));
  const params = {
    TableName: model.table,
    ProjectionExpression: Object.keys(ExpressionAttributeNames).join(', '),
    ExpressionAttributeNames,
    ConsistentRead: true,
  };
  let ExclusiveStartKey;
  do {
    const out = await send(model, ScanCommand, { ...params, ExclusiveStartKey }, { abortSignal });
    for (const item of out.Items ?? []) {
      for (const value of Object.values(item)) {
        if (typeof value.S === 'string' && value.S.startsWith('s3://')) referenced.add(value.S);
      }
    }
    progress(out.Items?.length ?? 0);
    ExclusiveStartKey = out.LastEvaluatedKey;
  } while (ExclusiveStartKey);
}

/** Runs an S3 step of the collector; the SDK's AbortError becomes an AbortError (E_ABORTED) naming it. */
async function s3Step(m, operation, bucket, run) {
  try {
    return await run();
  } catch (error) {
    if (error?.name !== 'AbortError') throw error;
    throw new AbortError(`${m.name}.collectS3Orphans(): ${operation} on bucket "${bucket}" was aborted`, { operation, model: m.name, cause: error });
  }
}

/**
 * `{ attributes, models, bucket, prefix, olderThan, dryRun, batchSize, onProgress, abortSignal }`:
 * `attributes` (default all S3-backed ones) say which prefixes to list; `bucket` and `prefix`
 * replace theirs. The table of this model and of every model in `models` (others sharing the
 * prefixes; required unless `dryRun`) is scanned for references. Returns the counts: listed = referenced + young + orphans.
 */
export async function collectS3Orphans(m, opts = {}) {
  const o = checkValues(m, opts);
  const result = { scanned: 0, listed: 0, referenced: 0, young: 0, orphans: 0, deleted: 0, errors: 0, failed: [], uris: [], dryRun: o.dryRun };
  const progress = () => o.onProgress?.({ ...result, failed: [...result.failed], uris: [...result.uris] });
  const started = Date.now();
  const cutoff = started - o.olderThan * 1000;

  const referenced = new Set();
  for (const model of [m, ...o.models]) {
    await scanReferences(model, referenced, (n) => {
      result.scanned += n;
      progress();
    }, o.abortSignal);
  }

  for (const { bucket, prefix } of targets(m, o)) {
    let pending = [];
    const flush = async () => {
      const keys = pending;
      pending = [];
      if (o.dryRun || keys.length === 0) return;
      const { deleted, failed } = await s3Step(m, 'DeleteObjects', bucket, () => deleteBatch(m.s3, bucket, keys, o.abortSignal));
      result.deleted += deleted;
      result.errors += failed.length;
      result.failed.push(...failed.map((f) => ({ uri: joinUri(bucket, f.key), code: f.code, message: f.message })));
    };
    const pages = listPages(m.s3, bucket, prefix, o.abortSignal);
    for (;;) {
      const { done, value: objects } = await s3Step(m, 'ListObjectsV2', bucket, () => pages.next());
      if (done) break;
      for (const { Key, LastModified } of objects) {
        const uri = joinUri(bucket, Key);
        result.listed += 1;
        if (referenced.has(uri)) {
          result.referenced += 1;
        } else if (!(LastModified?.getTime() < cutoff)) {
          result.young += 1;
        } else {
          result.orphans += 1;
          result.uris.push(uri);
          pending.push(Key);
          if (pending.length >= o.batchSize) await flush();
        }
      }
      progress();
    }
    await flush();
  }
  progress();
  return result;
}
