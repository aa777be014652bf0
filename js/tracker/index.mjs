// The status tracker (docs/tracker.md).
export { StatusTracker } from './tracker.mjs';
