// The built package as users get it: `npm pack` of pkg/, installed into a throw-away project, then
// used from fresh node processes through `import`, `require` and a Lambda bundle (TypeScript:
// types.test.mjs; the Lambda example against DynamoDB Local: lambda.test.mjs).
// Needs scripts/build.sh to have run.
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { buildLambda } from '../../examples/lambda/build.mjs';
import { invokeFresh } from './lambda-runtime.mjs';

const root = fileURLToPath(new URL('../../', import.meta.url));
const pkgDir = join(root, 'pkg');
const version = JSON.parse(readFileSync(join(pkgDir, 'package.json'), 'utf8')).version;
const tmp = mkdtempSync(join(tmpdir(), 'dmate-package-'));
const project = join(tmp, 'project');
after(() => rmSync(tmp, { recursive: true, force: true }));

// Without DYNAMODB_MATE_WASM_PATH, so that the package finds its .wasm by itself.
const { DYNAMODB_MATE_WASM_PATH, ...cleanEnv } = process.env;

/** Runs a node process in `cwd`; returns its stdout, failing with its stderr. */
function node(args, cwd = project) {
  const r = spawnSync(process.execPath, args, { cwd, env: cleanEnv, encoding: 'utf8' });
  assert.equal(r.status, 0, `node ${args.join(' ')}\n${r.stderr}`);
  return r.stdout;
}

// What every consumer checks: `checks()` returns a JSON-able summary.
const CHECKS = `function checks() {
  const stored = codec.encrypt({ n: 1.5 }, { key: 'pw', table: 't', attribute: 'a' });
  let notGzip;
  try { codec.gunzip(new Uint8Array([1, 2, 3])); } catch (e) { notGzip = [e instanceof errors.CompressionError, e.code]; }
  return {
    version,
    sha256: codec.sha256Hex(''),
    json: codec.pythonJsonDumps({ a: 1.5, b: [1, 2n ** 64n], c: 'é' }),
    gzip: new TextDecoder().decode(codec.gunzip(codec.gzip('héllo'))),
    decrypted: codec.decrypt(stored, { key: 'pw', table: 't', attribute: 'a', kind: 'json' }),
    notGzip,
    url: consoleUrls.itemDetail('eu-west-1', 'users', 'a&b', 1.5),
  };
}`;
const EXPECTED = {
  version,
  sha256: 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855',
  json: '{"a": 1.5, "b": [1, 18446744073709551616], "c": "\\u00e9"}',
  gzip: 'héllo',
  decrypted: { n: 1.5 },
  notGzip: [true, 'E_GZIP_HEADER'],
  url: 'https://eu-west-1.console.aws.amazon.com/dynamodbv2/home?region=eu-west-1#edit-item?table=users&itemMode=2&pk=a%26b&sk=1.5&ref=%23item-explorer%3Ftable%3Dusers&route=ROUTE_ITEM_EXPLORER',
};

let packed;
before(() => {
  assert.ok(existsSync(join(pkgDir, 'dist/node.mjs')), 'pkg/ is not built: run scripts/build.sh');
  [packed] = JSON.parse(execFileSync('npm', ['pack', pkgDir, '--pack-destination', tmp, '--json'], { encoding: 'utf8' }));
  mkdirSync(project);
  writeFileSync(join(project, 'package.json'), JSON.stringify({ name: 'consumer', private: true }));
  execFileSync('npm', ['install', join(tmp, packed.filename), '--no-audit', '--no-fund', '--prefer-offline'], {
    cwd: project,
    stdio: 'pipe',
  });
});

test('the tarball holds the bundles, the wasm, the types and the README', () => {
  assert.deepEqual(packed.files.map((f) => f.path).sort(), [
    'README.md', 'dist/cli.mjs', 'dist/codec-web.mjs', 'dist/codec.cjs', 'dist/codec.d.mts', 'dist/codec.d.ts', 'dist/codec.mjs',
    'dist/core-node.cjs', 'dist/core-node.mjs', 'dist/core-web.cjs', 'dist/core-web.mjs', 'dist/dynamodb_mate_bg.wasm', 'dist/electrodb.cjs', 'dist/electrodb.d.mts', 'dist/electrodb.d.ts', 'dist/electrodb.mjs',
    'dist/index.d.mts', 'dist/index.d.ts', 'dist/node.cjs', 'dist/node.mjs', 'dist/s3-web.mjs', 'dist/s3.cjs', 'dist/s3.d.mts', 'dist/s3.d.ts', 'dist/s3.mjs',
    'dist/toolbox.cjs', 'dist/toolbox.d.mts', 'dist/toolbox.d.ts', 'dist/toolbox.mjs', 'dist/web.cjs', 'dist/web.mjs', 'package.json',
  ]);
  assert.equal(packed.name, 'dynamodb-mate');
});

