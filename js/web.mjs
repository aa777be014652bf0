// Entry of the browser build (dist/web.mjs): call `await init()` before using the library.
export { init } from './runtime/web.mjs';
export * from './api.mjs';
