// The bad-input catalogue: one row per wrong input across the public API (codecs, attr.*, defineModel,
// model operations and expressions, stored values that are corrupt, the status tracker). Each row
// must throw (or reject with) a typed DynamoDBMateError of the expected class and code, whose message
// names the attribute or argument, and that carries no key material and no plaintext: recognizable
// secrets are planted in the inputs and looked for in the message, the stack, JSON.stringify of the
// error and util.inspect of it (every own property, causes included). No row sends a request: models
// use a client that fails the test if called, or one that returns a stored item.
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { test } from 'node:test';
import { inspect } from 'node:util';
import { gzipSync } from 'node:zlib';
import { StatusTracker, UtcDateTime, attr, codec, cond, consoleUrls, defineModel, errors } from '../../js/node.mjs';
import * as toolbox from '../../js/adapters/toolbox.mjs';
import * as electrodb from '../../js/adapters/electrodb.mjs';
import { s3Storage } from '../../js/s3.mjs';

const KEY = randomBytes(32);
const OTHER_KEY = randomBytes(32);
const PASSWORD = 'hunter2-SECRET-PASSWORD';
const PLAIN = 'PLAINTEXT-SSN-078-05-1120';
/** A JSON object key (or a map key of a dynamic value): data, so never in a message either. */
const JSON_KEY = 'SECRET-JSON-KEY-card-4111';

/** Every form in which a secret could leak: text, and key bytes as hex, base64, latin1, decimals, base85. */
function secretForms() {
  const forms = [PASSWORD, PLAIN, JSON_KEY];
  for (const key of [KEY, codec.legacyKeyFromPassword(PASSWORD)]) {
    const b = Buffer.from(key);
    forms.push(b.toString('hex'), b.toString('base64'), b.toString('latin1').slice(0, 16), Array.from(b).join(','),
      codec.b85encode(b), JSON.stringify(Array.from(b)).slice(1, 40));
  }
  return forms;
}
const SECRETS = secretForms();

const noRequests = { send: () => { throw new Error('no request may be sent'); } };
/** A client whose GetItem returns `item` (what DynamoDB would hold after someone wrote it). */
const storing = (item) => ({ send: async () => ({ Item: item }) });

const sealedAttributes = () => ({
  id: attr.string({ hashKey: true }),
  ssn: attr.encryptedString({ key: KEY, nullable: true }),
  pm: attr.encryptedString({ key: PASSWORD, format: 'pynamodb_mate', nullable: true }),
  ctr: attr.encryptedJson({ key: PASSWORD, format: 'pynamodb_mate', deterministic: false, nullable: true }),
  body: attr.compressedString({ nullable: true, maxOutput: 1000 }),
  doc: attr.compressedJson({ nullable: true }),
  page: attr.s3Text({ bucket: 'pages', nullable: true }),
  meta: attr.s3Json({ bucket: 'pages', nullable: true }),
});
/** The Vault model over a client that returns `item` for any GetItem. */
const vault = (item, client = storing(item)) => defineModel({ name: 'Vault', table: 'vault', client, s3: s3Storage(noRequests), attributes: sealedAttributes() });
const Vault = vault(undefined, noRequests);
const ssnStored = codec.encrypt(PLAIN, { key: KEY, table: 'vault', attribute: 'ssn' });
// A randomized aead ElectroDB attribute of a table keyed by `pk`.
const randomSsn = { key: KEY, table: 't', attribute: 'ssn', deterministic: false, keyAttributes: ['pk'] };
const storedGet = (fields) => vault({ id: { S: 'x' }, ...fields }).get('x');
const edit = (bytes, at, xor = 1) => {
  const copy = Uint8Array.from(bytes);
  copy[at < 0 ? copy.length + at : at] ^= xor;
  return copy;
};

const Thing = defineModel({
  name: 'Thing',
  table: 'things',
  client: noRequests,
  attributes: {
    id: attr.string({ hashKey: true }),
    n: attr.number({ nullable: true }),
    i: attr.number({ integer: true, nullable: true }),
    s: attr.string({ nullable: true }),
    secret: attr.string({ nullable: true }),
    tags: attr.stringSet({ nullable: true }),
    nums: attr.numberSet({ nullable: true }),
    bin: attr.binary({ nullable: true }),
    meta: attr.map({ nullable: true, attributes: { a: attr.string({ nullable: true }), deep: attr.list({ of: attr.number(), nullable: true }) } }),
    any: attr.dynamic({ nullable: true }),
    when: attr.datetime({ nullable: true }),
    ssn: attr.encryptedString({ key: KEY, nullable: true }),
    pin: attr.encryptedNumber({ key: PASSWORD, format: 'pynamodb_mate', integer: true, nullable: true }),
  },
});
/** A Thing with a plaintext in another attribute, so every item row also checks it does not leak. */
const thing = (values) => Thing.create({ id: 'k', secret: PLAIN, ...values });
const Ranged = defineModel({ name: 'Ranged', table: 'ranged', client: noRequests, attributes: { id: attr.string({ hashKey: true }), at: attr.number({ rangeKey: true }) } });
/** String hash and range keys and an index: the key-length rows. */
const Keyed = defineModel({
  name: 'Keyed',
  table: 'keyed',
  client: noRequests,
  s3: s3Storage(noRequests),
  attributes: {
    id: attr.string({ hashKey: true }),
    sk: attr.string({ rangeKey: true }),
    group: attr.string({ nullable: true }),
    secret: attr.string({ nullable: true }),
    page: attr.s3Text({ bucket: 'pages', layout: 'item', nullable: true }),
  },
  indexes: { byGroup: { type: 'global', hashKey: 'group', rangeKey: 'sk' } },
});
/** A Keyed instance with `change` applied after create() (as a program edits an item before saving it). */
const keyed = (change = {}) => Object.assign(Keyed.create({ id: 'k', sk: 's', secret: PLAIN }), change);
const LONG_HASH = 'é'.repeat(1025); // 2050 bytes
const LONG_RANGE = 'x'.repeat(1025);
const def = (attributes, extra = {}) => defineModel({ name: 'Bad', table: 'bad-model', client: noRequests, attributes: { id: attr.string({ hashKey: true }), ...attributes }, ...extra });
const tracker = (options = {}) => new StatusTracker({ client: noRequests, table: 'tasks', useCaseId: 'crawl', ...options });
const deep = (levels) => {
  let v = 1;
  for (let k = 0; k < levels; k++) v = [v];
  return v;
};
/** `levels` objects, each holding the next under the secret key. */
const deepObject = (levels) => {
  let v = PLAIN;
  for (let k = 0; k < levels; k++) v = { [JSON_KEY]: v };
  return v;
};
const cyclic = () => {
  const o = { secret: PLAIN };
  o[JSON_KEY] = o;
  return o;
};

/** A model hierarchy (attr.discriminator) over `client`: Pet, and its subclasses Cat and Dog. */
const pets = (client = noRequests) => {
  const Pet = defineModel({ name: 'Pet', table: 'pets', client, attributes: { id: attr.string({ hashKey: true }), kind: attr.discriminator(), secret: attr.string({ nullable: true }) } });
  return { Pet, Cat: Pet.defineSubclass({ name: 'Cat', value: 'cat' }), Dog: Pet.defineSubclass({ name: 'Dog', value: 'dog' }) };
};
const { Pet, Cat } = pets();
/** A model with a polymorphic typed map over `client`. */
const sketch = (client = noRequests) => defineModel({ name: 'Sketch', table: 'sketches', client, attributes: {
  id: attr.string({ hashKey: true }),
  shape: attr.map({ attributes: { kind: attr.discriminator() }, subclasses: { dot: { secret: attr.string({ nullable: true }) }, line: { length: attr.number() } } }),
} });
const Sketch = sketch();

const { ArgumentError, CompressionError, DecryptionError, EncodingError, ExpressionError, ItemError, KeyError, ModelError, S3Error } = errors;

