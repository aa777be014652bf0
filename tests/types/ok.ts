// Type-checked (never run) by tests/package/types.test.mjs against the packed package: the API as
// users write it must compile, and the inferred types must be the ones asserted here.
import { DynamoDBClient, type TableDescription } from '@aws-sdk/client-dynamodb';
import {
  attr,
  codec,
  cond,
  defineModel,
  errors,
  UtcDateTime,
  type CreateValues,
  type InstanceOf,
  type Item,
  type KeyCondition,
  type AttributesOf,
  type UpdateInput,
  type Condition,
  type JsonAttributeValue,
  StatusTracker,
  type PartialTask,
  type StandardStatus,
  type StatusTrackerOptions,
  type Task,
  type TaskContext,
  type TaskData,
  type TaskErrorEntry,
  type WorkResult,
  type EncryptionKeyring,
  type KeyProvider,
  type ReencryptResult,
  type S3Lazy,
  consoleUrls,
  type ConsoleKeyValue,
  type ConsoleUrlOptions,
} from 'dynamodb-mate';
import { s3Storage, type S3Storage } from 'dynamodb-mate/s3';

/** Exact type equality (mutual assignability is too weak for optional and any). */
type Equal<X, Y> = (<T>() => T extends X ? 1 : 2) extends <T>() => T extends Y ? 1 : 2 ? true : false;
function expectType<T extends true>(): void {}
/** Passes when `value` is assignable to T (for checking values, not declared types). */
function accepts<T>(value: T): T {
  return value;
}

const client = new DynamoDBClient({ region: 'us-east-1' });

// ---- a model with every attribute type, as in model.integration.test.mjs ----------------------------
const Page = defineModel({
  name: 'Page',
  table: 'pages',
  client,
  attributes: {
    site: attr.string({ hashKey: true }),
    path: attr.string({ rangeKey: true }),
    title: attr.string({ attrName: 'name' }),
    views: attr.number({ integer: true, default: 0 }),
    score: attr.number({ float: true, nullable: true }),
    big: attr.number({ integer: true, nullable: true }),
    body: attr.binary({ nullable: true }),
    live: attr.boolean({ default: true }),
    tags: attr.stringSet(),
    sizes: attr.numberSet(),
    blobs: attr.binarySet(),
    links: attr.list({ of: attr.string() }),
    maybe: attr.list({ of: attr.number({ nullable: true }), nullable: true }),
    misc: attr.list(),
    meta: attr.map({ author: attr.string(), seen: attr.datetime({ nullable: true }) }),
    info: attr.map({ attributes: { rank: attr.number(), deep: attr.map({ note: attr.string({ nullable: true }) }) }, nullable: true }),
    extra: attr.dynamic({ nullable: true }),
    doc: attr.json({ nullable: true }),
    nothing: attr.null(),
    crawled: attr.datetime({ default: () => new Date() }),
    expires: attr.ttl({ nullable: true }),
    version: attr.version(),
  },
  indexes: {
    byViews: { type: 'global', hashKey: 'site', rangeKey: 'views', projection: 'ALL' },
    byTitle: { type: 'global', hashKey: 'title', projection: ['views'] },
    local: { type: 'local', rangeKey: 'views' },
  },
});
type PageItem = InstanceOf<typeof Page>;

// Instance shape: required vs optional, value types.
declare const p: PageItem;
expectType<Equal<typeof p.site, string>>();
expectType<Equal<typeof p.views, number | bigint>>();
expectType<Equal<typeof p.score, number | null | undefined>>();
expectType<Equal<typeof p.big, number | bigint | null | undefined>>();
expectType<Equal<typeof p.body, Uint8Array | null | undefined>>();
expectType<Equal<typeof p.live, boolean>>();
expectType<Equal<typeof p.tags, Set<string>>>();
expectType<Equal<typeof p.sizes, Set<number | bigint | codec.PythonFloat>>>();
expectType<Equal<typeof p.blobs, Set<Uint8Array>>>();
expectType<Equal<typeof p.links, string[]>>();
expectType<Equal<typeof p.maybe, (number | bigint | codec.PythonFloat | null)[] | null | undefined>>();
expectType<Equal<typeof p.misc, unknown[]>>();
expectType<Equal<typeof p.meta.author, string>>();
expectType<Equal<typeof p.meta.seen, Date | null | undefined>>();
expectType<Equal<NonNullable<typeof p.info>['deep']['note'], string | null | undefined>>();
// A whole float read (`1.0`) is a PythonFloat, unless the attribute is integer or float only.
expectType<Equal<NonNullable<typeof p.info>['rank'], number | bigint | codec.PythonFloat>>();
expectType<Equal<typeof p.extra, unknown>>();
expectType<Equal<typeof p.nothing, null | undefined>>();
expectType<Equal<typeof p.crawled, Date>>();
expectType<Equal<typeof p.expires, Date | null | undefined>>();
expectType<Equal<typeof p.version, number | null | undefined>>();
expectType<Equal<typeof p.doc, JsonAttributeValue | null | undefined>>();
// The instance is the item plus the methods; Item<A> is the data alone.
type PageData = Item<AttributesOf<typeof Page>>;
expectType<Equal<PageData['meta'], { author: string; seen?: Date | null | undefined }>>();
const data: PageData = p;

// create(): what must be given.
const created = Page.create({
  site: 'example.com',
  path: '/a',
  title: 'A',
  tags: new Set(['a']),
  sizes: new Set([1, 2.5, 3n]),
  blobs: new Set([new Uint8Array([1])]),
  links: ['/x'],
  misc: [1, 'two', null, { three: [3] }],
  meta: { author: 'Ann' },
  doc: { a: [1, 2.5, null, 'x', true] },
  expires: new Date('2030-01-01T00:00:00Z'),
});
expectType<Equal<typeof created, PageItem>>();
type PageCreate = CreateValues<AttributesOf<typeof Page>>;
expectType<Equal<PageCreate['views'], number | bigint | import('dynamodb-mate').codec.PythonFloat | undefined>>();
created.title = 'B';
created.score = null;
created.meta.seen = new UtcDateTime(1_700_000_000_123_456n);

