// Misuse that must not compile. Type-checked by tests/package/types.test.mjs: every
// `@ts-expect-error` must hit an error (tsc reports unused ones), and the same file with the
// directives stripped must fail on exactly the lines below them.
import { attr, cond, consoleUrls, defineModel, errors, StatusTracker, UtcDateTime } from 'dynamodb-mate';
import { s3Storage } from 'dynamodb-mate/s3';
// @ts-expect-error the declarations' helper types are not exported
import type { Simplify } from 'dynamodb-mate';
// @ts-expect-error brands exist in the types only, not at runtime
import { brand } from 'dynamodb-mate';

const client = { send: async (_command: unknown) => ({}) };

const Page = defineModel({
  table: 'pages',
  client,
  attributes: {
    site: attr.string({ hashKey: true }),
    path: attr.string({ rangeKey: true }),
    title: attr.string(),
    views: attr.number({ integer: true, default: 0 }),
    score: attr.number({ float: true, nullable: true }),
    live: attr.boolean(),
    tags: attr.stringSet(),
    links: attr.list({ of: attr.string() }),
    meta: attr.map({ author: attr.string(), seen: attr.datetime({ nullable: true }) }),
    doc: attr.json({ nullable: true }),
    crawled: attr.datetime({ default: () => new Date() }),
    version: attr.version(),
  },
  indexes: { byTitle: { type: 'global', hashKey: 'title' }, byViews: { type: 'global', hashKey: 'site', rangeKey: 'views' } },
});
const Url = defineModel({
  table: 'urls',
  client,
  attributes: { url: attr.string({ hashKey: true }), n: attr.number({ default: 0 }) },
  indexes: { byN: { type: 'global', hashKey: 'n' } },
});
const valid = {
  site: 's', path: '/', title: 't', live: true, tags: new Set(['a']), links: [], meta: { author: 'Ann' },
};
declare const page: InstanceType<typeof Page>;
declare const url: InstanceType<typeof Url>;

// ---- attribute options ----
// @ts-expect-error unknown option (a typo)
attr.string({ nulable: true });
// @ts-expect-error booleans cannot be keys
attr.boolean({ hashKey: true });
// @ts-expect-error a key cannot be nullable
attr.string({ hashKey: true, nullable: true });
// @ts-expect-error not both hash and range key
attr.number({ hashKey: true, rangeKey: true });
// @ts-expect-error integer and float exclude each other
attr.number({ integer: true, float: true });
// @ts-expect-error the default must be a value of the attribute
attr.number({ default: 'zero' });
// @ts-expect-error the default function must return a value of the attribute
attr.datetime({ default: () => 'now' });
// @ts-expect-error a version has no default
attr.version({ default: 1 });
// @ts-expect-error a list element is no key
attr.list({ of: attr.string({ hashKey: true }) });
// @ts-expect-error a list element has no default
attr.list({ of: attr.string({ default: 'x' }) });
// @ts-expect-error the list default must be a list of its elements
attr.list({ of: attr.number(), default: ['x'] });
// @ts-expect-error a map field is no key
attr.map({ a: attr.string({ hashKey: true }) });
// @ts-expect-error a map needs attributes
attr.map({ nullable: true });
// @ts-expect-error the map default must fit its fields
attr.map({ attributes: { a: attr.string() }, default: { a: 1 } });
// @ts-expect-error a Map is no JSON value
attr.json({ default: new Map() });

// ---- model definitions ----
// @ts-expect-error no hash key
defineModel({ table: 'things', client, attributes: { id: attr.string() } });
// @ts-expect-error two hash keys
defineModel({ table: 'things', client, attributes: { a: attr.string({ hashKey: true }), b: attr.string({ hashKey: true }) } });
// @ts-expect-error two range keys
defineModel({ table: 'things', client, attributes: { a: attr.string({ hashKey: true }), b: attr.string({ rangeKey: true }), c: attr.number({ rangeKey: true }) } });
// @ts-expect-error an attribute named like an instance method
defineModel({ table: 'things', client, attributes: { id: attr.string({ hashKey: true }), save: attr.string() } });
// @ts-expect-error an index key must be a string, number or binary attribute
defineModel({ table: 'things', client, attributes: { id: attr.string({ hashKey: true }), tags: attr.stringSet() }, indexes: { byTags: { type: 'global', hashKey: 'tags' } } });
// @ts-expect-error an index key must be an attribute
defineModel({ table: 'things', client, attributes: { id: attr.string({ hashKey: true }) }, indexes: { byX: { type: 'global', hashKey: 'x' } } });
// @ts-expect-error a local index needs a range key
defineModel({ table: 'things', client, attributes: { id: attr.string({ hashKey: true }), n: attr.number() }, indexes: { l: { type: 'local' } } });
// @ts-expect-error unknown billing mode
defineModel({ table: 'things', client, billingMode: 'ON_DEMAND', attributes: { id: attr.string({ hashKey: true }) } });
// @ts-expect-error the client must be a DynamoDB client
defineModel({ table: 'things', client: {}, attributes: { id: attr.string({ hashKey: true }) } });

