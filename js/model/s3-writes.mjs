// The S3 side of item writes. 'item'-layout objects (pynamodb_mate 6.x large attributes) belong to
// one item, so its writes delete them: what a write replaced, once DynamoDB took the write; what it
// uploaded, when DynamoDB certainly refused it; all of them when the item is deleted. 'content'
// objects may be shared by other items and are never deleted here (Model.collectS3Orphans does). A
// failed delete never fails the write: it is reported to the model's `onS3CleanupError` (default: a
// warning) and the object is left for the collector.
//
// Two writers may store the same value in one item: B finds the object A uploaded and skips its
// upload, A is refused and deletes it, B's write lands. So a refused write re-reads the item before
// deleting (and puts back what the item references after), and a write that reused a young object
// checks after it succeeded that the object is still there (and puts it back if not): whichever
// order the two writes take, the stored item ends up pointing at an object.
import { GetItemCommand } from '@aws-sdk/client-dynamodb';
import { DynamoDBError, DynamoDBMateError, S3Error } from '../errors/index.mjs';
import { itemSuffix, withItemKey } from '../errors/item-key.mjs';
import { codecError } from '../errors/make.mjs';
import { UpdateAction } from '../expressions/nodes.mjs';
import { valueOperand } from '../expressions/operands.mjs';
import { deleteBatch, MAX_DELETE, putIfMissing, shownUri, splitUri } from '../attributes/s3-store.mjs';
import { S3Upload } from '../attributes/s3.mjs';
import { encodeKey, itemKeyOf } from './keys.mjs';
import { send } from './send.mjs';

const warn = (error) => (typeof globalThis.process?.emitWarning === 'function' ? globalThis.process.emitWarning(error) : console.warn(error));

/** Hands a cleanup failure to the model's handler; a handler that throws cannot fail the write either. */
function report(m, error) {
  try {
    (m.onS3CleanupError ?? warn)(error);
  } catch {
    warn(error);
  }
}

const chunks = (list, size) => Array.from({ length: Math.ceil(list.length / size) }, (_, i) => list.slice(i * size, i * size + size));

/** DynamoDB answers that prove a write was not applied (a timeout, a 5xx or an abort proves nothing). */
const REFUSALS = new Set(['E_DYNAMODB_CONDITION', 'E_TRANSACTION_CANCELLED', 'E_DYNAMODB_VALIDATION']);

/**
 * 'refused' when `error` proves that the write was not applied and no earlier attempt of it can
 * still land (the SDK sent it once), else 'unknown'. Errors of this library are raised before
 * anything is sent, except DynamoDBErrors: those are judged by their code and the SDK's attempts.
 */
export function outcomeOf(error) {
  if (error instanceof DynamoDBError) return REFUSALS.has(error.code) && (error.cause?.$metadata?.attempts ?? 1) <= 1 ? 'refused' : 'unknown';
  return error instanceof DynamoDBMateError ? 'refused' : 'unknown';
}

const cleanupError = (m, itemKey, { name, uri }, message, cause) => new S3Error('E_S3_CLEANUP',
  `${m.name}.${name}: ${message} (${shownUri(uri)})${itemSuffix(itemKey)}`, { model: m.name, attribute: name, uri, itemKey, cause });

/**
 * Deletes `objects` (`[{ name, uri }]` of one item), reporting each one that could not be deleted;
 * returns the deleted ones. Never with the write's abortSignal: an aborted write still cleans up.
 */
async function remove(m, itemKey, objects) {
  const byBucket = new Map();
  for (const object of objects) {
    const { bucket, key } = splitUri(object.uri, { model: m, name: object.name });
    if (!byBucket.has(bucket)) byBucket.set(bucket, new Map());
    byBucket.get(bucket).set(key, object);
  }
  const deleted = [];
  for (const [bucket, keys] of byBucket) {
    for (const chunk of chunks([...keys.keys()], MAX_DELETE)) {
      const { failed } = await deleteBatch(m.s3, bucket, chunk);
      const kept = new Set(failed.map((f) => f.key));
      for (const failure of failed) {
        const message = `could not delete the object, left for Model.collectS3Orphans (${failure.code}: ${failure.message})`;
        report(m, cleanupError(m, itemKey, keys.get(failure.key), message, failure.cause));
      }
      deleted.push(...chunk.filter((key) => !kept.has(key)).map((key) => keys.get(key)));
    }
  }
  return deleted;
}