async function crud() {
  const desc: TableDescription | null = await Page.createTable({ wait: true });
  const again = await Page.describeTable();
  if (again) again.TableStatus satisfies string | undefined;
  await created.save();
  await created.save({ condition: Page.attr.site.notExists() });
  await created.save({ condition: Page.attr.site.notExists(), returnValuesOnConditionCheckFailure: 'ALL_OLD' });
  const got = await Page.get('example.com', '/a', { consistentRead: true, attributes: ['title', 'views'] });
  expectType<Equal<typeof got, PageItem>>();
  const maybe = await Page.getOneOrNone('example.com', '/missing');
  expectType<Equal<typeof maybe, PageItem | null>>();
  const updated = await got.update([
    Page.attr.views.add(5),
    Page.attr.title.set('New'),
    Page.attr.score.remove(),
    Page.attr.links.append(['/z']),
    Page.attr.tags.add(new Set(['c'])),
    Page.attr.tags.delete(new Set(['a'])),
    Page.attr.meta.author.set('Bob'),
    Page.attr.big.set(2n ** 70n),
    Page.attr.sizes.add(new Set([4])),
    Page.attr.misc.at(3).key('three').set([4]),
    Page.attr.extra.key('anything').remove(),
    Page.attr.live.set(false),
    Page.attr.crawled.set(new Date()),
    Page.attr.expires.ifNotExists(new Date()),
    Page.attr.links.prepend(['/first']),
  ], { condition: cond.and(Page.attr.views.gt(1), Page.attr.meta.author.eq('Ann')) });
  expectType<Equal<typeof updated, PageItem>>();
  await got.update([Page.attr.views.set(Page.attr.views.plus(1)), Page.attr.score.set(Page.attr.views.minus(2))]);
  await got.update([Page.attr.views.plus(1)]);
  await got.update([Page.attr.links.at(0).set('/0'), Page.attr.links.at(1).remove(), Page.attr.title.set(Page.attr.path)]);
  const refreshed: PageItem = await got.refresh({ consistentRead: false });
  const json = got.toJSON();
  const copy = Page.fromJSON(json);
  expectType<Equal<typeof copy, PageItem>>();
  await got.delete({ condition: Page.attr.version.eq(3) });
  const existed: boolean = await got.deleteIfExists();
  return [desc, refreshed, existed];
}

// Conditions: every builder, on the types where it means something.
const conditions: Condition[] = [
  Page.attr.title.beginsWith('T'),
  Page.attr.title.contains('itl'),
  Page.attr.title.in(['a', 'b']),
  Page.attr.title.ne(Page.attr.path),
  Page.attr.title.size().between(1, 10),
  Page.attr.title.eq(Page.attr.path.size()),
  Page.attr.body.beginsWith(new Uint8Array([1])),
  Page.attr.body.eq(null),
  Page.attr.views.between(1, 2n),
  Page.attr.tags.contains('a'),
  Page.attr.sizes.contains(2),
  Page.attr.links.contains('/x'),
  Page.attr.links.at(0).beginsWith('/'),
  Page.attr.maybe.at(0).gt(1),
  Page.attr.misc.at(0).eq('anything'),
  Page.attr.meta.seen.lt(new Date()),
  Page.attr.crawled.ge(new UtcDateTime(new Date())),
  Page.attr.expires.exists(),
  Page.attr.info.rank.gt(2),
  Page.attr.info.deep.note.attributeType('S'),
  Page.attr.extra.key('a').at(2).contains('x'),
  Page.attr.doc.eq({ any: 'json' }),
  Page.attr.nothing.attributeType('NULL'),
  cond.not(cond.or(Page.attr.live.eq(true), Page.attr.version.notExists())),
];
const paths: string = Page.attr.meta.author.toString() + Page.attr.meta.path.length;

// Queries, scans, pages, counts.
async function reads() {
  for await (const item of Page.query('example.com', { range: Page.attr.path.beginsWith('/p1'), order: 'desc', pageSize: 7, limit: 3 })) {
    expectType<Equal<typeof item, PageItem>>();
  }
  const byViews = Page.query('example.com', { index: 'byViews', range: Page.attr.views.between(10, 20), attributes: ['path', 'views'] });
  expectType<Equal<typeof byViews, AsyncIterableIterator<PageItem>>>();
  for await (const item of Page.query('a title', { index: 'byTitle', filter: Page.attr.tags.contains('a') })) item.title.toUpperCase();
  const page = await Page.queryPage('example.com', { limit: 8, cursor: undefined });
  expectType<Equal<typeof page.items, PageItem[]>>();
  expectType<Equal<typeof page.cursor, string | undefined>>();
  await Page.queryPage('example.com', { index: 'local', range: Page.attr.views.eq(1), cursor: page.cursor });
  for await (const item of Page.scan({ segments: 4, filter: Page.attr.views.ge(50), attributes: [Page.attr.meta.author, 'title'] })) item.site;
  const scanned = await Page.scanPage({ segment: 1, totalSegments: 4, index: 'byViews' });
  const counts: number[] = [
    await Page.count(),
    await Page.count('example.com'),
    await Page.count(undefined, { filter: Page.attr.views.ge(50) }),
    await Page.count('t', { index: 'byTitle' }),
    await Page.count('example.com', { range: Page.attr.path.beginsWith('/p'), filter: Page.attr.live.eq(true) }),
    await Page.count('example.com', { index: 'byViews', range: Page.attr.views.lt(3) }),
  ];
  return [scanned, counts];
}

// Batches and transactions.
async function batches(a: PageItem, b: PageItem) {
  const got = await Page.batchGet([['example.com', '/a'], { site: 'example.com', path: '/b' }, a], { consistentRead: true, retry: { attempts: 3, baseMs: 10, maxMs: 100 } });
  expectType<Equal<typeof got, PageItem[]>>();
  await Page.batchWrite({ put: [a, b], delete: [['example.com', '/c'], b] });
  await Page.transactWrite([a.putOp(), b.updateOp([Page.attr.views.add(1)]), a.deleteOp({ condition: Page.attr.live.eq(true) }), Page.conditionCheckOp(['example.com', '/t1'], Page.attr.views.eq(99))], { clientRequestToken: 'token' });
  const [t1, none] = await Page.transactGet([Page.getOp('example.com', '/t1'), Url.getOp('https://example.com')]);
  expectType<Equal<typeof t1, PageItem | null>>();
  expectType<Equal<typeof none, Url | null>>();
}