// ---- create and instances ----
// @ts-expect-error a required attribute is missing (title)
Page.create({ site: 's', path: '/', live: true, tags: new Set(['a']), links: [], meta: { author: 'Ann' } });
// @ts-expect-error wrong value type for an attribute
Page.create({ ...valid, views: 'many' });
// @ts-expect-error unknown attribute
Page.create({ ...valid, titel: 'typo' });
// @ts-expect-error a non-nullable attribute cannot be null
Page.create({ ...valid, title: null });
// @ts-expect-error a set is a Set, not an array
Page.create({ ...valid, tags: ['a'] });
// @ts-expect-error list elements have the element type
Page.create({ ...valid, links: [1] });
// @ts-expect-error a typed map's required field is missing
Page.create({ ...valid, meta: {} });
// @ts-expect-error a typed map has no other fields
Page.create({ ...valid, meta: { author: 'Ann', editor: 'Bob' } });
// @ts-expect-error a Date is no JSON value
Page.create({ ...valid, doc: new Date() });
// @ts-expect-error a datetime is a Date
Page.create({ ...valid, crawled: '2024-01-01' });
// @ts-expect-error numbers may be BigInt: not a plain number
const views: number = page.views;
// @ts-expect-error a nullable attribute may be absent
const score: number = page.score;
// @ts-expect-error no such attribute
page.nope;
// @ts-expect-error wrong value type on assignment
page.title = 5;
// @ts-expect-error a datetime is read as a Date: epochMicros needs an instanceof UtcDateTime check
page.crawled.epochMicros;

// ---- keys ----
// @ts-expect-error the range key is missing
Page.get('s');
// @ts-expect-error a hash-only model takes no range argument
Url.get('a', 'b');
// @ts-expect-error wrong hash key type
Url.get(1);
// @ts-expect-error wrong range key type
Page.getOneOrNone('s', 1);
// @ts-expect-error projected attributes must exist
Page.get('s', '/', { attributes: ['nope'] });
// @ts-expect-error a model with a range key takes [hash, range] pairs
Page.batchGet(['s']);
// @ts-expect-error a hash-only model takes no pairs
Url.batchGet([['a', 'b']]);
// @ts-expect-error delete keys need the range key too
Page.batchWrite({ delete: [{ site: 's' }] });
// @ts-expect-error getOp needs the range key
Page.getOp('s');

// ---- references, conditions, updates ----
// @ts-expect-error unknown attribute reference
Page.attr.nope;
// @ts-expect-error unknown map field
Page.attr.meta.nope;
// @ts-expect-error wrong value type in a condition
Page.attr.views.eq('1');
// @ts-expect-error wrong value type in a map field condition
Page.attr.meta.author.eq(1);
// @ts-expect-error add is for numbers and sets, not strings
Page.attr.title.add('x');
// @ts-expect-error beginsWith is for strings and binaries
Page.attr.views.beginsWith(1);
// @ts-expect-error ordering comparisons are not for booleans
Page.attr.live.gt(true);
// @ts-expect-error append is for lists
Page.attr.tags.append(['x']);
// @ts-expect-error a set adds Sets of its elements
Page.attr.tags.add(['a']);
// @ts-expect-error a string set has string elements
Page.attr.tags.contains(1);
// @ts-expect-error list elements have the element type
Page.attr.links.append([1]);
// @ts-expect-error list element references have the element type
Page.attr.links.at(0).eq(1);
// @ts-expect-error plus is for numbers
Page.attr.title.plus(1);
// @ts-expect-error key attributes cannot be updated
Page.attr.site.set('other');
// @ts-expect-error the version attribute is managed by save/update
Page.attr.version.set(5);
// @ts-expect-error a required attribute cannot be removed
Page.attr.title.remove();
// @ts-expect-error set takes a value of the attribute
Page.attr.title.set(1);
// @ts-expect-error set takes a value expression of the attribute's type
Page.attr.title.set(Page.attr.views.plus(1));
// @ts-expect-error size() is not allowed in updates
Page.attr.views.set(Page.attr.title.size());
// @ts-expect-error a condition is not an update action
page.update([Page.attr.views.gt(1)]);
// @ts-expect-error an update action is not a condition
page.save({ condition: Page.attr.views.add(1) });
// @ts-expect-error cond.not takes one condition
cond.not(Page.attr.live.eq(true), Page.attr.live.eq(false));
// @ts-expect-error cond combines conditions, not values
cond.and(Page.attr.live.eq(true), true);
// @ts-expect-error not a DynamoDB type name
Page.attr.title.attributeType('STRING');