test('the bin: `npx dynamodb-mate` runs the CLI of the installed package, sharing its Node entry', () => {
  const help = execFileSync('npx', ['--no-install', 'dynamodb-mate', '--help'], { cwd: project, env: cleanEnv, encoding: 'utf8' });
  assert.match(help, /^Usage: dynamodb-mate COMMAND/);
  assert.match(help, /130 {2}interrupted by Ctrl-C/);
  // A models module importing 'dynamodb-mate' gets the CLI's instance: its StatusTracker is recognised.
  writeFileSync(join(project, 'models.mjs'), `import { StatusTracker } from 'dynamodb-mate';
export const tasks = new StatusTracker({ client: { send() {} }, table: 'tasks', useCaseId: 'u' });`);
  const r = spawnSync('npx', ['--no-install', 'dynamodb-mate', 'tracker', 'status', '--models', 'models.mjs', '--tracker', 'nope'], { cwd: project, env: cleanEnv, encoding: 'utf8' });
  assert.equal(r.status, 2, r.stderr);
  assert.match(r.stderr, /exports no tracker named nope \(trackers: tasks\)/);
});

test('import (ESM) in a fresh process', () => {
  writeFileSync(join(project, 'esm.mjs'), `import { codec, consoleUrls, errors, version } from 'dynamodb-mate';\n${CHECKS}\nconsole.log(JSON.stringify(checks()));`);
  assert.deepEqual(JSON.parse(node(['esm.mjs'])), EXPECTED);
});

test('require (CJS) in a fresh process', () => {
  writeFileSync(join(project, 'cjs.cjs'), `const { codec, consoleUrls, errors, version } = require('dynamodb-mate');\n${CHECKS}\nconsole.log(JSON.stringify(checks()));`);
  assert.deepEqual(JSON.parse(node(['cjs.cjs'])), EXPECTED);
});

test('subpath exports: the web build and the .wasm file', () => {
  const out = node(['--input-type=module', '-e', `
    import { createRequire } from 'node:module';
    import { readFileSync } from 'node:fs';
    import { init, codec, errors } from 'dynamodb-mate/web';
    let before;
    try { codec.md5Hex(''); } catch (e) { before = e.code; }
    const wasm = createRequire(import.meta.url).resolve('dynamodb-mate/dynamodb_mate_bg.wasm');
    await init(readFileSync(wasm));
    console.log(before, codec.md5Hex(''));
  `]);
  assert.equal(out.trim(), 'E_NOT_INITIALIZED d41d8cd98f00b204e9800998ecf8427e');
});

test('the adapter subpaths, imported and required with their libraries, share the package\'s codecs and errors', () => {
  // The optional peers, as a toolbox or ElectroDB user has them.
  execFileSync('npm', ['install', 'dynamodb-toolbox@2.10.6', 'electrodb@3.9.3', '--no-audit', '--no-fund', '--prefer-offline'], { cwd: project, stdio: 'pipe' });
  const body = `
    const pm = { key: 'pw', format: 'pynamodb_mate' };
    const stored = toolbox.encryptedString(pm).props.transform.encode('x');
    let refused;
    try { electrodb.encryptedString({ key: async () => 'pw', table: 't', attribute: 'a' }); } catch (e) { refused = [e instanceof errors.ModelError, e.code]; }
    console.log(JSON.stringify([Buffer.from(stored).equals(codec.encrypt('x', pm)), electrodb.compressedJson().get(codec.compress({ a: 1 })), refused]));`;
  writeFileSync(join(project, 'adapters.mjs'), `import { codec, errors } from 'dynamodb-mate';
    import * as toolbox from 'dynamodb-mate/toolbox';
    import * as electrodb from 'dynamodb-mate/electrodb';${body}`);
  writeFileSync(join(project, 'adapters.cjs'), `const { codec, errors } = require('dynamodb-mate');
    const toolbox = require('dynamodb-mate/toolbox');
    const electrodb = require('dynamodb-mate/electrodb');${body}`);
  for (const file of ['adapters.mjs', 'adapters.cjs']) assert.deepEqual(JSON.parse(node([file])), [true, { a: 1 }, [true, 'E_MODEL']], file);
});

test('dynamodb-mate/codec, imported and required, shares its codecs, error classes and wasm with dynamodb-mate', () => {
  const body = `
    let caught;
    try { c.codec.gunzip(new Uint8Array([1, 2, 3])); } catch (e) { caught = e; }
    console.log(JSON.stringify([
      new TextDecoder().decode(m.codec.gunzip(c.codec.gzip('héllo'))), c.codec.gzip === m.codec.gzip,
      caught instanceof m.errors.CompressionError, caught instanceof c.errors.CodecError, caught.code,
      c.UtcDateTime === m.UtcDateTime, c.version === m.version, typeof c.init,
    ]));`;
  writeFileSync(join(project, 'codec-both.mjs'), `import * as c from 'dynamodb-mate/codec';\nimport * as m from 'dynamodb-mate';${body}`);
  writeFileSync(join(project, 'codec-both.cjs'), `const c = require('dynamodb-mate/codec');\nconst m = require('dynamodb-mate');${body}`);
  for (const file of ['codec-both.mjs', 'codec-both.cjs']) {
    assert.deepEqual(JSON.parse(node([file])), ['héllo', true, true, true, 'E_GZIP_HEADER', true, true, 'function'], file);
  }
});

