// `attr.s3Text / s3Binary / s3Json`: pynamodb_mate's S3Backed*Attribute. The bytes go to S3 under a
// key derived from their SHA-256 (layout 'content') or from the item's key and the bytes' MD5 (layout
// 'item', pynamodb_mate 6.x large attributes); the item holds `s3://bucket/key` (S). A write plans
// the object (planWrite: key, body, URI) with the rest of the item, and uploads it (upload) only
// once the whole write is known to be valid, before the item write starts: a failed item write
// leaves at worst an unreferenced object, never an item pointing at nothing. Deleting 'item'-layout
// objects is the model's business (js/model/s3-writes.mjs); 'content' objects may be shared and are
// never deleted by a write.
import { codecError } from '../errors/make.mjs';
import { withItemKey } from '../errors/item-key.mjs';
import { gunzip, gzip, md5Hex, sha256Hex } from '../codec/bytes.mjs';
import { pythonJsonDumps, pythonJsonLoads } from '../codec/json.mjs';
import { isBytes } from '../codec/input.mjs';
import { Attribute } from './attribute.mjs';
import { download, joinUri, putIfMissing, shownUri } from './s3-store.mjs';

/** pynamodb_mate's default keys: 5.3.4.4's bigtext/bigbinary and 6.0.1.1's S3BackedJsonDictAttribute. */
const FOLDERS = { text: 'bigtext/{fingerprint}.txt', binary: 'bigbinary/{fingerprint}.dat', json: 's3backed/{fingerprint}' };

/** Values only exist as S/B/JSON before the upload: the item codec checks this stand-in instead. */
const STAND_IN = 's3://validation/stand-in';

const utf8 = new TextEncoder();
const fromUtf8 = new TextDecoder('utf-8', { fatal: true });

/**
 * A lone UTF-16 surrogate has no UTF-8 form: TextEncoder would upload U+FFFD, a value that reads back
 * different. Refused as the core refuses it in every other stored string (attr.string, compressed and
 * encrypted values, JSON attributes).
 */
const lone = (where) => codecError('E_ITEM_VALUE', `${where}: a string has a lone UTF-16 surrogate`);

/**
 * Serializers: value -> the bytes pynamodb_mate fingerprints and uploads, and back. `check(v, where)`
 * is true or what the value should be, or throws the value's own error (E_ITEM_VALUE, E_JSON_*).
 */
const KINDS = {
  text: {
    check: (v, where) => {
      if (typeof v !== 'string') return 'a string';
      if (!v.isWellFormed()) throw lone(where);
      return true;
    },
    toBytes: (v) => utf8.encode(v),
    fromBytes: (b) => fromUtf8.decode(b),
  },
  binary: {
    check: (v) => isBytes(v) || 'a Uint8Array',
    toBytes: (v) => v,
    fromBytes: (b) => b,
  },
  json: {
    // Python's json.dumps (ASCII escapes, as 6.x writes; 5.x reads it too).
    check: (v) => { pythonJsonDumps(v); return true; },
    toBytes: (v) => utf8.encode(pythonJsonDumps(v)),
    fromBytes: (b) => pythonJsonLoads(fromUtf8.decode(b)),
  },
};

/** Python's `datetime.isoformat()` of an aware UTC time (microseconds left out when 0). */
function pythonIsoformat(date) {
  const [seconds, ms] = date.toISOString().slice(0, -1).split('.');
  return `${seconds}${ms === '000' ? '' : `.${ms}000`}+00:00`;
}

/** Python `str()` of a key value as the 6.x large-attribute keys use it: strings and integers only. */
function keyText(value, what, context) {
  if (typeof value === 'string' || (typeof value === 'number' && Number.isInteger(value)) || typeof value === 'bigint') return String(value);
  throw codecError('E_ITEM_TYPE', `${context.model.name}.${context.name}: layout 'item' needs a string or integer ${what}`);
}

const MD5_PART = /^md5=[0-9a-f]{32}$/;