// ---- a hash-only model, subclassed: statics return the subclass -----------------------------------------
class Url extends defineModel({
  table: 'urls',
  client: { send: async () => ({}) },
  billingMode: 'PROVISIONED',
  throughput: { read: 1, write: 1 },
  attributes: {
    url: attr.string({ hashKey: true }),
    n: attr.number({ default: 0 }),
    hits: attr.numberSet({ nullable: true }),
    note: attr.string({ nullable: true }),
  },
  indexes: { byN: { type: 'global', hashKey: 'n', projection: 'KEYS_ONLY', throughput: { read: 1, write: 1 } } },
}) {
  get host(): string {
    return new URL(this.url).host;
  }
}
async function subclass() {
  const u = Url.create({ url: 'https://example.com' });
  expectType<Equal<typeof u, Url>>();
  u.host satisfies string;
  const got = await Url.get('https://example.com', { consistentRead: true });
  expectType<Equal<typeof got, Url>>();
  const saved = await got.save();
  expectType<Equal<typeof saved, Url>>();
  for await (const x of Url.query(3, { index: 'byN' })) expectType<Equal<typeof x, Url>>();
  for await (const x of Url.scan()) x.host;
  const many = await Url.batchGet(['a', { url: 'b' }]);
  expectType<Equal<typeof many, Url[]>>();
  await Url.batchWrite({ delete: ['a', u] });
  const op = Url.getOp('a');
  await got.update([Url.attr.n.add(1), Url.attr.note.remove(), Url.attr.hits.add(new Set([1n]))]);
  const actions: UpdateInput[] = [Url.attr.n.set(Url.attr.n.ifNotExists(0))];
  const key: KeyCondition = Url.attr.url.eq('x');
  await Url.deleteTable({ wait: true });
  return [op, actions, key, Url.tableName.length, Url.attr.url.path];
}

// ---- errors: classes narrow the code union ---------------------------------------------------------------
async function failing() {
  try {
    const abortSignal = new AbortController().signal;
    const got = await Page.get('example.com', '/missing', { abortSignal, consistentRead: true });
    await got.save({ condition: Page.attr.views.gt(1), abortSignal });
    await got.update([Page.attr.views.add(1)], { abortSignal });
    await got.save({ addVersionCondition: false, abortSignal });
    await Page.transactWrite([got.updateOp([Page.attr.views.add(1)], { addVersionCondition: false })]);
    await got.refresh({ abortSignal });
    for await (const p of Page.query('example.com', { attributes: ['title'], abortSignal })) p.site;
    await Page.batchWrite({ put: [got] }, { abortSignal });
    await Page.transactWrite([got.deleteOp()], { abortSignal });
    await Page.createTable({ wait: true, abortSignal });
    await Page.deleteTable({ wait: true, abortSignal });
    await Page.transactGet([Page.getOp('example.com', '/')], { abortSignal });
    await got.deleteIfExists({ abortSignal });
  } catch (error) {
    if (error instanceof errors.ItemNotFoundError) {
      expectType<Equal<typeof error.code, 'E_NOT_FOUND'>>();
    } else if (error instanceof errors.ItemError) {
      switch (error.code) {
        case 'E_ITEM_REQUIRED':
        case 'E_ITEM_TYPE':
        case 'E_ITEM_VALUE':
        case 'E_ITEM_UNKNOWN':
        case 'E_ITEM_TOO_LARGE':
        case 'E_ITEM_STORED':
          break;
        default:
          accepts<never>(error.code);
      }
    } else if (error instanceof errors.TransactionCanceledError) {
      const codes: string[] = error.reasons.map((r) => r.code);
      expectType<Equal<typeof error.code, 'E_TRANSACTION_CANCELLED'>>();
      return codes;
    } else if (error instanceof errors.BatchError) {
      return error.unprocessed.length;
    } else if (error instanceof errors.ConditionFailedError) {
      expectType<Equal<typeof error.code, 'E_DYNAMODB_CONDITION'>>();
      return error.item?.id?.S;
    } else if (error instanceof errors.AbortError) {
      expectType<Equal<typeof error.code, 'E_ABORTED'>>();
    } else if (error instanceof errors.DynamoDBError) {
      expectType<Equal<typeof error.code, errors.AnyDynamoDBErrorCode>>();
      const where: [string | undefined, string | undefined, string | undefined] = [error.operation, error.table, error.model];
      return where;
    } else if (error instanceof errors.ModelError) {
      expectType<Equal<typeof error.code, 'E_MODEL' | 'E_SCHEMA'>>();
    } else if (error instanceof errors.ExpressionError) {
      expectType<Equal<typeof error.code, 'E_EXPRESSION'>>();
    } else if (error instanceof errors.DynamoDBMateError) {
      const any = error as errors.AnyError;
      if (any.code === 'E_TRANSACTION_CANCELLED') return any.reasons;
      if (any.code === 'E_BATCH_UNPROCESSED') return any.unprocessed;
      if (any.code === 'E_DYNAMODB_CONDITION') return any.item;
      if (any.code === 'E_DYNAMODB_THROTTLED') return accepts<errors.DynamoDBError>(any).operation;
      if (any.code === 'E_RANDOM') accepts<errors.CodecError>(any);
      const code: errors.ErrorCode = error.code;
      return code;
    }
  }
  return undefined;
}

// UtcDateTime keeps microseconds and is a Date.
const when = new UtcDateTime(1_700_000_000_123_456n);
const asDate: Date = when;
const micros: bigint = when.epochMicros;
const within: number = when.microsecond;
if (p.crawled instanceof UtcDateTime) p.crawled.epochMicros satisfies bigint;