// ---- queries ----
// @ts-expect-error a range condition must be a key condition
Page.query('s', { range: Page.attr.tags.contains('a') });
// @ts-expect-error a nested field is no key
Page.query('s', { range: Page.attr.meta.author.eq('Ann') });
// @ts-expect-error combined conditions are no key condition
Page.query('s', { range: cond.and(Page.attr.path.eq('/')) });
// @ts-expect-error the range condition must be on the range key (path), not on another attribute
Page.query('s', { range: Page.attr.title.eq('x') });
// @ts-expect-error an index query takes a condition on the index's range key (views)
Page.query('s', { index: 'byViews', range: Page.attr.path.eq('/') });
// @ts-expect-error an index without a range key takes no range condition
Page.query('t', { index: 'byTitle', range: Page.attr.views.eq(1) });
// @ts-expect-error a hash-only model takes no range condition
Url.query('a', { range: Url.attr.n.eq(1) });
// @ts-expect-error count: the range condition must be on the range key
Page.count('s', { range: Page.attr.views.gt(1) });
// @ts-expect-error no such index
Page.query('s', { index: 'nope' });
// @ts-expect-error the index hash key is a string (title)
Page.query(1, { index: 'byTitle' });
// @ts-expect-error the index hash key is a number (n)
Url.query('a', { index: 'byN' });
// @ts-expect-error order is asc or desc
Page.query('s', { order: 'up' });
// @ts-expect-error a filter is a condition
Page.scan({ filter: 'views > 3' });
// @ts-expect-error projected attributes must exist
Page.scan({ attributes: ['nope'] });

// ---- transactions ----
// @ts-expect-error transactWrite takes write operations
Page.transactWrite([Page.getOp('s', '/')]);
// @ts-expect-error transactGet takes read operations
Page.transactGet([page.putOp()]);
// @ts-expect-error conditionCheckOp needs a condition
Url.conditionCheckOp('a');
async function transactTypes() {
  const [u] = await Page.transactGet([Url.getOp('a')]);
  // @ts-expect-error the result is a Url (or null), not a Page
  const p: InstanceType<typeof Page> | null = u;
  return p;
}

// ---- errors and dates ----
declare const itemError: errors.ItemError;
// @ts-expect-error an ItemError's code is an E_ITEM_* code
const notFound: 'E_NOT_FOUND' = itemError.code;
// @ts-expect-error reasons exist on TransactionCanceledError only
itemError.reasons;
declare const dynamodbError: errors.DynamoDBError;
// @ts-expect-error a DynamoDBError's code is one of the DynamoDB codes
const notAnItemCode: errors.ItemErrorCode = dynamodbError.code;
// @ts-expect-error abortSignal takes an AbortSignal
page.save({ abortSignal: 'now' });
// @ts-expect-error returnValuesOnConditionCheckFailure is 'ALL_OLD' or 'NONE'
page.save({ returnValuesOnConditionCheckFailure: 'ALL_NEW' });
// @ts-expect-error operations of a transaction take no abortSignal (transactWrite does)
page.putOp({ abortSignal: new AbortController().signal });
// @ts-expect-error addVersionCondition is a boolean
page.deleteOp({ addVersionCondition: 'no' });
// @ts-expect-error UtcDateTime takes epoch microseconds as a BigInt, or a Date
new UtcDateTime('2024-01-01');

