// Internal: creating typed errors from a code, for errors raised in JS and in the wasm core.
import {
  ArgumentError, CodecError, CompressionError, DecryptionError, EncodingError, ExpressionError, ItemError, KeyError,
  LockLost, ModelError, NotInitializedError, TaskAlreadySucceeded, TaskExists, TaskIgnored, TaskLocked, TaskNotFound,
  TaskNotReady,
} from './index.mjs';

const CLASS_BY_CODE = {
  E_NOT_INITIALIZED: NotInitializedError,
  E_INPUT_TYPE: ArgumentError,
  E_ARGUMENT: ArgumentError,
  E_KEY_LENGTH: KeyError,
  E_KEY_NOT_SET: KeyError,
  E_BASE85: EncodingError,
  E_DATETIME: EncodingError,
  E_UTF8: EncodingError,
  E_MODEL: ModelError,
  E_SCHEMA: ModelError,
  E_EXPRESSION: ExpressionError,
};
const CLASS_BY_PREFIX = [
  ['E_GZIP_', CompressionError],
  ['E_JSON_', EncodingError],
  ['E_LEGACY_', DecryptionError],
  ['E_AEAD_', DecryptionError],
  ['E_ITEM_', ItemError],
];

/** The typed error for `code`; codes without a family of their own (E_RANDOM) get CodecError. */
export function codecError(code, message) {
  const ErrorClass = CLASS_BY_CODE[code]
    ?? CLASS_BY_PREFIX.find(([prefix]) => code.startsWith(prefix))?.[1]
    ?? CodecError;
  return new ErrorClass(code, message);
}

// The Rust core throws `Error("E_CODE: explanation")` (docs/wasm-interface.md).
const WASM_MESSAGE = /^(E_[A-Z0-9_]+): ([\s\S]*)$/;

/**
 * Turns an error thrown by a wasm export into the typed error of its code. Anything else (a bug
 * such as a wasm trap) is returned unchanged so that its type and stack stay visible.
 */
export function fromWasmError(error) {
  const match = error instanceof Error && WASM_MESSAGE.exec(error.message);
  return match ? codecError(match[1], match[2]) : error;
}

const TASK_CLASS_BY_CODE = {
  E_TASK_NOT_READY: TaskNotReady,
  E_TASK_LOCKED: TaskLocked,
  E_TASK_ALREADY_SUCCEEDED: TaskAlreadySucceeded,
  E_TASK_IGNORED: TaskIgnored,
  E_TASK_NOT_FOUND: TaskNotFound,
  E_TASK_EXISTS: TaskExists,
  E_LOCK_LOST: LockLost,
};

/** The status tracker's typed error for `code`; `details`: `{ taskId, useCaseId, task, cause }`. */
export function taskError(code, message, details) {
  const ErrorClass = TASK_CLASS_BY_CODE[code];
  if (!ErrorClass) throw new TypeError(`taskError(): unknown code ${code}`);
  return new ErrorClass(code, message, details);
}
