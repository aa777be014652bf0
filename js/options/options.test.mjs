// Every public function refuses unknown option keys. The test walks the public API reflectively
// (module exports, the functions of namespaces, classes' constructors and prototype methods, a
// defined model's statics and instance methods) and fails on a function missing from CALLS, so that
// a new function or option cannot be added unchecked. Each options position of each function is
// called with a near miss of every key the table knows (it must be refused, naming the key and
// suggesting the real one) and with a random key, on clients that fail the test if a request is sent.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import * as api from '../node.mjs';
import * as electrodb from '../adapters/electrodb.mjs';
import * as toolbox from '../adapters/toolbox.mjs';
import { OPTIONS } from './table.mjs';
import { checkOptions } from './check.mjs';
import { nearest } from './unknown.mjs';
import { s3Storage } from '../s3.mjs';

const { StatusTracker, attr, codec, defineModel, errors } = api;

const noRequests = { send: () => assert.fail('no request may be sent') };
const KEY = new Uint8Array(32).fill(7);
const ring = (o = {}) => ({ current: 'a', keys: { a: KEY }, ...o });
const Thing = defineModel({
  name: 'Thing',
  table: 'things',
  client: noRequests,
  s3: s3Storage(noRequests),
  attributes: {
    id: attr.string({ hashKey: true }),
    n: attr.number({ nullable: true }),
    ssn: attr.encryptedString({ key: ring(), nullable: true }),
    page: attr.s3Text({ bucket: 'pages', nullable: true }),
  },
});
const thing = () => Thing.create({ id: 'k' });
const tracker = (o = {}) => new StatusTracker({ client: noRequests, table: 'tasks', useCaseId: 'crawl', ...o });
const definition = (o = {}) => ({ table: 'things', client: noRequests, attributes: { id: attr.string({ hashKey: true }), n: attr.number() }, ...o });
const body = () => {};

/** A function that takes no options object: why. */
const none = (why) => ({ none: why });
/** The options positions of a function: `[table entry, call with an options object in that position]`. */
const takes = (...positions) => ({ positions });

const DATA = 'its arguments are values or data, not options';
const ERROR_CLASS = 'an error class: the library makes its errors, (code, message, details) are not options';
const DATE_SETTER = 'a Date setter: UtcDateTime is immutable, every setter throws';
const attrFactory = (name) => takes([`attr.${name}`, (o) => attr[name]({ ...(name.startsWith('s3') ? { bucket: 'pages' } : {}), ...o })]);
const encryptedFactory = (name) => takes(
  [`attr.${name}`, (o) => attr[name]({ key: KEY, ...o })],
  [`attr.${name}.pynamodb_mate`, (o) => attr[name]({ key: 'pw', format: 'pynamodb_mate', ...o })],
  ['legacyKey', (o) => attr[name]({ key: KEY, legacy: { key: 'pw', ...o } })],
  ['keyring', (o) => attr[name]({ key: ring(o) })],
);

/** The attribute factories of an adapter module (`dynamodb-mate/toolbox`, `/electrodb`) and their options. */
function adapterCalls(label, adapter) {
  const aead = { key: KEY, table: 't', attribute: 'a' };
  const pm = { key: 'pw', format: 'pynamodb_mate' };
  const randomized = { ...aead, deterministic: false, keyAttributes: ['pk'] };
  const encrypted = (name, suffix = '') => takes(
    [`adapter.aead${suffix}`, (o) => adapter[name]({ ...aead, ...o })],
    [`adapter.pynamodb_mate${suffix}`, (o) => adapter[name]({ ...pm, ...o })],
    ['keyring', (o) => adapter[name]({ ...aead, key: ring(o) })],
    ...(label === 'electrodb' ? [[`adapter.aeadRandomized${suffix}`, (o) => adapter[name]({ ...randomized, ...o })]] : []),
  );
  return {
    [`${label}.compressedString`]: takes(['adapter.compressed', (o) => adapter.compressedString(o)]),
    [`${label}.compressedBinary`]: takes(['adapter.compressed', (o) => adapter.compressedBinary(o)]),
    [`${label}.compressedJson`]: takes(['adapter.compressedJson', (o) => adapter.compressedJson(o)]),
    [`${label}.encryptedString`]: encrypted('encryptedString'),
    [`${label}.encryptedBinary`]: encrypted('encryptedBinary'),
    [`${label}.encryptedNumber`]: encrypted('encryptedNumber', 'Number'),
    [`${label}.encryptedJson`]: encrypted('encryptedJson'),
  };
}