/**
 * A value an update action sets (`Model.attr.html.set(value)`): checked when the action is made,
 * uploaded by the update before its UpdateItem, which then stores the URI in its place.
 */
export class S3Upload {
  constructor(name, value) {
    this.name = name;
    this.value = value;
    Object.freeze(this);
  }
}

const isGzip = (b) => b.length >= 2 && b[0] === 0x1f && b[1] === 0x8b;

/**
 * What a `lazy: true` attribute reads: the URI now, the value from `load()` (downloaded once). Not a
 * thenable on purpose: async functions and `await` would unwrap it, downloading at load time.
 * Saving an item with it unchanged re-stores the URI without a download or an upload.
 */
export class S3Lazy {
  #load;
  #value;

  constructor(uri, load) {
    this.uri = uri;
    this.#load = load;
  }

  /** The value; the first call downloads, later calls share its result. */
  load() {
    this.#value ??= this.#load(this.uri);
    return this.#value;
  }

  toJSON() {
    return this.uri;
  }
}

export class S3Attribute extends Attribute {
  /** @param {'text'|'binary'|'json'} kind @param {string} factory the attr.* name */
  constructor(kind, factory, options = {}) {
    // An inlined value is B, a URI S: the item codec takes either ('dynamic').
    super(options?.inlineBelow === undefined ? 'string' : 'dynamic', options, factory);
    const fail = (message) => codecError('E_MODEL', `attr.${factory}(): ${message}`);
    const { bucket, layout = 'content', prefix, keyTemplate, compress } = options;
    if (typeof bucket !== 'string' || !/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/.test(bucket)) throw fail('bucket must be an S3 bucket name');
    if (!['content', 'item'].includes(layout)) throw fail("layout must be 'content' or 'item'");
    if (layout === 'item' && keyTemplate !== undefined) throw fail("layout 'item' takes a prefix, not a keyTemplate");
    if (prefix !== undefined && keyTemplate !== undefined) throw fail('give prefix or keyTemplate, not both');
    if (prefix !== undefined && (typeof prefix !== 'string' || prefix === '' || prefix.startsWith('/') || prefix.endsWith('/'))) {
      throw fail('prefix must be a non-empty string without a leading or trailing /');
    }
    if (keyTemplate !== undefined && (typeof keyTemplate !== 'string' || !keyTemplate.includes('{fingerprint}'))) {
      throw fail('keyTemplate must be a string containing {fingerprint}');
    }
    // S3 keys are UTF-8: the SDK would send U+FFFD for a lone surrogate, a key nobody asked for.
    for (const [option, value] of [['prefix', prefix], ['keyTemplate', keyTemplate]]) {
      if (value !== undefined && !value.isWellFormed()) throw fail(`${option} contains a lone UTF-16 surrogate, which has no UTF-8 form`);
    }
    if (compress !== undefined && typeof compress !== 'boolean') throw fail('compress must be a boolean');
    if (options.inlineBelow !== undefined && !(Number.isInteger(options.inlineBelow) && options.inlineBelow > 0)) {
      throw fail('inlineBelow must be a positive integer (bytes)');
    }
    if (options.lazy !== undefined && typeof options.lazy !== 'boolean') throw fail('lazy must be a boolean');
    if (this.hashKey || this.rangeKey) throw fail('an S3-backed attribute cannot be a key');
    this.kind = kind;
    this.factory = factory;
    this.keyTemplate = keyTemplate ?? `${prefix ?? 'pynamodb-mate'}/${FOLDERS[kind]}`;
  }

  /** definition.mjs requires the model's `s3` client for these. */
  get needsS3() {
    return true;
  }

  get layout() {
    return this.options.layout ?? 'content';
  }

  /** As pynamodb_mate: gzip for 'content', the raw bytes for 'item'. */
  get compress() {
    return this.options.compress ?? this.layout === 'content';
  }