// ---- status tracker: options ----
const tracker = new StatusTracker({ client, table: 'tasks', useCaseId: 'crawler', extraStatuses: { later: 60 } });
interface Crawl {
  url: string;
  bytes?: number;
}
const crawls = new StatusTracker<Crawl>({ client, table: 'tasks', useCaseId: 'crawls' });
const legacy = new StatusTracker({ client, table: 'jobs', useCaseId: 'job', layout: 'v5' });
// @ts-expect-error the use case id is required
new StatusTracker({ client, table: 'tasks' });
// @ts-expect-error unknown option (a typo of useCaseId)
new StatusTracker({ client, table: 'tasks', useCaseId: 'a', usecaseId: 'b' });
// @ts-expect-error statuses sets the codes of the five standard statuses; others go in extraStatuses
new StatusTracker({ client, table: 'tasks', useCaseId: 'a', statuses: { done: 60 } });
// @ts-expect-error status codes are numbers
new StatusTracker({ client, table: 'tasks', useCaseId: 'a', statuses: { pending: '10' } });
// @ts-expect-error layout is 'v6' or 'v5'
new StatusTracker({ client, table: 'tasks', useCaseId: 'a', layout: 'v7' });
// @ts-expect-error a ready status must be a status of the tracker
new StatusTracker({ client, table: 'tasks', useCaseId: 'a', extraStatuses: { later: 60 }, readyStatuses: ['pending', 'latr'] });
// @ts-expect-error shards are per status of the tracker
new StatusTracker({ client, table: 'tasks', useCaseId: 'a', shards: { done: 2 } });
// @ts-expect-error layout 'v5' has no shards
new StatusTracker({ client, table: 'tasks', useCaseId: 'a', layout: 'v5', shards: { pending: 4 } });
// @ts-expect-error heartbeatSeconds is a number of seconds, or false (0) for none
new StatusTracker({ client, table: 'tasks', useCaseId: 'a', heartbeatSeconds: true });
// @ts-expect-error ttl is seconds, or { succeeded, ignored, attribute }
new StatusTracker({ client, table: 'tasks', useCaseId: 'a', ttl: { success: 60 } });
// @ts-expect-error task data is JSON: no Dates
new StatusTracker<{ url: string; seen: Date }>({ client, table: 'tasks', useCaseId: 'a' });
// @ts-expect-error task data is a JSON object, not an array
new StatusTracker<string[]>({ client, table: 'tasks', useCaseId: 'a' });
// @ts-expect-error with an explicit data type the extra statuses are explicit too: StatusTracker<Crawl, 'later'>
new StatusTracker<Crawl>({ client, table: 'tasks', useCaseId: 'a', extraStatuses: { later: 60 } });
// @ts-expect-error an explicit extra status needs its code in extraStatuses
new StatusTracker<Crawl, 'later'>({ client, table: 'tasks', useCaseId: 'a' });

// ---- status tracker: tasks ----
// @ts-expect-error task ids are strings
tracker.get(1);
// @ts-expect-error unknown status name
tracker.create('t', { status: 'done' });
// @ts-expect-error setStatus takes a status of the tracker
tracker.setStatus('t', 'done');
// @ts-expect-error setStatus's from: statuses of the tracker
tracker.setStatus('t', 'pending', { from: ['failed', 'done'] });
// @ts-expect-error countByShard counts one status
tracker.countByShard(['pending', 'failed']);
// @ts-expect-error task data is JSON: no Dates
tracker.create('t', { data: { when: new Date() } });
// @ts-expect-error task data is an object, not an array
tracker.create('t', { data: [1, 2] });
// @ts-expect-error a typed tracker's tasks need their data (the default is {})
crawls.create('t');
// @ts-expect-error the data must fit the tracker's data type
crawls.create('t', { data: { url: 1 } });
// @ts-expect-error bare ids give tasks the data {}, which is no Crawl
crawls.createMany(['a', 'b']);
// @ts-expect-error queryByStatus takes statuses of the tracker
tracker.queryByStatus('done');
// @ts-expect-error this tracker has no extra status 'later'
crawls.countByStatus(['pending', 'later']);
// @ts-expect-error olderFirst is a boolean
tracker.queryUnfinished({ olderFirst: 'yes' });
// @ts-expect-error no such status
tracker.statuses.done;
// @ts-expect-error run needs a body
tracker.run('t');
// @ts-expect-error run's statuses are statuses of the tracker
tracker.run('t', () => {}, { statuses: ['pending', 'done'] });
// @ts-expect-error work takes its options first
tracker.work(async () => {});
// @ts-expect-error idleMs is { min, max }
tracker.work({ idleMs: 100 }, () => {});
// @ts-expect-error concurrency is a number
tracker.work({ concurrency: '8' }, () => {});

async function trackerTypes() {
  await crawls.run('t', (ctx) => {
    // @ts-expect-error setData takes the tracker's data type
    ctx.setData({ url: '/a', bytes: '1' });
    // @ts-expect-error the fencing token is read-only
    ctx.fence = 2;
  });
  for await (const t of crawls.queryByStatus('pending')) {
    // @ts-expect-error query results are partial: no data (get(taskId) reads it)
    t.data.url;
    // @ts-expect-error query results are partial: no retry count
    t.retry.toFixed();
    // @ts-expect-error query results have no lock to check
    t.isLocked();
  }
  for await (const t of legacy.queryUnfinished()) {
    // @ts-expect-error the 'v5' index projects no update time
    t.updateTime.getTime();
  }
  const old = await legacy.get('x');
  // @ts-expect-error 'v5' keeps the last error only, no history
  old.errors.history;
  // @ts-expect-error 'v5' items have no create time
  old.createTime.getTime();
  const task = await tracker.get('x');
  // @ts-expect-error a task is a value: changing it writes nothing
  task.retry = 0;
  // @ts-expect-error statusName is null for a code the tracker does not know
  const name: string = task.statusName;
  return name;
}

