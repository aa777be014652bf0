// The status tracker (README "Status tracker").
export { StatusTracker } from './tracker.mjs';
