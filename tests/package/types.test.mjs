// The TypeScript declarations as users get them: `npm pack` of pkg/, installed into a throw-away
// project (npm adds the peer @aws-sdk/client-dynamodb, whose types the declarations use), then
// type-checked with the workspace's tsc:
// - tests/types/ok.ts (the API as users write it, with exact type assertions) and
//   tests/package/fixtures/consumer.ts (the codecs) compile as ESM and CJS, for Node and browsers;
// - tests/types/fail.ts: every `@ts-expect-error` hits an error, and without the directives the file
//   fails on exactly the lines below them (so a directive cannot pass by accident);
// - tests/types/adapters.ts (dynamodb-mate/toolbox and /electrodb), with dynamodb-toolbox and ElectroDB
//   installed: compiles, and without its directives fails on exactly the lines below them;
// - each resolution mode gets the declaration file of its module format (index.d.mts for import
//   and bundlers, index.d.ts for require; the top-level "types" serves resolvers without "exports",
//   which TypeScript 7 no longer has, so it is not checked here).
// Needs scripts/build.sh to have run.
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../../', import.meta.url));
const pkgDir = join(root, 'pkg');
const tmp = mkdtempSync(join(tmpdir(), 'dmate-types-'));
const project = join(tmp, 'project');
after(() => rmSync(tmp, { recursive: true, force: true }));

const TSC = join(root, 'node_modules/.bin/tsc');
const COMMON = ['--noEmit', '--strict', '--target', 'es2022', '--pretty', 'false', '--typeRoots', join(root, 'node_modules/@types')];
const NODENEXT = ['--module', 'nodenext'];
const ENVS = {
  node: ['--lib', 'es2022', '--types', 'node'],
  browser: ['--lib', 'es2022,dom', '--types', ''],
};
// The AWS SDK's own declarations need @types/node (Buffer, node:stream): without it (a browser
// program without skipLibCheck) they report errors of their own, which are not ours to judge.
const SDK_FILE = /^node_modules\/@(aws-sdk|smithy)\//;

const DIRECTIVE = /^(\s*)\/\/ @ts-expect-error\b.*$/;

/** Runs tsc in the project; `errors`: `{ file, line, code, text }` of each diagnostic. */
function tsc(args) {
  const r = spawnSync(TSC, [...COMMON, ...args], { cwd: project, encoding: 'utf8' });
  const output = `${r.stdout}${r.stderr}`;
  const errors = [...output.matchAll(/^(.+?)\((\d+),\d+\): error (TS\d+): (.*)$/gm)]
    .map(([, file, line, code, text]) => ({ file, line: Number(line), code, text }));
  return { status: r.status, output, errors };
}

/** Asserts that tsc reports nothing but (in a browser program) the SDK's own errors. */
function assertCompiles(args, { sdkErrorsAllowed = false } = {}) {
  const r = tsc(args);
  const ours = r.errors.filter((e) => !(sdkErrorsAllowed && SDK_FILE.test(e.file)));
  assert.deepEqual(ours, [], `tsc ${args.join(' ')}\n${r.output}`);
  if (!sdkErrorsAllowed) assert.equal(r.status, 0, `tsc ${args.join(' ')}\n${r.output}`);
}

before(() => {
  assert.ok(existsSync(join(pkgDir, 'dist/index.d.mts')), 'pkg/ is not built: run scripts/build.sh');
  const [packed] = JSON.parse(execFileSync('npm', ['pack', pkgDir, '--pack-destination', tmp, '--json'], { encoding: 'utf8' }));
  mkdirSync(project);
  writeFileSync(join(project, 'package.json'), JSON.stringify({ name: 'consumer', private: true }));
  execFileSync('npm', ['install', join(tmp, packed.filename), '--no-audit', '--no-fund', '--prefer-offline'], { cwd: project, stdio: 'pipe' });
  assert.ok(existsSync(join(project, 'node_modules/@aws-sdk/client-dynamodb/package.json')), 'npm did not install the peer dependency');
  for (const [from, name] of [['tests/types/ok.ts', 'ok'], ['tests/types/fail.ts', 'fail'], ['tests/package/fixtures/consumer.ts', 'consumer']]) {
    for (const ext of ['ts', 'mts', 'cts']) copyFileSync(join(root, from), join(project, `${name}.${ext}`));
  }
});

for (const [env, envArgs] of Object.entries(ENVS)) {
  test(`${env}: the API as users write it compiles, as ESM and as CJS`, () => {
    assertCompiles([...NODENEXT, ...envArgs, 'ok.mts', 'ok.cts', 'consumer.mts', 'consumer.cts'], { sdkErrorsAllowed: env === 'browser' });
  });

  test(`${env}: every misuse in fail.ts is an error (no unused @ts-expect-error)`, () => {
    assertCompiles([...NODENEXT, ...envArgs, 'fail.mts', 'fail.cts'], { sdkErrorsAllowed: env === 'browser' });
  });
}

test('bundler resolution compiles the same usage', () => {
  assertCompiles(['--module', 'preserve', '--moduleResolution', 'bundler', ...ENVS.node, 'ok.ts', 'consumer.ts']);
});

