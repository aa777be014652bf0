// Entry of the Node builds (dist/node.mjs, dist/node.cjs): the wasm is ready once this is imported.
import './runtime/node.mjs';

export * as codec from './codec/index.mjs';
export * as errors from './errors/index.mjs';
export { version } from './version.mjs';

/** Already initialised on Node; present so that code shared with browsers can `await init()`. */
export async function init() {}
