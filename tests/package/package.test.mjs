// The built package as users get it: `npm pack` of pkg/, installed into a throw-away project, then
// used from fresh node processes through `import`, `require` and a Lambda bundle (TypeScript:
// types.test.mjs; the Lambda example against DynamoDB Local: lambda.test.mjs).
// Needs scripts/build.sh to have run.
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { fileURLToPath } from 'node:url';
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
    'README.md', 'dist/cli.mjs', 'dist/dynamodb_mate_bg.wasm', 'dist/electrodb.cjs', 'dist/electrodb.d.mts', 'dist/electrodb.d.ts', 'dist/electrodb.mjs',
    'dist/index.d.mts', 'dist/index.d.ts', 'dist/node.cjs', 'dist/node.mjs', 'dist/toolbox.cjs', 'dist/toolbox.d.mts', 'dist/toolbox.d.ts',
    'dist/toolbox.mjs', 'dist/web.cjs', 'dist/web.mjs', 'package.json',
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

// The types (tests/package/fixtures/consumer.ts, tests/types/) are checked by types.test.mjs.