// ---- status tracker: errors ----
declare const caught: unknown;
if (caught instanceof errors.TaskNotFound) {
  // @ts-expect-error TaskNotFound carries no task
  caught.task.taskId;
}
if (caught instanceof errors.LockLost) {
  // @ts-expect-error LockLost's task is undefined when the item was deleted
  caught.task.statusName;
}
if (caught instanceof errors.TaskLocked) {
  // @ts-expect-error the layout is not known where the error is caught: 'v5' errors have no history
  caught.task.errors.history;
}
declare const anyError: errors.AnyError;
if (anyError.code === 'E_TASK_LOCKED') {
  // @ts-expect-error reasons exist on TransactionCanceledError only
  anyError.reasons;
}
// @ts-expect-error a tracker error's code is an E_TASK_* code or E_LOCK_LOST
const taskCode: 'E_NOT_FOUND' = (caught as errors.TaskError).code;

// ---- compressed and encrypted attributes ----
const K = new Uint8Array(32);
const Vault = defineModel({
  table: 'vault',
  client,
  attributes: {
    id: attr.string({ hashKey: true }),
    body: attr.compressedString({ nullable: true }),
    blob: attr.compressedJson(),
    det: attr.encryptedString({ key: K }),
    rand: attr.encryptedString({ key: K, deterministic: false, nullable: true }),
    pm: attr.encryptedString({ key: 'pw', format: 'pynamodb_mate' }),
    n: attr.encryptedNumber({ key: K, integer: true }),
    meta: attr.map({ inner: attr.compressedJson() }),
  },
});
// @ts-expect-error an encrypted attribute needs a key
attr.encryptedString({});
// @ts-expect-error ... even without options
attr.encryptedJson();
// @ts-expect-error a key is a password, 32 bytes, a provider or a keyring
attr.encryptedString({ key: 42 });
// @ts-expect-error format is 'aead' or 'pynamodb_mate'
attr.encryptedBinary({ key: 'pw', format: 'ecb' });
// @ts-expect-error pynamodb_mate bytes name no key id: no keyring
attr.encryptedJson({ key: { current: 'a', keys: { a: K } }, format: 'pynamodb_mate' });
// @ts-expect-error legacy applies to format 'aead'
attr.encryptedString({ key: 'pw', format: 'pynamodb_mate', legacy: { key: 'pw' } });
// @ts-expect-error legacy is { key, deterministic? }
attr.encryptedString({ key: K, legacy: { password: 'pw' } });
// @ts-expect-error legacy takes a single key, not a keyring
attr.encryptedString({ key: K, legacy: { key: { current: 'a', keys: { a: K } } } });
// @ts-expect-error legacy takes nothing but key and deterministic
attr.encryptedString({ key: K, legacy: { key: 'pw', keyId: 'x' } });
// @ts-expect-error a keyring's current key id must be one of its keys
attr.encryptedString({ key: { current: 'b', keys: { a: K } } });
// @ts-expect-error not both integer and float
attr.encryptedNumber({ key: K, integer: true, float: true });
// @ts-expect-error integer is for encryptedNumber only
attr.encryptedString({ key: K, integer: true });
// @ts-expect-error ensureAscii is for compressedJson only
attr.compressedString({ ensureAscii: false });
// @ts-expect-error encrypted attributes cannot be keys
attr.encryptedString({ key: K, hashKey: true });
// @ts-expect-error compressed attributes cannot be keys
attr.compressedBinary({ rangeKey: true });
// @ts-expect-error a provider gives a key, not undefined (KMS's Plaintext may be undefined: check it)
attr.encryptedString({ key: async () => undefined });
// @ts-expect-error a compressed default is of the attribute's value type
attr.compressedString({ default: 1 });
// @ts-expect-error encrypted attributes are top-level attributes only
attr.map({ secret: attr.encryptedString({ key: K }) });
// @ts-expect-error ... also as list elements
attr.list({ of: attr.encryptedJson({ key: K }) });