// ---- the status tracker: docs/tracker.md's example --------------------------------------------------------
const tracker = new StatusTracker({ client, table: 'quickstart-tasks', useCaseId: 'crawler', shards: { pending: 4 } });
expectType<Equal<typeof tracker, StatusTracker<TaskData, never, 'v6'>>>();
expectType<Equal<typeof tracker.statuses, { pending: number; inProgress: number; failed: number; succeeded: number; ignored: number }>>();
expectType<Equal<typeof tracker.layout, 'v6'>>();

async function quickstart() {
  const desc: TableDescription | null = await tracker.createTable({ wait: true });
  const { created, existing } = await tracker.createMany([{ taskId: 'page-1', data: { url: '/1' } }, 'page-2', 'page-3']);
  const perShard: number[] = await tracker.countByShard('pending');
  const retried = await tracker.setStatus('page-2', 'pending', { from: ['failed', 'ignored'] });
  expectType<Equal<typeof retried.taskId, string>>();
  expectType<Equal<typeof created, Task<TaskData, StandardStatus, 'v6'>[]>>();
  const taken: string[] = existing.map((t) => t.taskId);
  const out = await tracker.run('page-1', async (ctx) => {
    expectType<Equal<typeof ctx, TaskContext<TaskData, StandardStatus, 'v6'>>>();
    expectType<Equal<typeof ctx.task.statusName, 'inProgress'>>();
    expectType<Equal<typeof ctx.task.lock, string>>();
    ctx.setData({ ...ctx.task.data, bytes: 1234 });
    return 'fetched';
  });
  expectType<Equal<typeof out, string>>();
  const page1 = await tracker.get('page-1');
  expectType<Equal<typeof page1.statusName, StandardStatus | null>>();
  expectType<Equal<typeof page1.data, TaskData>>();
  expectType<Equal<typeof page1.updateTime, UtcDateTime>>();
  const locked: boolean = page1.isLocked(new Date());
  try {
    await tracker.run('page-1', () => {});
  } catch (e) {
    if (e instanceof errors.TaskAlreadySucceeded) expectType<Equal<typeof e.code, 'E_TASK_ALREADY_SUCCEEDED'>>();
  }
  await tracker.run('page-2', () => {
    throw new Error('timeout');
  }).catch(() => {});
  const page2 = await tracker.get('page-2');
  const entry: TaskErrorEntry | undefined = page2.errors.history[0];
  const record = [page2.statusName, page2.retry, entry?.error, entry?.nth_retry];
  const stats = await tracker.work({ concurrency: 8, drain: true }, async (ctx) => {
    ctx.setData({ ok: true });
  });
  expectType<Equal<typeof stats, WorkResult>>();
  const counted: number = stats.succeeded + (await tracker.countByStatus('succeeded'));
  for await (const t of tracker.queryByStatus('succeeded', { limit: 1 })) {
    expectType<Equal<typeof t, PartialTask<StandardStatus, 'v6'>>>();
    expectType<Equal<typeof t.updateTime, UtcDateTime>>();
    expectType<Equal<typeof t.data, undefined>>();
    t.taskId satisfies string;
  }
  for await (const t of tracker.queryByStatus([10, 'failed'], { olderFirst: false, pageSize: 50 })) (await tracker.get(t.taskId)).data;
  await tracker.deleteTable();
  return [desc, taken, locked, record, counted];
}

// A typed tracker: task data, an extra status, TTL on finished tasks, a worker guarding its side effect with the fence.
interface Crawl {
  url: string;
  bytes?: number;
  links?: string[];
}
const crawls = new StatusTracker<Crawl, 'later'>({
  client,
  table: 'tasks',
  useCaseId: 'crawls',
  extraStatuses: { later: 60 },
  readyStatuses: ['pending', 'failed', 'later'],
  shards: { pending: 8, later: 2 },
  maxRetry: 5,
  lockExpireSeconds: 120,
  heartbeatSeconds: 30,
  ttl: { succeeded: 86_400, ignored: 3600 },
});
const Result = defineModel({
  table: 'results',
  client,
  attributes: { url: attr.string({ hashKey: true }), bytes: attr.number(), fence: attr.number({ nullable: true }) },
});

async function typedTracker() {
  const a = await crawls.create('a', { data: { url: '/a' }, status: 'later' });
  expectType<Equal<typeof a.data, Crawl>>();
  expectType<Equal<typeof a.statusName, StandardStatus | 'later' | null>>();
  await crawls.create('a', { data: { url: '/a2' }, overwrite: true });
  await crawls.createMany([{ taskId: 'b', data: { url: '/b' } }, { taskId: 'c', data: { url: '/c' }, status: 60 }], { concurrency: 4 });
  const n = await crawls.run('a', async (ctx) => {
    const links: string[] = ctx.task.data.links ?? [];
    ctx.signal.addEventListener('abort', () => ctx.signal.reason satisfies unknown);
    await ctx.heartbeat();
    const bytes = 1234;
    await Result.create({ url: ctx.task.data.url, bytes, fence: ctx.fence }).save({
      condition: cond.or(Result.attr.fence.notExists(), Result.attr.fence.lt(ctx.fence)),
    });
    ctx.setData({ ...ctx.task.data, bytes });
    return links.length;
  }, { statuses: ['later', 'pending'], heartbeatSeconds: false });
  expectType<Equal<typeof n, number>>();
  const stop = new AbortController();
  const stats = await crawls.work({ stopSignal: stop.signal, statuses: 'later', idleMs: { min: 20, max: 1000 }, concurrency: 2 }, (ctx) =>
    ctx.setData({ url: ctx.task.data.url, bytes: 0 }),
  );
  const code: number = crawls.statuses.later + crawls.statusCode('later') + crawls.statusCode(60);
  const maybe = await crawls.getOneOrNone('zzz', { consistentRead: false });
  if (maybe) expectType<Equal<typeof maybe.expireAt, UtcDateTime | undefined>>();
  const table: string = crawls.Model.tableName;
  const item = await crawls.Model.get('crawls____a');
  item.lock satisfies string;
  return [stats.lost, stats.skipped, code, table, await crawls.deleteByUseCase()];
}

