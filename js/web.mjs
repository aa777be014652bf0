// Entry of the browser build (dist/web.mjs): call `await init()` before using the codecs.
export { init } from './runtime/web.mjs';
export * as codec from './codec/index.mjs';
export * as errors from './errors/index.mjs';
export { version } from './version.mjs';