// @ts-expect-error a compressed string holds a string
Vault.create({ id: 'i', blob: {}, det: 'd', pm: 'p', n: 1, meta: { inner: {} }, body: 3 });
// @ts-expect-error an encrypted number holds a number
Vault.create({ id: 'i', blob: {}, det: 'd', pm: 'p', n: '1', meta: { inner: {} } });
// @ts-expect-error the deterministic one is required
Vault.create({ id: 'i', blob: {}, pm: 'p', n: 1, meta: { inner: {} } });
declare const vault: InstanceType<typeof Vault>;
// @ts-expect-error a nullable randomized string may be absent
vault.rand.length;
// @ts-expect-error compressed values cannot be compared (gzip bytes differ between writers)
Vault.attr.body.eq('x');
// @ts-expect-error ... inside maps too
Vault.attr.meta.inner.ne({});
// @ts-expect-error compressed values are not strings to DynamoDB
Vault.attr.body.beginsWith('x');
// @ts-expect-error compressed values are set whole
Vault.attr.body.append(['x']);
// @ts-expect-error an encrypted attribute compares by equality only
Vault.attr.det.lt('x');
// @ts-expect-error ... no between
Vault.attr.det.between('a', 'b');
// @ts-expect-error ... no beginsWith
Vault.attr.pm.beginsWith('a');
// @ts-expect-error ... no contains
Vault.attr.det.contains('a');
// @ts-expect-error an encrypted number has no arithmetic
Vault.attr.n.plus(1);
// @ts-expect-error ... nor ADD
Vault.attr.n.add(1);
// @ts-expect-error a randomized encrypted attribute cannot be compared
Vault.attr.rand.eq('x');
// @ts-expect-error ... nor in
Vault.attr.rand.in(['x']);
// @ts-expect-error aead values are bound to their attribute: no comparison with another
Vault.attr.det.eq(Vault.attr.pm);
// @ts-expect-error ... no copy from another
Vault.attr.rand.set(Vault.attr.det);
// @ts-expect-error ... nor if_not_exists from another
Vault.attr.det.ifNotExists(Vault.attr.pm);
// @ts-expect-error an encrypted value is set with its own type
Vault.attr.det.set(1);
// @ts-expect-error a required encrypted attribute cannot be removed
Vault.attr.det.remove();
// @ts-expect-error setKey names an encrypted attribute
Vault.setKey('body', K);
// @ts-expect-error pynamodb_mate bytes name no key id: no keyring
Vault.setKey('pm', { current: 'a', keys: { a: K } });
// @ts-expect-error reencrypt migrates aead-encrypted attributes only
Vault.reencrypt({ attributes: ['pm'] });
// @ts-expect-error reencrypt has no such option
Vault.reencrypt({ concurrency: 4 });
// @ts-expect-error a model without aead-encrypted attributes has nothing to reencrypt
Url.reencrypt();
async function reencrypted() {
  const r = await Vault.reencrypt();
  // @ts-expect-error the cursor is undefined once every segment is done
  const c: string = r.cursor;
  return c;
}
// @ts-expect-error a KeyError's code is E_KEY_LENGTH or E_KEY_NOT_SET
const keyCode: 'E_KEY_LENGTH' = (caught as errors.KeyError).code;

// ---- datetime keys ----
const Event = defineModel({
  table: 'events',
  client,
  attributes: { stream: attr.string({ hashKey: true }), at: attr.datetime({ rangeKey: true }), exp: attr.ttl() },
  // @ts-expect-error a ttl cannot be an index key
  indexes: { byExp: { type: 'global', hashKey: 'stream', rangeKey: 'exp' } },
});
// @ts-expect-error a datetime key is a Date
Event.get('s', '2024-01-01');
// @ts-expect-error a datetime key is not nullable
attr.datetime({ hashKey: true, nullable: true });
// @ts-expect-error a ttl cannot be a key
attr.ttl({ rangeKey: true });
// @ts-expect-error a key cannot be updated
Event.attr.at.set(new Date());

