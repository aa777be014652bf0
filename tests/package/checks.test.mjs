// The packed tarball (`npm pack` of pkg/) passes the two package linters that npm users and
// registries run: @arethetypeswrong/cli (every entry point resolves to types of its own module format
// under node10, node16 from CJS and from ESM, and bundlers) and publint (exports, files, fields), at
// their strictest, with no problem and no suggestion left. Needs scripts/build.sh to have run.
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { publint } from 'publint';
import { formatMessage } from 'publint/utils';

const root = fileURLToPath(new URL('../../', import.meta.url));
const pkgDir = join(root, 'pkg');
const tmp = mkdtempSync(join(tmpdir(), 'dmate-checks-'));
after(() => rmSync(tmp, { recursive: true, force: true }));

let tarball;
before(() => {
  assert.ok(existsSync(join(pkgDir, 'dist/node.mjs')), 'pkg/ is not built: run scripts/build.sh');
  const [packed] = JSON.parse(execFileSync('npm', ['pack', pkgDir, '--pack-destination', tmp, '--json'], { encoding: 'utf8' }));
  tarball = join(tmp, packed.filename);
});

test('@arethetypeswrong/cli finds no problem in any entry point and resolution mode', () => {
  // The .wasm export is an asset, not a module: attw's documented way is to exclude such entry points.
  const r = spawnSync(join(root, 'node_modules/.bin/attw'), [tarball, '--format', 'json', '--exclude-entrypoints', './dynamodb_mate_bg.wasm'], {
    encoding: 'utf8',
  });
  const report = JSON.parse(r.stdout);
  assert.deepEqual(report.problems, {}, JSON.stringify(report.problems, null, 2));
  assert.equal(r.status, 0, r.stderr);
  // Not vacuous: the entry points were found and each resolved to declarations in every mode.
  const { entrypoints } = report.analysis;
  assert.deepEqual(Object.keys(entrypoints).sort(), ['.', './codec', './electrodb', './package.json', './s3', './toolbox', './web']);
  for (const [name, file] of [['.', 'index'], ['./web', 'index'], ['./codec', 'codec'], ['./toolbox', 'toolbox'], ['./electrodb', 'electrodb'], ['./s3', 's3']]) {
    const kinds = Object.entries(entrypoints[name].resolutions).map(([kind, r]) => [kind, r.resolution?.fileName.replace(/^\/node_modules\/dynamodb-mate\//, '')]);
    assert.deepEqual(kinds, [
      ['node10', `dist/${file}.d.ts`],
      ['node16-cjs', `dist/${file}.d.ts`],
      ['node16-esm', `dist/${file}.d.mts`],
      ['bundler', `dist/${file}.d.mts`],
    ], name);
  }
});

test('publint (strict, every suggestion) finds nothing to report', async () => {
  const bytes = readFileSync(tarball);
  const { messages, pkg } = await publint({
    pack: { tarball: bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) },
    level: 'suggestion',
    strict: true,
  });
  assert.equal(pkg.name, 'dynamodb-mate');
  assert.deepEqual(messages.map((m) => `${m.type} ${m.code}: ${formatMessage(m, pkg, { color: false })}`), []);
});
