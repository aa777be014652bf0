// Opaque page cursors: a LastEvaluatedKey as base64url JSON (bytes and strings kept exact).
import { codecError } from '../errors/make.mjs';
import { fromItemWire, toItemWire } from '../item/tagged-json.mjs';
import { fromBase64, toBase64 } from '../item/base64.mjs';

const utf8 = new TextEncoder();
const text = new TextDecoder();

export function encodeCursor(lastEvaluatedKey) {
  if (!lastEvaluatedKey) return undefined;
  const json = toItemWire(lastEvaluatedKey);
  return toBase64(utf8.encode(json)).replaceAll('+', '-').replaceAll('/', '_').replace(/=+$/, '');
}

export function decodeCursor(cursor) {
  if (cursor === undefined || cursor === null) return undefined;
  try {
    const json = text.decode(fromBase64(cursor.replaceAll('-', '+').replaceAll('_', '/')));
    const key = fromItemWire(json);
    if (key === null || typeof key !== 'object' || Array.isArray(key)) throw new Error('not a key');
    return key;
  } catch {
    throw codecError('E_ARGUMENT', 'cursor is not a cursor returned by this library');
  }
}