/** Puts `objects` (`{ name, uri, bucket, key, body, extra }`) again where they are missing; reports what it cannot. */
async function restore(m, itemKey, objects) {
  await Promise.all(objects.map(async (object) => {
    try {
      await putIfMissing({ model: m, name: object.name, itemKey }, object.bucket, object.key, object.body, object.extra);
    } catch (cause) {
      report(m, cleanupError(m, itemKey, object, 'the item references this object, which a concurrent write deleted, and it could not be put back', cause));
    }
  }));
}

/** `ProjectionExpression` of attributes `names`. */
function projection(m, names) {
  const ExpressionAttributeNames = Object.fromEntries(names.map((name, i) => [`#s${i}`, m.dbName(name)]));
  return { ProjectionExpression: Object.keys(ExpressionAttributeNames).join(', '), ExpressionAttributeNames };
}

/**
 * One item write's 'item'-layout objects: those it uploads (`uploads`) and the young ones it reuses
 * (`reused`), both filled by uploadObjects, those the item referenced before
 * (`previous`) and those it stores (`stored`).
 */
export class S3Write {
  /**
   * @param key the item's key values (by property)
   * @param names the 'item'-layout attributes whose objects the write replaces (all of them for a
   *   put or delete, those set or removed for an update)
   * @param fromResponse whether the write returns the old item (ReturnValues ALL_OLD)
   */
  constructor(m, key, names, fromResponse = false) {
    this.m = m;
    this.key = key;
    this.names = names;
    this.fromResponse = fromResponse;
    this.uploads = [];
    this.reused = [];
    this.previous = new Map();
    this.stored = new Map();
  }

  /** The objects of this item a raw item (AttributeValues) references: name → URI. */
  own(item = {}) {
    const found = new Map();
    for (const name of this.names) {
      const uri = item[this.m.dbName(name)]?.S;
      if (this.m.attributes.get(name).ownsUri(uri, this.key, { model: this.m, name })) found.set(name, uri);
    }
    return found;
  }

  /**
   * The item's current attributes `names` (strongly consistent), or undefined when it does not exist.
   * `abortSignal`: the write's, before it sends anything; cleanup reads run without it.
   */
  async read(abortSignal) {
    const { m } = this;
    const input = { TableName: m.table, Key: encodeKey(m, this.key), ConsistentRead: true, ...projection(m, this.names) };
    return (await send(m, GetItemCommand, input, { itemKey: this.key, abortSignal })).Item;
  }

  /** For writes that cannot return the old item (updates, transactions, batches): reads it first. */
  async readPrevious(abortSignal) {
    this.previous = this.own(await this.read(abortSignal));
  }

  /** The URIs of this item's objects that the item references now, or undefined (reported) when it cannot be read. */
  async #referenced(objects, why) {
    try {
      return new Set(this.own(await this.read()).values());
    } catch (cause) {
      for (const object of objects) report(this.m, cleanupError(this.m, this.key, object, why, cause));
      return undefined;
    }
  }

  /**
   * After the write. 'written': deletes the objects it replaced (never one it stores: the same key
   * is the same object), and puts back a reused object that a concurrent refused write deleted.
   * 'refused' (DynamoDB certainly did not apply it): deletes the objects it uploaded that the item
   * does not reference, then puts back any of them that the item references by then. 'unknown' (a
   * timeout, a 5xx: the write may still land): touches nothing; the collector takes what is left.
   * Never throws.
   */
  async settle(outcome) {
    const { m, key } = this;
    if (outcome === 'written') {
      const replaced = [...this.previous].filter(([name, uri]) => this.stored.get(name) !== uri).map(([name, uri]) => ({ name, uri }));
      if (replaced.length > 0) await remove(m, key, replaced);
      if (this.reused.length > 0) await restore(m, key, this.reused);
    } else if (outcome === 'refused' && this.uploads.length > 0) {
      const before = await this.#referenced(this.uploads, 'the write was refused and the item could not be read to clean up its upload, left for Model.collectS3Orphans');
      if (!before) return;
      const deleted = await remove(m, key, this.uploads.filter((u) => !before.has(u.uri)));
      if (deleted.length === 0) return;
      const after = await this.#referenced(deleted, 'deleted after a refused write; the item could not be read again to check that no concurrent write stores it');
      if (after) await restore(m, key, this.uploads.filter((u) => after.has(u.uri) && deleted.some((d) => d.uri === u.uri)));
    }
  }
}

