// The README's first command runs this (through scripts/demo.sh): a small web crawler on DynamoDB +
// S3. A status tracker hands page tasks to workers (one fails once and is retried); each worker
// stores the page with its HTML in S3, its links as compressed JSON and its owner's e-mail encrypted;
// then an equality query on the encrypted field, and a report of what is stored where.
// Endpoints: AWS_ENDPOINT_URL_DYNAMODB and AWS_ENDPOINT_URL_S3, or an embedded moto_server.
import { randomBytes } from 'node:crypto';
import { DynamoDBClient, GetItemCommand } from '@aws-sdk/client-dynamodb';
import { CreateBucketCommand, DeleteBucketCommand, DeleteObjectsCommand, HeadObjectCommand, ListObjectsV2Command, S3Client } from '@aws-sdk/client-s3';
import { attr, codec, defineModel, StatusTracker } from '../pkg/dist/node.mjs';
import { s3Storage } from '../pkg/dist/s3.mjs';
import { localAws } from './local-aws.mjs';

const PAGES = 12;
const FLAKY_PAGE = 'page-07'; // its first fetch "times out"
const OWNERS = ['team-a@example.com', 'team-b@example.com', 'team-c@example.com'];

const t0 = Date.now();
const say = (text) => console.log(`\n[${((Date.now() - t0) / 1000).toFixed(1)} s] ${text}`);
const line = (label, value) => console.log(`  ${label.padEnd(30)} ${value}`);
const kb = (n) => `${(n / 1024).toFixed(1)} KiB`;

const WORDS = 'the of and to in is that for it with as was on be by at this from or have an are not but which all were when we there can more if will each about how up out them then she many some so these would other into has two like him see time could no make than first been its who now people my made over did down only way find use may water long little very after words called just where most know'.split(' ');

/** Page text: words drawn by a small seeded generator, so pages differ and compress like prose. */
function prose(seed, words) {
  let x = seed;
  const out = [];
  for (let i = 0; i < words; i++) {
    x = (x * 1103515245 + 12345) % 2147483648;
    out.push(WORDS[x % WORDS.length]);
    if (i % 12 === 11) out.push('.</p>\n<p>');
  }
  return out.join(' ');
}

/** DynamoDB's size of an item of S, N and B attributes: name bytes plus value bytes. */
function itemBytes(raw) {
  let n = 0;
  for (const [name, v] of Object.entries(raw)) n += Buffer.byteLength(name) + (v.B ? v.B.length : Buffer.byteLength(v.S ?? v.N ?? ''));
  return n;
}

/** What a crawler fetches: a page of a few hundred KiB, too large to keep in an item. */
function fakePage(n) {
  const links = Array.from({ length: 40 }, (_, i) => ({ href: `https://example.com/page-${String((n * 7 + i) % 100).padStart(2, '0')}`, text: `Link ${i} — voir aussi` }));
  const body = links.map((l) => `<li><a href="${l.href}">${l.text}</a></li>`).join('\n');
  const html = `<html><head><title>Page ${n}</title></head><body><ul>\n${body}\n</ul>\n<p>${prose(n, 60_000)}</p></body></html>`;
  return { html, links };
}