const CALLS = {
  init: none('no arguments'),
  defineModel: takes(
    ['definition', (o) => defineModel(definition(o))],
    ['globalIndex', (o) => defineModel(definition({ indexes: { byN: { type: 'global', hashKey: 'n', ...o } } }))],
    ['localIndex', (o) => defineModel(definition({ attributes: { id: attr.string({ hashKey: true }), n: attr.number({ rangeKey: true }), m: attr.number() }, indexes: { byM: { type: 'local', rangeKey: 'm', ...o } } }))],
    ['throughput', (o) => defineModel(definition({ billingMode: 'PROVISIONED', throughput: { read: 1, write: 1, ...o } }))],
  ),

  'codec.gzip': takes(['codec.gzip', (o) => codec.gzip('x', o)]),
  'codec.gunzip': takes(['codec.gunzip', (o) => codec.gunzip(codec.gzip('x'), o)]),
  'codec.sha256Hex': none(DATA),
  'codec.md5Hex': none(DATA),
  'codec.b85encode': none(DATA),
  'codec.b85decode': none(DATA),
  'codec.pythonJsonDumps': takes(['codec.pythonJsonDumps', (o) => codec.pythonJsonDumps({ a: 1 }, o)]),
  'codec.pythonJsonLoads': none(DATA),
  'codec.formatDatetime': none('a Date or { epochMicros }: a value'),
  'codec.parseDatetime': none(DATA),
  'codec.legacyKeyFromPassword': none(DATA),
  'codec.encrypt': takes(
    ['codec.aead', (o) => codec.encrypt('x', { key: KEY, table: 't', attribute: 'a', ...o })],
    ['codec.pynamodb_mate', (o) => codec.encrypt('x', { key: 'pw', format: 'pynamodb_mate', ...o })],
    ['keyring', (o) => codec.encrypt('x', { key: ring(o), table: 't', attribute: 'a' })],
  ),
  'codec.decrypt': takes(
    ['codec.aead', (o) => codec.decrypt(new Uint8Array(40), { key: KEY, table: 't', attribute: 'a', kind: 'string', ...o })],
    ['codec.pynamodb_mate', (o) => codec.decrypt(new Uint8Array(16), { key: 'pw', format: 'pynamodb_mate', kind: 'string', ...o })],
    ['keyring', (o) => codec.decrypt(new Uint8Array(40), { key: ring(o), table: 't', attribute: 'a', kind: 'string' })],
  ),
  'codec.compress': takes(['codec.compress', (o) => codec.compress('x', o)]),
  'codec.decompress': takes(['codec.decompress', (o) => codec.decompress(codec.compress('x'), { kind: 'string', ...o })]),
  'codec.PythonFloat': none('a number'),
  'codec.PythonFloat#valueOf': none('no arguments'),
  'codec.PythonFloat#toString': none('no arguments'),
  'codec.PythonFloat#toJSON': none('no arguments'),

  ...Object.fromEntries(Object.keys(attr).map((name) => [`attr.${name}`, name.startsWith('encrypted') ? encryptedFactory(name) : attrFactory(name)])),
  'attr.map': takes(['attr.map', (o) => attr.map(o)], ['attr.map.polymorphic', (o) => attr.map({ subclasses: {}, ...o })]),
  'cond.and': none('conditions'),
  'cond.or': none('conditions'),
  'cond.not': none('a condition'),
  'consoleUrls.tableOverview': none('region and table names'),
  'consoleUrls.tableItems': none('region and table names'),
  'consoleUrls.itemDetail': none('region, table name and key values'),
  UtcDateTime: none('epoch microseconds or a Date'),
  ...Object.fromEntries(['setDate', 'setFullYear', 'setHours', 'setMilliseconds', 'setMinutes', 'setMonth', 'setSeconds', 'setTime',
    'setUTCDate', 'setUTCFullYear', 'setUTCHours', 'setUTCMilliseconds', 'setUTCMinutes', 'setUTCMonth', 'setUTCSeconds', 'setYear']
    .map((name) => [`UtcDateTime#${name}`, none(DATE_SETTER)])),
  ...Object.fromEntries(Object.keys(errors).map((name) => [`errors.${name}`, none(ERROR_CLASS)])),

  StatusTracker: takes(
    ['tracker', (o) => tracker(o)],
    ['trackerTtl', (o) => tracker({ ttl: { succeeded: 60, ...o } })],
  ),
  'StatusTracker#statusCode': none('a status name or code'),
  'StatusTracker#createTable': takes(['table', (o) => tracker().createTable(o)]),
  'StatusTracker#deleteTable': takes(['table', (o) => tracker().deleteTable(o)]),
  'StatusTracker#create': takes(['createTask', (o) => tracker().create('t', o)]),
  'StatusTracker#createMany': takes(
    ['createMany', (o) => tracker().createMany(['t'], o)],
    ['taskSpec', (o) => tracker().createMany([{ taskId: 't', ...o }])],
  ),
  'StatusTracker#getOneOrNone': takes(['trackerGet', (o) => tracker().getOneOrNone('t', o)]),
  'StatusTracker#get': takes(['trackerGet', (o) => tracker().get('t', o)]),
  'StatusTracker#run': takes(['run', (o) => tracker().run('t', body, o)]),
  'StatusTracker#queryByStatus': takes(['queryByStatus', (o) => tracker().queryByStatus('pending', o)]),
  'StatusTracker#queryUnfinished': takes(['queryByStatus', (o) => tracker().queryUnfinished(o)]),
  'StatusTracker#countByStatus': none('statuses'),
  'StatusTracker#countByShard': none('one status'),
  'StatusTracker#setStatus': takes(['setStatus', (o) => tracker().setStatus('t', 'pending', o)]),
  'StatusTracker#deleteByUseCase': none('no arguments'),
  'StatusTracker#work': takes(
    ['work', (o) => tracker().work(o, body)],
    ['idleMs', (o) => tracker().work({ idleMs: o }, body)],
  ),

  'Model.fromItem': none('a stored item (internal)'),
  'Model.prepare': none('no arguments'),
  'Model.setKey': takes(
    ['setKey', (o) => Thing.setKey('ssn', ring(), o)],
    ['keyring', (o) => Thing.setKey('ssn', ring(o))],
  ),
  'Model.reencrypt': takes(['reencrypt', (o) => Thing.reencrypt(o)]),
  'Model.collectS3Orphans': takes(['collectS3Orphans', (o) => Thing.collectS3Orphans(o)]),
  'Model.createTable': takes(['table', (o) => Thing.createTable(o)]),
  'Model.describeTable': none('no arguments'),
  'Model.deleteTable': takes(['table', (o) => Thing.deleteTable(o)]),
  'Model.create': none('attribute values: unknown ones are E_ITEM_UNKNOWN'),
  'Model.get': takes(['get', (o) => Thing.get('k', o)]),
  'Model.defineSubclass': takes(['subclass', (o) => Thing.defineSubclass({ value: 'x', ...o })]),
  'Model.getOneOrNone': takes(['get', (o) => Thing.getOneOrNone('k', o)]),
  'Model.fromJSON': none('an item in DynamoDB JSON: data'),
  'Model.tableOverviewConsoleUrl': takes(['consoleUrl', (o) => Thing.tableOverviewConsoleUrl(o)]),
  'Model.tableItemsConsoleUrl': takes(['consoleUrl', (o) => Thing.tableItemsConsoleUrl(o)]),
  'Model.query': takes(['query', (o) => Thing.query('k', o)]),
  'Model.queryPage': takes(['query', (o) => Thing.queryPage('k', o)]),
  'Model.scan': takes(['scan', (o) => Thing.scan(o)]),
  'Model.scanPage': takes(['scanPage', (o) => Thing.scanPage(o)]),
  'Model.count': takes(['count', (o) => Thing.count(undefined, o)], ['count', (o) => Thing.count('k', o)]),
  'Model.batchGet': takes(['batchGet', (o) => Thing.batchGet(['k'], o)], ['retry', (o) => Thing.batchGet(['k'], { retry: o })]),
  'Model.batchWrite': takes(
    ['batchWriteRequests', (o) => Thing.batchWrite({ put: [thing()], ...o })],
    ['batchWrite', (o) => Thing.batchWrite({ put: [thing()] }, o)],
    ['retry', (o) => Thing.batchWrite({ put: [thing()] }, { retry: o })],
  ),
  'Model.transactWrite': takes(['transactWrite', (o) => Thing.transactWrite([thing().putOp()], o)]),
  'Model.transactGet': takes(['abort', (o) => Thing.transactGet([Thing.getOp('k')], o)]),
  'Model.getOp': none('key values'),
  'Model.conditionCheckOp': none('a key and a condition'),
  'Model#save': takes(['write', (o) => thing().save(o)]),
  'Model#update': takes(['write', (o) => thing().update([Thing.attr.n.set(1)], o)]),
  'Model#delete': takes(['write', (o) => thing().delete(o)]),
  'Model#deleteIfExists': takes(['abort', (o) => thing().deleteIfExists(o)]),
  'Model#refresh': takes(['refresh', (o) => thing().refresh(o)]),
  'Model#toJSON': none('no arguments'),
  'Model#itemDetailConsoleUrl': takes(['consoleUrl', (o) => thing().itemDetailConsoleUrl(o)]),
  'Model#putOp': takes(['op', (o) => thing().putOp(o)]),
  'Model#updateOp': takes(['op', (o) => thing().updateOp([Thing.attr.n.set(1)], o)]),
  'Model#deleteOp': takes(['op', (o) => thing().deleteOp(o)]),
  ...adapterCalls('toolbox', toolbox),
  ...adapterCalls('electrodb', electrodb),
};

