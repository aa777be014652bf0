// Browsers (and other runtimes with fetch): the wasm is loaded by an explicit `await init()`.
import initGlue from '../generated/dynamodb_mate.js';
import { codecError } from '../errors/make.mjs';
import { markReady } from './core.mjs';

/* global DYNAMODB_MATE_WASM_FILE */
// See node.mjs: bundles load the .wasm next to them, source loads js/generated/.
const WASM_FILE = typeof DYNAMODB_MATE_WASM_FILE === 'string'
  ? DYNAMODB_MATE_WASM_FILE
  : '../generated/dynamodb_mate_bg.wasm';

/** The .wasm next to this module. A CommonJS bundle (dist/web.cjs, or an app's) has no import.meta.url to find it by. */
function wasmNextToModule() {
  if (import.meta.url) return new URL(WASM_FILE, import.meta.url);
  throw codecError('E_ARGUMENT', 'init() cannot locate dynamodb_mate_bg.wasm from a CommonJS bundle: pass its URL, a Response or its bytes');
}

/**
 * Loads the wasm: `input` is a URL (or string), Request, Response, the bytes, or a compiled
 * WebAssembly.Module; by default the .wasm next to this file. The glue loads only once (a failed
 * load is retried by the next call), so calling `init()` again is cheap.
 */
export async function init(input) {
  await initGlue({ module_or_path: input ?? wasmNextToModule() });
  markReady();
}
