// The table of option keys (./table.mjs) agrees with the declarations users compile against
// (pkg-template/index.d.ts): for each table entry, the keys of its TypeScript type(s) are exactly the
// entry's keys. Checked by the workspace's tsc on a generated file of two assignments per type (table
// keys to type keys and back), so that a diagnostic names the key that is on one side only. Every
// exported `...Options` type of the declarations is either compared here or listed as a part of one.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { importDeclarations, root, typecheck } from '../testing/typecheck.mjs';
import { OPTIONS } from './table.mjs';

const declarations = join(root, 'pkg-template/index.d.ts');

const param = (f, i) => `NonNullable<Parameters<${f}>[${i}]>`;
const statics = (method) => `M.ModelStatics<M.Attributes>['${method}']`;
const encrypted = (t) => [`Exclude<${t}, { format: 'pynamodb_mate' }>`, `Extract<${t}, { format: 'pynamodb_mate' }>`];
const [aeadString, pmString] = encrypted('M.EncryptedOptions<string>');
const [aeadNumber, pmNumber] = encrypted('M.EncryptedNumberOptions');

/** Table entry → the TypeScript types (over `M`, the declarations) whose keys it lists. */
const TYPES = {
  'codec.gzip': [param('typeof M.codec.gzip', 1)],
  'codec.gunzip': [param('typeof M.codec.gunzip', 1)],
  'codec.pythonJsonDumps': ['M.codec.DumpsOptions', param('typeof M.codec.pythonJsonDumps', 1)],
  'codec.aead': encrypted(param('typeof M.codec.encrypt', 1)).slice(0, 1).concat(encrypted(param('typeof M.codec.decrypt', 1)).slice(0, 1)),
  'codec.pynamodb_mate': encrypted(param('typeof M.codec.encrypt', 1)).slice(1).concat(encrypted(param('typeof M.codec.decrypt', 1)).slice(1)),
  'codec.compress': [param('typeof M.codec.compress', 1)],
  'codec.decompress': [param('typeof M.codec.decompress', 1)],
  keyring: ['M.codec.Keyring', 'M.codec.ProvidedKeyring', 'M.EncryptionKeyring'],

  'adapter.compressed': ['M.AdapterCompressedOptions'],
  'adapter.compressedJson': ['M.AdapterCompressedJsonOptions'],
  'adapter.aead': ['M.AdapterAeadOptions'],
  'adapter.aeadNumber': ['M.AdapterAeadOptions & M.AdapterNumberKind'],
  'adapter.aeadRandomized': ['M.AdapterRandomizedAeadOptions'],
  'adapter.aeadRandomizedNumber': ['M.AdapterRandomizedAeadOptions & M.AdapterNumberKind'],
  'adapter.pynamodb_mate': ['M.AdapterPynamodbMateOptions'],
  'adapter.pynamodb_mateNumber': ['M.AdapterPynamodbMateOptions & M.AdapterNumberKind'],

  'attr.string': ['M.StringOptions'],
  'attr.number': ['M.NumberOptions'],
  'attr.binary': ['M.BinaryOptions'],
  'attr.boolean': ['M.BooleanOptions'],
  'attr.null': ['M.NullOptions'],
  'attr.stringSet': ['M.StringSetOptions'],
  'attr.numberSet': ['M.NumberSetOptions'],
  'attr.binarySet': ['M.BinarySetOptions'],
  'attr.list': ['M.ListOptions'],
  'attr.map': ['M.MapOptions'],
  'attr.map.polymorphic': ['M.PolymorphicMapOptions'],
  'attr.dynamic': ['M.DynamicOptions'],
  'attr.json': ['M.JsonOptions'],
  'attr.datetime': ['M.DatetimeOptions'],
  'attr.ttl': ['M.DateOptions'],
  'attr.version': ['M.VersionOptions'],
  'attr.discriminator': ['M.DiscriminatorOptions'],
  'attr.compressedString': ['M.CompressedStringOptions'],
  'attr.compressedBinary': ['M.CompressedBinaryOptions'],
  'attr.compressedJson': ['M.CompressedJsonOptions'],
  'attr.s3Text': ['M.S3Options<string>'],
  'attr.s3Binary': ['M.S3Options<Uint8Array>'],
  'attr.s3Json': ['M.S3Options<M.JsonAttributeValue>'],
  'attr.encryptedString': [aeadString],
  'attr.encryptedBinary': [encrypted('M.EncryptedOptions<Uint8Array>')[0]],
  'attr.encryptedNumber': [aeadNumber],
  'attr.encryptedJson': [encrypted('M.EncryptedOptions<M.JsonAttributeValue>')[0]],
  'attr.encryptedString.pynamodb_mate': [pmString],
  'attr.encryptedBinary.pynamodb_mate': [encrypted('M.EncryptedOptions<Uint8Array>')[1]],
  'attr.encryptedNumber.pynamodb_mate': [pmNumber],
  'attr.encryptedJson.pynamodb_mate': [encrypted('M.EncryptedOptions<M.JsonAttributeValue>')[1]],
  legacyKey: ['M.LegacyKeyOptions'],

  definition: ['M.ModelDefinition'],
  subclass: ['M.SubclassDefinition', param(statics('defineSubclass'), 0)],
  globalIndex: ['M.GlobalIndexDefinition'],
  localIndex: ['M.LocalIndexDefinition'],
  throughput: ['M.Throughput'],

  table: [param(statics('createTable'), 0), param(statics('deleteTable'), 0), param("M.StatusTracker['createTable']", 0), param("M.StatusTracker['deleteTable']", 0)],
  get: ['M.GetOptions<M.Attributes>'],
  write: ['M.WriteOptions', param("M.ModelMethods['save']", 0), param("M.ModelMethods['delete']", 0), param("M.ModelMethods['update']", 1)],
  abort: ['M.AbortOptions', param("M.ModelMethods['deleteIfExists']", 0), param(statics('transactGet'), 1)],
  refresh: [param("M.ModelMethods['refresh']", 0)],
  op: ['M.VersionConditionOptions', param("M.ModelMethods['putOp']", 0), param("M.ModelMethods['updateOp']", 1), param("M.ModelMethods['deleteOp']", 0)],
  query: ['M.QueryOptions'],
  scan: ['M.ScanOptions', param(statics('scan'), 0)],
  scanPage: ['M.ScanPageOptions', param(statics('scanPage'), 0)],
  count: ['M.CountOptions'],
  batchGet: ['M.BatchGetOptions<M.Attributes>'],
  batchWriteRequests: [param(statics('batchWrite'), 0)],
  batchWrite: [param(statics('batchWrite'), 1)],
  retry: ['M.RetryOptions'],
  transactWrite: [param(statics('transactWrite'), 1)],
  consoleUrl: ['M.ConsoleUrlOptions', param(statics('tableOverviewConsoleUrl'), 0), param("M.ModelMethods['itemDetailConsoleUrl']", 0)],
  setKey: [param(statics('setKey'), 2)],
  reencrypt: ['M.ReencryptOptions'],
  collectS3Orphans: ['M.CollectS3OrphansOptions'],

  tracker: ['M.StatusTrackerOptions'],
  trackerTtl: ["Exclude<NonNullable<M.StatusTrackerOptions['ttl']>, number>"],
  createTask: ['M.CreateTaskOptions'],
  taskSpec: ['Exclude<M.TaskSpec, string>'],
  createMany: [param("M.StatusTracker['createMany']", 1)],
  trackerGet: [param("M.StatusTracker['get']", 1), param("M.StatusTracker['getOneOrNone']", 1)],
  setStatus: [param("M.StatusTracker['setStatus']", 2)],
  run: ['M.RunOptions', param("M.StatusTracker['run']", 2)],
  work: ['M.WorkOptions', param("M.StatusTracker['work']", 0)],
  idleMs: ["NonNullable<M.WorkOptions['idleMs']>"],
  queryByStatus: ['M.QueryByStatusOptions', param("M.StatusTracker['queryByStatus']", 1), param("M.StatusTracker['queryUnfinished']", 0)],

};