// Inferred from the options: the extra status names and the layout.
const inferred = new StatusTracker({ client, table: 'tasks', useCaseId: 'x', extraStatuses: { later: 60, review: 70 }, readyStatuses: ['later'], shards: { review: 2 } });
expectType<Equal<typeof inferred, StatusTracker<TaskData, 'later' | 'review', 'v6'>>>();
const legacyOptions: StatusTrackerOptions<never, 'v5'> = { client, table: 'jobs', useCaseId: 'job', layout: 'v5', lockExpireSeconds: 900 };
const legacy = new StatusTracker(legacyOptions);
expectType<Equal<typeof legacy, StatusTracker<TaskData, never, 'v5'>>>();

async function legacyTracker() {
  const old = await legacy.get('x');
  expectType<Equal<typeof old.errors, { error?: string; traceback?: string }>>();
  expectType<Equal<typeof old.createTime, undefined>>();
  expectType<Equal<typeof old.shard, undefined>>();
  for await (const t of legacy.queryUnfinished({ limit: 10 })) expectType<Equal<typeof t.updateTime, undefined>>();
  legacy.Model.attr.lock.remove();
  return old.errors.error;
}

async function trackerErrors() {
  try {
    await tracker.run('x', () => {});
  } catch (error) {
    if (error instanceof errors.TaskLocked) {
      return error.task.lockTime.epochMicros;
    } else if (error instanceof errors.TaskNotFound) {
      expectType<Equal<typeof error.task, undefined>>();
      return error.taskId;
    } else if (error instanceof errors.LockLost) {
      return [error.cause, error.task?.fence];
    } else if (error instanceof errors.TaskError) {
      expectType<Equal<typeof error.code, errors.TaskErrorCode>>();
      return error.useCaseId;
    } else if (error instanceof errors.DynamoDBMateError) {
      const any = error as errors.AnyError;
      if (any.code === 'E_TASK_EXISTS') return any.task.data;
      if (any.code === 'E_TASK_IGNORED') return [any.task.retry, (any.task as Task).errors.history.length];
      if (any.code === 'E_LOCK_LOST') return any.task?.statusName;
      if (any.code === 'E_TASK_NOT_FOUND') accepts<undefined>(any.task);
    }
  }
  try {
    await crawls.create('a', { data: { url: '/a' } });
  } catch (error) {
    // The layout and data type are not known where an error is caught: assert the tracker's.
    if (error instanceof errors.TaskExists) return (error.task as unknown as Task<Crawl, StandardStatus | 'later'>).errors.history.length;
  }
  return undefined;
}

export { data, crud, reads, batches, subclass, failing, conditions, paths, asDate, micros, within, accepts, expectType };
export { quickstart, typedTracker, legacyTracker, trackerErrors, inferred };

// ---- compressed and encrypted attributes: docs/attributes.md's models -----------------------------------------
const KEY = new Uint8Array(32);
const User = defineModel({
  table: 'quickstart-users',
  client,
  attributes: {
    id: attr.string({ hashKey: true }),
    bio: attr.compressedString({ nullable: true }),
    prefs: attr.compressedJson({ default: () => ({}) }),
    avatar: attr.compressedBinary({ level: 1, maxOutput: 1 << 20, nullable: true }),
    legacyPrefs: attr.compressedJson({ ensureAscii: false, nullable: true }),
    email: attr.encryptedString({ key: KEY }),
    ssn: attr.encryptedString({ key: KEY, deterministic: false, nullable: true }),
    pin: attr.encryptedNumber({ key: 'python-password', format: 'pynamodb_mate', integer: true }),
    ratio: attr.encryptedNumber({ key: KEY, keyId: 'k1', float: true, nullable: true }),
    photo: attr.encryptedBinary({ key: 'pw', deterministic: false, attrName: 'ph', nullable: true }),
    notes: attr.map({ draft: attr.compressedString({ nullable: true }), at: attr.datetime() }),
    chunks: attr.list({ of: attr.compressedBinary() }),
  },
});
type UserItem = InstanceOf<typeof User>;
declare const user: UserItem;
expectType<Equal<typeof user.bio, string | null | undefined>>();
expectType<Equal<typeof user.prefs, JsonAttributeValue>>();
expectType<Equal<typeof user.avatar, Uint8Array | null | undefined>>();
expectType<Equal<typeof user.email, string>>();
expectType<Equal<typeof user.pin, number | bigint>>();
expectType<Equal<typeof user.ratio, number | null | undefined>>();
expectType<Equal<typeof user.notes.draft, string | null | undefined>>();
expectType<Equal<typeof user.chunks, Uint8Array[]>>();
const emailAttr = attr.encryptedString({ key: KEY });
expectType<Equal<typeof emailAttr.type, 'encrypted'>>();
expectType<Equal<ReturnType<typeof attr.compressedString>['type'], 'compressed'>>();

async function sealed() {
  await User.prepare();
  const u = User.create({ id: 'u1', bio: 'Loves DynamoDB. ', email: 'ann@example.com', ssn: '078-05-1120', pin: 1234, notes: { at: new Date() }, chunks: [] });
  await u.save();
  User.create({ id: 'u2', email: 'b@example.com', pin: 7n, ratio: 0.5, notes: { at: new Date(), draft: null }, chunks: [new Uint8Array(1)] });
  const filters: Condition[] = [
    User.attr.email.eq('ann@example.com'),
    User.attr.email.ne('x'),
    User.attr.email.in(['a', 'b']),
    User.attr.pin.eq(1234),
    User.attr.pin.in([1, 2n]),
    User.attr.pin.eq(User.attr.email), // pynamodb_mate bytes are not bound to their attribute
    User.attr.ssn.exists(),
    User.attr.bio.notExists(),
    User.attr.photo.attributeType('B'),
    User.attr.bio.size().gt(10),
    User.attr.ssn.size().lt(100),
    User.attr.notes.draft.exists(),
  ];
  for await (const x of User.scan({ filter: User.attr.email.eq('ann@example.com') })) x.ssn?.toUpperCase();
  const updates: UpdateInput[] = [
    User.attr.bio.set('new'),
    User.attr.bio.set(User.attr.notes.draft),
    User.attr.bio.remove(),
    User.attr.prefs.set({ theme: 'dark' }),
    User.attr.prefs.ifNotExists({}),
    User.attr.ssn.set('new'),
    User.attr.ssn.ifNotExists('000'),
    User.attr.ssn.remove(),
    User.attr.email.set('new@example.com'),
    User.attr.email.set(User.attr.email.ifNotExists('x')),
    User.attr.pin.set(User.attr.pin.ifNotExists(0)),
    User.attr.ratio.set(new codec.PythonFloat(1)),
    User.attr.notes.draft.ifNotExists('d'),
    User.attr.chunks.at(0).set(new Uint8Array(2)),
  ];
  await u.update(updates);
  return [filters, updates];
}