/** An S3Write for a write of the item with key values in `values` replacing `names`, or undefined when there is none. */
export function s3Write(m, values, names, fromResponse) {
  const key = names.length > 0 ? itemKeyOf(m, values) : undefined;
  return key ? new S3Write(m, key, names, fromResponse) : undefined;
}

/** Sends a write, then settles its S3 side (`s3`, possibly undefined) by its outcome; returns the response. */
export async function written(s3, send) {
  let out;
  try {
    out = await send();
  } catch (error) {
    await s3?.settle(outcomeOf(error));
    throw error;
  }
  if (s3?.fromResponse) s3.previous = s3.own(out.Attributes);
  await s3?.settle('written');
  return out;
}

/** Settles the S3 side of several writes (of a transaction or batch) with one outcome. */
export const settleAll = (writes, outcome) => Promise.all(writes.map((w) => w?.settle(outcome)));

/** The S3-backed attribute an update action writes, or undefined. */
function s3Target(m, action) {
  const name = action.path?.length === 1 ? m.byDbName.get(action.path[0].name) : undefined;
  const attribute = name === undefined ? undefined : m.attributes.get(name);
  return attribute?.needsS3 ? { name, attribute } : undefined;
}

/**
 * The plan of update actions on S3-backed attributes (synchronous): the actions with the values'
 * URIs (or inlined values) in place of the values, the objects to upload before the UpdateItem,
 * and the S3Write to settle after it. Actions on other attributes pass through.
 * @param key the item's key values
 */
export function planActions(m, actions, key) {
  const targets = actions.map((action) => (action instanceof UpdateAction ? s3Target(m, action) : undefined));
  if (!targets.some(Boolean)) return { actions, objects: [], s3: undefined };
  const removed = targets.find((t, i) => t && actions[i].type === 'remove' && !t.attribute.nullable);
  if (removed) throw codecError('E_EXPRESSION', `${m.name}.${removed.name}: remove() on an attribute that is not nullable`);
  const owned = [...new Set(targets.filter((t) => t?.attribute.layout === 'item').map((t) => t.name))];
  const s3 = s3Write(m, key, owned);
  const context = { model: m, item: key, itemKey: itemKeyOf(m, key) };
  const objects = [];
  const planned = actions.map((action, i) => {
    const target = targets[i];
    if (!target || action.type === 'remove') return action;
    const upload = action.value?.type === 'value' ? action.value.value : undefined;
    if (!(upload instanceof S3Upload)) {
      throw codecError('E_EXPRESSION', `${m.name}.${target.name}: an S3-backed attribute is set to a value (set(value)) or removed (remove())`);
    }
    const { stored, object } = target.attribute.planWrite(upload.value, { ...context, name: target.name });
    if (object) objects.push(object);
    if (typeof stored === 'string') s3?.stored.set(target.name, stored);
    return new UpdateAction('set', { path: action.path, value: valueOperand(m.codec.encodeValue(target.name, stored), `set() on ${target.name}`) });
  });
  return { actions: planned, objects, s3 };
}

/**
 * Uploads the objects one item write planned, concurrently, and waits for all of them also when
 * one fails (an upload still under way would otherwise finish unseen, after the cleanup). A failure
 * (an abort by `abortSignal`, the write's, too) settles the write's S3 side (`s3`, possibly
 * undefined) as refused, then throws.
 */
export async function uploadObjects(m, itemKey, objects, s3, abortSignal) {
  if (objects.length === 0) return;
  const context = { model: m, itemKey, uploads: s3?.uploads, reused: s3?.reused, abortSignal };
  const results = await Promise.allSettled(objects.map((object) => m.attributes.get(object.name).upload(object, { ...context, name: object.name })));
  const failed = results.find((r) => r.status === 'rejected');
  if (failed) {
    await s3?.settle('refused');
    throw withItemKey(failed.reason, itemKey);
  }
}