/** Exported options types that are parts of the types above (or unions of them), not options of their own. */
const PARTS = ['CommonOptions', 'ConditionOptions', 'KeyOptions', 'CompressionOptions', 'S3CommonOptions', 'AeadKeyOptions', 'PynamodbMateKeyOptions',
  'ReadOptions', 'AeadOptions', 'LegacyOptions', 'EncryptOptions', 'ProvidedKeyOptions', 'EncryptedOptions', 'EncryptedNumberOptions', 'S3Options',
  'AdapterEncryptedOptions', 'AdapterEncryptedNumberOptions'];

test('every table entry has its TypeScript types, and every exported options type is compared or a part', () => {
  assert.deepEqual(Object.keys(OPTIONS).filter((name) => !TYPES[name]), []);
  assert.deepEqual(Object.keys(TYPES).filter((name) => !OPTIONS[name]), []);
  const exported = [...readFileSync(declarations, 'utf8').matchAll(/^\s*(?:export\s+)?(?:declare\s+)?(?:interface|type)\s+(\w+Options)\b/gm)].map((m) => m[1]);
  assert.ok(exported.length > 30, `${exported.length} options types found`);
  const compared = Object.values(TYPES).flat().join(' ');
  assert.deepEqual(exported.filter((name) => !PARTS.includes(name) && !new RegExp(`\\.${name}\\b`).test(compared)), []);
});

test('each table entry lists exactly the keys of its TypeScript types', () => {
  const lines = [importDeclarations(), 'type Keys<T> = T extends unknown ? keyof T & string : never;'];
  const where = new Map();
  for (const [name, types] of Object.entries(TYPES)) {
    const keys = OPTIONS[name].map((k) => JSON.stringify(k)).join(' | ');
    for (const [i, type] of types.entries()) {
      // Table to types: a key the types lack is reported; types to table: a key the table lacks.
      where.set(lines.length + 1, `${name}: a key the table has and ${type} has not`);
      lines.push(`export const t${where.size}: Keys<${type}> = null as unknown as ${keys};`);
      where.set(lines.length + 1, `${name}: a key ${type} has and the table has not`);
      lines.push(`export const k${where.size}: ${keys} = null as unknown as Keys<${type}>; // ${i}`);
    }
  }
  const problems = typecheck(lines).map(({ line, message }) => (line ? `${where.get(line) ?? `line ${line}`}: ${message}` : message));
  assert.deepEqual(problems, []);
});
