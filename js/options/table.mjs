// The keys of every options object of the public API, nested ones included: the one table that
// ./check.mjs checks against. It mirrors the types (pkg-template/index.d.ts; js/options/types.test.mjs
// compares them) and js/options/options.test.mjs proves every public function checks its options.

const COMMON = ['nullable', 'default', 'attrName'];
const KEYABLE = [...COMMON, 'hashKey', 'rangeKey'];
const NUMBER = ['integer', 'float'];
const COMPRESSED = [...COMMON, 'level', 'maxOutput'];
const S3 = [...COMMON, 'bucket', 'compress', 'maxOutput', 'inlineBelow', 'lazy', 'layout', 'prefix', 'keyTemplate'];
const AEAD = [...COMMON, 'key', 'format', 'keyId', 'deterministic', 'legacy'];
const PYNAMODB_MATE = [...COMMON, 'key', 'format', 'deterministic'];
const ABORT = ['abortSignal'];
const ADAPTER_AEAD = ['table', 'attribute', 'key', 'format', 'keyId', 'deterministic'];
const ADAPTER_PYNAMODB_MATE = ['attribute', 'key', 'format', 'deterministic'];
const READ = ['filter', 'index', 'limit', 'pageSize', 'attributes', 'consistentRead', 'cursor', ...ABORT];
const GET = ['consistentRead', 'attributes', ...ABORT];

