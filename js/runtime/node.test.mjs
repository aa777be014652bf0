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

// pythonJsonDumps is wasm only (md5Hex, say, takes node:crypto and would work without the .wasm).
const script = `import { codec } from ${JSON.stringify(entry)}; console.log(codec.pythonJsonDumps({ a: 1 }));`;
const run = (env) => spawnSync(process.execPath, ['--input-type=module', '-e', script], {
  env: { ...process.env, ...env },
  encoding: 'utf8',
});

test('the codecs work right after import, with no init()', async () => {
  const { codec, init } = await import('../node.mjs');
  assert.equal(codec.pythonJsonDumps({ a: 1 }), '{"a": 1}');
  assert.equal(await init(), undefined);
});

test('DYNAMODB_MATE_WASM_PATH overrides where the .wasm is read from', () => {
  const copy = join(dir, 'elsewhere.wasm');
  copyFileSync(wasm, copy);
  const ok = run({ DYNAMODB_MATE_WASM_PATH: copy });
  assert.equal(ok.status, 0, ok.stderr);
  assert.equal(ok.stdout.trim(), '{"a": 1}');
});

test('a .wasm that cannot be read is a typed error at the first call that needs it, not at import', () => {
  const script = `import { codec, errors } from ${JSON.stringify(entry)};
    const attempt = () => { try { codec.pythonJsonDumps({}); } catch (e) { return [e instanceof errors.NotInitializedError, e.code, e.message]; } };
    console.log(JSON.stringify([attempt(), attempt()]));`;
  const missing = spawnSync(process.execPath, ['--input-type=module', '-e', script], {
    env: { ...process.env, DYNAMODB_MATE_WASM_PATH: join(dir, 'missing.wasm') },
    encoding: 'utf8',
  });
  assert.equal(missing.status, 0, missing.stderr);
  for (const [typed, code, message] of JSON.parse(missing.stdout)) { // a failed load is tried again
    assert.deepEqual([typed, code], [true, 'E_NOT_INITIALIZED']);
    assert.match(message, /cannot load its wasm module \(.*missing\.wasm\): ENOENT/);
  }
});

test('a global __dirname (node -e) does not mislead the ESM loader', () => {
  const out = execFileSync(process.execPath, ['-e', `import(${JSON.stringify(entry)}).then(({ codec }) => console.log(codec.pythonJsonDumps({ a: 1 })))`], {
    cwd: dir,
    encoding: 'utf8',
  });
  assert.equal(out.trim(), '{"a": 1}');
});
