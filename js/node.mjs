// Entry of the Node builds (dist/node.mjs, dist/node.cjs): the wasm is ready once this is imported.
export { init } from './runtime/node.mjs';
export * from './api.mjs';