test('without its @ts-expect-error directives, fail.ts fails on exactly the lines below them', () => {
  const lines = readFileSync(join(project, 'fail.ts'), 'utf8').split('\n');
  const expected = lines.flatMap((l, i) => (DIRECTIVE.test(l) ? [i + 2] : [])); // 1-based line after the directive
  assert.ok(expected.length >= 80, `only ${expected.length} directives`);
  // Same line numbers: each directive becomes an empty comment.
  writeFileSync(join(project, 'stripped.mts'), lines.map((l) => l.replace(DIRECTIVE, '$1//')).join('\n'));
  const r = tsc([...NODENEXT, ...ENVS.node, 'stripped.mts']);
  assert.notEqual(r.status, 0);
  const elsewhere = r.errors.filter((e) => e.file !== 'stripped.mts');
  assert.deepEqual(elsewhere, [], r.output);
  const failing = [...new Set(r.errors.map((e) => e.line))].sort((a, b) => a - b);
  assert.deepEqual(failing, expected, r.output);
});

test('each module format gets the declaration file of its own format', () => {
  writeFileSync(join(project, 'resolve.mts'), "import { version } from 'dynamodb-mate';\nexport const v: string = version;\n");
  copyFileSync(join(project, 'resolve.mts'), join(project, 'resolve.cts'));
  copyFileSync(join(project, 'resolve.mts'), join(project, 'resolve.ts'));
  writeFileSync(join(project, 'resolve-web.mts'), "import { init } from 'dynamodb-mate/web';\nexport const ready: Promise<void> = init();\n");
  copyFileSync(join(project, 'resolve-web.mts'), join(project, 'resolve-web.cts'));
  const resolved = (args, name = 'dynamodb-mate') => {
    const r = tsc([...args, ...ENVS.node, '--traceResolution']);
    assert.equal(r.errors.length, 0, r.output.split('\n').filter((l) => l.includes('error')).join('\n'));
    return [...r.output.matchAll(new RegExp(`Module name '${name}' was successfully resolved to '([^']+)'`, 'g'))]
      .map((m) => m[1].slice(project.length + 1));
  };
  assert.deepEqual(resolved([...NODENEXT, 'resolve.mts']), ['node_modules/dynamodb-mate/dist/index.d.mts']);
  assert.deepEqual(resolved([...NODENEXT, 'resolve.cts']), ['node_modules/dynamodb-mate/dist/index.d.ts']);
  assert.deepEqual(resolved(['--module', 'preserve', '--moduleResolution', 'bundler', 'resolve.ts']), ['node_modules/dynamodb-mate/dist/index.d.mts']);
  assert.deepEqual(resolved([...NODENEXT, 'resolve-web.mts'], 'dynamodb-mate/web'), ['node_modules/dynamodb-mate/dist/index.d.mts']);
  assert.deepEqual(resolved([...NODENEXT, 'resolve-web.cts'], 'dynamodb-mate/web'), ['node_modules/dynamodb-mate/dist/index.d.ts']);
  // "type": "commonjs": index.d.ts is CommonJS like node.cjs and web.cjs, index.d.mts ESM like the .mjs.
  const manifest = JSON.parse(readFileSync(join(project, 'node_modules/dynamodb-mate/package.json'), 'utf8'));
  assert.equal(manifest.type, 'commonjs');
  assert.deepEqual(manifest.exports['.'], {
    browser: { types: './dist/index.d.mts', default: './dist/web.mjs' },
    import: { types: './dist/index.d.mts', default: './dist/node.mjs' },
    require: { types: './dist/index.d.ts', default: './dist/node.cjs' },
  });
  assert.equal(
    readFileSync(join(project, 'node_modules/dynamodb-mate/dist/index.d.ts'), 'utf8'),
    readFileSync(join(project, 'node_modules/dynamodb-mate/dist/index.d.mts'), 'utf8'),
  );
});

test('the adapters compile with dynamodb-toolbox and ElectroDB installed, and their misuses are errors', () => {
  // The optional peers, as a toolbox or ElectroDB user has them.
  execFileSync('npm', ['install', 'dynamodb-toolbox@2.10.6', 'electrodb@3.9.3', '--no-audit', '--no-fund', '--prefer-offline'], { cwd: project, stdio: 'pipe' });
  const lines = readFileSync(join(root, 'tests/types/adapters.ts'), 'utf8').split('\n');
  for (const ext of ['mts', 'cts']) writeFileSync(join(project, `adapters.${ext}`), lines.join('\n'));
  assertCompiles([...NODENEXT, ...ENVS.node, 'adapters.mts', 'adapters.cts']);
  // Without the directives, exactly the lines below them fail.
  writeFileSync(join(project, 'adapters-stripped.mts'), lines.map((l) => l.replace(DIRECTIVE, '$1//')).join('\n'));
  const r = tsc([...NODENEXT, ...ENVS.node, 'adapters-stripped.mts']);
  const expected = lines.flatMap((l, i) => (DIRECTIVE.test(l) ? [i + 2] : []));
  assert.deepEqual([...new Set(r.errors.map((e) => e.line))].sort((a, b) => a - b), expected, r.output);
});
