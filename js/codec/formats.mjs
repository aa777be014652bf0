// The byte formats of encrypted values, named in one place: 'aead', the core's envelope
// (docs/envelope.md; its magic comes from src/aead.rs through js/generated/constants.mjs), and
// 'pynamodb_mate', the bytes Python reads.
import { ENVELOPE_HEADER_MAX, ENVELOPE_MAGIC } from '../generated/constants.mjs';
import { core } from '../runtime/core.mjs';

export const FORMATS = Object.freeze(['aead', 'pynamodb_mate']);

/** `format` (undefined is 'aead') when it names a format; else throws `fail(message)`. */
export function checkFormat(format, fail) {
  const f = format ?? 'aead';
  if (!FORMATS.includes(f)) throw fail(`format must be ${FORMATS.map((name) => `'${name}'`).join(' or ')}`);
  return f;
}

/** Whether stored bytes start as an aead envelope: a cheap test before asking the core about them. */
export const looksLikeEnvelope = (bytes) => ENVELOPE_MAGIC.every((b, i) => bytes[i] === b);

/** The key id an envelope names (or its format error): wasm reads the header, not the ciphertext. */
export const envelopeKeyId = (stored) => core.aeadKeyId(stored.subarray(0, ENVELOPE_HEADER_MAX), stored.length);