test('dynamodb-mate/codec loads no @aws-sdk module, imported (loader hook) or required (require.cache)', () => {
  // A resolve hook that fails the import of anything under node_modules/@aws-sdk/.
  writeFileSync(join(project, 'no-sdk-hooks.mjs'), `export async function resolve(specifier, context, next) {
  const resolved = await next(specifier, context);
  if (resolved.url.includes('/node_modules/@aws-sdk/')) throw new Error(\`AWS SDK loaded: \${specifier}\`);
  return resolved;
}`);
  writeFileSync(join(project, 'no-sdk.mjs'), "import { register } from 'node:module';\nregister('./no-sdk-hooks.mjs', import.meta.url);");
  const esm = (entry) => spawnSync(process.execPath, ['--import', './no-sdk.mjs', '--input-type=module', '-e', `import { codec } from '${entry}'; console.log(codec.sha256Hex('').length);`], {
    cwd: project, env: cleanEnv, encoding: 'utf8',
  });
  const codecEntry = esm('dynamodb-mate/codec');
  assert.equal(codecEntry.status, 0, codecEntry.stderr);
  assert.equal(codecEntry.stdout.trim(), '64');
  // Not vacuous: the hook does catch the main entry, which loads the DynamoDB client.
  assert.match(esm('dynamodb-mate').stderr, /AWS SDK loaded: @aws-sdk\/client-dynamodb/);
  const sdkModules = "Object.keys(require.cache).filter((f) => f.includes('/node_modules/@aws-sdk/')).length";
  const counts = node(['-e', `require('dynamodb-mate/codec'); const a = ${sdkModules}; require('dynamodb-mate'); console.log(a, ${sdkModules} > 0);`]);
  assert.equal(counts.trim(), '0 true');
});

test('an esbuild bundle of codec.gzip from dynamodb-mate/codec holds neither the tracker nor the model layer', async (t) => {
  // A message of each layer, which survives bundling wherever the layer is used (the control below).
  const markers = ['StatusTracker: task data must be a plain object', '.create() takes an object of attribute values'];
  const bundle = async (name, contents) => {
    const outfile = join(tmp, `bundle-${name}`, 'app.mjs');
    await build({
      stdin: { contents, resolveDir: project, sourcefile: 'app.mjs' }, bundle: true, platform: 'node', format: 'esm', outfile, external: ['@aws-sdk/*'], logLevel: 'warning',
    });
    cpSync(join(project, 'node_modules/dynamodb-mate/dist/dynamodb_mate_bg.wasm'), join(tmp, `bundle-${name}`, 'dynamodb_mate_bg.wasm'));
    return outfile;
  };
  const codecOnly = await bundle('codec', "import { codec } from 'dynamodb-mate/codec';\nconsole.log(codec.gzip('x'.repeat(100)).length);");
  const text = readFileSync(codecOnly, 'utf8');
  for (const marker of markers) assert.ok(!text.includes(marker), `the codec bundle holds "${marker}"`);
  assert.ok(Number(node([codecOnly]).trim()) > 0, 'the bundle runs');
  t.diagnostic(`codec.gzip bundle: ${statSync(codecOnly).size} bytes of JS (+ the .wasm)`);
  const full = readFileSync(await bundle('full', "import { StatusTracker, defineModel } from 'dynamodb-mate';\nconsole.log(StatusTracker, defineModel);"), 'utf8');
  for (const marker of markers) assert.ok(full.includes(marker), `control: a bundle using the layer holds "${marker}"`);
});

test('require of the web build: init() takes the .wasm (a CommonJS bundle cannot locate it)', () => {
  writeFileSync(join(project, 'web.cjs'), `
    const { readFileSync } = require('node:fs');
    const { init, codec } = require('dynamodb-mate/web');
    init().catch((e) => [e.name, e.code]).then(async (without) => {
      await init(readFileSync(require.resolve('dynamodb-mate/dynamodb_mate_bg.wasm')));
      console.log(JSON.stringify([without, codec.md5Hex('')]));
    });
  `);
  assert.deepEqual(JSON.parse(node(['web.cjs'])), [['ArgumentError', 'E_ARGUMENT'], 'd41d8cd98f00b204e9800998ecf8427e']);
});