const TABLE = {
  // codec.*
  'codec.gzip': ['level', 'mtime'],
  'codec.gunzip': ['maxOutput'],
  'codec.pythonJsonDumps': ['ensureAscii', 'separators', 'sortKeys'],
  /** encrypt and decrypt, format 'aead' (the default) and 'pynamodb_mate'. */
  'codec.aead': ['key', 'format', 'table', 'attribute', 'item', 'keyId', 'deterministic', 'kind'],
  'codec.pynamodb_mate': ['key', 'format', 'deterministic', 'kind'],
  'codec.compress': ['kind', 'level', 'ensureAscii'],
  'codec.decompress': ['kind', 'maxOutput'],
  /** A key option `{ current, keys }` (codec.encrypt/decrypt, attr.encrypted*, Model.setKey). */
  keyring: ['current', 'keys'],

  // attr.*
  'attr.string': KEYABLE,
  'attr.number': [...KEYABLE, ...NUMBER],
  'attr.binary': [...KEYABLE, 'legacyEncoding'],
  'attr.boolean': COMMON,
  'attr.null': ['nullable', 'attrName'],
  'attr.stringSet': COMMON,
  'attr.numberSet': COMMON,
  'attr.binarySet': [...COMMON, 'legacyEncoding'],
  'attr.list': [...COMMON, 'of'],
  'attr.map': [...COMMON, 'attributes'],
  /** A polymorphic typed map (pynamodb's MapAttribute subclasses with a discriminator). */
  'attr.map.polymorphic': [...COMMON, 'attributes', 'subclasses'],
  'attr.dynamic': COMMON,
  'attr.json': COMMON,
  'attr.datetime': KEYABLE,
  'attr.ttl': COMMON,
  'attr.version': ['nullable', 'attrName'],
  'attr.discriminator': ['attrName'],
  'attr.compressedString': COMPRESSED,
  'attr.compressedBinary': COMPRESSED,
  'attr.compressedJson': [...COMPRESSED, 'ensureAscii'],
  'attr.s3Text': S3,
  'attr.s3Binary': S3,
  'attr.s3Json': S3,
  'attr.encryptedString': AEAD,
  'attr.encryptedBinary': AEAD,
  'attr.encryptedNumber': [...AEAD, ...NUMBER],
  'attr.encryptedJson': AEAD,
  'attr.encryptedString.pynamodb_mate': PYNAMODB_MATE,
  'attr.encryptedBinary.pynamodb_mate': PYNAMODB_MATE,
  'attr.encryptedNumber.pynamodb_mate': [...PYNAMODB_MATE, ...NUMBER],
  'attr.encryptedJson.pynamodb_mate': PYNAMODB_MATE,
  /** `legacy` of an aead attribute. */
  legacyKey: ['key', 'deterministic'],

  // dynamodb-mate/toolbox and dynamodb-mate/electrodb attributes (js/adapters/value-codec.mjs)
  'adapter.compressed': ['attribute', 'level', 'maxOutput'],
  'adapter.compressedJson': ['attribute', 'level', 'maxOutput', 'ensureAscii'],
  'adapter.aead': ADAPTER_AEAD,
  'adapter.aeadNumber': [...ADAPTER_AEAD, ...NUMBER],
  /** Randomized aead, bound to the item's key (ElectroDB only). */
  'adapter.aeadRandomized': [...ADAPTER_AEAD, 'keyAttributes'],
  'adapter.aeadRandomizedNumber': [...ADAPTER_AEAD, 'keyAttributes', ...NUMBER],
  'adapter.pynamodb_mate': ADAPTER_PYNAMODB_MATE,
  'adapter.pynamodb_mateNumber': [...ADAPTER_PYNAMODB_MATE, ...NUMBER],

  // defineModel
  definition: ['name', 'table', 'client', 's3', 'onS3CleanupError', 'billingMode', 'throughput', 'attributes', 'indexes', 'discriminatorValue'],
  /** `Model.defineSubclass(definition)`. */
  subclass: ['name', 'value', 'attributes'],
  globalIndex: ['type', 'hashKey', 'rangeKey', 'projection', 'throughput'],
  localIndex: ['type', 'hashKey', 'rangeKey', 'projection'],
  throughput: ['read', 'write'],

  // Model statics and instance methods
  table: ['wait', ...ABORT],
  get: GET,
  write: ['condition', 'addVersionCondition', 'returnValuesOnConditionCheckFailure', ...ABORT],
  abort: ABORT,
  refresh: ['consistentRead', ...ABORT],
  op: ['condition', 'addVersionCondition'],
  query: [...READ, 'range', 'order'],
  scan: [...READ, 'segments'],
  scanPage: [...READ, 'segment', 'totalSegments'],
  count: ['filter', 'index', 'range', 'consistentRead', 'pageSize', ...ABORT],
  batchGet: [...GET, 'retry'],
  batchWriteRequests: ['put', 'delete'],
  batchWrite: ['retry', ...ABORT],
  retry: ['attempts', 'baseMs', 'maxMs'],
  transactWrite: ['clientRequestToken', ...ABORT],
  consoleUrl: ['region'],
  setKey: ['keyId'],
  reencrypt: ['attributes', 'cursor', 'segments', 'pageSize', 'stopSignal', 'onProgress', ...ABORT],
  collectS3Orphans: ['attributes', 'models', 'bucket', 'prefix', 'olderThan', 'dryRun', 'batchSize', 'onProgress', ...ABORT],

  // StatusTracker
  tracker: [
    'client', 'table', 'useCaseId', 'layout', 'statuses', 'extraStatuses', 'readyStatuses', 'shards', 'sep',
    'statusZeroPad', 'shardZeroPad', 'maxRetry', 'lockExpireSeconds', 'tracebackStackLimit', 'recoverExpired',
    'heartbeatSeconds', 'ttl',
  ],
  trackerTtl: ['succeeded', 'ignored', 'attribute'],
  createTask: ['status', 'overwrite', 'data'],
  /** A task of `createMany` given as an object. */
  taskSpec: ['taskId', 'status', 'data'],
  createMany: ['overwrite', 'concurrency'],
  trackerGet: ['consistentRead'],
  setStatus: ['from'],
  run: ['statuses', 'heartbeatSeconds'],
  work: ['concurrency', 'stopSignal', 'statuses', 'drain', 'idleMs', 'heartbeatSeconds'],
  idleMs: ['min', 'max'],
  queryByStatus: ['limit', 'olderFirst', 'pageSize'],
};

/** Entry name → its keys (frozen: the table is read by every call). */
export const OPTIONS = Object.freeze(Object.fromEntries(Object.entries(TABLE).map(([name, keys]) => [name, Object.freeze([...keys])])));