// [title, run, class, code, text the message must contain (the attribute or argument)]
const ROWS = [
  // ---- codecs: wrong JS types --------------------------------------------------------------------------
  ['gzip of a number', () => codec.gzip(5), ArgumentError, 'E_INPUT_TYPE', 'data'],
  ['gunzip of a string', () => codec.gunzip(PLAIN), ArgumentError, 'E_INPUT_TYPE', 'data'],
  ['gunzip with options that are a string', () => codec.gunzip(codec.gzip(PLAIN), PLAIN), ArgumentError, 'E_INPUT_TYPE', 'gunzip options'],
  ['gunzip maxOutput as a string', () => codec.gunzip(codec.gzip(PLAIN), { maxOutput: '9' }), ArgumentError, 'E_INPUT_TYPE', 'opts.maxOutput'],
  ['sha256Hex of null', () => codec.sha256Hex(null), ArgumentError, 'E_INPUT_TYPE', 'data'],
  ['md5Hex of a plain object', () => codec.md5Hex({ secret: PLAIN }), ArgumentError, 'E_INPUT_TYPE', 'data'],
  ['b85decode of a number', () => codec.b85decode(85), ArgumentError, 'E_INPUT_TYPE', 'text'],
  ['pythonJsonLoads of a number', () => codec.pythonJsonLoads(1), ArgumentError, 'E_INPUT_TYPE', 'text'],
  ['pythonJsonDumps separators not strings', () => codec.pythonJsonDumps(1, { separators: [',', 1] }), ArgumentError, 'E_INPUT_TYPE', 'opts.separators'],
  ['formatDatetime of a string', () => codec.formatDatetime(PLAIN), ArgumentError, 'E_INPUT_TYPE', 'value'],
  ['parseDatetime of null', () => codec.parseDatetime(null), ArgumentError, 'E_INPUT_TYPE', 'text'],
  ['encrypt with a number as key', () => codec.encrypt(PLAIN, { key: 5, table: 't', attribute: 'a' }), ArgumentError, 'E_INPUT_TYPE', 'opts.key'],
  ['encrypt without a key', () => codec.encrypt(PLAIN, { table: 't', attribute: 'a' }), ArgumentError, 'E_INPUT_TYPE', 'opts.key'],
  ['encrypt (aead) without a table', () => codec.encrypt(PLAIN, { key: KEY, attribute: 'a' }), ArgumentError, 'E_INPUT_TYPE', 'opts.table'],
  ['encrypt with deterministic as a string', () => codec.encrypt(PLAIN, { key: KEY, table: 't', attribute: 'a', deterministic: 'yes' }), ArgumentError, 'E_INPUT_TYPE', 'opts.deterministic'],
  ['encrypt with a key provider that gives 31 bytes', () => codec.encrypt(PLAIN, { key: async () => KEY.subarray(1), table: 't', attribute: 'a' }), KeyError, 'E_KEY_LENGTH', '32 bytes'],
  ['encrypt with a key provider that gives a keyring', () => codec.encrypt(PLAIN, { key: async () => ({ current: 'a', keys: { a: KEY } }), table: 't', attribute: 'a' }), ArgumentError, 'E_INPUT_TYPE', 'opts.key'],
  ['encrypt with an unknown format', () => codec.encrypt(PLAIN, { key: KEY, format: 'rot13' }), ArgumentError, 'E_ARGUMENT', 'opts.format'],
  ['encrypt with an unknown kind', () => codec.encrypt(PLAIN, { key: KEY, table: 't', attribute: 'a', kind: 'blob' }), ArgumentError, 'E_ARGUMENT', 'opts.kind'],
  ['decrypt of a string', () => codec.decrypt(PLAIN, { key: KEY, table: 't', attribute: 'a', kind: 'string' }), ArgumentError, 'E_INPUT_TYPE', 'stored'],
  ['decrypt without a kind', () => codec.decrypt(ssnStored, { key: KEY, table: 'vault', attribute: 'ssn' }), ArgumentError, 'E_ARGUMENT', 'opts.kind'],
  ['new PythonFloat of a string', () => new codec.PythonFloat(PLAIN), ArgumentError, 'E_INPUT_TYPE', 'PythonFloat'],
  ['new UtcDateTime of a string', () => new UtcDateTime(PLAIN), ArgumentError, 'E_INPUT_TYPE', 'UtcDateTime'],
  ['new UtcDateTime of a number', () => new UtcDateTime(1_700_000_000), ArgumentError, 'E_INPUT_TYPE', 'UtcDateTime'],

  // ---- codecs: out-of-range values, NaN, lone surrogates ------------------------------------------------
  ['gzip level 10', () => codec.gzip(PLAIN, { level: 10 }), ArgumentError, 'E_ARGUMENT', 'level'],
  ['gzip level NaN', () => codec.gzip(PLAIN, { level: NaN }), ArgumentError, 'E_INPUT_TYPE', 'opts.level'],
  ['gunzip maxOutput NaN', () => codec.gunzip(codec.gzip(PLAIN), { maxOutput: NaN }), ArgumentError, 'E_ARGUMENT', 'maxOutput'],
  ['gunzip maxOutput -1', () => codec.gunzip(codec.gzip(PLAIN), { maxOutput: -1 }), ArgumentError, 'E_ARGUMENT', 'maxOutput'],
  ['gzip of text with a lone surrogate', () => codec.gzip(`${PLAIN}\ud800`), EncodingError, 'E_UTF8', 'data'],
  ['pythonJsonLoads of text with a lone surrogate', () => codec.pythonJsonLoads(`"${PLAIN}\udc00"`), EncodingError, 'E_JSON_SURROGATE', 'surrogate'],
  ['pythonJsonDumps of a string with a lone surrogate', () => codec.pythonJsonDumps({ a: `${PLAIN}\ud800` }), EncodingError, 'E_JSON_SURROGATE', 'surrogate'],
  ['pythonJsonDumps of a function', () => codec.pythonJsonDumps({ a: 1, [JSON_KEY]: () => PLAIN }), EncodingError, 'E_JSON_TYPE', 'at ${1}'],
  ['pythonJsonDumps of a cycle', () => codec.pythonJsonDumps(cyclic()), EncodingError, 'E_JSON_TYPE', 'at ${1}'],
  ['pythonJsonDumps 600 levels deep', () => codec.pythonJsonDumps(deep(600)), EncodingError, 'E_JSON_DEPTH', '512'],
  ['pythonJsonLoads of a 5000-digit integer', () => codec.pythonJsonLoads('9'.repeat(5000)), EncodingError, 'E_JSON_TYPE', '4300'],
  ['pythonJsonLoads syntax error', () => codec.pythonJsonLoads(`{"${PLAIN}": }`), EncodingError, 'E_JSON_SYNTAX', 'byte'],
  ['b85decode of a character outside the alphabet', () => codec.b85decode(`${PLAIN}"`), EncodingError, 'E_BASE85', 'position'],
  ['formatDatetime of an invalid Date', () => codec.formatDatetime(new Date(NaN)), EncodingError, 'E_DATETIME', 'Date'],
  ['formatDatetime of year 0', () => codec.formatDatetime(new Date('0000-06-01T00:00:00Z')), EncodingError, 'E_DATETIME', '1..=9999'],
  ['parseDatetime of February 30', () => codec.parseDatetime('2020-02-30T00:00:00.000000+0000'), EncodingError, 'E_DATETIME', 'out of range'],
  ['a password with a lone surrogate', () => codec.encrypt(PLAIN, { key: `${PASSWORD}\ud800`, format: 'pynamodb_mate' }), EncodingError, 'E_UTF8', 'opts.key'],
  ['legacyKeyFromPassword with a lone surrogate', () => codec.legacyKeyFromPassword(`${PASSWORD}\udc00`), EncodingError, 'E_UTF8', 'password'],
  ['a key id with a lone surrogate', () => codec.encrypt(PLAIN, { key: KEY, keyId: 'k\ud800', table: 't', attribute: 'a' }), EncodingError, 'E_UTF8', 'opts.keyId'],
  ['an aead table name with a lone surrogate', () => codec.encrypt(PLAIN, { key: KEY, table: 't\udc00', attribute: 'a' }), EncodingError, 'E_UTF8', 'opts.table'],
  ['encrypt of a plaintext with a lone surrogate', () => codec.encrypt(`${PLAIN}\ud800`, { key: KEY, table: 't', attribute: 'a' }), EncodingError, 'E_UTF8', 'value'],
  ['consoleUrls with a bad region', () => consoleUrls.tableOverview(PLAIN, 'things'), ArgumentError, 'E_ARGUMENT', 'region'],

  // ---- keys: wrong lengths, unknown ids, wrong keyrings ----------------------------------------------
  ['a 31-byte key', () => codec.encrypt(PLAIN, { key: KEY.subarray(1), table: 't', attribute: 'a' }), KeyError, 'E_KEY_LENGTH', '32 bytes'],
  ['a 33-byte key', () => codec.encrypt(PLAIN, { key: Buffer.concat([KEY, KEY.subarray(0, 1)]), table: 't', attribute: 'a' }), KeyError, 'E_KEY_LENGTH', '32 bytes'],
  ['an empty key', () => codec.decrypt(ssnStored, { key: new Uint8Array(0), table: 'vault', attribute: 'ssn', kind: 'string' }), KeyError, 'E_KEY_LENGTH', '32 bytes'],
  ['a 16-byte key in an attribute', () => def({ sec: attr.encryptedString({ key: KEY.subarray(0, 16) }) }), KeyError, 'E_KEY_LENGTH', 'Bad.sec'],
  ['a 64-byte key in a keyring', () => def({ sec: attr.encryptedString({ key: { current: 'a', keys: { a: Buffer.concat([KEY, KEY]) } } }) }), KeyError, 'E_KEY_LENGTH', 'Bad.sec'],
  ['a key provider that returns 31 bytes', () => def({ sec: attr.encryptedString({ key: async () => KEY.subarray(1) }) }).prepare(), KeyError, 'E_KEY_LENGTH', 'Bad.sec'],
  ['a key provider that returns a number', () => def({ sec: attr.encryptedString({ key: async () => 42 }) }).prepare(), ArgumentError, 'E_INPUT_TYPE', 'key'],
  ['a keyring whose current id is missing', () => codec.encrypt(PLAIN, { key: { current: 'k9', keys: { k1: KEY } }, table: 't', attribute: 'a' }), ArgumentError, 'E_ARGUMENT', 'opts.key.current'],
  ['a keyring for pynamodb_mate bytes', () => codec.encrypt(PLAIN, { key: { current: 'a', keys: { a: KEY } }, format: 'pynamodb_mate' }), ArgumentError, 'E_ARGUMENT', 'opts.key'],
  ['a key id of 256 bytes', () => codec.encrypt(PLAIN, { key: KEY, keyId: 'k'.repeat(256), table: 't', attribute: 'a' }), ArgumentError, 'E_ARGUMENT', 'key id'],
  ['decrypt under an unknown key id', () => codec.decrypt(ssnStored, { key: { current: 'k2', keys: { k2: KEY } }, table: 'vault', attribute: 'ssn', kind: 'string' }), DecryptionError, 'E_AEAD_UNKNOWN_KEY_ID', 'key id'],
  ['decrypt under the wrong key', () => codec.decrypt(ssnStored, { key: OTHER_KEY, table: 'vault', attribute: 'ssn', kind: 'string' }), DecryptionError, 'E_AEAD_WRONG_KEY', 'key'],
  ['decrypt pynamodb_mate bytes under the wrong password', () => codec.decrypt(codec.encrypt(PLAIN, { key: PASSWORD, format: 'pynamodb_mate' }), { key: 'wrong', format: 'pynamodb_mate', kind: 'string' }), DecryptionError, 'E_LEGACY_PADDING', 'padding'],

  // ---- corrupted ciphertexts and gzip (codecs) ----------------------------------------------------------
  ['an aead value with its last byte flipped', () => codec.decrypt(edit(ssnStored, -1), { key: KEY, table: 'vault', attribute: 'ssn', kind: 'string' }), DecryptionError, 'E_AEAD_TAMPERED', 'modified'],
  ['an aead value cut short', () => codec.decrypt(ssnStored.subarray(0, 20), { key: KEY, table: 'vault', attribute: 'ssn', kind: 'string' }), DecryptionError, 'E_AEAD_TRUNCATED', 'shorter'],
  ['an aead value with bad magic bytes', () => codec.decrypt(edit(ssnStored, 0), { key: KEY, table: 'vault', attribute: 'ssn', kind: 'string' }), DecryptionError, 'E_AEAD_FORMAT', 'magic'],
  ['an aead value of an unknown version', () => codec.decrypt(edit(ssnStored, 2, 7), { key: KEY, table: 'vault', attribute: 'ssn', kind: 'string' }), DecryptionError, 'E_AEAD_VERSION', 'version'],
  ['an aead value decrypted for another table', () => codec.decrypt(ssnStored, { key: KEY, table: 'other', attribute: 'ssn', kind: 'string' }), DecryptionError, 'E_AEAD_CONTEXT', 'table or attribute'],
  ['an aead value decrypted for another attribute', () => codec.decrypt(ssnStored, { key: KEY, table: 'vault', attribute: 'email', kind: 'string' }), DecryptionError, 'E_AEAD_CONTEXT', 'table or attribute'],
  ['ECB bytes of a length not a multiple of 16', () => codec.decrypt(new Uint8Array(17), { key: PASSWORD, format: 'pynamodb_mate', kind: 'string' }), DecryptionError, 'E_LEGACY_LENGTH', '16'],
  ['a CTR envelope that is not JSON', () => codec.decrypt(new Uint8Array([0xff, 0xfe]), { key: PASSWORD, format: 'pynamodb_mate', kind: 'string', deterministic: false }), DecryptionError, 'E_LEGACY_ENVELOPE', 'CTR envelope'],
  ['a CTR envelope without its token', () => codec.decrypt(Buffer.from('{"nonce": "0000"}'), { key: PASSWORD, format: 'pynamodb_mate', kind: 'string', deterministic: false }), DecryptionError, 'E_LEGACY_ENVELOPE', 'field'],
  ['gunzip of bytes without the gzip magic', () => codec.gunzip(Buffer.from(PLAIN)), CompressionError, 'E_GZIP_HEADER', 'gzip'],
  ['gunzip of a cut-off stream', () => codec.gunzip(codec.gzip(PLAIN).subarray(0, 14)), CompressionError, 'E_GZIP_TRUNCATED', 'ends'],
  ['gunzip with a wrong CRC', () => codec.gunzip(edit(codec.gzip(PLAIN), -6)), CompressionError, 'E_GZIP_CHECKSUM', 'CRC32'],
  ['gunzip of corrupt deflate data', () => codec.gunzip(edit(codec.gzip(PLAIN.repeat(9)), 10, 0xff)), CompressionError, 'E_GZIP_DATA', 'deflate'],
  ['gunzip of a bomb past maxOutput', () => codec.gunzip(gzipSync(Buffer.alloc(1 << 20)), { maxOutput: 1000 }), CompressionError, 'E_GZIP_TOO_LARGE', '1000'],
  ['decompress (json) of gzip holding no JSON', () => codec.decompress(codec.gzip(PLAIN), { kind: 'json' }), EncodingError, 'E_JSON_SYNTAX', 'byte'],

  // ---- items: wrong JS types, missing keys, NaN/Infinity, lone surrogates, sizes ------------------------
  ['create() of null', () => Thing.create(null), ItemError, 'E_ITEM_TYPE', 'Thing'],
  ['create() of a string', () => Thing.create(PLAIN), ItemError, 'E_ITEM_TYPE', 'Thing'],
  ['create() without the hash key', () => Thing.create({ secret: PLAIN }), ItemError, 'E_ITEM_REQUIRED', 'Thing.id'],
  ['create() with an unknown attribute', () => thing({ titel: 'x' }), ItemError, 'E_ITEM_UNKNOWN', 'titel'],
  ['create() with an unknown attribute named like data', () => thing({ [PLAIN]: 1 }), ItemError, 'E_ITEM_UNKNOWN', 'Thing'],
  ['a string attribute given a number', () => thing({ s: 5 }), ItemError, 'E_ITEM_TYPE', 'Thing.s'],
  ['a string attribute given an object', () => thing({ s: { secret: PLAIN } }), ItemError, 'E_ITEM_TYPE', 'Thing.s'],
  ['a number attribute given a string', () => thing({ n: PLAIN }), ItemError, 'E_ITEM_TYPE', 'Thing.n'],
  ['a number attribute given NaN', () => thing({ n: NaN }), ItemError, 'E_ITEM_VALUE', 'Thing.n'],
  ['a number attribute given Infinity', () => thing({ n: Infinity }), ItemError, 'E_ITEM_VALUE', 'Thing.n'],
  ['a number attribute given -Infinity in a typed list', () => thing({ meta: { deep: [1, -Infinity] } }), ItemError, 'E_ITEM_VALUE', 'Thing.meta.deep[1]'],
  ['a number over DynamoDB\'s range', () => thing({ n: 1e126 }), ItemError, 'E_ITEM_VALUE', 'Thing.n'],
  ['an integer attribute given 1.5', () => thing({ i: 1.5 }), ItemError, 'E_ITEM_VALUE', 'Thing.i'],
  ['a number set holding NaN', () => thing({ nums: new Set([1, NaN]) }), ItemError, 'E_ITEM_VALUE', 'Thing.nums'],
  ['a dynamic attribute holding NaN', () => thing({ any: { x: NaN } }), ItemError, 'E_ITEM_VALUE', 'Thing.any'],
  ['a string with a lone surrogate', () => thing({ s: `${PLAIN}\ud800` }), ItemError, 'E_ITEM_VALUE', 'Thing.s'],
  ['a dynamic map key with a lone surrogate', () => thing({ any: { [`\udc00${PLAIN}`]: 1 } }), ItemError, 'E_ITEM_VALUE', 'Thing.any'],
  ['an encrypted string with a lone surrogate', () => thing({ ssn: `${PLAIN}\ud800` }), ItemError, 'E_ITEM_VALUE', 'Thing.ssn'],
  ['a string set given an array', () => thing({ tags: ['a'] }), ItemError, 'E_ITEM_TYPE', 'Thing.tags'],
  ['a string set holding a number', () => thing({ tags: new Set(['a', 1]) }), ItemError, 'E_ITEM_TYPE', 'Thing.tags'],
  ['a binary attribute given a string', () => thing({ bin: PLAIN }), ItemError, 'E_ITEM_TYPE', 'Thing.bin'],
  ['a binary attribute given an ArrayBuffer', () => thing({ bin: new ArrayBuffer(4) }), ItemError, 'E_ITEM_TYPE', 'Thing.bin'],
  ['a map attribute given an array', () => thing({ meta: [PLAIN] }), ItemError, 'E_ITEM_TYPE', 'Thing.meta'],
  ['a typed map field of the wrong type', () => thing({ meta: { a: 7 } }), ItemError, 'E_ITEM_TYPE', 'Thing.meta.a'],
  ['a dynamic attribute holding a function', () => thing({ any: { f: () => PLAIN } }), ItemError, 'E_ITEM_TYPE', 'Thing.any'],
  ['a dynamic attribute holding a Map', () => thing({ any: new Map([[PLAIN, 1]]) }), ItemError, 'E_ITEM_TYPE', 'Thing.any'],
  ['a dynamic attribute holding a class instance', () => thing({ any: new (class Card { constructor() { this.n = PLAIN; } })() }), ItemError, 'E_ITEM_TYPE', 'Thing.any'],
  // Objects made from a prototype, not by the constructor: instanceof holds, the internal slots do not.
  ['a binary attribute given an object posing as a Uint8Array', () => thing({ bin: Object.create(Uint8Array.prototype) }), ItemError, 'E_ITEM_TYPE', 'Thing.bin'],
  ['a string set given an object posing as a Set', () => thing({ tags: Object.create(Set.prototype) }), ItemError, 'E_ITEM_TYPE', 'Thing.tags'],
  ['a datetime attribute given an object posing as a Date', () => thing({ when: Object.create(Date.prototype) }), ItemError, 'E_ITEM_TYPE', 'Thing.when'],
  ['a dynamic list holding an object posing as a Uint8Array', () => thing({ any: [Object.create(Uint8Array.prototype)] }), ItemError, 'E_ITEM_TYPE', 'Thing.any'],
  ['a dynamic attribute holding a cycle', () => thing({ any: cyclic() }), ItemError, 'E_ITEM_VALUE', 'Thing.any'],
  ['a dynamic attribute nested 40 levels', () => thing({ any: deep(40) }), ItemError, 'E_ITEM_VALUE', 'Thing.any'],
  ['a datetime attribute given a string', () => thing({ when: '2024-01-01' }), ItemError, 'E_ITEM_TYPE', 'Thing.when'],
  ['a datetime attribute given an invalid Date', () => thing({ when: new Date(NaN) }), ItemError, 'E_ITEM_VALUE', 'Thing.when'],
  ['a datetime attribute in year 10000', () => thing({ when: new Date('+010000-01-01T00:00:00Z') }), ItemError, 'E_ITEM_VALUE', 'Thing.when'],
  ['an encrypted string given a number', () => thing({ ssn: 123456789 }), ItemError, 'E_ITEM_TYPE', 'Thing.ssn'],
  ['an encrypted integer given 1.5', () => thing({ pin: 1.5 }), ItemError, 'E_ITEM_VALUE', 'Thing.pin'],
  ['an item over 400 KB', () => thing({ s: 'x'.repeat(400 * 1024) }), ItemError, 'E_ITEM_TOO_LARGE', 'the largest attribute is s'],
  ['an empty string as the hash key', () => Thing.create({ id: '', secret: PLAIN }), ItemError, 'E_ITEM_VALUE', 'Thing.id'],
  ['a hash key over 2048 bytes', () => Thing.create({ id: 'é'.repeat(1025), secret: PLAIN }), ItemError, 'E_ITEM_VALUE', 'Thing.id'],
  ['get() without a key', () => Thing.get(), ItemError, 'E_ITEM_REQUIRED', 'id'],
  ['get() with a key of the wrong type', () => Thing.get({ id: 'x' }), ItemError, 'E_ITEM_TYPE', 'Thing.id'],
  ['get() with an empty hash key', () => Thing.get(''), ItemError, 'E_ITEM_VALUE', 'Thing.id'],
  ['get() without the range key', () => Ranged.get('a'), ItemError, 'E_ITEM_REQUIRED', 'at'],
  ['get() with NaN as the range key', () => Ranged.get('a', NaN), ItemError, 'E_ITEM_VALUE', 'Ranged.at'],
  ['query() without a hash key value', () => Thing.query().next(), ItemError, 'E_ITEM_REQUIRED', 'Thing.id'],
  ['fromJSON of a value that is not an AttributeValue', () => Thing.fromJSON({ id: { Q: PLAIN } }), ItemError, 'E_ITEM_STORED', 'Thing.id'],
  ['fromJSON of null', () => Thing.fromJSON(null), ItemError, 'E_ITEM_STORED', 'Thing'],
  ['fromJSON of a B that is a number', () => Thing.fromJSON({ id: { S: 'k' }, bin: { B: 5 } }), ItemError, 'E_ITEM_STORED', 'Thing.bin'],
  ['fromJSON of a BS that is a string', () => Thing.fromJSON({ id: { S: 'k' }, any: { BS: PLAIN } }), ItemError, 'E_ITEM_STORED', 'Thing.any'],
  ['batchGet() of a string', () => Thing.batchGet('abc'), ArgumentError, 'E_ARGUMENT', 'Thing.batchGet()'],
  ['batchGet() of null', () => Thing.batchGet(null), ArgumentError, 'E_ARGUMENT', 'Thing.batchGet()'],
  ['batchWrite() with a misspelt request kind', () => Thing.batchWrite({ puts: [thing({})] }), ArgumentError, 'E_ARGUMENT', 'Thing.batchWrite()'],
  ['batchWrite() with put null', () => Thing.batchWrite({ put: null }), ArgumentError, 'E_ARGUMENT', 'Thing.batchWrite()'],
  ['query() with attributes as a string', () => Thing.query('k', { attributes: 'n' }).next(), ArgumentError, 'E_ARGUMENT', 'attributes'],

  // ---- write plans: key values and batch entries checked before any request or upload -------------------
  ['save() of a hash key grown over 2048 bytes', () => Object.assign(thing({}), { id: LONG_HASH }).save(), ItemError, 'E_ITEM_VALUE', 'Thing.id'],
  ['save() of an emptied hash key', () => Object.assign(thing({}), { id: '' }).save(), ItemError, 'E_ITEM_VALUE', 'Thing.id'],
  ['save() of an emptied hash key on a model with S3 values', () => keyed({ id: '' }).save(), ItemError, 'E_ITEM_VALUE', 'Keyed.id'],
  ['save() of a range key over 1024 bytes', () => keyed({ sk: LONG_RANGE }).save(), ItemError, 'E_ITEM_VALUE', 'Keyed.sk'],
  ['save() of an emptied index key', () => keyed({ group: '' }).save(), ItemError, 'E_ITEM_VALUE', 'Keyed.group'],
  ['save() with a string condition on a model with S3 values', () => keyed({ page: PLAIN }).save({ condition: PLAIN }), ExpressionError, 'E_EXPRESSION', 'condition'],
  ['update() with a non-action on a model with S3 values', () => keyed().update([Keyed.attr.page.set(PLAIN), PLAIN]), ExpressionError, 'E_EXPRESSION', 'action 2'],
  ['update() setting an S3 value twice', () => keyed().update([Keyed.attr.page.set(PLAIN), Keyed.attr.page.remove()]), ExpressionError, 'E_EXPRESSION', 'page'],
  ['update() setting an index key to an empty string', () => keyed().update([Keyed.attr.group.set('')]), ItemError, 'E_ITEM_VALUE', 'Keyed.group'],
  ['update() of an emptied range key', () => keyed({ sk: '' }).update([Keyed.attr.secret.set(PLAIN)]), ItemError, 'E_ITEM_VALUE', 'Keyed.sk'],
  ['get() with a hash key over 2048 bytes', () => Keyed.get(LONG_HASH, 's'), ItemError, 'E_ITEM_VALUE', 'Keyed.id'],
  ['get() with a range key over 1024 bytes', () => Keyed.get('k', LONG_RANGE), ItemError, 'E_ITEM_VALUE', 'Keyed.sk'],
  ['query() with a hash value over 2048 bytes', () => Keyed.query(LONG_HASH).next(), ItemError, 'E_ITEM_VALUE', 'Keyed.id'],
  ['query() with an empty hash value', () => Keyed.query('').next(), ItemError, 'E_ITEM_VALUE', 'Keyed.id'],
  ['query() with a range value over 1024 bytes', () => Keyed.query('k', { range: Keyed.attr.sk.between('a', LONG_RANGE) }).next(), ItemError, 'E_ITEM_VALUE', 'Keyed.sk'],
  ['query() of an index with an empty hash value', () => Keyed.query('', { index: 'byGroup' }).next(), ItemError, 'E_ITEM_VALUE', 'Keyed.group'],
  ['queryPage() with a hash value over 2048 bytes', () => Keyed.queryPage(LONG_HASH), ItemError, 'E_ITEM_VALUE', 'Keyed.id'],
  ['count() with an empty range value', () => Keyed.count('k', { range: Keyed.attr.sk.ge('') }), ItemError, 'E_ITEM_VALUE', 'Keyed.sk'],
  ['batchGet() with a hash key over 2048 bytes', () => Keyed.batchGet([['k', 's'], [LONG_HASH, 's']]), ItemError, 'E_ITEM_VALUE', 'Keyed.id'],
  ['getOp() with an empty range key', () => Keyed.getOp('k', ''), ItemError, 'E_ITEM_VALUE', 'Keyed.sk'],
  ['batchWrite() deleting a hash key over 2048 bytes', () => Keyed.batchWrite({ delete: [[LONG_HASH, 's']] }), ItemError, 'E_ITEM_VALUE', 'Keyed.id'],
  ['batchWrite() putting a range key over 1024 bytes', () => Keyed.batchWrite({ put: [keyed(), keyed({ id: 'k2', sk: LONG_RANGE })] }), ItemError, 'E_ITEM_VALUE', 'Keyed.sk'],
  ['batchWrite() with put [valid, null]', () => Keyed.batchWrite({ put: [keyed(), null] }), ArgumentError, 'E_ARGUMENT', 'put[1]'],
  ['batchWrite() putting a plain object', () => Keyed.batchWrite({ put: [{ id: 'k', sk: 's', secret: PLAIN }] }), ArgumentError, 'E_ARGUMENT', 'put[0]'],
  ['batchWrite() putting an instance of another model', () => Keyed.batchWrite({ put: [thing({})] }), ArgumentError, 'E_ARGUMENT', 'put[0]'],
  ['batchWrite() deleting null', () => Keyed.batchWrite({ delete: [['k', 's'], null] }), ArgumentError, 'E_ARGUMENT', 'delete[1]'],
  ['batchWrite() deleting a bare hash value on a model with a range key', () => Keyed.batchWrite({ delete: [PLAIN] }), ArgumentError, 'E_ARGUMENT', 'delete[0]'],
  ['batchWrite() putting one key twice', () => Keyed.batchWrite({ put: [keyed(), keyed({ id: 'k2' }), keyed()] }), ArgumentError, 'E_ARGUMENT', 'put[0] and put[2]'],
  ['batchWrite() putting and deleting one key', () => Keyed.batchWrite({ put: [keyed()], delete: [{ id: 'k', sk: 's' }] }), ArgumentError, 'E_ARGUMENT', 'put[0] and delete[0]'],
  ['batchWrite() deleting one key twice', () => Thing.batchWrite({ delete: ['a', { id: 'a' }] }), ArgumentError, 'E_ARGUMENT', 'delete[0] and delete[1]'],
  ['transactWrite() putting a hash key over 2048 bytes', () => Keyed.transactWrite([keyed({ id: 'k2' }).putOp(), keyed({ id: LONG_HASH }).putOp()]), ItemError, 'E_ITEM_VALUE', 'Keyed.id'],
  ['transactWrite() with a condition check on an empty range key', () => Keyed.transactWrite([Keyed.conditionCheckOp(['k', ''], Keyed.attr.secret.exists())]), ItemError, 'E_ITEM_VALUE', 'Keyed.sk'],
  ['transactWrite() with a bad condition after an S3 put', () => Keyed.transactWrite([keyed({ page: PLAIN }).putOp(), keyed({ id: 'k2' }).deleteOp({ condition: PLAIN })]), ExpressionError, 'E_EXPRESSION', 'condition'],

  // ---- addVersionCondition: true or false only -----------------------------------------------------------
  ['save() with addVersionCondition a string', () => thing({}).save({ addVersionCondition: PLAIN }), ArgumentError, 'E_ARGUMENT', 'addVersionCondition'],
  ['update() with addVersionCondition null', () => thing({}).update([Thing.attr.n.set(1)], { addVersionCondition: null }), ArgumentError, 'E_ARGUMENT', 'addVersionCondition'],
  ['transactWrite() with a deleteOp whose addVersionCondition is 0', () => Thing.transactWrite([thing({}).deleteOp({ addVersionCondition: 0 })]), ArgumentError, 'E_ARGUMENT', 'addVersionCondition'],

  // ---- expressions ---------------------------------------------------------------------------------
  ['eq(NaN) on a number', () => Thing.attr.n.eq(NaN), ItemError, 'E_ITEM_VALUE', 'Thing.n'],
  ['eq(undefined)', () => Thing.attr.n.eq(undefined), ItemError, 'E_ITEM_REQUIRED', 'Thing.n'],
  ['between() with one bound', () => Thing.attr.n.between(1), ItemError, 'E_ITEM_REQUIRED', 'Thing.n'],
  ['lt() on an encrypted attribute', () => Thing.attr.ssn.lt(PLAIN), ExpressionError, 'E_EXPRESSION', 'ssn'],
  ['eq() between an aead attribute and another attribute', () => Thing.attr.ssn.eq(Thing.attr.s), ExpressionError, 'E_EXPRESSION', 'ssn'],
  ['in() with 101 values', () => Thing.attr.n.in(Array.from({ length: 101 }, (_, k) => k)), ExpressionError, 'E_EXPRESSION', 'n'],
  ['add() to a string attribute', () => Thing.attr.s.add(PLAIN), ExpressionError, 'E_EXPRESSION', 's'],
  ['set() of a function', () => Thing.attr.any.set(() => PLAIN), ItemError, 'E_ITEM_TYPE', 'Thing.any'],
  ['cond.and() of non-conditions', () => cond.and(PLAIN, 1), ExpressionError, 'E_EXPRESSION', 'cond.and()'],
  ['update() that removes the hash key', () => thing({}).update([Thing.attr.id.remove()]), ExpressionError, 'E_EXPRESSION', 'id'],
  ['update() that sets the hash key', () => thing({}).update([Thing.attr.id.set('other')]), ExpressionError, 'E_EXPRESSION', 'id'],
  ['update() with two actions on one path', () => thing({}).update([Thing.attr.n.set(1), Thing.attr.n.add(2)]), ExpressionError, 'E_EXPRESSION', 'n'],
  ['save() with a condition that is a string', () => thing({}).save({ condition: PLAIN }), ExpressionError, 'E_EXPRESSION', 'condition'],
  ['scan() with 0 segments', () => Thing.scan({ segments: 0 }).next(), ArgumentError, 'E_ARGUMENT', 'segments'],
  ['scan() with limit -1', () => Thing.scan({ limit: -1 }).next(), ArgumentError, 'E_ARGUMENT', 'limit'],
  ['query() with pageSize 0', () => Thing.query('k', { pageSize: 0 }).next(), ArgumentError, 'E_ARGUMENT', 'pageSize'],

  // ---- corrupt stored values (read back through get()) -----------------------------------------------
  ['a stored aead value that was tampered with', () => storedGet({ ssn: { B: edit(ssnStored, -3) } }), DecryptionError, 'E_AEAD_TAMPERED', 'Vault.ssn'],
  ['a stored aead value cut short', () => storedGet({ ssn: { B: ssnStored.subarray(0, ssnStored.length - 4) } }), DecryptionError, 'E_AEAD_TRUNCATED', 'Vault.ssn'],
  ['a stored aead value under an unknown key id', () => storedGet({ ssn: { B: codec.encrypt(PLAIN, { key: KEY, keyId: 'k-old', table: 'vault', attribute: 'ssn' }) } }), DecryptionError, 'E_AEAD_UNKNOWN_KEY_ID', 'Vault.ssn'],
  ['a stored aead value under another key', () => storedGet({ ssn: { B: codec.encrypt(PLAIN, { key: OTHER_KEY, table: 'vault', attribute: 'ssn' }) } }), DecryptionError, 'E_AEAD_WRONG_KEY', 'Vault.ssn'],
  ['a stored aead value of another table', () => storedGet({ ssn: { B: codec.encrypt(PLAIN, { key: KEY, table: 'users', attribute: 'ssn' }) } }), DecryptionError, 'E_AEAD_CONTEXT', 'Vault.ssn'],
  ['a stored value that is not binary', () => storedGet({ ssn: { S: PLAIN } }), ItemError, 'E_ITEM_STORED', 'Vault.ssn'],
  ['stored ECB bytes of the wrong length', () => storedGet({ pm: { B: new Uint8Array(20) } }), DecryptionError, 'E_LEGACY_LENGTH', 'Vault.pm'],
  ['stored ECB bytes under another password', () => storedGet({ pm: { B: codec.encrypt(PLAIN, { key: 'other', format: 'pynamodb_mate' }) } }), DecryptionError, 'E_LEGACY_PADDING', 'Vault.pm'],
  ['a stored CTR envelope with a bad field', () => storedGet({ ctr: { B: Buffer.from('{"nonce": "\\"", "token": ""}') } }), DecryptionError, 'E_LEGACY_ENVELOPE', 'Vault.ctr'],
  ['stored gzip cut short', () => storedGet({ body: { B: gzipSync(PLAIN).subarray(0, 15) } }), CompressionError, 'E_GZIP_TRUNCATED', 'Vault.body'],
  ['stored gzip with a wrong CRC', () => storedGet({ body: { B: edit(gzipSync(PLAIN), -5) } }), CompressionError, 'E_GZIP_CHECKSUM', 'Vault.body'],
  ['stored bytes that are not gzip', () => storedGet({ body: { B: Buffer.from(PLAIN) } }), CompressionError, 'E_GZIP_HEADER', 'Vault.body'],
  ['a stored gzip bomb', () => storedGet({ body: { B: gzipSync(Buffer.alloc(200_000, 'a')) } }), CompressionError, 'E_GZIP_TOO_LARGE', 'Vault.body'],
  ['stored compressed JSON that is not JSON', () => storedGet({ doc: { B: gzipSync(PLAIN) } }), ItemError, 'E_ITEM_STORED', 'Vault.doc'],
  ['a stored S3 value that is an http URL', () => storedGet({ page: { S: `https://pages/${PLAIN}` } }), S3Error, 'E_S3_URI', 'Vault.page'],
  ['a stored S3 URI without a key', () => storedGet({ page: { S: 's3://pages/' } }), S3Error, 'E_S3_URI', 'Vault.page'],
  ['a stored S3 URI without a bucket', () => storedGet({ page: { S: `s3:///${PLAIN}` } }), S3Error, 'E_S3_URI', 'Vault.page'],
  ['a stored S3 value that is the empty string', () => storedGet({ page: { S: '' } }), S3Error, 'E_S3_URI', 'Vault.page'],

  // ---- misconfigured models and attributes ----------------------------------------------------------
  ['defineModel(null)', () => defineModel(null), ModelError, 'E_MODEL', 'defineModel'],
  ['a table name of 2 characters', () => defineModel({ table: 'ab', client: noRequests, attributes: { id: attr.string({ hashKey: true }) } }), ModelError, 'E_MODEL', 'table'],
  ['a table name with spaces', () => defineModel({ table: 'my table', client: noRequests, attributes: { id: attr.string({ hashKey: true }) } }), ModelError, 'E_MODEL', 'table'],
  ['a model without a client', () => defineModel({ table: 'things', attributes: { id: attr.string({ hashKey: true }) } }), ModelError, 'E_MODEL', 'client'],
  ['a model without a hash key', () => defineModel({ table: 'things', client: noRequests, attributes: { id: attr.string() } }), ModelError, 'E_MODEL', 'hashKey'],
  ['a model with two hash keys', () => def({ other: attr.string({ hashKey: true }) }), ModelError, 'E_MODEL', 'hashKey'],
  ['a boolean hash key', () => defineModel({ table: 'things', client: noRequests, attributes: { id: attr.boolean({ hashKey: true }) } }), ArgumentError, 'E_ARGUMENT', 'hashKey'],
  ['an encrypted hash key', () => defineModel({ table: 'things', client: noRequests, attributes: { id: attr.encryptedString({ key: KEY, hashKey: true }) } }), ArgumentError, 'E_ARGUMENT', 'hashKey'],
  ['an attribute that is not made by attr.*', () => def({ x: { type: 'string' } }), ModelError, 'E_MODEL', 'x'],
  ['an attribute named like a method', () => def({ save: attr.string() }), ModelError, 'E_MODEL', 'save'],
  ['an attribute name with a dot', () => def({ 'a.b': attr.string() }), ModelError, 'E_SCHEMA', 'a.b'],
  ['an attribute name with a lone surrogate', () => def({ 'x\ud800': attr.string() }), ModelError, 'E_MODEL', 'surrogate'],
  ['an attrName with a lone surrogate', () => def({ x: attr.string({ attrName: 'x\udc00' }) }), ModelError, 'E_MODEL', 'x'],
  ['a typed map field name with a lone surrogate', () => attr.map({ ['f\ud800']: attr.string() }), ModelError, 'E_MODEL', 'attr.map()'],
  ['an index range key that is an empty string', () => def({ cat: attr.string({ nullable: true }) }, { indexes: { byCat: { type: 'global', hashKey: 'cat' } } }).create({ id: 'k', cat: '' }), ItemError, 'E_ITEM_VALUE', 'Bad.cat'],
  ['a binary range key over 1024 bytes', () => defineModel({ name: 'Bin', table: 'bins', client: noRequests, attributes: { id: attr.string({ hashKey: true }), at: attr.binary({ rangeKey: true }) } }).get('k', new Uint8Array(1025)), ItemError, 'E_ITEM_VALUE', 'Bin.at'],
  ['two attributes with one attrName', () => def({ a: attr.string({ attrName: 'x' }), b: attr.string({ attrName: 'x' }) }), ModelError, 'E_MODEL', 'b'],
  ['two ttl attributes', () => def({ a: attr.ttl(), b: attr.ttl() }), ModelError, 'E_MODEL', 'ttl'],
  ['an index on an unknown attribute', () => def({}, { indexes: { byX: { type: 'global', hashKey: 'x' } } }), ModelError, 'E_MODEL', 'byX'],
  ['PROVISIONED billing without throughput', () => def({}, { billingMode: 'PROVISIONED' }), ModelError, 'E_MODEL', 'throughput'],
  ['an S3-backed attribute without an S3 client', () => def({ page: attr.s3Text({ bucket: 'pages' }) }), ModelError, 'E_MODEL', 'page'],
  ['attr.string() with a misspelt option', () => attr.string({ nulable: true }), ArgumentError, 'E_ARGUMENT', 'did you mean "nullable"'],
  ['attr.number() both integer and float', () => attr.number({ integer: true, float: true }), ModelError, 'E_MODEL', 'attr.number()'],
  ['attr.list() of a string', () => attr.list({ of: 'string' }), ModelError, 'E_MODEL', 'attr.list'],
  ['attr.map() without attributes', () => attr.map({}), ModelError, 'E_MODEL', 'attr.map'],
  ['an encrypted attribute without a key', () => attr.encryptedString({}), ModelError, 'E_MODEL', 'key'],
  ['an encrypted attribute with an unknown format', () => attr.encryptedString({ key: KEY, format: 'aes' }), ModelError, 'E_MODEL', 'format'],
  ['an encrypted attribute inside a map', () => def({ m: attr.map({ e: attr.encryptedString({ key: KEY }) }) }), ModelError, 'E_SCHEMA', 'm.e'],
  ['an S3-backed attribute as a list element', () => attr.list({ of: attr.s3Text({ bucket: 'some-bucket' }) }), ModelError, 'E_MODEL', 'attr.list({ of })'],
  ['an S3-backed attribute inside a map', () => attr.map({ page: attr.s3Json({ bucket: 'some-bucket' }) }), ModelError, 'E_MODEL', 'nested attribute "page"'],
  ['a compressed attribute with level 10', () => def({ c: attr.compressedString({ level: 10 }) }), ModelError, 'E_SCHEMA', 'Bad.c'],
  ['an S3-backed attribute with a bad bucket name', () => attr.s3Text({ bucket: 'Not A Bucket' }), ModelError, 'E_MODEL', 'bucket'],

  // ---- silent changes and leaks: lone surrogates, JSON keys, deep values, unnamed key errors ------------
  ['an s3Text value with a lone surrogate', () => Vault.create({ id: 'x', page: `${PLAIN}\ud800` }), ItemError, 'E_ITEM_VALUE', 'Vault.page'],
  ['an s3Json value with a lone surrogate in a key', () => Vault.create({ id: 'x', meta: { [`${JSON_KEY}\udc00`]: PLAIN } }), ItemError, 'E_ITEM_VALUE', 'Vault.meta'],
  ['an s3Json value with a function under a key', () => Vault.create({ id: 'x', meta: { [JSON_KEY]: () => PLAIN } }), ItemError, 'E_ITEM_TYPE', 'Vault.meta'],
  ['an s3Json value 200,000 levels deep', () => Vault.create({ id: 'x', meta: deepObject(200_000) }), EncodingError, 'E_JSON_DEPTH', 'Vault.meta'],
  ['a compressed JSON value with a Map under a key', () => Vault.create({ id: 'x', doc: { [JSON_KEY]: new Map() } }), ItemError, 'E_ITEM_TYPE', 'Vault.doc'],
  ['a compressed JSON value 200,000 levels deep', () => Vault.create({ id: 'x', doc: deepObject(200_000) }), EncodingError, 'E_JSON_DEPTH', 'Vault.doc'],
  ['an encrypted JSON value with a lone surrogate in a key', () => Vault.create({ id: 'x', ctr: { [`${JSON_KEY}\ud800`]: 1 } }), ItemError, 'E_ITEM_VALUE', 'Vault.ctr'],
  ['a dynamic value with a lone surrogate in a map key', () => thing({ any: { [`${JSON_KEY}\ud800`]: 1 } }), ItemError, 'E_ITEM_VALUE', 'Thing.any'],
  ['a dynamic value with a lone surrogate in a set', () => thing({ any: new Set([`${PLAIN}\ud800`]) }), ItemError, 'E_ITEM_VALUE', 'Thing.any'],
  ['a dynamic value 200,000 levels deep', () => thing({ any: deepObject(200_000) }), ItemError, 'E_ITEM_VALUE', 'Thing.any'],
  ['an eq() operand 200,000 levels deep', () => Thing.attr.any.eq(deepObject(200_000)), ItemError, 'E_ITEM_VALUE', 'Thing.any'],
  ['fromJSON of AttributeValues 200,000 levels deep', () => Thing.fromJSON({ id: { S: 'k' }, any: deepObject(200_000) }), ItemError, 'E_ITEM_STORED', 'Thing.fromJSON()'],
  ['encrypt of a JSON value with a Map under a key', () => codec.encrypt({ [JSON_KEY]: new Map() }, { key: KEY, table: 't', attribute: 'a' }), EncodingError, 'E_JSON_TYPE', 'at ${0}'],
  ['pythonJsonDumps 200,000 levels deep', () => codec.pythonJsonDumps(deepObject(200_000)), EncodingError, 'E_JSON_DEPTH', '512'],
  ['pythonJsonLoads 200,000 levels deep', () => codec.pythonJsonLoads(`{"${JSON_KEY}": `.repeat(200_000)), EncodingError, 'E_JSON_DEPTH', '512'],
  ['setKey() with a keyring whose current id is missing', () => def({ pinCode: attr.encryptedNumber({ key: PASSWORD }) }).setKey('pinCode', { current: 'k2', keys: { k1: KEY } }), ArgumentError, 'E_ARGUMENT', 'Bad.pinCode'],
  ['setKey() with a 16-byte key', () => def({ pinCode: attr.encryptedNumber({ key: PASSWORD }) }).setKey('pinCode', KEY.subarray(0, 16)), KeyError, 'E_KEY_LENGTH', 'Bad.pinCode'],
  ['setKey() with a number as key', () => def({ pinCode: attr.encryptedNumber({ key: PASSWORD }) }).setKey('pinCode', 1234), ModelError, 'E_MODEL', 'Bad.pinCode'],
  ['setKey() with options that are a string', () => def({ pinCode: attr.encryptedNumber({ key: PASSWORD }) }).setKey('pinCode', KEY, PLAIN), ArgumentError, 'E_INPUT_TYPE', 'setKey() options'],
  ['a key provider that returns a number names the attribute', () => def({ pinCode: attr.encryptedNumber({ key: async () => 42 }) }).prepare(), ArgumentError, 'E_INPUT_TYPE', 'Bad.pinCode'],
  ['an S3 prefix with a lone surrogate', () => attr.s3Text({ bucket: 'pages', prefix: 'p\ud800' }), ModelError, 'E_MODEL', 'prefix'],
  ['an S3 keyTemplate with a lone surrogate', () => attr.s3Json({ bucket: 'pages', keyTemplate: 'k\udc00/{fingerprint}' }), ModelError, 'E_MODEL', 'keyTemplate'],
  ['a model name with a lone surrogate', () => def({}, { name: 'Bad\ud800' }), ModelError, 'E_MODEL', 'name'],
  ['collectS3Orphans() with an abortSignal that is not one', () => Vault.collectS3Orphans({ abortSignal: PLAIN }), ArgumentError, 'E_ARGUMENT', 'abortSignal'],
  ['a path key with a lone surrogate', () => Thing.attr.any.key(`${JSON_KEY}\ud800`).eq(1), ExpressionError, 'E_EXPRESSION', 'any: the name of segment 1'],
  ['a collector prefix with a lone surrogate', () => Vault.collectS3Orphans({ prefix: 'p\ud800' }), ArgumentError, 'E_ARGUMENT', 'prefix'],
  ['a tracker task id with a lone surrogate', () => tracker().create(`t\ud800`), EncodingError, 'E_UTF8', 'task id'],
  ['a tracker use case with a lone surrogate', () => tracker({ useCaseId: 'crawl\udc00' }), EncodingError, 'E_UTF8', 'useCaseId'],

  // ---- unknown options (js/options/): refused with the nearest known key, before any request ----------
  ['save() with a misspelt condition', () => thing({}).save({ conditon: Thing.attr.n.exists() }), ArgumentError, 'E_ARGUMENT', 'unknown option "conditon" (did you mean "condition"?)'],
  ['delete() with a misspelt condition', () => thing({}).delete({ conditon: Thing.attr.n.exists() }), ArgumentError, 'E_ARGUMENT', '"conditon" (did you mean "condition"?)'],
  ['update() with a misspelt condition', () => thing({}).update([Thing.attr.n.set(1)], { conditon: Thing.attr.n.exists() }), ArgumentError, 'E_ARGUMENT', '"conditon" (did you mean "condition"?)'],
  ['putOp() with a misspelt condition', () => thing({}).putOp({ conditon: Thing.attr.n.exists() }), ArgumentError, 'E_ARGUMENT', 'Thing.putOp() options'],
  ['encrypt with a misspelt deterministic', () => codec.encrypt(PLAIN, { key: KEY, table: 't', attribute: 'a', determinstic: false }), ArgumentError, 'E_ARGUMENT', '"determinstic" (did you mean "deterministic"?)'],
  ['reencrypt() with a misspelt attributes', () => Thing.reencrypt({ atributes: ['ssn'] }), ArgumentError, 'E_ARGUMENT', '"atributes" (did you mean "attributes"?)'],
  ['query() with a misspelt filter', () => Thing.query('k', { filtr: Thing.attr.n.gt(1) }).next(), ArgumentError, 'E_ARGUMENT', '"filtr" (did you mean "filter"?)'],
  ['defineModel() with a misspelt indexes', () => def({}, { indexs: {} }), ArgumentError, 'E_ARGUMENT', '"indexs" (did you mean "indexes"?)'],
  ["an index's misspelt projection", () => def({ n: attr.number() }, { indexes: { byN: { type: 'global', hashKey: 'n', projecton: 'KEYS_ONLY' } } }), ArgumentError, 'E_ARGUMENT', 'index byN'],
  ["a tracker's ttl with a misspelt succeeded", () => tracker({ ttl: { succeded: 60 } }), ArgumentError, 'E_ARGUMENT', '"succeded" (did you mean "succeeded"?)'],
  ["a createMany() task's misspelt data", () => tracker().createMany([{ taskId: 't', dta: { secret: PLAIN } }]), ArgumentError, 'E_ARGUMENT', '"dta" (did you mean "data"?)'],
  ['options with a key that is data, not a name', () => Thing.scanPage({ [PLAIN]: 1 }), ArgumentError, 'E_ARGUMENT', '1 unknown option'],
  ['options that are a string', () => thing({}).save(PLAIN), ArgumentError, 'E_INPUT_TYPE', 'Thing.save() options'],
  ['a keyring with a misspelt keys', () => codec.encrypt(PLAIN, { key: { current: 'a', kyes: { a: KEY } }, table: 't', attribute: 'a' }), ArgumentError, 'E_ARGUMENT', '"kyes" (did you mean "keys"?)'],

  // ---- pynamodb parity: legacyEncoding binaries ------------------------------------------------------
  ['attr.binary() with a legacyEncoding that is not a boolean', () => attr.binary({ legacyEncoding: 'yes' }), ModelError, 'E_MODEL', 'legacyEncoding'],
  ['a legacyEncoding binary inside a map', () => attr.map({ blob: attr.binary({ legacyEncoding: true }) }), ModelError, 'E_MODEL', 'nested attribute "blob"'],
  ['a legacyEncoding binary set as a list element', () => attr.list({ of: attr.binarySet({ legacyEncoding: true }) }), ModelError, 'E_MODEL', 'attr.list({ of })'],
  ['lt() on a legacyEncoding binary', () => def({ blob: attr.binary({ legacyEncoding: true }) }).attr.blob.lt(Buffer.from(PLAIN)), ExpressionError, 'E_EXPRESSION', 'lt() on blob'],
  ['eq() between a legacyEncoding binary and another attribute', () => {
    const Bad = def({ blob: attr.binary({ legacyEncoding: true }), other: attr.binary() });
    return Bad.attr.blob.eq(Bad.attr.other);
  }, ExpressionError, 'E_EXPRESSION', 'eq() on blob'],
  ['a stored legacyEncoding value that is not base64 text', () => defineModel({
    name: 'Old', table: 'olds', client: storing({ id: { S: 'k' }, blob: { B: Buffer.from(PLAIN) } }),
    attributes: { id: attr.string({ hashKey: true }), blob: attr.binary({ legacyEncoding: true }) },
  }).get('k'), ItemError, 'E_ITEM_STORED', 'Old.blob'],

  // ---- polymorphic models (attr.discriminator, defineSubclass) ----------------------------------------
  ['a stored discriminator value no class is registered for', () => pets(storing({ id: { S: 'x' }, kind: { S: PLAIN } })).Pet.get('x'), ItemError, 'E_ITEM_STORED', 'attribute kind'],
  ['a stored item of a sibling class', () => pets(storing({ id: { S: 'x' }, kind: { S: 'cat' }, secret: { S: PLAIN } })).Dog.get('x'), ItemError, 'E_ITEM_STORED', 'not a Dog'],
  ['a stored discriminator that is not a string', () => pets(storing({ id: { S: 'x' }, kind: { N: '1' } })).Pet.get('x'), ItemError, 'E_ITEM_STORED', 'attribute kind'],
  ['defineSubclass() of a model without a discriminator', () => Thing.defineSubclass({ value: 'x' }), ModelError, 'E_MODEL', 'attr.discriminator()'],
  ['defineSubclass() with a value already taken', () => Pet.defineSubclass({ name: 'Kitten', value: 'cat' }), ModelError, 'E_MODEL', 'already'],
  ['defineSubclass() with a misspelt option', () => Pet.defineSubclass({ value: 'bird', attribute: {} }), ArgumentError, 'E_ARGUMENT', '"attribute" (did you mean "attributes"?)'],
  ['defineSubclass() without a value', () => Pet.defineSubclass({ name: 'Bird' }), ModelError, 'E_MODEL', 'value'],
  ['defineSubclass() redefining an attribute', () => Pet.defineSubclass({ value: 'bird', attributes: { secret: attr.number() } }), ModelError, 'E_MODEL', 'secret'],
  ['defineSubclass() with a key attribute', () => Pet.defineSubclass({ value: 'bird', attributes: { sk: attr.string({ rangeKey: true }) } }), ModelError, 'E_MODEL', 'sk'],
  ['create() of a base without a discriminator value', () => Pet.create({ id: 'k', secret: PLAIN }), ModelError, 'E_MODEL', 'Pet'],
  ['create() with another class\'s discriminator value', () => Cat.create({ id: 'k', kind: 'dog', secret: PLAIN }), ItemError, 'E_ITEM_VALUE', 'kind'],
  ['save() of an instance whose discriminator was changed', () => Object.assign(Cat.create({ id: 'k', secret: PLAIN }), { kind: 'dog' }).save(), ItemError, 'E_ITEM_VALUE', 'kind'],
  ['an update that sets the discriminator', () => Cat.attr.kind.set('dog'), ExpressionError, 'E_EXPRESSION', 'kind'],
  ['two discriminator attributes', () => def({ a: attr.discriminator(), b: attr.discriminator() }), ModelError, 'E_MODEL', 'discriminator'],
  ['a discriminatorValue without a discriminator attribute', () => def({}, { discriminatorValue: 'bad' }), ModelError, 'E_MODEL', 'discriminatorValue'],
  ['attr.discriminator() as a hash key', () => attr.discriminator({ hashKey: true }), ArgumentError, 'E_ARGUMENT', 'hashKey'],
  ['attr.discriminator() in a typed map without subclasses', () => attr.map({ kind: attr.discriminator() }), ModelError, 'E_MODEL', 'nested attribute "kind"'],
  ['a polymorphic map without a discriminator field', () => attr.map({ attributes: { a: attr.string() }, subclasses: { x: { b: attr.string() } } }), ModelError, 'E_MODEL', 'attr.discriminator()'],
  ['a polymorphic map subclass redefining a base field', () => attr.map({ attributes: { kind: attr.discriminator(), a: attr.string() }, subclasses: { x: { a: attr.number() } } }), ModelError, 'E_MODEL', 'field "a"'],
  ['polymorphic map subclasses with one field of two types', () => attr.map({ attributes: { kind: attr.discriminator() }, subclasses: { x: { a: attr.string() }, y: { a: attr.number() } } }), ModelError, 'E_MODEL', 'field "a"'],
  ['a polymorphic map value of an unknown subclass', () => Sketch.create({ id: 'k', shape: { kind: PLAIN } }), ItemError, 'E_ITEM_VALUE', 'Sketch.shape.kind'],
  ['a polymorphic map value with another subclass\'s field', () => Sketch.create({ id: 'k', shape: { kind: 'dot', [PLAIN]: 1 } }), ItemError, 'E_ITEM_UNKNOWN', 'Sketch.shape'],
  ['a stored polymorphic map of an unknown subclass', () => sketch(storing({ id: { S: 'x' }, shape: { M: { kind: { S: PLAIN } } } })).get('x'), ItemError, 'E_ITEM_STORED', 'Sketch.shape.kind'],

  // ---- status tracker -------------------------------------------------------------------------------
  ['a tracker without options', () => new StatusTracker(), ArgumentError, 'E_ARGUMENT', 'options'],
  ['a tracker with a misspelt option', () => tracker({ maxRetries: 3 }), ArgumentError, 'E_ARGUMENT', 'maxRetries'],
  ['a tracker with maxRetry NaN', () => tracker({ maxRetry: NaN }), ArgumentError, 'E_ARGUMENT', 'maxRetry'],
  ['a tracker whose use case contains the separator', () => tracker({ useCaseId: 'a____b' }), ArgumentError, 'E_ARGUMENT', 'useCaseId'],
  ['a tracker with two statuses on one code', () => tracker({ statuses: { pending: 20 } }), ArgumentError, 'E_ARGUMENT', 'statuses'],
  ['a tracker run() of a number task id', () => tracker().run(7, () => {}), ArgumentError, 'E_ARGUMENT', 'task id'],
  ['a tracker run() without a function', () => tracker().run('t'), ArgumentError, 'E_ARGUMENT', 'fn'],

  // ---- status tracker: counts, flags and options of its methods (nothing is written) ---------------
  ...[0, -1, NaN, 1.5, Infinity, '4'].map((concurrency) => [`a tracker createMany() with concurrency ${String(concurrency)}`,
    () => tracker().createMany(['a', 'b'], { concurrency }), ArgumentError, 'E_ARGUMENT', 'concurrency']),
  ['a tracker createMany() with a number among the tasks', () => tracker().createMany(['a', 7]), ArgumentError, 'E_ARGUMENT', 'tasks[1]'],
  ['a tracker createMany() with a task id twice', () => tracker().createMany(['a', { taskId: 'b' }, 'a']), ArgumentError, 'E_ARGUMENT', 'tasks[2]'],
  ['a tracker createMany() with overwrite "yes"', () => tracker().createMany(['a'], { overwrite: 'yes' }), ArgumentError, 'E_ARGUMENT', 'overwrite'],
  ['a tracker create() with overwrite 1', () => tracker().create('a', { overwrite: 1 }), ArgumentError, 'E_ARGUMENT', 'overwrite'],
  ['a tracker run() with heartbeatSeconds NaN', () => tracker().run('t', () => {}, { heartbeatSeconds: NaN }), ArgumentError, 'E_ARGUMENT', 'heartbeatSeconds'],
  ['a tracker run() with no statuses', () => tracker().run('t', () => {}, { statuses: [] }), ArgumentError, 'E_ARGUMENT', 'status'],
  ['a tracker work() with concurrency 0', () => tracker().work({ concurrency: 0 }, () => {}), ArgumentError, 'E_ARGUMENT', 'concurrency'],
  ['a tracker work() with an infinite idle pause', () => tracker().work({ idleMs: { max: Infinity } }, () => {}), ArgumentError, 'E_ARGUMENT', 'idleMs.max'],
  ['a tracker work() with drain "yes"', () => tracker().work({ drain: 'yes' }, () => {}), ArgumentError, 'E_ARGUMENT', 'drain'],
  ['a tracker work() with a stopSignal that is not an AbortSignal', () => tracker().work({ stopSignal: {} }, () => {}), ArgumentError, 'E_ARGUMENT', 'stopSignal'],
  ['a tracker queryByStatus() with limit NaN', () => tracker().queryByStatus('pending', { limit: NaN }).next(), ArgumentError, 'E_ARGUMENT', 'limit'],
  ['a tracker queryByStatus() with olderFirst "no"', () => tracker().queryByStatus('pending', { olderFirst: 'no' }).next(), ArgumentError, 'E_ARGUMENT', 'olderFirst'],
  ['a tracker getOneOrNone() with consistentRead "yes"', () => tracker().getOneOrNone('t', { consistentRead: 'yes' }), ArgumentError, 'E_ARGUMENT', 'consistentRead'],
  ['a tracker status named like an Object method', () => tracker().statusCode('toString'), ArgumentError, 'E_ARGUMENT', 'unknown status "toString"'],
  ['a tracker status that is a BigInt', () => tracker().statusCode(10n), ArgumentError, 'E_ARGUMENT', 'unknown status of type bigint'],
  ['a tracker with shards for an Object method', () => tracker({ shards: { toString: 2 } }), ArgumentError, 'E_ARGUMENT', 'toString'],
  ['a tracker with a TTL past any date', () => tracker({ ttl: 1e13 }), ArgumentError, 'E_ARGUMENT', 'ttl.succeeded'],
  ['a tracker with recoverExpired "no"', () => tracker({ recoverExpired: 'no' }), ArgumentError, 'E_ARGUMENT', 'recoverExpired'],
  // ---- returnValuesOnConditionCheckFailure of save/update/delete (refused before any request) ---------
  ['save with returnValuesOnConditionCheckFailure ALL_NEW', () => thing().save({ returnValuesOnConditionCheckFailure: 'ALL_NEW' }), ArgumentError, 'E_ARGUMENT', 'returnValuesOnConditionCheckFailure'],
  ['update with returnValuesOnConditionCheckFailure true', () => thing().update([Thing.attr.secret.set(PLAIN)], { returnValuesOnConditionCheckFailure: true }), ArgumentError, 'E_ARGUMENT', 'returnValuesOnConditionCheckFailure'],
  ['delete with returnValuesOnConditionCheckFailure in lower case', () => thing().delete({ returnValuesOnConditionCheckFailure: 'all_old' }), ArgumentError, 'E_ARGUMENT', 'returnValuesOnConditionCheckFailure'],

  // ---- adapters (dynamodb-mate/toolbox, dynamodb-mate/electrodb): definitions and values ----------------
  ['a toolbox encrypted attribute with a key provider', () => toolbox.encryptedString({ key: async () => KEY, table: 't', attribute: 'ssn' }), ModelError, 'E_MODEL', 'encryptedString("ssn")'],
  ['an ElectroDB encrypted attribute with a provider in its keyring', () => electrodb.encryptedJson({ key: { current: 'a', keys: { a: async () => KEY } }, table: 't', attribute: 'ssn' }), ModelError, 'E_MODEL', 'resolve a key provider'],
  ['an adapter randomized aead attribute', () => toolbox.encryptedString({ key: KEY, table: 't', attribute: 'ssn', deterministic: false }), ModelError, 'E_MODEL', 'primary key'],
  ['an adapter aead attribute without its table', () => electrodb.encryptedString({ key: KEY, attribute: 'ssn' }), ModelError, 'E_MODEL', 'table and attribute'],
  ['an adapter pynamodb_mate attribute with a keyring', () => toolbox.encryptedBinary({ key: { current: 'a', keys: { a: PASSWORD } }, format: 'pynamodb_mate' }), ModelError, 'E_MODEL', 'stores no key id'],
  ['an adapter attribute with an unknown format', () => electrodb.encryptedNumber({ key: KEY, format: 'rot13' }), ModelError, 'E_MODEL', 'format'],
  ['an adapter number both integer and float', () => toolbox.encryptedNumber({ key: PASSWORD, format: 'pynamodb_mate', integer: true, float: true }), ModelError, 'E_MODEL', 'integer and float'],
  ['an adapter attribute with an unknown option', () => electrodb.compressedJson({ key: KEY }), ArgumentError, 'E_ARGUMENT', 'unknown option "key"'],
  ['an adapter attribute with options that are a string', () => toolbox.compressedString(PLAIN), ModelError, 'E_MODEL', 'options'],
  ['an adapter attribute with a 31-byte key', () => electrodb.encryptedString({ key: KEY.subarray(1), table: 't', attribute: 'ssn' }), KeyError, 'E_KEY_LENGTH', 'encryptedString("ssn")'],
  ['an adapter compressed attribute with level 10', () => toolbox.compressedBinary({ level: 10 }), ArgumentError, 'E_ARGUMENT', 'compressedBinary'],
  ['an adapter compressed attribute with maxOutput -1', () => electrodb.compressedString({ attribute: 'bio', maxOutput: -1 }), ArgumentError, 'E_ARGUMENT', 'compressedString("bio")'],
  ['an adapter pynamodb_mate attribute with a key id', () => toolbox.encryptedJson({ key: PASSWORD, format: 'pynamodb_mate', keyId: 'k1', attribute: 'doc' }), ArgumentError, 'E_ARGUMENT', 'keyId'],
  ['an ElectroDB encrypted string given a number', () => electrodb.encryptedString({ key: KEY, table: 't', attribute: 'ssn' }).set(1234), ArgumentError, 'E_INPUT_TYPE', 'electrodb encryptedString("ssn")'],
  ['an ElectroDB encrypted value of another attribute', () => electrodb.encryptedString({ key: KEY, table: 'vault', attribute: 'pin' }).get(ssnStored), DecryptionError, 'E_AEAD_CONTEXT', 'encryptedString("pin")'],
  ['a toolbox JSON value holding a Date', () => toolbox.compressedJson({ attribute: 'prefs' }).props.transform.encode({ at: new Date(0), note: PLAIN }), EncodingError, 'E_JSON_TYPE', 'compressedJson("prefs")'],
  ['a toolbox compressed value that is no gzip', () => toolbox.compressedString().props.transform.decode(new TextEncoder().encode(PLAIN)), CompressionError, 'E_GZIP_HEADER', 'toolbox compressedString'],

  // ---- status tracker: an operator's status change and counts by shard (the CLI's tracker command) ----
  ['a tracker setStatus() to an unknown status', () => tracker().setStatus('t', 'done'), ArgumentError, 'E_ARGUMENT', 'unknown status "done"'],
  ['a tracker setStatus() with a misspelt from', () => tracker().setStatus('t', 'pending', { form: ['failed'] }), ArgumentError, 'E_ARGUMENT', '"form" (did you mean "from"?)'],
  ['a tracker setStatus() from an unknown status', () => tracker().setStatus('t', 'pending', { from: ['failed', 'nope'] }), ArgumentError, 'E_ARGUMENT', 'unknown status "nope"'],
  ['a tracker setStatus() from no status', () => tracker().setStatus('t', 'pending', { from: [] }), ArgumentError, 'E_ARGUMENT', 'at least one status'],
  ['a tracker setStatus() of a number task id', () => tracker().setStatus(7, 'pending'), ArgumentError, 'E_ARGUMENT', 'task id'],
  ['a tracker countByShard() of two statuses', () => tracker().countByShard(['pending', 'failed']), ArgumentError, 'E_ARGUMENT', 'unknown status'],

  // ---- randomized aead in ElectroDB (bound to the item's key, option keyAttributes) --------------------
  ['an ElectroDB randomized aead attribute without keyAttributes', () => electrodb.encryptedString({ key: KEY, table: 't', attribute: 'ssn', deterministic: false }), ModelError, 'E_MODEL', 'keyAttributes'],
  ['an ElectroDB randomized aead attribute with three keyAttributes', () => electrodb.encryptedString({ ...randomSsn, keyAttributes: ['a', 'b', 'c'] }), ModelError, 'E_MODEL', 'hash key then range key'],
  ['an ElectroDB deterministic attribute with keyAttributes', () => electrodb.encryptedString({ key: KEY, table: 't', attribute: 'ssn', keyAttributes: ['pk'] }), ArgumentError, 'E_ARGUMENT', 'unknown option "keyAttributes"'],
  ['a toolbox attribute with keyAttributes', () => toolbox.encryptedString({ ...randomSsn, keyAttributes: ['pk'] }), ArgumentError, 'E_ARGUMENT', 'unknown option "keyAttributes"'],
  ['an ElectroDB randomized aead value set without the item\'s key (a patch)', () => electrodb.encryptedString(randomSsn).set(PLAIN, { ssn: PLAIN }), ItemError, 'E_ITEM_REQUIRED', 'electrodb encryptedString("ssn")'],
  ['an ElectroDB randomized aead value read from an item whose key is a number', () => electrodb.encryptedString(randomSsn).get(new Uint8Array(60), { pk: 7 }), ArgumentError, 'E_INPUT_TYPE', 'key attribute pk must be a string'],
  ['an ElectroDB randomized aead value of an item whose key has a lone surrogate', () => electrodb.encryptedString(randomSsn).set(PLAIN, { pk: 'a\uD800' }), EncodingError, 'E_UTF8', 'key attribute pk'],

  // ---- S3 storage (dynamodb-mate/s3): the model's s3 is s3Storage(s3Client), not the client ----------
  ['a bare S3Client as a model\'s s3', () => defineModel({ table: 'docs', client: noRequests, s3: noRequests, attributes: { id: attr.string({ hashKey: true }), page: attr.s3Text({ bucket: 'pages' }) } }), ModelError, 'E_MODEL', "s3 must be an S3 storage (S3-backed attributes: page): wrap the S3Client: s3: s3Storage(s3Client), with s3Storage from 'dynamodb-mate/s3'"],
  ['s3Storage() of something that is not an S3Client', () => s3Storage({ region: 'eu-west-1' }), ArgumentError, 'E_ARGUMENT', 's3Storage(client): client must be an S3Client'],

  // ---- collectS3Orphans: a deleting run says which other tables share the prefixes (models) -----------
  ['a deleting collectS3Orphans() without models', () => Vault.collectS3Orphans({ olderThan: 0 }), ArgumentError, 'E_ARGUMENT', "Vault.collectS3Orphans(): models is required unless dryRun is true: an object under these prefixes that only another table's items reference"],
  ['collectS3Orphans() with models that are not model classes', () => Vault.collectS3Orphans({ models: [PLAIN], dryRun: true }), ArgumentError, 'E_ARGUMENT', 'models must be an array of model classes'],
];