// ---- S3-backed attributes ----
const Doc = defineModel({
  table: 'docs',
  client,
  s3: s3Storage({ send: async (command: unknown) => command }),
  attributes: { id: attr.string({ hashKey: true }), body: attr.s3Text({ bucket: 'docs' }), blob: attr.s3Binary({ bucket: 'docs', lazy: true }) },
});
// @ts-expect-error S3-backed attributes need a bucket
attr.s3Text({});
// @ts-expect-error S3-backed attributes cannot be keys
attr.s3Text({ bucket: 'b', hashKey: true });
// @ts-expect-error a keyTemplate must contain {fingerprint}
attr.s3Json({ bucket: 'b', keyTemplate: 'docs/data.json' });
// @ts-expect-error prefix or keyTemplate, not both
attr.s3Text({ bucket: 'b', prefix: 'p', keyTemplate: 'p/{fingerprint}' });
// @ts-expect-error layout 'item' takes no keyTemplate
attr.s3Binary({ bucket: 'b', layout: 'item', keyTemplate: 'p/{fingerprint}' });
// @ts-expect-error level is for compressed attributes only
attr.s3Text({ bucket: 'b', level: 1 });
// @ts-expect-error an s3Text holds a string
Doc.create({ id: 'd', body: new Uint8Array(1), blob: new Uint8Array(1) });
// @ts-expect-error S3-backed values cannot be compared (the item holds a URI)
Doc.attr.body.eq('x');
// @ts-expect-error an S3-backed attribute is set to a value of its type (the update uploads it)
Doc.attr.body.set(new Uint8Array(1));
// @ts-expect-error not copied from another attribute
Doc.attr.body.set(Doc.attr.id);
// @ts-expect-error remove() needs nullable: true
Doc.attr.body.remove();
// @ts-expect-error null is not a value: remove() a nullable attribute
Doc.attr.body.set(null);
// @ts-expect-error collectS3Orphans takes the model's S3-backed attributes
Doc.collectS3Orphans({ attributes: ['id'], dryRun: true });
// @ts-expect-error olderThan is a number of seconds
Doc.collectS3Orphans({ olderThan: '1h', dryRun: true });
// @ts-expect-error a deleting run names the other tables sharing the prefixes (models: [] for none)
Doc.collectS3Orphans({ olderThan: 0 });
// @ts-expect-error nor is dryRun: false a dry run
Doc.collectS3Orphans({ dryRun: false });
// @ts-expect-error without options it would delete
Doc.collectS3Orphans();
// @ts-expect-error onS3CleanupError gets an S3Error
defineModel({ table: 'docs', client, s3: s3Storage(client), onS3CleanupError: (e: errors.TaskError) => e, attributes: { id: attr.string({ hashKey: true }), body: attr.s3Text({ bucket: 'docs' }) } });
// @ts-expect-error nor measured
Doc.attr.blob.size();
// @ts-expect-error s3 takes s3Storage(s3Client), not the S3Client itself
defineModel({ table: 'docs', client, s3: { send: async (command: unknown) => command }, attributes: { id: attr.string({ hashKey: true }), body: attr.s3Text({ bucket: 'docs' }) } });
// @ts-expect-error s3Storage() takes an S3Client
s3Storage(client.send);
// @ts-expect-error a model with S3-backed attributes needs s3
defineModel({ table: 'docs', client, attributes: { id: attr.string({ hashKey: true }), body: attr.s3Text({ bucket: 'docs' }) } });
// @ts-expect-error S3-backed attributes are top-level attributes only
defineModel({ table: 't', client, s3: s3Storage(client), attributes: { id: attr.string({ hashKey: true }), m: attr.map({ body: attr.s3Text({ bucket: 'b' }) }) } });
async function lazyDoc() {
  const d = await Doc.get('d');
  // @ts-expect-error a lazy value may be an S3Lazy: load() it
  d.blob.byteLength;
}
declare const s3Error: errors.S3Error;
// @ts-expect-error S3Error codes are the E_S3_* ones
s3Error.code === 'E_GZIP_DATA';
// @ts-expect-error with a key provider codec.encrypt returns a Promise
const notYet: Uint8Array = codec.encrypt('x', { key: async () => 'pw', format: 'pynamodb_mate' });
// @ts-expect-error format 'pynamodb_mate' takes no keyring, with providers neither
codec.encrypt('x', { key: { current: 'a', keys: { a: async () => 'pw' } }, format: 'pynamodb_mate' });
// @ts-expect-error collectS3Orphans needs S3-backed attributes
defineModel({ table: 'plain', client, attributes: { id: attr.string({ hashKey: true }) } }).collectS3Orphans();

// @ts-expect-error console URLs need a region and a table
consoleUrls.tableOverview('users');
// @ts-expect-error a key value is a string, number, bigint or Uint8Array
consoleUrls.itemDetail('us-east-1', 'users', { id: 'a' });
// @ts-expect-error a boolean is not a key value
consoleUrls.itemDetail('us-east-1', 'users', 'a', true);
// @ts-expect-error the option is { region }
Page.tableOverviewConsoleUrl('eu-west-1');
// @ts-expect-error a URL is a string, made synchronously
Page.tableItemsConsoleUrl().then;
// @ts-expect-error the item URL is an instance method
Page.itemDetailConsoleUrl();
// @ts-expect-error the region is a string
page.itemDetailConsoleUrl({ region: 1 });

