// The status tracker (api.md "Status tracker").
export { StatusTracker } from './tracker.mjs';
