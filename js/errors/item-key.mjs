// Naming the item in errors raised while reading or writing it: an `itemKey` property ({ property:
// value } of its hash and range key) and a short form at the end of the message. Keys are ids, not
// secrets (they are in every console URL and log line already); long values are cut.
import { DynamoDBMateError } from './index.mjs';

const MAX_TEXT = 80;

function describeValue(value) {
  if (typeof value === 'string') return JSON.stringify(value.length > MAX_TEXT ? `${value.slice(0, MAX_TEXT)}…` : value);
  if (value instanceof Uint8Array) return `<${value.length} bytes>`;
  if (value instanceof Date) return value.toISOString();
  return String(value);
}

/** `id="a"`, `site="x", path="/"`. */
export const describeKey = (itemKey) => Object.entries(itemKey).map(([name, v]) => `${name}=${describeValue(v)}`).join(', ');

/** `, item id="a"` for the end of a message, or '' when the key is unknown. */
export const itemSuffix = (itemKey) => (itemKey ? `, item ${describeKey(itemKey)}` : '');

/**
 * Adds `itemKey` (and the key to the message) to a typed error that does not name its item yet;
 * returns the error. Other errors (the SDK's, bugs) are left as they are.
 */
export function withItemKey(error, itemKey) {
  if (itemKey && error instanceof DynamoDBMateError && error.itemKey === undefined) {
    error.itemKey = itemKey;
    error.message += itemSuffix(itemKey);
  }
  return error;
}
