// Entry of dynamodb-mate/codec in browsers (dist/codec-web.mjs): call `await init()` first.
export { init } from './runtime/web.mjs';
export * from './codec-api.mjs';
