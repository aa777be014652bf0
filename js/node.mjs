// Entry of the Node builds (dist/node.mjs, dist/node.cjs): the wasm is ready once this is imported.
import './runtime/node.mjs';

export * from './api.mjs';

/** Already initialised on Node; present so that code shared with browsers can `await init()`. */
export async function init() {}