const isClass = (f) => /^class\b/.test(Function.prototype.toString.call(f));
/** Own methods (data properties holding functions) of `object`, along its prototype chain up to `stop`. */
function methods(object, stop, skip = []) {
  const names = new Set();
  for (let o = object; o && o !== stop; o = Object.getPrototypeOf(o)) {
    for (const [name, d] of Object.entries(Object.getOwnPropertyDescriptors(o))) {
      if (typeof d.value === 'function' && !skip.includes(name)) names.add(name);
    }
  }
  return [...names];
}
/** `label` for a function, and `label#method` for a class's prototype methods. */
function functionNames(label, f) {
  return [label, ...(isClass(f) ? methods(f.prototype, Object.getPrototypeOf(f.prototype) ?? Object.prototype, ['constructor']).map((m) => `${label}#${m}`) : [])];
}

/** Every public function, as CALLS names it. */
function publicFunctions() {
  const names = [];
  for (const [name, value] of Object.entries(api)) {
    if (typeof value === 'function') names.push(...functionNames(name, value));
    else if (value !== null && typeof value === 'object') {
      for (const [member, f] of Object.entries(value)) if (typeof f === 'function') names.push(...functionNames(`${name}.${member}`, f));
    }
  }
  for (const [label, adapter] of [['toolbox', toolbox], ['electrodb', electrodb]]) {
    for (const [name, f] of Object.entries(adapter)) if (typeof f === 'function') names.push(`${label}.${name}`);
  }
  names.push(...methods(Thing, Function.prototype, ['length', 'name', 'prototype']).map((m) => `Model.${m}`));
  names.push(...methods(Thing.prototype, Object.prototype, ['constructor']).map((m) => `Model#${m}`));
  return names;
}

