// `defineModel`: the pynamodb Model of the JavaScript world. A model is a class; its instances are
// items (attribute values as own properties); statics read and write the table.
import { DeleteItemCommand, GetItemCommand, PutItemCommand, UpdateItemCommand } from '@aws-sdk/client-dynamodb';
import { ExpressionBuilder } from '../expressions/index.mjs';
import { ItemNotFoundError } from '../errors/index.mjs';
import { withItemKey } from '../errors/item-key.mjs';
import { codecError } from '../errors/make.mjs';
import { checkOptions, OPTIONS } from '../options/index.mjs';
import { regionFor } from '../console/region.mjs';
import { consoleUrls, storedKeyValue } from '../console/urls.mjs';
import { batchGetRaw, batchWrite } from './batch.mjs';
import { collectS3Orphans } from './collect-s3-orphans.mjs';
import { resolveDefinition } from './definition.mjs';
import { afterRead } from './hooks.mjs';
import { fieldsOf } from '../attributes/map-variants.mjs';
import { checkClassValue, checkSameClass, classChanged, classFilter, descends, narrowMapVariants, registerClass, resolveSubclass, storedClass } from './polymorphic.mjs';
import { fromBase64, toBase64 } from '../item/base64.mjs';
import { MAX_JSON_DEPTH } from '../codec/tagged-json.mjs';
import { batchKey, encodeKey, itemKeyOf, keyValues, rawItemKey, withKey } from './keys.mjs';
import { QueryCommand, ScanCommand, count, page, parallelScan, queryParams, rawItems, scanParams } from './read.mjs';
import { prepare, setKey } from './prepare.mjs';
import { reencrypt } from './reencrypt.mjs';
import { buildRefs } from './refs.mjs';
import { execute } from './execute.mjs';
import { notAborted, send } from './send.mjs';
import { createTable, deleteTable, describeTable } from './table.mjs';
import { GetOp, WriteOp, transactGet, transactWrite } from './transact.mjs';
import { attributeValues, onConditionFailure, planConditionCheck, planDelete, planPut, planUpdate, validateCreated } from './writes.mjs';

const META = Symbol('dynamodb-mate model');

/** A copy of `values` with the defaults of missing attributes, typed map fields included. */
function withDefaults(attributes, values) {
  const filled = { ...values };
  for (const [name, attribute] of attributes) {
    if (filled[name] === undefined && attribute.options.default !== undefined) filled[name] = attribute.defaultValue();
    const v = filled[name];
    if (attribute.type === 'map' && v !== null && typeof v === 'object' && !Array.isArray(v)) {
      const fields = attribute.variants ? fieldsOf(attribute.variants, v) : attribute.attributes;
      filled[name] = withDefaults(new Map(Object.entries(fields)), v);
    }
  }
  return filled;
}

/** The options of `m.<method>()`, checked against table entry `entry` (js/options/table.mjs). */
const options = (m, method, value, entry = method) => (value === undefined ? {} : checkOptions(`${m.name}.${method}() options`, value, OPTIONS[entry]));

/** `options.retry` of a batch: its keys checked, the values by the batch. */
const withRetry = (m, method, o) => {
  checkOptions(`${m.name}.${method}() options.retry`, o.retry, OPTIONS.retry);
  return o;
};

/** `get(hash, range?, opts?)`: the range argument exists only on models with a range key. */
function keyArgs(m, args, method) {
  const [hash, second, third] = args;
  const opts = options(m, method, m.rangeKey ? third : second, 'get');
  return { key: m.rangeKey ? keyValues(m, hash, second) : keyValues(m, hash), opts };
}

function notFound(m, key) {
  const names = Object.keys(key).join(', ');
  return new ItemNotFoundError('E_NOT_FOUND', `${m.name}: no item with this key (${names})`);
}

export class ModelBase {
  /** Instances are normally made by `Model.create(values)` or read from the table. */
  constructor(values = {}) {
    Object.assign(this, values);
  }

