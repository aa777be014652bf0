import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { fileURLToPath } from 'node:url';

const entry = fileURLToPath(new URL('../node.mjs', import.meta.url));
const wasm = fileURLToPath(new URL('../generated/dynamodb_mate_bg.wasm', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'dmate-runtime-'));
after(() => rmSync(dir, { recursive: true, force: true }));

const script = `import { codec } from ${JSON.stringify(entry)}; console.log(codec.md5Hex('a'));`;
const run = (env) => spawnSync(process.execPath, ['--input-type=module', '-e', script], {
  env: { ...process.env, ...env },
  encoding: 'utf8',
});

test('the codecs work right after import, with no init()', async () => {
  const { codec, init } = await import('../node.mjs');
  assert.equal(codec.md5Hex('a'), '0cc175b9c0f1b6a831c399e269772661');
  assert.equal(await init(), undefined);
});

test('DYNAMODB_MATE_WASM_PATH overrides where the .wasm is read from', () => {
  const copy = join(dir, 'elsewhere.wasm');
  copyFileSync(wasm, copy);
  const ok = run({ DYNAMODB_MATE_WASM_PATH: copy });
  assert.equal(ok.status, 0, ok.stderr);
  assert.equal(ok.stdout.trim(), '0cc175b9c0f1b6a831c399e269772661');

  const missing = run({ DYNAMODB_MATE_WASM_PATH: join(dir, 'missing.wasm') });
  assert.notEqual(missing.status, 0);
  assert.match(missing.stderr, /ENOENT.*missing\.wasm/);
});

test('a global __dirname (node -e) does not mislead the ESM loader', () => {
  const out = execFileSync(process.execPath, ['-e', `import(${JSON.stringify(entry)}).then(({ codec }) => console.log(codec.md5Hex('a')))`], {
    cwd: dir,
    encoding: 'utf8',
  });
  assert.equal(out.trim(), '0cc175b9c0f1b6a831c399e269772661');
});