/** Calls `run`, reading one value of an async iterator and awaiting a promise; the error it threw or rejected with. */
async function caught(run) {
  try {
    const out = run();
    await (typeof out?.next === 'function' ? out.next() : out);
  } catch (error) {
    return error;
  }
  return undefined;
}

/** A typo of `key`: its middle letter dropped (`conditon`, `dryun`). */
const typo = (key) => key.slice(0, Math.floor(key.length / 2)) + key.slice(Math.floor(key.length / 2) + 1);

test('every public function has an entry in the call table, and every entry is a public function', () => {
  const found = publicFunctions();
  assert.deepEqual(found.filter((name) => !(name in CALLS)), [], 'public functions without an entry in CALLS');
  assert.deepEqual(Object.keys(CALLS).filter((name) => !found.includes(name)), [], 'CALLS entries that are no public function');
  for (const [name, entry] of Object.entries(CALLS)) {
    if (entry.none) assert.ok(entry.none.length > 0, name);
    for (const [table] of entry.positions ?? []) assert.ok(OPTIONS[table], `${name}: no table entry ${table}`);
  }
});

test('every table entry is used by some public function', () => {
  const used = new Set(Object.values(CALLS).flatMap((entry) => (entry.positions ?? []).map(([table]) => table)));
  assert.deepEqual(Object.keys(OPTIONS).filter((name) => !used.has(name)), []);
});