  /**
   * Only presence and type can be asked: the item holds a URI, not the value. `set(value)` uploads
   * (the update does, before its UpdateItem); `remove()` is checked by the update (nullable only).
   */
  refuses(method, { attribute } = {}) {
    if (['exists', 'notExists', 'attributeType'].includes(method)) return undefined;
    if (method === 'set' && !attribute) return undefined;
    if (method === 'set') return 'an S3-backed attribute is set to a value (uploaded by the update), not copied from another attribute';
    return 'S3-backed values live in S3 (the item holds their s3:// URI): conditions only take exists, notExists and attributeType, updates set(value) and remove()';
  }

  /** What `Model.attr.<name>.set(value)` holds until the update uploads it. `context`: { model, name }. */
  updateValue(value, context) {
    if (value === null) throw codecError('E_EXPRESSION', `${context.model.name}.${context.name}: set(null) is not a value; use remove()`);
    this.validationValue(value, context);
    return new S3Upload(context.name, value);
  }

  /**
   * Whether `uri` is this item's own 'item'-layout object of this attribute (bucket, prefix, item key,
   * attribute, MD5): the only objects a write or delete may remove. `item`: the key values.
   */
  ownsUri(uri, item, context) {
    if (this.layout !== 'item' || typeof uri !== 'string') return false;
    const prefix = `s3://${this.options.bucket}/${this.#itemPrefix(item, context)}`;
    return uri.startsWith(prefix) && MD5_PART.test(uri.slice(prefix.length));
  }

  /** Checks the value's type now (create, save) and lets the codec see a URI in its place. */
  validationValue(value, { model, name }) {
    if (value === null || value instanceof S3Lazy) return value === null ? value : STAND_IN;
    const where = `${model.name}.${name}`;
    let ok;
    try {
      ok = KINDS[this.kind].check(value, where);
    } catch (error) {
      if (error.code === 'E_ITEM_VALUE') throw error;
      if (error.code === 'E_JSON_SURROGATE') throw lone(where);
      // A function or Date is a wrong type; too deep a value keeps E_JSON_DEPTH, as JSON attributes do.
      const code = error.code === 'E_JSON_TYPE' ? 'E_ITEM_TYPE' : error.code;
      throw codecError(code, `${where}: attr.${this.factory}() needs a JSON value (${error.message})`);
    }
    if (ok !== true) throw codecError('E_ITEM_TYPE', `${model.name}.${name}: attr.${this.factory}() needs ${ok}`);
    return STAND_IN;
  }

  /**
   * The write's plan for a value (synchronous, no I/O): `{ stored, object }`, the value the item
   * stores (its URI, or an inlined gzip) and the S3 object to upload before the item write
   * (`{ name, uri, bucket, key, body, extra }`: also enough to put it again), if any.
   * `context`: { model, name, item } (item: the key values, for the 'item' layout).
   */
  planWrite(value, context) {
    if (value === null) return { stored: value };
    if (value instanceof S3Lazy) return { stored: value.uri };
    this.validationValue(value, context);
    const bytes = KINDS[this.kind].toBytes(value);
    // Small values stay in the item as gzip B (this library reads that form; pynamodb_mate does not).
    if (bytes.length < (this.options.inlineBelow ?? 0)) return { stored: gzip(bytes) };
    const body = this.compress ? gzip(bytes) : bytes;
    const { bucket } = this.options;
    const object = this.layout === 'item'
      ? this.#itemObject(bytes, context)
      : { key: this.keyTemplate.replaceAll('{fingerprint}', sha256Hex(bytes)), extra: undefined };
    const uri = joinUri(bucket, object.key);
    return { stored: uri, object: { name: context.name, uri, bucket, key: object.key, body, extra: object.extra } };
  }