// Keys from KMS, rotation, and moving pynamodb_mate data to the authenticated format.
declare const kmsDecrypt: () => Promise<{ Plaintext?: Uint8Array }>;
const dataKey: KeyProvider = async () => {
  const { Plaintext } = await kmsDecrypt();
  if (!Plaintext) throw new Error('KMS gave no key');
  return Plaintext;
};
const ring = { current: 'kms-1', keys: { 'kms-1': dataKey, old: 'old-password' } } satisfies EncryptionKeyring;
const Doc = defineModel({
  table: 'quickstart-docs',
  client,
  attributes: {
    id: attr.string({ hashKey: true }),
    secret: attr.encryptedJson({ key: ring, legacy: { key: 'python-password' } }),
    other: attr.encryptedString({ key: () => 'sync-provider', deterministic: false, legacy: { key: KEY, deterministic: true }, nullable: true }),
    py: attr.encryptedBinary({ key: async () => KEY, format: 'pynamodb_mate' }),
  },
});
async function rotation(signal: AbortSignal) {
  await Doc.prepare();
  const done = await Doc.reencrypt({ onProgress: (p) => console.log('scanned', p.scanned, p.cursor) });
  expectType<Equal<typeof done, ReencryptResult>>();
  expectType<Equal<typeof done.cursor, string | undefined>>();
  const counts: number[] = [done.scanned, done.updated, done.unchanged, done.conflicts];
  await Doc.reencrypt({ attributes: ['secret'], segments: 4, pageSize: 100, stopSignal: signal, cursor: done.cursor });
  await Doc.setKey('secret', { current: 'kms-2', keys: { 'kms-2': dataKey, 'kms-1': dataKey } });
  await Doc.setKey('other', KEY, { keyId: 'k2' });
  await Doc.setKey('py', 'new-password');
  await User.setKey('email', async () => KEY);
  const user = await Doc.get('d1');
  expectType<Equal<typeof user.secret, JsonAttributeValue>>();
  expectType<Equal<typeof user.py, Uint8Array>>();
  return counts;
}

// A datetime as a range key (of the table and of an index), as pynamodb_mate's status tracker GSI.
const Event = defineModel({
  table: 'events',
  client,
  attributes: {
    stream: attr.string({ hashKey: true }),
    at: attr.datetime({ rangeKey: true }),
    kind: attr.string(),
    seen: attr.datetime({ nullable: true }),
  },
  indexes: { byKind: { type: 'global', hashKey: 'kind', rangeKey: 'seen' } },
});
async function events() {
  const e = await Event.get('s', new Date(0));
  expectType<Equal<typeof e.at, Date>>();
  const range: KeyCondition<'at'> = Event.attr.at.between(new Date(0), new UtcDateTime(1n));
  for await (const x of Event.query('s', { range, order: 'desc' })) x.kind;
  for await (const x of Event.query('click', { index: 'byKind', range: Event.attr.seen.ge(new Date()) })) x.at.getTime();
  await Event.batchGet([['s', new Date(0)]]);
  return Event.count('s', { range: Event.attr.at.lt(new Date()) });
}

async function keyErrors() {
  try {
    User.create({ id: 'u', email: 'e', pin: 1, notes: { at: new Date() }, chunks: [] });
  } catch (error) {
    if (error instanceof errors.KeyError) {
      expectType<Equal<typeof error.code, 'E_KEY_LENGTH' | 'E_KEY_NOT_SET'>>();
      if (error.code === 'E_KEY_NOT_SET') await User.prepare();
    }
    const any = error as errors.AnyError;
    if (any.code === 'E_KEY_NOT_SET') accepts<errors.KeyError>(any);
  }
}