async function main() {
  say('Starting AWS endpoints');
  const aws = await localAws();
  line('DynamoDB', aws.dynamodb.endpoint);
  line('S3', aws.s3.endpoint);
  line('embedded moto_server', aws.embedded ? 'yes (stopped when the demo ends)' : 'no (endpoints from the environment)');
  const dynamodb = new DynamoDBClient(aws.dynamodb);
  const s3 = new S3Client(aws.s3);
  const run = randomBytes(3).toString('hex'); // unique names: the demo can share a server
  const bucket = `demo-crawler-${run}`;

  // A 32-byte key; in production a KMS data key through a key provider (docs/attributes.md, "Keys from KMS").
  const key = randomBytes(32);
  const Page = defineModel({
    table: `demo-pages-${run}`,
    client: dynamodb,
    s3: s3Storage(s3),
    attributes: {
      url: attr.string({ hashKey: true }),
      title: attr.string(),
      html: attr.s3Text({ bucket }), // gzip in S3, key = SHA-256 of the HTML
      links: attr.compressedJson(), // gzip in the item (B)
      owner: attr.encryptedString({ key }), // deterministic aead: equality queries work
      fetchedAt: attr.datetime(),
    },
  });
  const tracker = new StatusTracker({ client: dynamodb, table: `demo-tasks-${run}`, useCaseId: 'crawler', shards: { pending: 2 } });

  try {
    say('Creating the table, the tracker table and the bucket');
    await s3.send(new CreateBucketCommand({ Bucket: bucket }));
    await Promise.all([Page.createTable({ wait: true }), tracker.createTable({ wait: true })]);
    line('tables', `${Page.tableName}, demo-tasks-${run}`);

    say(`Queueing ${PAGES} crawl tasks`);
    const ids = Array.from({ length: PAGES }, (_, i) => `page-${String(i + 1).padStart(2, '0')}`);
    const queued = await tracker.createMany(ids.map((taskId, i) => ({ taskId, data: { url: `https://example.com/${taskId}`, owner: OWNERS[i % OWNERS.length] } })));
    line("created", `${queued.created.length} tasks`);

    say('Workers draining the queue (4 at a time)');
    let done = 0;
    const stats = await tracker.work({ concurrency: 4, drain: true, idleMs: { min: 20, max: 200 } }, async (ctx) => {
      const { url, owner } = ctx.task.data;
      if (ctx.task.taskId === FLAKY_PAGE && ctx.task.retry === 0) {
        console.log(`  ${ctx.task.taskId}: fetch failed (simulated timeout), will be retried`);
        throw new Error('fetch timed out');
      }
      const n = Number(ctx.task.taskId.slice(5));
      const { html, links } = fakePage(n);
      await Page.create({ url, title: `Page ${n}`, html, links, owner, fetchedAt: new Date() }).save();
      ctx.setData({ url, bytes: html.length });
      done += 1;
      console.log(`  ${ctx.task.taskId}: stored (${done}/${PAGES})${ctx.task.retry ? ` after ${ctx.task.retry} failure` : ''}`);
    });
    line('succeeded / failed runs', `${stats.succeeded} / ${stats.failed}`);
    line('tasks by status', JSON.stringify({ succeeded: await tracker.countByStatus('succeeded'), failed: await tracker.countByStatus('failed') }));
    const flaky = await tracker.get(FLAKY_PAGE);
    line(`${FLAKY_PAGE} error history`, flaky.errors.history.map((h) => h.error).join(', '));

    say('Equality query on the encrypted owner (the operand is encrypted, the server compares bytes)');
    const mine = [];
    for await (const page of Page.scan({ filter: Page.attr.owner.eq('team-b@example.com') })) mine.push(page.url.slice(-7));
    line('pages of team-b', mine.sort().join(' '));

    say('What is stored where (one page)');
    const page = await Page.get(`https://example.com/${FLAKY_PAGE}`);
    const raw = (await dynamodb.send(new GetItemCommand({ TableName: Page.tableName, Key: { url: { S: page.url } } }))).Item;
    const [, objectKey] = /^s3:\/\/[^/]+\/(.+)$/.exec(raw.html.S);
    const object = await s3.send(new HeadObjectCommand({ Bucket: bucket, Key: objectKey }));
    const linksJson = codec.pythonJsonDumps(page.links);
    line('html', `${kb(page.html.length)} of HTML -> ${kb(object.ContentLength)} gzip in S3`);
    line('  S3 URI in the item', raw.html.S);
    line('links', `${kb(linksJson.length)} of JSON -> ${kb(raw.links.B.length)} gzip in the item`);
    line('owner', `${page.owner} -> ${raw.owner.B.length} bytes of authenticated ciphertext`);
    line('fetchedAt', `${page.fetchedAt.toISOString()} -> "${raw.fetchedAt.S}" (pynamodb's format)`);
    line('item size', `${itemBytes(raw)} bytes by DynamoDB's rules (limit 400 KB)`);
    const listed = await s3.send(new ListObjectsV2Command({ Bucket: bucket }));
    line('objects in the bucket', `${listed.KeyCount} (one per distinct HTML)`);

    say('AWS console links (for a table in your account; this one is local)');
    line('table overview', Page.tableOverviewConsoleUrl());
    line('items', Page.tableItemsConsoleUrl());
    line('this page', page.itemDetailConsoleUrl());
  } finally {
    say('Cleaning up');
    await Promise.allSettled([Page.deleteTable(), tracker.deleteTable()]);
    const listed = await s3.send(new ListObjectsV2Command({ Bucket: bucket })).catch(() => ({}));
    if (listed.Contents?.length) await s3.send(new DeleteObjectsCommand({ Bucket: bucket, Delete: { Objects: listed.Contents.map(({ Key }) => ({ Key })) } }));
    await s3.send(new DeleteBucketCommand({ Bucket: bucket })).catch(() => {});
    dynamodb.destroy();
    s3.destroy();
    await aws.stop();
  }
  say('Done.');
}

await main();
