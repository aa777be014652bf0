// Node: the wasm is compiled synchronously by the first call that needs it (no top-level await,
// which would break `require`; no compile at import, which a program whose items all take the JS
// fast paths would pay for nothing: issue 15).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { NotInitializedError } from '../errors/index.mjs';
import { initSync } from '../generated/dynamodb_mate.js';
import { useNative } from '../codec/node-native.mjs';
import { loadOnFirstUse } from './core.mjs';

/* global DYNAMODB_MATE_WASM_FILE */
// scripts/build-package.mjs defines DYNAMODB_MATE_WASM_FILE so that bundles load the .wasm sitting
// next to them; from source it is the wasm-bindgen output in js/generated/.
const WASM_FILE = typeof DYNAMODB_MATE_WASM_FILE === 'string'
  ? DYNAMODB_MATE_WASM_FILE
  : '../generated/dynamodb_mate_bg.wasm';

function wasmLocation() {
  if (process.env.DYNAMODB_MATE_WASM_PATH) return process.env.DYNAMODB_MATE_WASM_PATH;
  // import.meta.url is empty in our CJS bundle and in any CJS bundle made of the ESM one (Lambda
  // with esbuild --format=cjs): there the .wasm is expected next to that bundle, in __dirname.
  // (Testing `typeof __dirname` instead would be fooled by a global __dirname, as `node -e` sets.)
  return import.meta.url ? new URL(WASM_FILE, import.meta.url) : join(__dirname, WASM_FILE);
}

/** Reads and instantiates the .wasm; a missing or broken file is E_NOT_INITIALIZED naming it. */
function load() {
  const location = wasmLocation();
  try {
    initSync({ module: readFileSync(location) });
  } catch (error) {
    throw new NotInitializedError('E_NOT_INITIALIZED', `dynamodb-mate cannot load its wasm module (${location}): ${error.message}`, { cause: error });
  }
}

loadOnFirstUse(load);
useNative(true);

/** Nothing to wait for on Node (the wasm loads at first use); present so that code shared with browsers can `await init()`. */
export async function init() {}