for (const [name, { positions = [] }] of Object.entries(CALLS)) {
  for (const [i, [table, call]] of positions.entries()) {
    test(`${name} (options ${i + 1}, ${table}): an unknown key is refused before anything is sent`, async () => {
      const refused = async (key, message) => {
        const error = await caught(() => call({ [key]: 1 }));
        assert.ok(error instanceof errors.ArgumentError, `${name} accepted ${key}: ${error?.stack ?? 'nothing thrown'}`);
        assert.equal(error.code, 'E_ARGUMENT', error.message);
        assert.match(error.message, message);
      };
      for (const key of OPTIONS[table]) {
        const near = typo(key);
        assert.ok(!OPTIONS[table].includes(near), `${table}: typo ${near} is itself a key`);
        await refused(near, new RegExp(`unknown option "${near}" \\(did you mean "${key}"\\?\\)`));
      }
      const random = `zz${Math.random().toString(36).slice(2, 10)}`;
      await refused(random, new RegExp(`unknown option "${random}"; known: ${OPTIONS[table].join(', ')}$`));
    });
  }
}

test('checkOptions: undefined is no options, a non-object is E_INPUT_TYPE, every unknown key is named', () => {
  const known = ['condition', 'abortSignal'];
  assert.deepEqual(checkOptions('x options', undefined, known), {});
  const given = { condition: 1 };
  assert.equal(checkOptions('x options', given, known), given);
  for (const bad of [null, 'condition', 5, [], () => {}]) {
    assert.throws(() => checkOptions('x options', bad, known), (e) => e instanceof errors.ArgumentError && e.code === 'E_INPUT_TYPE' && /^x options must be an object/.test(e.message));
  }
  assert.throws(() => checkOptions('x options', { conditon: 1, abortsignal: 2 }, known),
    { code: 'E_ARGUMENT', message: 'x options: unknown option "conditon", "abortsignal" (did you mean "condition"?); known: condition, abortSignal' });
});

test('checkOptions: a key that does not look like a name is counted, never quoted (it may be data)', () => {
  const known = ['filter'];
  for (const keys of [['078-05-1120'], ['filtr', 'a secret value'], ['x'.repeat(65)]]) {
    const error = caughtSync(() => checkOptions('q options', Object.fromEntries(keys.map((k) => [k, 1])), known));
    assert.equal(error?.code, 'E_ARGUMENT');
    for (const k of keys) assert.ok(!error.message.includes(k), error.message);
    assert.match(error.message, new RegExp(`^q options: ${keys.length} unknown options? \\(known: filter\\)$`));
  }
});

function caughtSync(run) {
  try {
    run();
  } catch (error) {
    return error;
  }
  return undefined;
}

test('nearest: a typo within a third of its letters, case-insensitive; nothing for a stranger', () => {
  const known = ['condition', 'abortSignal', 'dryRun', 'hashKey', 'rangeKey'];
  assert.equal(nearest('conditon', known), 'condition');
  assert.equal(nearest('condtiion', known), 'condition');
  assert.equal(nearest('dryrun', known), 'dryRun');
  assert.equal(nearest('hashkey', known), 'hashKey');
  assert.equal(nearest('abortsignl', known), 'abortSignal');
  assert.equal(nearest('colour', known), undefined);
  assert.equal(nearest('key', known), undefined);
});