  static #meta(model) {
    const m = model[META];
    if (!m) throw new TypeError('use a class made by defineModel()');
    return m;
  }

  /**
   * Internal: an instance of this (possibly user-subclassed) model from a stored item, or of the
   * subclass its discriminator names; a promise of it when keys or afterRead hooks must be awaited
   * (callers await it: a page of plain items costs no promise per item). `abortSignal`: the reading
   * call's, given to the S3 downloads of S3-backed attributes.
   */
  static fromItem(item, abortSignal) {
    const m = ModelBase.#meta(this);
    const stored = storedClass(m, item);
    const [Model, sm] = stored && stored.m !== m ? [stored.Model, stored.m] : [this, m];
    const values = ModelBase.#decode(sm, item, abortSignal);
    return values instanceof Promise ? values.then((v) => new Model(v)) : new Model(values);
  }

  /**
   * A class of this model's hierarchy (pynamodb's `class Cat(Animal, discriminator='cat')`):
   * `{ value, name, attributes }`, items stored with `value` in the discriminator attribute and
   * the attributes added to this model's.
   */
  static defineSubclass(definition) {
    const m = resolveSubclass(ModelBase.#meta(this), definition);
    const Model = modelClass(this, m);
    registerClass(m, Model, definition.value);
    return Model;
  }

  /** The values of a stored item (afterRead hooks applied), or a promise of them; errors name the item. */
  static #decode(m, item, abortSignal) {
    const pending = prepare(m);
    if (pending !== undefined) return pending.then(() => ModelBase.#decode(m, item, abortSignal));
    let values;
    try {
      values = afterRead(m, narrowMapVariants(m, m.codec.decode(item)), { abortSignal });
    } catch (error) {
      throw withItemKey(error, rawItemKey(m, item));
    }
    return values instanceof Promise ? values.catch((error) => { throw withItemKey(error, rawItemKey(m, item)); }) : values;
  }

  // ---- keys of encrypted attributes ----------------------------------------------------------

  /**
   * Resolves the key providers of encrypted attributes (once; requests do it themselves). Needed
   * before sync work on those attributes: `create()` and conditions on them. Also settles the
   * client's region for the console URL methods.
   */
  static async prepare() {
    const m = ModelBase.#meta(this);
    await Promise.all([prepare(m), m.region.ready]);
  }

  /** Rotation: encrypted attribute `name` takes another key option, e.g. a keyring with a new current id. */
  static setKey(name, key, opts) {
    const m = ModelBase.#meta(this);
    return setKey(m, name, key, options(m, 'setKey', opts));
  }

  /**
   * Rewrites encrypted values not under the current key (or still in pynamodb_mate's format, read
   * through the `legacy` option) with the current key: `{ attributes, cursor, segments, pageSize,
   * stopSignal, abortSignal, onProgress }` → `{ scanned, updated, conflicts, cursor }`, resumable from `cursor`.
   */
  static reencrypt(opts) {
    const m = ModelBase.#meta(this);
    return reencrypt(m, options(m, 'reencrypt', opts));
  }

  // ---- S3 objects ---------------------------------------------------------------------------

  /**
   * Deletes the objects under the S3-backed attributes' prefixes that no item references and that
   * are older than the grace period: `{ attributes, models, bucket, prefix, olderThan, dryRun,
   * batchSize, onProgress, abortSignal }` → `{ listed, referenced, young, orphans, deleted, errors, failed, uris }`.
   * `models` (the other tables sharing the prefixes, `[]` for none) is required unless `dryRun`.
   */
  static async collectS3Orphans(given) {
    const m = ModelBase.#meta(this);
    const opts = options(m, 'collectS3Orphans', given);
    const { models } = opts;
    if (models !== undefined && !(Array.isArray(models) && models.every((Model) => Model?.[META]))) {
      throw codecError('E_ARGUMENT', `${m.name}.collectS3Orphans(): models must be an array of model classes (made by defineModel)`);
    }
    return collectS3Orphans(m, { ...opts, models: models?.map((Model) => Model[META]) });
  }

  // ---- table -------------------------------------------------------------------------------

  static createTable(opts) {
    const m = ModelBase.#meta(this);
    return createTable(m, options(m, 'createTable', opts, 'table'));
  }

  static describeTable() {
    return describeTable(ModelBase.#meta(this));
  }

  static deleteTable(opts) {
    const m = ModelBase.#meta(this);
    return deleteTable(m, options(m, 'deleteTable', opts, 'table'));
  }

  // ---- items -------------------------------------------------------------------------------

  /** A new, validated instance with defaults applied; nothing is written until `save()`. */
  static create(values = {}) {
    const m = ModelBase.#meta(this);
    if (values === null || typeof values !== 'object' || Array.isArray(values)) {
      throw codecError('E_ITEM_TYPE', `${m.name}.create() takes an object of attribute values, got ${Array.isArray(values) ? 'an array' : values === null ? 'null' : typeof values}`);
    }
    const unknown = Object.keys(values).filter((k) => !m.attributes.has(k));
    if (unknown.length > 0) {
      // Name typos like `titel`; a key that does not look like a name may be data, so only count it.
      const named = unknown.filter((k) => /^[A-Za-z_$][\w$]{0,63}$/.test(k));
      const what = named.length === unknown.length ? named.join(', ') : `${unknown.length} unknown properties`;
      throw codecError('E_ITEM_UNKNOWN', `${m.name} has no attribute ${what}`);
    }
    checkClassValue(m, values);
    const filled = withDefaults(m.attributes, values);
    if (m.discriminator) filled[m.discriminator] = m.classValue;
    const instance = new this(filled);
    validateCreated(m, instance);
    return instance;
  }

  /** `get(hash, range?, { consistentRead, attributes, abortSignal })`; throws ItemNotFoundError when missing. */
  static async get(...args) {
    const m = ModelBase.#meta(this);
    const { key, opts } = keyArgs(m, args, 'get');
    const out = await send(m, GetItemCommand, ModelBase.#getInput(this, m, key, opts), { itemKey: key, abortSignal: opts.abortSignal });
    if (!out.Item) throw notFound(m, key);
    return this.fromItem(out.Item, opts.abortSignal);
  }

  /** Like `get`, but null when the item does not exist. */
  static async getOneOrNone(...args) {
    const m = ModelBase.#meta(this);
    const { key, opts } = keyArgs(m, args, 'getOneOrNone');
    const out = await send(m, GetItemCommand, ModelBase.#getInput(this, m, key, opts), { itemKey: key, abortSignal: opts.abortSignal });
    return out.Item ? this.fromItem(out.Item, opts.abortSignal) : null;
  }

  /** The GetItem input of the item with key values `key` for `Model` (of meta `m`). */
  static #getInput(Model, m, key, opts) {
    const input = { TableName: m.table, Key: encodeKey(m, key) };
    if (opts.consistentRead) input.ConsistentRead = true;
    if (opts.attributes) {
      const builder = new ExpressionBuilder();
      input.ProjectionExpression = builder.projection(withKey(m, opts.attributes).map((n) => Model.attr[n]));
      Object.assign(input, builder.params());
    }
    return input;
  }

  /** Puts the item: `{ condition, addVersionCondition, returnValuesOnConditionCheckFailure, abortSignal }`. */
  async save(given) {
    const m = ModelBase.#meta(this.constructor);
    const opts = options(m, 'save', given, 'write');
    const returned = onConditionFailure(m, 'save', opts);
    const sent = { itemKey: itemKeyOf(m, this), abortSignal: opts?.abortSignal };
    notAborted(m, PutItemCommand, sent);
    const keys = prepare(m);
    if (keys !== undefined) await keys;
    const plan = planPut(m, this.constructor.attr, this, opts, { returnsOld: true });
    await execute(plan, () => send(m, PutItemCommand, Object.assign(plan.params, returned), sent), sent.abortSignal);
    return this;
  }

  /** Applies update actions (`{ condition, addVersionCondition, returnValuesOnConditionCheckFailure, abortSignal }`); the instance takes the item's new values (ReturnValues ALL_NEW). */
  async update(actions, given) {
    const Model = this.constructor;
    const m = ModelBase.#meta(Model);
    const opts = options(m, 'update', given, 'write');
    const returned = onConditionFailure(m, 'update', opts);
    const sent = { itemKey: itemKeyOf(m, this), abortSignal: opts?.abortSignal };
    notAborted(m, UpdateItemCommand, sent);
    await prepare(m); // operands bound to the item are encoded with the attribute's keys
    const plan = planUpdate(m, Model.attr, this, actions, opts);
    const out = await execute(plan, () => send(m, UpdateItemCommand, { ...plan.params, ReturnValues: 'ALL_NEW', ...returned }, sent), sent.abortSignal);
    checkSameClass(m, out.Attributes ?? {});
    const fresh = await ModelBase.#decode(m, out.Attributes ?? {}, sent.abortSignal);
    for (const name of m.attributes.keys()) delete this[name];
    return Object.assign(this, fresh);
  }

  /** Deletes the item: `{ condition, addVersionCondition, returnValuesOnConditionCheckFailure, abortSignal }`. */
  async delete(given) {
    const m = ModelBase.#meta(this.constructor);
    const opts = options(m, 'delete', given, 'write');
    const returned = onConditionFailure(m, 'delete', opts);
    const sent = { itemKey: itemKeyOf(m, this), abortSignal: opts?.abortSignal };
    notAborted(m, DeleteItemCommand, sent);
    const plan = planDelete(m, this.constructor.attr, this, opts, { returnsOld: true });
    await execute(plan, () => send(m, DeleteItemCommand, { ...plan.params, ...returned }, sent), sent.abortSignal);
  }

  /** Deletes the item if it exists (`{ abortSignal }`); true when it did. */
  async deleteIfExists(opts) {
    const m = ModelBase.#meta(this.constructor);
    const { abortSignal } = options(m, 'deleteIfExists', opts, 'abort');
    try {
      await this.delete({ condition: this.constructor.attr[m.hashKey].exists(), abortSignal });
      return true;
    } catch (error) {
      if (error.code === 'E_DYNAMODB_CONDITION') return false;
      throw error;
    }
  }

  /** Re-reads the item (strongly consistent unless told otherwise): `{ consistentRead, abortSignal }`. */
  async refresh(opts) {
    const Model = this.constructor;
    const m = ModelBase.#meta(Model);
    const { consistentRead = true, abortSignal } = options(m, 'refresh', opts);
    const key = Object.fromEntries([m.hashKey, m.rangeKey].filter(Boolean).map((k) => [k, this[k]]));
    const fresh = await Model.getOneOrNone(...Object.values(key), { consistentRead, abortSignal });
    if (fresh === null) throw notFound(m, key);
    if (ModelBase.#meta(fresh.constructor) !== m) throw classChanged(m, ModelBase.#meta(fresh.constructor), key);
    for (const name of m.attributes.keys()) delete this[name];
    return Object.assign(this, fresh);
  }

  /** The item in DynamoDB JSON (attribute names, `{ S: ... }` values, binary as base64). */
  toJSON() {
    const m = ModelBase.#meta(this.constructor);
    const { item } = m.codec.encode(attributeValues(m, this));
    return JSON.parse(JSON.stringify(item, (_, v) => (v instanceof Uint8Array ? toBase64(v) : v)));
  }

  /** The inverse of `toJSON()`. */
  static fromJSON(json) {
    const m = ModelBase.#meta(this);
    // Anything but base64 text is left as it is, for the codec to refuse naming the attribute.
    const bytes = (x) => (typeof x === 'string' ? fromBase64(x) : x);
    // Bounded, so that 200,000 levels are an ItemError rather than a stack overflow.
    const revive = (v, depth) => {
      if (v === null || typeof v !== 'object') return v;
      if (depth >= MAX_JSON_DEPTH) throw codecError('E_ITEM_STORED', `${m.name}.fromJSON(): AttributeValues nested deeper than ${MAX_JSON_DEPTH} levels`);
      if (Array.isArray(v)) return v.map((x) => revive(x, depth + 1));
      return Object.fromEntries(Object.entries(v).map(([k, x]) => {
        if (k === 'B') return [k, bytes(x)];
        if (k === 'BS') return [k, Array.isArray(x) ? x.map(bytes) : x];
        return [k, revive(x, depth + 1)];
      }));
    };
    return new this(narrowMapVariants(m, m.codec.decode(revive(json, 0))));
  }

  // ---- AWS console URLs (region: `{ region }`, else the client's, see js/console/region.mjs) ----

  static tableOverviewConsoleUrl(opts) {
    const m = ModelBase.#meta(this);
    return consoleUrls.tableOverview(regionFor(m.name, m.region, opts), m.table);
  }

  static tableItemsConsoleUrl(opts) {
    const m = ModelBase.#meta(this);
    return consoleUrls.tableItems(regionFor(m.name, m.region, opts), m.table);
  }

  /** This item's page, its key values as stored (a number as written, binary as base64). */
  itemDetailConsoleUrl(opts) {
    const m = ModelBase.#meta(this.constructor);
    const region = regionFor(m.name, m.region, opts);
    const key = encodeKey(m, this);
    const range = m.rangeKey && storedKeyValue(key[m.dbName(m.rangeKey)]);
    return consoleUrls.itemDetail(region, m.table, storedKeyValue(key[m.dbName(m.hashKey)]), range);
  }

  // ---- query and scan ----------------------------------------------------------------------

  /** Async iterator over the items with this hash key: `{ range, filter, index, order, limit, attributes, consistentRead, pageSize, abortSignal }`. */
  static async* query(hashValue, given) {
    const m = ModelBase.#meta(this);
    const opts = options(m, 'query', given);
    for await (const item of rawItems(m, QueryCommand, queryParams(m, this.attr, hashValue, classFilter(m, this.attr, opts)), opts)) {
      yield await this.fromItem(item, opts.abortSignal);
    }
  }

  /** One page of a query: `{ items, cursor }`; pass `cursor` back for the next page (undefined at the end). */
  static async queryPage(hashValue, given) {
    const m = ModelBase.#meta(this);
    const opts = options(m, 'queryPage', given, 'query');
    const p = await page(m, QueryCommand, queryParams(m, this.attr, hashValue, classFilter(m, this.attr, opts)), opts.cursor, opts.limit, opts.abortSignal);
    return { items: await Promise.all(p.items.map((i) => this.fromItem(i, opts.abortSignal))), cursor: p.cursor };
  }

  /** Async iterator over every item: `{ filter, index, limit, attributes, consistentRead, segments, pageSize, abortSignal }`. */
  static async* scan(given) {
    const m = ModelBase.#meta(this);
    const opts = options(m, 'scan', given);
    const params = scanParams(m, this.attr, classFilter(m, this.attr, opts));
    const items = opts.segments && opts.segments > 1
      ? parallelScan(m, params, opts.segments, opts.limit, opts.abortSignal)
      : rawItems(m, ScanCommand, params, opts);
    for await (const item of items) yield await this.fromItem(item, opts.abortSignal);
  }

  /** One page of a scan (`segment`/`totalSegments` for one worker of a parallel scan). */
  static async scanPage(given) {
    const m = ModelBase.#meta(this);
    const opts = options(m, 'scanPage', given);
    const params = scanParams(m, this.attr, classFilter(m, this.attr, opts));
    if (opts.totalSegments !== undefined) Object.assign(params, { Segment: opts.segment ?? 0, TotalSegments: opts.totalSegments });
    const p = await page(m, ScanCommand, params, opts.cursor, opts.limit, opts.abortSignal);
    return { items: await Promise.all(p.items.map((i) => this.fromItem(i, opts.abortSignal))), cursor: p.cursor };
  }

  /** Number of items matching: `count()` scans, `count(hash, opts)` queries. */
  static count(hashValue, given) {
    const m = ModelBase.#meta(this);
    const opts = options(m, 'count', given);
    const filtered = classFilter(m, this.attr, opts);
    if (hashValue === undefined) return count(m, ScanCommand, scanParams(m, this.attr, filtered), opts.abortSignal);
    return count(m, QueryCommand, queryParams(m, this.attr, hashValue, filtered), opts.abortSignal);
  }

  // ---- batches and transactions ------------------------------------------------------------

  /** Items for the keys (hash values, `[hash, range]` pairs or key objects); missing ones are skipped. */
  static async batchGet(keys, opts) {
    const m = ModelBase.#meta(this);
    const raw = await batchGetRaw(m, this.attr, keys, withRetry(m, 'batchGet', options(m, 'batchGet', opts)));
    return Promise.all(raw.map((item) => this.fromItem(item, opts?.abortSignal)));
  }

  /** `{ put: [instances], delete: [keys] }`. */
  static batchWrite(requests, opts) {
    const m = ModelBase.#meta(this);
    const o = withRetry(m, 'batchWrite', options(m, 'batchWrite', opts));
    const given = checkOptions(`${m.name}.batchWrite() requests`, requests, OPTIONS.batchWriteRequests);
    const metaOf = (x) => (x instanceof ModelBase && descends(x.constructor[META], m) ? x.constructor[META] : undefined);
    return batchWrite(m, this.attr, metaOf, given, o);
  }

  static transactWrite(ops, opts) {
    const m = ModelBase.#meta(this);
    return transactWrite(m.client, ops, options(m, 'transactWrite', opts));
  }

  static transactGet(ops, opts) {
    const m = ModelBase.#meta(this);
    return transactGet(m.client, ops, options(m, 'transactGet', opts, 'abort'));
  }

  static getOp(...key) {
    const m = ModelBase.#meta(this);
    return new GetOp(this, { TableName: m.table, Key: encodeKey(m, keyValues(m, ...key)) }, (item, abortSignal) => this.fromItem(item, abortSignal));
  }

  static conditionCheckOp(key, condition) {
    const m = ModelBase.#meta(this);
    return new WriteOp(this, 'conditionCheck', m, () => planConditionCheck(m, batchKey(m, key), condition));
  }

  putOp(given) {
    const m = ModelBase.#meta(this.constructor);
    const opts = options(m, 'putOp', given, 'op');
    return new WriteOp(this.constructor, 'put', m, () => planPut(m, this.constructor.attr, this, opts));
  }

  updateOp(actions, given) {
    const m = ModelBase.#meta(this.constructor);
    const opts = options(m, 'updateOp', given, 'op');
    return new WriteOp(this.constructor, 'update', m, () => planUpdate(m, this.constructor.attr, this, actions, opts));
  }

  deleteOp(given) {
    const m = ModelBase.#meta(this.constructor);
    const opts = options(m, 'deleteOp', given, 'op');
    return new WriteOp(this.constructor, 'delete', m, () => planDelete(m, this.constructor.attr, this, opts));
  }
}

/** The class of model meta `m`, extending `Parent` (ModelBase, or the model a subclass extends). */
function modelClass(Parent, m) {
  const Model = class extends Parent {};
  Object.defineProperty(Model, 'name', { value: m.name });
  Object.defineProperty(Model, META, { value: m });
  Object.defineProperty(Model, 'attr', { value: buildRefs(m), enumerable: true });
  Object.defineProperty(Model, 'tableName', { value: m.table, enumerable: true });
  return Model;
}

/** Defines a model: returns a class to use as is or to extend. */
export function defineModel(definition) {
  const m = resolveDefinition(definition);
  const Model = modelClass(ModelBase, m);
  registerClass(m, Model, definition.discriminatorValue);
  return Model;
}
