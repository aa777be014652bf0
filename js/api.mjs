// The public API, shared by the Node entry (node.mjs) and the browser entry (web.mjs).
export * as codec from './codec/index.mjs';
export * as errors from './errors/index.mjs';
export { version } from './version.mjs';
export { attr } from './attributes/index.mjs';
export { defineModel } from './model/index.mjs';
export { cond } from './expressions/index.mjs';
export { StatusTracker } from './tracker/index.mjs';
export { UtcDateTime } from './item/utc-datetime.mjs';
export { consoleUrls } from './console/urls.mjs';
