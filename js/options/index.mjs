// Options objects: the one check (./check.mjs) and the one table of their keys (./table.mjs).
export { checkOptions } from './check.mjs';
export { OPTIONS } from './table.mjs';