  /**
   * Uploads a planned object unless one with its key exists. For the 'item' layout,
   * `context.uploads` collects it when this call uploaded it and `context.reused` when it found a
   * young one.
   */
  async upload(object, context) {
    const { uploaded, young } = await putIfMissing(context, object.bucket, object.key, object.body, object.extra);
    if (this.layout !== 'item') return;
    if (uploaded) context.uploads?.push(object);
    else if (young) context.reused?.push(object);
  }

  /**
   * pynamodb_mate 6.x large-attribute layout: `{prefix}/pk=…/sk=…/attr=…/md5=…` (attr = the DynamoDB
   * name) with metadata pk, sk, attr and update_at.
   */
  #itemObject(bytes, context) {
    const { pk, sk, attr } = this.#itemParts(context.item, context);
    const Metadata = { pk, ...(sk === undefined ? {} : { sk }), attr, update_at: pythonIsoformat(new Date()) };
    return { key: `${this.#itemPrefix(context.item, context)}md5=${md5Hex(bytes)}`, extra: { Metadata } };
  }

  #itemParts(item, context) {
    const { model } = context;
    return {
      pk: keyText(item[model.hashKey], 'hash key', context),
      sk: model.rangeKey === undefined ? undefined : keyText(item[model.rangeKey], 'range key', context),
      attr: this.options.attrName ?? context.name,
    };
  }

  /** `{prefix}/pk=…/[sk=…/]attr=…/`: the keys of this item's objects of this attribute. */
  #itemPrefix(item, context) {
    const { pk, sk, attr } = this.#itemParts(item, context);
    return [this.options.prefix, `pk=${pk}`, sk === undefined ? undefined : `sk=${sk}`, `attr=${attr}`, '']
      .filter((p) => p !== undefined).join('/');
  }

  /**
   * Downloads from the stored URI (any bucket and key, as pynamodb_mate). With `compress` (default)
   * a gzip body is inflated and any other read as is (6.x `compressed=False` objects); with
   * `compress: false` the body is always raw, as Python reads it.
   */
  async afterRead(stored, context) {
    if (stored === null) return stored;
    if (typeof stored !== 'string') return this.#decode(stored, true, context, 'the value in the item');
    // load() is a call of its own, later: the read's abortSignal does not reach it.
    if (this.options.lazy) return new S3Lazy(stored, (uri) => this.#download(uri, { ...context, abortSignal: undefined }));
    return this.#download(stored, context);
  }

  async #download(uri, context) {
    const body = await download(context, uri);
    return this.#decode(body, this.compress && isGzip(body), context, `the S3 object ${shownUri(uri)}`);
  }

  /** The value of stored bytes (inflated when `gzipped`); errors keep their code and name the attribute, the source and the item. */
  #decode(bytes, gzipped, context, source) {
    let step = 'gzip body';
    try {
      const raw = gzipped ? gunzip(bytes, { maxOutput: this.options.maxOutput }) : bytes;
      step = this.kind;
      return KINDS[this.kind].fromBytes(raw);
    } catch (error) {
      const message = `${context.model.name}.${context.name}: ${source} is not a valid ${step} (${error.message})`;
      // TextDecoder's own error (ERR_ENCODING_INVALID_ENCODED_DATA) is E_UTF8.
      const code = error.code?.startsWith('E_') ? error.code : 'E_UTF8';
      throw withItemKey(codecError(code, message), context.itemKey);
    }
  }
}

export const s3Factories = {
  /**
   * `{ bucket, prefix | keyTemplate, compress = true, maxOutput, inlineBelow, lazy }`: pynamodb_mate's
   * S3BackedBigTextAttribute. `inlineBelow: n`: values under n bytes stay in the item (gzip B);
   * `lazy: true`: reads give an S3Lazy (`await item.attr.load()` downloads).
   */
  s3Text: (options) => new S3Attribute('text', 's3Text', options),
  s3Binary: (options) => new S3Attribute('binary', 's3Binary', options),
  /** 6.0.1.1's S3BackedJsonDictAttribute: the body is Python's json.dumps. */
  s3Json: (options) => new S3Attribute('json', 's3Json', options),
};