test('a Lambda bundle of the installed package (examples/lambda/build.mjs) runs with read-only filesystem access', async () => {
  const app = join(project, 'lambda');
  mkdirSync(app, { recursive: true });
  writeFileSync(join(app, 'handler.mjs'), `import { codec, consoleUrls, errors, version } from 'dynamodb-mate';
${CHECKS}
export async function handler() { return checks(); }`);
  const out = join(app, 'out');
  const result = await buildLambda(join(app, 'handler.mjs'), out);
  assert.deepEqual([...result.errors, ...result.warnings], []);
  assert.deepEqual(readdirSync(out).sort(), ['dynamodb_mate_bg.wasm', 'index.js']);
  const { result: checked, write } = invokeFresh(out, {}, cleanEnv);
  assert.deepEqual(checked, EXPECTED);
  assert.equal(write, 'ERR_ACCESS_DENIED');
});

test('dynamodb-mate/s3, imported and required, makes the storage a model takes and shares the error classes', () => {
  // The optional peer, as a user of S3-backed attributes has it (the version the repository tests).
  const s3Version = JSON.parse(readFileSync(join(root, 'node_modules/@aws-sdk/client-s3/package.json'), 'utf8')).version;
  execFileSync('npm', ['install', `@aws-sdk/client-s3@${s3Version}`, '--no-audit', '--no-fund', '--prefer-offline'], { cwd: project, stdio: 'pipe' });
  const body = `
    const client = { send: async (command) => [command.constructor.name, command.input.Key] };
    const doc = (s3) => m.defineModel({ table: 'docs', client: { send() {} }, s3, attributes: { id: m.attr.string({ hashKey: true }), body: m.attr.s3Text({ bucket: 'docs' }) } });
    const refused = (fn) => { try { fn(); } catch (e) { return [e.constructor === m.errors[e.name], e.code]; } };
    const storage = s3.s3Storage(client);
    doc(storage);
    storage.head({ Bucket: 'docs', Key: 'k' }).then((sent) => console.log(JSON.stringify([sent, refused(() => s3.s3Storage({})), refused(() => doc(client))])));`;
  writeFileSync(join(project, 's3-both.mjs'), `import * as s3 from 'dynamodb-mate/s3';\nimport * as m from 'dynamodb-mate';${body}`);
  writeFileSync(join(project, 's3-both.cjs'), `const s3 = require('dynamodb-mate/s3');\nconst m = require('dynamodb-mate');${body}`);
  for (const file of ['s3-both.mjs', 's3-both.cjs']) {
    assert.deepEqual(JSON.parse(node([file])), [['HeadObjectCommand', 'k'], [true, 'E_ARGUMENT'], [true, 'E_MODEL']], file);
  }
});

test('a Lambda bundle of a handler with a plain model holds no @aws-sdk/client-s3 code; one using dynamodb-mate/s3 does', async (t) => {
  // A string of client-s3's schemas (its service exception), which any bundle of its code holds.
  const marker = 'com.amazonaws.s3';
  const lambda = async (name, source) => {
    const app = join(project, `lambda-${name}`);
    mkdirSync(app, { recursive: true });
    writeFileSync(join(app, 'handler.mjs'), source);
    const result = await buildLambda(join(app, 'handler.mjs'), join(app, 'out'));
    assert.deepEqual([...result.errors, ...result.warnings], []);
    const s3Inputs = Object.keys(result.metafile.inputs).filter((f) => f.includes('@aws-sdk/client-s3/'));
    return { text: readFileSync(join(app, 'out/index.js'), 'utf8'), s3Inputs };
  };
  const plain = await lambda('plain', readFileSync(join(root, 'examples/lambda/handler.mjs'), 'utf8'));
  assert.ok(!plain.text.includes(marker), `the plain handler's bundle holds "${marker}"`);
  assert.deepEqual(plain.s3Inputs, []);
  t.diagnostic(`plain model handler: ${plain.text.length} bytes of minified JS`);
  // Control: the client-s3 package is installed (the test above) and found when a handler uses it.
  const withS3 = await lambda('s3', `import { S3Client } from '@aws-sdk/client-s3';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { attr, defineModel } from 'dynamodb-mate';
import { s3Storage } from 'dynamodb-mate/s3';
const Doc = defineModel({ table: 'docs', client: new DynamoDBClient({}), s3: s3Storage(new S3Client({})), attributes: { id: attr.string({ hashKey: true }), body: attr.s3Text({ bucket: 'docs' }) } });
export const handler = async (event) => (await Doc.get(event.id)).body;`);
  assert.ok(withS3.text.includes(marker), `control: the S3 handler's bundle holds "${marker}"`);
  assert.ok(withS3.s3Inputs.length > 0);
});

// The types (tests/package/fixtures/consumer.ts, tests/types/) are checked by types.test.mjs.
