// The web entry, run from source in Node: nothing works before init(), everything after.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { codec, errors, init, version } from '../web.mjs';

const wasmBytes = readFileSync(new URL('../generated/dynamodb_mate_bg.wasm', import.meta.url));

test('codec calls before init() throw E_NOT_INITIALIZED', () => {
  const calls = [
    () => codec.sha256Hex(''),
    () => codec.gzip('x'),
    () => codec.pythonJsonDumps({}),
    () => codec.encrypt('x', { key: 'pw', table: 't', attribute: 'a' }),
  ];
  for (const call of calls) {
    assert.throws(call, (error) => error instanceof errors.NotInitializedError
      && error instanceof errors.DynamoDBMateError && error.code === 'E_NOT_INITIALIZED' && /await init\(\)/.test(error.message));
  }
  assert.equal(typeof version, 'string');
});

test('a failed init() can be retried; init() accepts bytes or a compiled module', async () => {
  await assert.rejects(init(new Uint8Array([0, 97, 115, 109])), WebAssembly.CompileError);
  assert.throws(() => codec.sha256Hex(''), errors.NotInitializedError);

  await init(new WebAssembly.Module(wasmBytes));
  await init(wasmBytes); // later calls are no-ops
  assert.equal(codec.sha256Hex(''), 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
  const stored = codec.encrypt('x', { key: 'pw', table: 't', attribute: 'a', deterministic: false });
  assert.equal(codec.decrypt(stored, { key: 'pw', table: 't', attribute: 'a', kind: 'string' }), 'x');
});
