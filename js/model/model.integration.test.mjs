// Models against real DynamoDB servers (DynamoDB Local and moto, started by scripts/servers.sh):
// every operation and its error paths.
import assert from 'node:assert/strict';
import { eachBackend, uniqueName } from '../../tests/support/endpoints.mjs';
import { attr, cond, defineModel, errors, UtcDateTime } from '../node.mjs';

function models(client) {
  const Page = defineModel({
    name: 'Page',
    table: uniqueName('pages'),
    client,
    attributes: {
      site: attr.string({ hashKey: true }),
      path: attr.string({ rangeKey: true }),
      title: attr.string({ attrName: 'name' }), // a reserved word as the stored name
      views: attr.number({ integer: true, default: 0 }),
      score: attr.number({ float: true, nullable: true }),
      big: attr.number({ integer: true, nullable: true }),
      body: attr.binary({ nullable: true }),
      live: attr.boolean({ default: true }),
      tags: attr.stringSet(),
      sizes: attr.numberSet(),
      blobs: attr.binarySet(),
      links: attr.list({ of: attr.string() }),
      misc: attr.list(),
      meta: attr.map({ author: attr.string(), seen: attr.datetime({ nullable: true }) }),
      extra: attr.dynamic({ nullable: true }),
      doc: attr.json({ nullable: true }),
      crawled: attr.datetime({ default: () => new Date() }),
      expires: attr.ttl({ nullable: true }),
      version: attr.version(),
    },
    indexes: { byViews: { type: 'global', hashKey: 'site', rangeKey: 'views', projection: 'ALL' } },
  });
  return { Page };
}

const sample = (path, extra = {}) => ({
  site: 'example.com',
  path,
  title: `Title of ${path}`,
  tags: new Set(['a', 'b']),
  sizes: new Set([1, 2.5]),
  blobs: new Set([new Uint8Array([1]), new Uint8Array([2, 3])]),
  links: ['/x', '/y'],
  misc: [1, 'two', null, { three: [3] }],
  meta: { author: 'Ann', seen: new UtcDateTime(1_700_000_000_123_456n) },
  ...extra,
});

