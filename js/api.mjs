// The public API, shared by the Node entry (node.mjs) and the browser entry (web.mjs).
export * from './codec-api.mjs';
export { attr } from './attributes/index.mjs';
export { defineModel } from './model/index.mjs';
export { cond } from './expressions/index.mjs';
export { StatusTracker } from './tracker/index.mjs';
export { consoleUrls } from './console/urls.mjs';
