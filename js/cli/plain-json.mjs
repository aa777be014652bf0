// Decoded values as JSON text (`get`): what JSON has no type for is written in the one way it can
// be read back unambiguously by a person: bytes as base64, sets as arrays, datetimes as ISO text (with microseconds for a UtcDateTime),
// integers beyond 2^53 as strings.
import { UtcDateTime } from '../node.mjs';

const toBase64 = (bytes) => Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('base64');

function plain(value) {
  if (value instanceof Uint8Array) return toBase64(value);
  if (value instanceof Set) return [...value].map(plain);
  if (value instanceof UtcDateTime) return value.toISOString().replace(/\.\d{3}Z$/, `.${String(value.microsecond).padStart(6, '0')}Z`);
  if (value instanceof Date) return value.toISOString();
  if (typeof value === 'bigint') return value.toString();
  if (Array.isArray(value)) return value.map(plain);
  if (value !== null && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, plain(v)]));
  return value;
}

export const plainJson = (item) => JSON.stringify(plain({ ...item }));
