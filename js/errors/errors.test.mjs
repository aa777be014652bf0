import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import * as errors from './index.mjs';
import { codecError, fromWasmError, taskError } from './make.mjs';

// Every code of the table in docs/wasm-interface.md, plus the two raised by JS only.
const documented = [...readFileSync(new URL('../../docs/wasm-interface.md', import.meta.url), 'utf8')
  .matchAll(/^\| `(E_[A-Z0-9_]+)` \|/gm)].map((m) => m[1]);

const expectedClass = (code) => {
  if (code === 'E_NOT_INITIALIZED') return errors.NotInitializedError;
  if (code === 'E_INPUT_TYPE' || code === 'E_ARGUMENT') return errors.ArgumentError;
  if (code === 'E_KEY_LENGTH' || code === 'E_KEY_NOT_SET') return errors.KeyError;
  if (code.startsWith('E_GZIP_')) return errors.CompressionError;
  if (/^E_(JSON_|BASE85|DATETIME|UTF8)/.test(code)) return errors.EncodingError;
  if (/^E_(LEGACY|AEAD)_/.test(code)) return errors.DecryptionError;
  if (code === 'E_SCHEMA') return errors.ModelError;
  if (code.startsWith('E_ITEM_')) return errors.ItemError;
  return errors.CodecError;
};

test('the documented table is read', () => {
  assert.ok(documented.length >= 25, documented.join());
  assert.ok(documented.includes('E_RANDOM') && documented.includes('E_AEAD_UNKNOWN_KEY_ID'));
});

test('every code maps to its family class', () => {
  for (const code of [...documented, 'E_INPUT_TYPE', 'E_NOT_INITIALIZED']) {
    const error = codecError(code, 'text');
    assert.ok(error instanceof expectedClass(code), code);
    assert.ok(error instanceof errors.DynamoDBMateError && error instanceof Error, code);
    assert.equal(error.code, code);
    assert.equal(error.message, 'text');
    assert.equal(error.name, expectedClass(code).name);
  }
  assert.equal(codecError('E_RANDOM', 'x').constructor, errors.CodecError);
  assert.ok(!(codecError('E_NOT_INITIALIZED', 'x') instanceof errors.CodecError));
});

test('fromWasmError parses "E_CODE: text" and leaves other errors alone', () => {
  const typed = fromWasmError(new Error('E_GZIP_DATA: corrupt deflate data: invalid block type'));
  assert.ok(typed instanceof errors.CompressionError);
  assert.equal(typed.code, 'E_GZIP_DATA');
  assert.equal(typed.message, 'corrupt deflate data: invalid block type');
  assert.equal(fromWasmError(new Error('E_JSON_SYNTAX: line 1\ncolumn 2')).message, 'line 1\ncolumn 2');

  for (const other of [new WebAssembly.RuntimeError('unreachable'), new Error('no code here'), 'a string']) {
    assert.equal(fromWasmError(other), other);
  }
});

test("the status tracker's errors: one class per code, all TaskErrors with the task's ids", () => {
  const classes = {
    E_TASK_NOT_READY: errors.TaskNotReady,
    E_TASK_LOCKED: errors.TaskLocked,
    E_TASK_ALREADY_SUCCEEDED: errors.TaskAlreadySucceeded,
    E_TASK_IGNORED: errors.TaskIgnored,
    E_TASK_NOT_FOUND: errors.TaskNotFound,
    E_TASK_EXISTS: errors.TaskExists,
    E_LOCK_LOST: errors.LockLost,
  };
  const cause = new Error('body');
  for (const [code, ErrorClass] of Object.entries(classes)) {
    const error = taskError(code, 'text', { taskId: 't-1', useCaseId: 'uc', task: { retry: 1 }, cause });
    assert.ok(error instanceof ErrorClass && error instanceof errors.TaskError && error instanceof errors.DynamoDBMateError, code);
    assert.deepEqual([error.code, error.name, error.message, error.taskId, error.useCaseId, error.task, error.cause],
      [code, ErrorClass.name, 'text', 't-1', 'uc', { retry: 1 }, cause]);
  }
  assert.equal('cause' in taskError('E_TASK_LOCKED', 'x', {}), false);
  assert.throws(() => taskError('E_NOPE', 'x'), TypeError);
});