eachBackend('models: table lifecycle, CRUD, versions, updates', async (backend) => {
  const { Page } = models(backend.dynamodb);
  await Page.createTable({ wait: true });
  try {
    await Page.createTable({ wait: true }); // a no-op when it exists
    const description = await Page.describeTable();
    assert.equal(description.TableStatus, 'ACTIVE');
    assert.deepEqual(description.GlobalSecondaryIndexes.map((i) => i.IndexName), ['byViews']);

    const page = Page.create(sample('/a', { big: 2n ** 70n, score: 0.5, doc: { é: [1, 2.5] }, expires: new Date('2030-01-01T00:00:00Z') }));
    assert.equal(page.views, 0, 'default value');
    assert.equal(page.live, true, 'default value');
    await page.save();
    assert.equal(page.version, 1);

    const got = await Page.get('example.com', '/a', { consistentRead: true });
    assert.ok(got instanceof Page);
    assert.equal(got.title, 'Title of /a');
    assert.equal(got.big, 2n ** 70n);
    assert.equal(got.score, 0.5);
    assert.deepEqual(got.tags, new Set(['a', 'b']));
    assert.deepEqual(got.blobs, new Set([new Uint8Array([1]), new Uint8Array([2, 3])]));
    assert.deepEqual(got.misc, [1, 'two', null, { three: [3] }]);
    assert.equal(got.meta.seen.epochMicros, 1_700_000_000_123_456n, 'microseconds survive');
    assert.deepEqual(got.doc, { é: [1, 2.5] });
    assert.equal(got.expires.getTime(), Date.parse('2030-01-01T00:00:00Z'));
    assert.equal(got.version, 1);

    // Optimistic locking: a stale copy cannot overwrite.
    const stale = await Page.get('example.com', '/a');
    await got.update([Page.attr.views.add(5), Page.attr.title.set('New'), Page.attr.score.remove(), Page.attr.links.append(['/z'])]);
    assert.equal(got.views, 5);
    assert.equal(got.title, 'New');
    assert.equal(got.score, undefined);
    assert.deepEqual(got.links, ['/x', '/y', '/z']);
    assert.equal(got.version, 2);
    stale.title = 'stale';
    const refused = (operation) => ({ name: 'ConditionFailedError', code: 'E_DYNAMODB_CONDITION', operation, table: Page.tableName, model: 'Page', itemKey: { site: 'example.com', path: '/a' } });
    await assert.rejects(stale.save(), refused('PutItem'));
    await assert.rejects(stale.update([Page.attr.views.add(1)]), refused('UpdateItem'));
    await assert.rejects(stale.delete(), refused('DeleteItem'));

    // Conditions on save and update.
    await assert.rejects(got.update([Page.attr.views.add(1)], { condition: Page.attr.views.gt(100) }), refused('UpdateItem'));
    await got.update([Page.attr.views.set(Page.attr.views.plus(1))], { condition: Page.attr.meta.author.eq('Ann') });
    assert.equal(got.views, 6);

    await got.refresh();
    assert.equal(got.version, 3);
    const projected = await Page.get('example.com', '/a', { attributes: ['title', 'views'] });
    // The key is always projected; set attributes that were not projected read as empty Sets.
    assert.deepEqual(Object.keys(projected).sort(), ['blobs', 'path', 'site', 'sizes', 'tags', 'title', 'views']);
    assert.equal(projected.tags.size, 0);
    assert.equal(projected.title, 'New');

    assert.equal(await Page.getOneOrNone('example.com', '/missing'), null);
    await assert.rejects(Page.get('example.com', '/missing'), (e) => e instanceof errors.ItemNotFoundError && e.code === 'E_NOT_FOUND');

    // toJSON is DynamoDB JSON and fromJSON its inverse.
    const copy = Page.fromJSON(JSON.parse(JSON.stringify(got)));
    assert.deepEqual({ ...copy }, { ...got });

    assert.equal(await got.deleteIfExists(), true);
    assert.equal(await got.deleteIfExists(), false);
  } finally {
    await Page.deleteTable({ wait: true });
  }
});

eachBackend('models: validation happens before any request', async (backend) => {
  const { Page } = models(backend.dynamodb);
  let sent = 0;
  const counting = { send: (...a) => { sent += 1; return backend.dynamodb.send(...a); } };
  const Counted = defineModel({ table: uniqueName('counted'), client: counting, attributes: { id: attr.string({ hashKey: true }), n: attr.number({ integer: true }) } });
  assert.throws(() => Counted.create({ id: 'x' }), (e) => e instanceof errors.ItemError && e.code === 'E_ITEM_REQUIRED' && /n/.test(e.message));
  assert.throws(() => Counted.create({ id: 'x', n: 1.5 }), (e) => e.code === 'E_ITEM_VALUE');
  assert.throws(() => Counted.create({ id: 'x', n: 'one' }), (e) => e.code === 'E_ITEM_TYPE');
  assert.throws(() => Counted.create({ id: 'x', n: 1, nn: 1 }), (e) => e.code === 'E_ITEM_UNKNOWN' && /nn/.test(e.message));
  assert.throws(() => Page.create(sample('/big', { title: 'x'.repeat(410_000) })), (e) => e.code === 'E_ITEM_TOO_LARGE');
  const bad = new Counted({ id: 'x', n: NaN });
  await assert.rejects(bad.save(), (e) => e.code === 'E_ITEM_VALUE');
  assert.equal(sent, 0, 'no request was sent for invalid items');
});

