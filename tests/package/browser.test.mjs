// The browser build in Debian's headless Chromium, used as an application would: a page module that
// imports the package's browser build is bundled with esbuild (which also bundles the AWS SDK, a peer
// dependency), served over HTTP on 127.0.0.1 with the .wasm next to it; the page reports what it saw.
// Needs scripts/build.sh to have run.
import assert from 'node:assert/strict';
import { copyFileSync, existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { createServer } from 'node:http';
import { extname, join, normalize } from 'node:path';
import { after, before, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { chromium } from 'playwright-core';

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

let server;
let base;
const served = [];
let siteDir;
before(async () => {
  assert.ok(existsSync(join(pkgDir, 'dist/web.mjs')), 'pkg/ is not built: run scripts/build.sh');
  assert.ok(existsSync(CHROMIUM), `${CHROMIUM} is missing: apt-get install chromium`);
  siteDir = `${mkdtempSync(join(tmpdir(), 'dynamodb-mate-site-'))}/`;
  await build({
    stdin: { contents: `export * from ${JSON.stringify(join(pkgDir, 'dist/web.mjs'))};`, resolveDir: pkgDir, loader: 'js' },
    bundle: true, format: 'esm', platform: 'browser', target: 'es2022', outfile: join(siteDir, 'app.mjs'), logLevel: 'warning',
  });
  copyFileSync(join(pkgDir, 'dist/dynamodb_mate_bg.wasm'), join(siteDir, 'dynamodb_mate_bg.wasm'));
  server = createServer((req, res) => {
    const path = new URL(req.url, 'http://x').pathname;
    const file = normalize(join(siteDir, path));
    if (path === '/') {
      res.writeHead(200, { 'content-type': TYPES['.html'] }).end(PAGE);
    } else if (file.startsWith(siteDir) && existsSync(file) && TYPES[extname(file)]) {
      served.push(path);
      res.writeHead(200, { 'content-type': TYPES[extname(file)] }).end(readFileSync(file));
    } else {
      res.writeHead(404).end();
    }
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${server.address().port}`;
});
after(() => server?.close());

test('the browser build, bundled into an app, works in Chromium after await init()', { timeout: 120_000 }, async () => {
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  try {
    const page = await browser.newPage();
    const problems = [];
    page.on('pageerror', (e) => problems.push(e.message));
    page.on('console', (m) => ['error', 'warning'].includes(m.type()) && problems.push(m.text()));
    await page.goto(`${base}/`);
    const results = await (await page.waitForFunction(() => window.results, null, { timeout: 30_000 })).jsonValue();
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
  } finally {
    await browser.close();
  }
});