test('the bad-input catalogue has at least 60 rows with unique titles', () => {
  assert.ok(ROWS.length >= 60, `${ROWS.length} rows`);
  assert.equal(new Set(ROWS.map(([title]) => title)).size, ROWS.length);
});

/** The error `run` throws or rejects with (an error-free row fails the test). */
async function caught(run) {
  try {
    await run();
  } catch (error) {
    return error;
  }
  assert.fail('nothing was thrown');
}

for (const [title, run, type, code, names] of ROWS) {
  test(`bad input: ${title} -> ${code}`, async () => {
    const error = await caught(run);
    assert.ok(error instanceof errors.DynamoDBMateError, `not a DynamoDBMateError: ${error?.stack ?? error}`);
    assert.ok(error instanceof type, `${error.name} is not a ${type.name}: ${error.message}`);
    assert.equal(error.code, code, error.message);
    assert.equal(error.name, error.constructor.name);
    assert.ok(error.message.includes(names), `the message does not name ${names}: ${error.message}`);
    const views = { message: error.message, stack: error.stack, json: JSON.stringify(error), inspect: inspect(error, { depth: 8 }) };
    for (const [view, text] of Object.entries(views)) {
      for (const secret of SECRETS) assert.ok(!text?.includes(secret), `the error's ${view} leaks a secret: ${text}`);
    }
  });
}