// ---- S3-backed attributes: docs/s3.md's model ----------------------------------------------------
const s3 = s3Storage({ send: async (command: unknown) => command });
expectType<Equal<typeof s3, S3Storage>>();
const S3Page = defineModel({
  table: 'quickstart-pages',
  client,
  s3,
  attributes: {
    url: attr.string({ hashKey: true }),
    html: attr.s3Text({ bucket: 'quickstart-pages' }),
    shot: attr.s3Binary({ bucket: 'quickstart-pages', nullable: true, lazy: true }),
    meta: attr.s3Json({ bucket: 'quickstart-pages', inlineBelow: 1024, nullable: true }),
    v6: attr.s3Text({ bucket: 'b', keyTemplate: 'pynamodb-mate/s3backed/{fingerprint}', compress: false, default: '' }),
    large: attr.s3Binary({ bucket: 'b', layout: 'item', prefix: 'large', maxOutput: 1 << 20, nullable: true }),
  },
});
expectType<Equal<ReturnType<typeof attr.s3Text<{ bucket: 'b' }>>['type'], 'string'>>();
expectType<Equal<ReturnType<typeof attr.s3Json<{ bucket: 'b'; inlineBelow: 10 }>>['type'], 'dynamic'>>();
async function s3Backed() {
  const html = '<p>hello</p>'.repeat(100_000);
  await S3Page.create({ url: '/a', html, shot: new Uint8Array([137]), meta: { lang: 'en' } }).save();
  const a = await S3Page.get('/a');
  expectType<Equal<typeof a.html, string>>();
  expectType<Equal<typeof a.v6, string>>();
  expectType<Equal<typeof a.shot, Uint8Array | S3Lazy<Uint8Array> | null | undefined>>();
  expectType<Equal<typeof a.meta, JsonAttributeValue | null | undefined>>();
  if (a.shot && !(a.shot instanceof Uint8Array)) {
    expectType<Equal<typeof a.shot.uri, string>>();
    const bytes = await a.shot.load();
    expectType<Equal<typeof bytes, Uint8Array>>();
    S3Page.create({ url: '/c', html: 'x', large: a.shot }); // copies the URI: no download, no upload
  }
  await a.save({ condition: cond.and(S3Page.attr.html.exists(), S3Page.attr.meta.attributeType('S')) });
  for await (const p of S3Page.scan({ filter: S3Page.attr.shot.notExists() })) p.url;
  // Update actions upload the values they set, before the UpdateItem.
  await a.update([S3Page.attr.html.set('<p>new</p>'), S3Page.attr.large.set(new Uint8Array([1])), S3Page.attr.shot.remove()]);
  if (a.shot && !(a.shot instanceof Uint8Array)) await a.update([S3Page.attr.large.set(a.shot)]);
  try {
    await S3Page.get('/b');
  } catch (error) {
    if (error instanceof errors.S3Error) {
      expectType<Equal<typeof error.code, 'E_S3_NOT_FOUND' | 'E_S3_READ' | 'E_S3_WRITE' | 'E_S3_ACCESS_DENIED' | 'E_S3_URI' | 'E_S3_CLEANUP'>>();
      accepts<string>(`${error.model}.${error.attribute} ${error.uri}`);
    }
    const any = error as errors.AnyError;
    if (any.code === 'E_S3_URI') accepts<errors.S3Error>(any);
    if (any instanceof errors.DynamoDBMateError) expectType<Equal<typeof any.itemKey, Readonly<Record<string, unknown>> | undefined>>();
  }
  const done = await S3Page.collectS3Orphans({
    attributes: ['html', 'large'], olderThan: 3600, dryRun: true, batchSize: 500, models: [S3Page],
    onProgress: (p) => accepts<number>(p.listed),
  });
  expectType<Equal<typeof done.uris, string[]>>();
  accepts<number>(done.referenced + done.young + done.orphans + done.deleted + done.errors + done.scanned);
  await S3Page.collectS3Orphans({ bucket: 'other', prefix: '', models: [], abortSignal: AbortSignal.timeout(60_000) });
  // A dry run may leave out models; any run may name them.
  await S3Page.collectS3Orphans({ dryRun: true });
  await S3Page.collectS3Orphans({ dryRun: Math.random() < 0.5, models: [S3Page] });
  // codec calls with key providers are async.
  const kms = async () => new Uint8Array(32);
  const sealedBytes = await codec.encrypt('x', { key: kms, table: 't', attribute: 'a' });
  expectType<Equal<typeof sealedBytes, Uint8Array>>();
  const opened = await codec.decrypt(sealedBytes, { key: { current: 'k', keys: { k: kms, old: 'pw' } }, table: 't', attribute: 'a', kind: 'string' });
  expectType<Equal<typeof opened, string>>();
  const pin = await codec.decrypt(sealedBytes, { key: kms, table: 't', attribute: 'a', kind: 'number' });
  expectType<Equal<typeof pin, number | bigint | codec.PythonFloat>>();
  expectType<Equal<ReturnType<typeof codec.pythonJsonLoads>, unknown>>();
  const count = codec.decompress(sealedBytes, { kind: 'int' });
  expectType<Equal<typeof count, number | bigint>>();
  const syncBytes = codec.encrypt('x', { key: { current: 'k', keys: { k: 'pw' } }, table: 't', attribute: 'a' });
  expectType<Equal<typeof syncBytes, Uint8Array>>();
  defineModel({ table: 't', client, s3, onS3CleanupError: (e) => accepts<string | undefined>(e.uri), attributes: { id: attr.string({ hashKey: true }) } });
}

// ---- AWS console URLs ----------------------------------------------------------------------------------
async function consoleLinks() {
  await Page.prepare();
  const overview: string = Page.tableOverviewConsoleUrl();
  const items: string = Url.tableItemsConsoleUrl({ region: 'eu-west-1' });
  const page = await Page.get('example.com', '/');
  const detail: string = page.itemDetailConsoleUrl();
  const options: ConsoleUrlOptions = {};
  (await Url.get('https://example.com')).itemDetailConsoleUrl(options);
  const keys: ConsoleKeyValue[] = ['a', 1, 2n, new Uint8Array([1])];
  return [
    overview, items, detail, keys,
    consoleUrls.tableOverview('us-east-1', 'pages'),
    consoleUrls.tableItems('us-east-1', 'pages'),
    consoleUrls.itemDetail('us-east-1', 'pages', 'example.com'),
    consoleUrls.itemDetail('us-east-1', 'scores', 'chess', 1.5),
    consoleUrls.itemDetail('us-east-1', 'blobs', new Uint8Array([1]), 10n),
  ] as const;
}