eachBackend('models: query, scan, pages, counts, parallel scan', async (backend) => {
  const { Page } = models(backend.dynamodb);
  await Page.createTable({ wait: true });
  try {
    await Page.batchWrite({ put: Array.from({ length: 60 }, (_, i) => Page.create(sample(`/p${String(i).padStart(2, '0')}`, { views: i, site: i % 2 ? 'odd.com' : 'example.com' }))) });
    const all = [];
    for await (const p of Page.query('example.com', { pageSize: 7 })) all.push(p.path);
    assert.equal(all.length, 30);
    assert.deepEqual(all, [...all].sort());

    const desc = [];
    for await (const p of Page.query('example.com', { range: Page.attr.path.beginsWith('/p1'), order: 'desc' })) desc.push(p.path);
    assert.deepEqual(desc, ['/p18', '/p16', '/p14', '/p12', '/p10']);

    const filtered = [];
    for await (const p of Page.query('odd.com', { filter: cond.and(Page.attr.views.gt(40), Page.attr.tags.contains('a')), limit: 3 })) filtered.push(p.views);
    assert.deepEqual(filtered, [41, 43, 45]);

    const byViews = [];
    for await (const p of Page.query('example.com', { index: 'byViews', range: Page.attr.views.between(10, 20), attributes: ['path', 'views'] })) byViews.push(p.views);
    assert.deepEqual(byViews, [10, 12, 14, 16, 18, 20]);

    let cursor;
    const paged = [];
    do {
      const page = await Page.queryPage('example.com', { limit: 8, cursor });
      paged.push(...page.items.map((p) => p.path));
      cursor = page.cursor;
    } while (cursor);
    assert.equal(paged.length, 30);
    await assert.rejects(Page.queryPage('example.com', { cursor: 'not-a-cursor' }), (e) => e.code === 'E_ARGUMENT');

    assert.equal(await Page.count('example.com'), 30);
    assert.equal(await Page.count(), 60);
    assert.equal(await Page.count(undefined, { filter: Page.attr.views.ge(50) }), 10);

    const scanned = new Set();
    for await (const p of Page.scan({ segments: 4 })) scanned.add(p.path);
    assert.equal(scanned.size, 60);
    const limited = [];
    for await (const p of Page.scan({ limit: 5 })) limited.push(p);
    assert.equal(limited.length, 5);
    await assert.rejects(async () => { for await (const _ of Page.query('x', { index: 'nope' })); }, (e) => e.code === 'E_ARGUMENT');
  } finally {
    await Page.deleteTable({ wait: true });
  }
});

eachBackend('models: batches chunk and report, transactions commit or cancel as a whole', async (backend) => {
  const { Page } = models(backend.dynamodb);
  await Page.createTable({ wait: true });
  try {
    const pages = Array.from({ length: 130 }, (_, i) => Page.create(sample(`/b${i}`)));
    await Page.batchWrite({ put: pages });
    const got = await Page.batchGet([...pages.map((p) => [p.site, p.path]), ['example.com', '/none'], ['example.com', '/b0']]);
    assert.equal(got.length, 130, 'duplicates and missing keys are dropped');
    await Page.batchWrite({ delete: pages.slice(0, 100).map((p) => ({ site: p.site, path: p.path })) });
    assert.equal(await Page.count(), 30);

    const [a, b] = [Page.create(sample('/t1')), Page.create(sample('/t2'))];
    await a.save();
    await Page.transactWrite([b.putOp(), a.updateOp([Page.attr.views.add(1)])], { clientRequestToken: uniqueName('token') });
    assert.equal(a.version, 2);
    assert.equal((await Page.get('example.com', '/t2')).title, 'Title of /t2');

    const c = Page.create(sample('/t3'));
    const error = await Page.transactWrite([
      c.putOp(),
      Page.conditionCheckOp(['example.com', '/t1'], Page.attr.views.eq(99)),
    ]).then(() => null, (e) => e);
    assert.ok(error instanceof errors.TransactionCanceledError, String(error));
    assert.equal(error.code, 'E_TRANSACTION_CANCELLED');
    assert.deepEqual(error.reasons.map((r) => r.code), ['None', 'ConditionalCheckFailed']);
    assert.equal(await Page.getOneOrNone('example.com', '/t3'), null, 'nothing of a cancelled transaction is written');

    const [t1, none] = await Page.transactGet([Page.getOp('example.com', '/t1'), Page.getOp('example.com', '/nope')]);
    assert.equal(t1.views, 1);
    assert.equal(none, null);
    await Page.transactWrite([a.deleteOp(), b.deleteOp()]);
    assert.equal(await Page.getOneOrNone('example.com', '/t1'), null);
  } finally {
    await Page.deleteTable({ wait: true });
  }
});
