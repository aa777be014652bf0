// The browser build in Debian's headless Chromium, used as an application would: a page module that
// imports the package's browser build is bundled with esbuild (which also bundles the AWS SDK, a peer
// dependency), served over HTTP on 127.0.0.1 with the .wasm next to it; the page reports what it saw.
// One page uses the codecs; another does a model round trip against moto (which answers CORS
// preflights; DynamoDB Local does not, see tests/support/endpoints.mjs), whose endpoint and table it
// gets in its query string, and Node reads the item the browser wrote. Needs scripts/build.sh to have run.
import assert from 'node:assert/strict';
import { copyFileSync, existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { createServer } from 'node:http';
import { extname, join, normalize } from 'node:path';
import { after, before, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { chromium } from 'playwright-core';
import { GetItemCommand } from '@aws-sdk/client-dynamodb';
import { attr, defineModel } from '../../pkg/dist/node.mjs';
import { backends, uniqueName } from '../support/endpoints.mjs';

const pkgDir = fileURLToPath(new URL('../../pkg/', import.meta.url));
const CHROMIUM = '/usr/bin/chromium';
const TYPES = { '.html': 'text/html', '.mjs': 'text/javascript', '.wasm': 'application/wasm' };

// Runs in the page. Every value it reports is checked by the test below.
const PAGE = `<!doctype html><meta charset="utf-8"><title>dynamodb-mate</title><link rel="icon" href="data:,">
<script type="module">
  import { init, codec, errors, version } from '/app.mjs';
  const r = { version };
  try { codec.sha256Hex(''); } catch (e) { r.beforeInit = [e.name, e.code, e instanceof errors.NotInitializedError]; }
  await init();
  r.sha256 = codec.sha256Hex('');
  r.gzip = new TextDecoder().decode(codec.gunzip(codec.gzip('héllo', { level: 6 })));
  r.json = codec.pythonJsonDumps({ a: 1.5, b: [1, 2n ** 64n], c: 'é' });
  const opts = { key: 'pw', table: 't', attribute: 'a' };
  const det = codec.encrypt('secret', opts);
  const rand = [1, 2].map(() => codec.encrypt('secret', { ...opts, deterministic: false }));
  r.deterministicEqual = codec.b85encode(det) === codec.b85encode(codec.encrypt('secret', opts));
  r.randomDiffers = codec.b85encode(rand[0]) !== codec.b85encode(rand[1]);
  r.decrypted = [det, ...rand].map((s) => codec.decrypt(s, { ...opts, kind: 'string' }));
  try { codec.decrypt(det, { ...opts, table: 'other', kind: 'string' }); } catch (e) { r.otherTable = [e.name, e.code]; }
  window.results = r;
</script>`;

// The note model's attributes, in MODEL_PAGE (as source) and in Node, which reads what the browser wrote.
const noteAttributes = (attr) => ({
  id: attr.string({ hashKey: true }),
  body: attr.compressedString(),
  owner: attr.encryptedString({ key: 'browser-password' }),
  views: attr.number({ default: 0 }),
});
const BODY = 'héllo from a browser 😀 '.repeat(200);

// A model round trip from the page: createTable, save, get, an encrypted equality scan, update,
// delete. Leaves the item 'kept' for Node to read, and the table for Node to delete.
const MODEL_PAGE = `<!doctype html><meta charset="utf-8"><title>dynamodb-mate model</title><link rel="icon" href="data:,">
<script type="module">
  import { init, attr, defineModel, DynamoDBClient } from '/app.mjs';
  const q = new URLSearchParams(location.search);
  const r = {};
  try {
    await init();
    const client = new DynamoDBClient({
      region: 'us-east-1', endpoint: q.get('endpoint'), credentials: { accessKeyId: 'test', secretAccessKey: 'test' }, maxAttempts: 1,
    });
    const Note = defineModel({ table: q.get('table'), client, attributes: (${noteAttributes})(attr) });
    r.status = (await Note.createTable({ wait: true })).TableStatus;
    const body = ${JSON.stringify(BODY)};
    await Note.create({ id: 'gone', body, owner: 'bob@example.com' }).save();
    await Note.create({ id: 'kept', body, owner: 'ann@example.com' }).save();
    const got = await Note.get('kept', { consistentRead: true });
    r.got = [got.id, got.body === body, got.owner, got.views];
    const stored = got.toJSON();
    r.stored = [stored.body.B.slice(0, 4), stored.owner.B.includes(btoa('ann')), Object.keys(stored).sort()];
    r.found = [];
    for await (const n of Note.scan({ filter: Note.attr.owner.eq('ann@example.com') })) r.found.push(n.id);
    await got.update([Note.attr.views.add(1)]);
    r.views = got.views;
    await (await Note.get('gone')).delete();
    r.afterDelete = await Note.getOneOrNone('gone', { consistentRead: true });
    await Note.prepare();
    r.url = got.itemDetailConsoleUrl();
  } catch (e) {
    r.error = [e.name, e.code, e.message];
  }
  window.results = r;
</script>`;

let server;
let browser;
let base;
const served = [];
let siteDir;
before(async () => {
  assert.ok(existsSync(join(pkgDir, 'dist/web.mjs')), 'pkg/ is not built: run scripts/build.sh');
  assert.ok(existsSync(CHROMIUM), `${CHROMIUM} is missing: apt-get install chromium`);
  siteDir = `${mkdtempSync(join(tmpdir(), 'dynamodb-mate-site-'))}/`;
  await build({
    stdin: {
      contents: `export * from ${JSON.stringify(join(pkgDir, 'dist/web.mjs'))};\nexport { DynamoDBClient } from '@aws-sdk/client-dynamodb';`,
      resolveDir: pkgDir,
      loader: 'js',
    },
    bundle: true, format: 'esm', platform: 'browser', target: 'es2022', outfile: join(siteDir, 'app.mjs'), logLevel: 'warning',
  });
  copyFileSync(join(pkgDir, 'dist/dynamodb_mate_bg.wasm'), join(siteDir, 'dynamodb_mate_bg.wasm'));
  server = createServer((req, res) => {
    const path = new URL(req.url, 'http://x').pathname;
    const file = normalize(join(siteDir, path));
    if (path === '/' || path === '/model') {
      res.writeHead(200, { 'content-type': TYPES['.html'] }).end(path === '/' ? PAGE : MODEL_PAGE);
    } else if (file.startsWith(siteDir) && existsSync(file) && TYPES[extname(file)]) {
      served.push(path);
      res.writeHead(200, { 'content-type': TYPES[extname(file)] }).end(readFileSync(file));
    } else {
      res.writeHead(404).end();
    }
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${server.address().port}`;
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
});
after(async () => {
  await browser?.close();
  server?.close();
});

/** Opens `path` in a fresh page; `{ results, problems }`: what the page reported, and its errors and warnings. */
async function visit(path) {
  const page = await browser.newPage();
  try {
    const problems = [];
    page.on('pageerror', (e) => problems.push(e.message));
    page.on('console', (m) => ['error', 'warning'].includes(m.type()) && problems.push(m.text()));
    await page.goto(`${base}${path}`);
    const results = await (await page.waitForFunction(() => window.results, null, { timeout: 60_000 })).jsonValue();
    return { results, problems };
  } finally {
    await page.close();
  }
}

test('the browser build, bundled into an app, works in Chromium after await init()', { timeout: 120_000 }, async () => {
  served.length = 0;
  const { results, problems } = await visit('/');
  assert.deepEqual(problems, []);
  const version = JSON.parse(readFileSync(join(pkgDir, 'package.json'), 'utf8')).version;
  assert.deepEqual(results, {
    version,
    beforeInit: ['NotInitializedError', 'E_NOT_INITIALIZED', true],
    sha256: 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855',
    gzip: 'héllo',
    json: '{"a": 1.5, "b": [1, 18446744073709551616], "c": "\\u00e9"}',
    deterministicEqual: true,
    randomDiffers: true,
    decrypted: ['secret', 'secret', 'secret'],
    otherTable: ['DecryptionError', 'E_AEAD_CONTEXT'],
  });
  // init() found the .wasm next to the bundle by itself.
  assert.deepEqual(served.sort(), ['/app.mjs', '/dynamodb_mate_bg.wasm']);
});

test('a model round trip from the page against moto; Node reads what the browser wrote', { timeout: 120_000 }, async () => {
  const moto = backends().find((b) => b.name === 'moto');
  const table = uniqueName('browser-notes');
  const Note = defineModel({ table, client: moto.dynamodb, attributes: noteAttributes(attr) });
  try {
    const { results, problems } = await visit(`/model?${new URLSearchParams({ endpoint: moto.endpoint, table })}`);
    // Chromium logs every 4xx; the one expected is createTable's DescribeTable of the new table.
    assert.deepEqual(problems, ['Failed to load resource: the server responded with a status of 400 (BAD REQUEST)'], JSON.stringify(results));
    assert.deepEqual(results, {
      status: 'ACTIVE',
      got: ['kept', true, 'ann@example.com', 0],
      // gzip ("H4sI" is 1f 8b 08 in base64) and ciphertext without the owner in it.
      stored: ['H4sI', false, ['body', 'id', 'owner', 'views']],
      found: ['kept'],
      views: 1,
      afterDelete: null,
      url: `https://us-east-1.console.aws.amazon.com/dynamodbv2/home?region=us-east-1#edit-item?table=${table}&itemMode=2&pk=kept&sk&ref=%23item-explorer%3Ftable%3D${table}&route=ROUTE_ITEM_EXPLORER`,
    });
    const kept = await Note.get('kept', { consistentRead: true });
    assert.deepEqual([kept.body, kept.owner, kept.views], [BODY, 'ann@example.com', 1]);
    const { Item } = await moto.dynamodb.send(new GetItemCommand({ TableName: table, Key: { id: { S: 'kept' } } }));
    assert.ok(!Buffer.from(Item.owner.B).includes('ann@example.com'));
    assert.equal(await Note.getOneOrNone('gone'), null);
  } finally {
    await Note.deleteTable();
  }
});