// ---- list elements: paths into map and list elements, nullable and compressed elements -------------------
const Sheet = defineModel({
  table: 'sheets',
  client,
  attributes: {
    id: attr.string({ hashKey: true }),
    rows: attr.list({ of: attr.map({ a: attr.string(), n: attr.number({ nullable: true }), tags: attr.list({ of: attr.string() }) }) }),
    grid: attr.list({ of: attr.list({ of: attr.number({ nullable: true }) }) }),
    maybe: attr.list({ of: attr.string({ nullable: true }) }),
    zipped: attr.list({ of: attr.compressedString() }),
    sets: attr.list({ of: attr.stringSet() }),
    any: attr.list(),
  },
});
const row = Sheet.attr.rows.at(0);
expectType<Equal<ReturnType<typeof row.key<'a'>>, typeof row.a>>();
expectType<Equal<Parameters<typeof row.n.eq>[0], number | bigint | codec.PythonFloat | null | import('dynamodb-mate').Operand>>();
expectType<Equal<Parameters<typeof row.a.eq>[0], string | import('dynamodb-mate').Operand>>();
expectType<Equal<Parameters<ReturnType<typeof Sheet.attr.maybe.at>['eq']>[0], string | null | import('dynamodb-mate').Operand>>();
const elementConditions: Condition[] = [
  row.key('a').eq('x'),
  row.a.beginsWith('x'),
  row.key('n').eq(null),
  row.n.between(1, 2),
  row.tags.at(2).eq('t'),
  row.key('tags').contains('t'),
  row.exists(),
  Sheet.attr.grid.at(0).at(1).eq(null),
  Sheet.attr.grid.at(0).at(1).lt(3),
  Sheet.attr.grid.at(0).contains(2),
  Sheet.attr.grid.at(0).size().gt(1),
  Sheet.attr.maybe.at(0).eq(null),
  Sheet.attr.maybe.at(0).in(['a', null]),
  Sheet.attr.maybe.contains(null),
  Sheet.attr.zipped.at(0).exists(),
  Sheet.attr.zipped.at(0).attributeType('B'),
  Sheet.attr.zipped.at(0).size().gt(10),
  Sheet.attr.sets.at(0).contains('x'),
  Sheet.attr.any.at(0).key('k').at(1).eq(1),
  Page.attr.meta.key('seen').lt(new Date()),
  Page.attr.info.key('deep').note.eq(null),
];
const elementUpdates: UpdateInput[] = [
  row.key('a').set('y'),
  row.n.remove(),
  row.n.add(1),
  row.tags.append(['u']),
  row.set({ a: 'z', tags: [] }),
  Sheet.attr.grid.at(0).at(1).set(null),
  Sheet.attr.grid.at(0).at(1).plus(1),
  Sheet.attr.grid.at(0).remove(),
  Sheet.attr.maybe.at(0).set(null),
  Sheet.attr.zipped.at(0).set('text'),
  Sheet.attr.zipped.at(0).remove(),
  Sheet.attr.sets.at(0).add(new Set(['x'])),
  Sheet.attr.sets.at(0).delete(new Set(['x'])),
];

// legacyEncoding binaries (pynamodb's legacy_encoding=True) take equality and whole-value writes;
// an empty Set on a set attribute is a REMOVE action.
const Old = defineModel({
  table: 'olds',
  client,
  attributes: {
    id: attr.binary({ hashKey: true, legacyEncoding: true }),
    b: attr.binary({ legacyEncoding: true, nullable: true }),
    bs: attr.binarySet({ legacyEncoding: true }),
    plain: attr.binary({ legacyEncoding: false, nullable: true }),
  },
});
expectType<Equal<InstanceOf<typeof Old>['bs'], Set<Uint8Array>>>();
const legacyBinaries: (Condition | UpdateInput)[] = [
  Old.attr.b.eq(new Uint8Array([1])),
  Old.attr.b.in([new Uint8Array([1])]),
  Old.attr.b.set(new Uint8Array([1])),
  Old.attr.b.ifNotExists(new Uint8Array([1])),
  Old.attr.b.remove(),
  Old.attr.bs.contains(new Uint8Array([1])),
  Old.attr.bs.add(new Set([new Uint8Array([1])])),
  Old.attr.bs.set(new Set()),
  Old.attr.plain.lt(new Uint8Array([1])),
  Page.attr.tags.set(new Set()),
];

// Polymorphic models: attr.discriminator() on a base, defineSubclass per class.
async function polymorphic() {
  const Animal = defineModel({
    table: 'animals',
    client: new DynamoDBClient({}),
    discriminatorValue: 'animal',
    attributes: { id: attr.string({ hashKey: true }), kind: attr.discriminator({ attrName: 'cls' }), name: attr.string() },
  });
  const Cat = Animal.defineSubclass({ value: 'cat', name: 'Cat', attributes: { lives: attr.number({ integer: true, default: 9 }) } });
  const Lion = Cat.defineSubclass({ value: 'lion', attributes: { pride: attr.string() } });
  const leo = Lion.create({ id: '1', name: 'Leo', pride: 'north' });
  expectType<Equal<typeof leo.kind, string | null | undefined>>();
  expectType<Equal<typeof leo.lives, number | bigint>>();
  expectType<Equal<typeof leo.pride, string>>();
  const cat = await Cat.get('1');
  expectType<Equal<typeof cat.lives, number | bigint>>();
  const animals: InstanceOf<typeof Animal>[] = [leo, cat];
  const conditions: Condition[] = [Animal.attr.kind.eq('cat'), Animal.attr.kind.in(['cat', 'lion']), Lion.attr.pride.eq('x')];
  return { animals, conditions };
}

// Polymorphic typed maps: the value is a union tagged by the discriminator field.
async function polymorphicMaps() {
  const shape = attr.map({
    attributes: { kind: attr.discriminator(), color: attr.string({ nullable: true }) },
    subclasses: { circle: { radius: attr.number() }, square: { side: attr.number(), rounded: attr.boolean({ nullable: true }) } },
  });
  const Drawing = defineModel({
    table: 'drawings',
    client: new DynamoDBClient({}),
    attributes: { id: attr.string({ hashKey: true }), main: shape, shapes: attr.list({ of: shape }) },
  });
  const d = Drawing.create({ id: 'd', main: { kind: 'circle', radius: 1 }, shapes: [{ kind: 'square', side: 2 }] });
  const got = await Drawing.get('d');
  if (got.main.kind === 'circle') expectType<Equal<typeof got.main.radius, number | bigint | codec.PythonFloat>>();
  else expectType<Equal<typeof got.main.side, number | bigint | codec.PythonFloat>>();
  expectType<Equal<typeof got.main.kind, 'circle' | 'square'>>();
  const updates: UpdateInput[] = [Drawing.attr.main.radius.set(2), Drawing.attr.shapes.at(0).set({ kind: 'circle', radius: 3 })];
  return { d, updates, condition: Drawing.attr.main.kind.eq('circle') };
}


export { sealed, rotation, events, keyErrors, s3Backed, consoleLinks, elementConditions, elementUpdates, legacyBinaries, polymorphic, polymorphicMaps };
