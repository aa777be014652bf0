// Opaque page cursors: a LastEvaluatedKey (AttributeValues of S, N and B, or reencrypt()'s state
// holding such keys) as base64url JSON in which bytes are `"\u0000b<base64>"` and a string that itself
// starts with U+0000 is `"\u0000s<string>"`, so that bytes and strings come back exact. This is the
// one item JSON text left in JS: items cross the wasm boundary in the stream form (js/item/stream.mjs).
import { codecError } from '../errors/make.mjs';
import { fromBase64, toBase64 } from '../item/base64.mjs';

const utf8 = new TextEncoder();
const text = new TextDecoder();

/** A JSON-ready copy of a key: bytes and U+0000-led strings as tags. */
function tag(value) {
  if (typeof value === 'string') return value.charCodeAt(0) === 0 ? `\u0000s${value}` : value;
  if (value === null || typeof value !== 'object') return value;
  if (value instanceof Uint8Array) return `\u0000b${toBase64(value)}`;
  if (Array.isArray(value)) return value.map(tag);
  const out = {};
  for (const key in value) out[key] = tag(value[key]);
  return out;
}

/** Replaces tags in place (parsed JSON is ours to mutate) and returns the value. */
function untag(value) {
  if (typeof value === 'string') {
    if (value.charCodeAt(0) !== 0) return value;
    return value[1] === 'b' ? fromBase64(value.slice(2)) : value.slice(2);
  }
  if (value === null || typeof value !== 'object') return value;
  for (const key in value) value[key] = untag(value[key]);
  return value;
}

export function encodeCursor(lastEvaluatedKey) {
  if (!lastEvaluatedKey) return undefined;
  const json = JSON.stringify(tag(lastEvaluatedKey));
  return toBase64(utf8.encode(json)).replaceAll('+', '-').replaceAll('/', '_').replace(/=+$/, '');
}

export function decodeCursor(cursor) {
  if (cursor === undefined || cursor === null) return undefined;
  try {
    const key = untag(JSON.parse(text.decode(fromBase64(cursor.replaceAll('-', '+').replaceAll('_', '/')))));
    if (key === null || typeof key !== 'object' || Array.isArray(key)) throw new Error('not a key');
    return key;
  } catch {
    throw codecError('E_ARGUMENT', 'cursor is not a cursor returned by this library');
  }
}