// ---- list elements ----
const Sheet = defineModel({
  table: 'sheets',
  client,
  attributes: {
    id: attr.string({ hashKey: true }),
    rows: attr.list({ of: attr.map({ a: attr.string(), n: attr.number({ nullable: true }) }) }),
    grid: attr.list({ of: attr.list({ of: attr.number() }) }),
    maybe: attr.list({ of: attr.string({ nullable: true }) }),
    zipped: attr.list({ of: attr.compressedString() }),
  },
});
// @ts-expect-error a map element has the map's fields only
Sheet.attr.rows.at(0).key('nope');
// @ts-expect-error key() of a typed map takes its field names
Page.attr.meta.key('nope');
// @ts-expect-error a map element's field has the field's type
Sheet.attr.rows.at(0).key('a').eq(1);
// @ts-expect-error null is not a value of a field that is not nullable
Sheet.attr.rows.at(0).a.eq(null);
// @ts-expect-error a required field cannot be removed
Sheet.attr.rows.at(0).a.remove();
// @ts-expect-error null is not a value of an element that is not nullable
Sheet.attr.grid.at(0).at(1).eq(null);
// @ts-expect-error nested list elements have the element type
Sheet.attr.grid.at(0).at(1).eq('1');
// @ts-expect-error a string element has no elements
Sheet.attr.maybe.at(0).at(1);
// @ts-expect-error null is not ordered
Sheet.attr.maybe.at(0).lt(null);
// @ts-expect-error compressed elements cannot be compared
Sheet.attr.zipped.at(0).eq('x');
// @ts-expect-error compressed elements cannot be compared
Sheet.attr.zipped.at(0).beginsWith('x');

const Old = defineModel({
  table: 'olds',
  client,
  attributes: { id: attr.string({ hashKey: true }), b: attr.binary({ legacyEncoding: true }), bs: attr.binarySet({ legacyEncoding: true }) },
});
// @ts-expect-error a legacyEncoding binary is stored as base64 text, which does not order like its bytes
Old.attr.b.lt(new Uint8Array([1]));
// @ts-expect-error ... nor starts like them
Old.attr.b.beginsWith(new Uint8Array([1]));
// @ts-expect-error a legacyEncoding binary compares with values only
Old.attr.b.eq(Old.attr.b);
// @ts-expect-error a legacyEncoding set's elements are values only
Old.attr.bs.contains(Old.attr.b);
// @ts-expect-error legacyEncoding is a boolean
attr.binary({ legacyEncoding: 'yes' });
// @ts-expect-error legacyEncoding is for binary attributes
attr.string({ legacyEncoding: true });
// @ts-expect-error legacyEncoding is for top-level attributes only
attr.map({ b: attr.binary({ legacyEncoding: true }) });
// @ts-expect-error ... not list elements either
attr.list({ of: attr.binarySet({ legacyEncoding: true }) });

const Pet = defineModel({ table: 'pets', client, attributes: { id: attr.string({ hashKey: true }), kind: attr.discriminator(), name: attr.string() } });
// @ts-expect-error a discriminator is never a key
attr.discriminator({ hashKey: true });
// @ts-expect-error the class sets the discriminator: no default
attr.discriminator({ default: 'cat' });
// @ts-expect-error a subclass needs its value
Pet.defineSubclass({ name: 'Cat' });
// @ts-expect-error a subclass cannot redefine an attribute of its base
Pet.defineSubclass({ value: 'cat', attributes: { name: attr.number() } });
// @ts-expect-error keys belong to the base model
Pet.defineSubclass({ value: 'cat', attributes: { sk: attr.string({ rangeKey: true }) } });
// @ts-expect-error updates cannot change the class
Pet.attr.kind.set('dog');
// @ts-expect-error subclass attributes are not the base's
Pet.attr.lives;

const Sketch = defineModel({
  table: 'sketches',
  client,
  attributes: {
    id: attr.string({ hashKey: true }),
    shape: attr.map({ attributes: { kind: attr.discriminator() }, subclasses: { dot: { size: attr.number() }, line: { length: attr.number() } } }),
  },
});
// @ts-expect-error a polymorphic map value names its subclass
Sketch.create({ id: 'k', shape: { size: 1 } });
// @ts-expect-error a dot has no length
Sketch.create({ id: 'k', shape: { kind: 'dot', size: 1, length: 2 } });
// @ts-expect-error an unknown subclass
Sketch.create({ id: 'k', shape: { kind: 'circle', size: 1 } });

export type { Simplify };
export { lazyDoc };
export { views, score, notFound, url, transactTypes, brand, trackerTypes, taskCode, reencrypted, keyCode };
