// Value kinds (docs/wasm-interface.md, "Kinds"): how a JS value becomes the bytes handed to the
// wasm encrypt/compress functions, and how their decoded bytes become a JS value again.
import { codecError } from '../errors/make.mjs';
import { inputError, isBytes, string, utf8 } from './input.mjs';
import { PythonFloat, fromWire, toWire } from './tagged-json.mjs';

const KINDS = ['string', 'binary', 'number', 'int', 'float', 'json'];
// ignoreBOM: a leading U+FEFF is part of the value, not a byte order mark to drop.
const decoder = new TextDecoder('utf-8', { ignoreBOM: true });

/** `opts.kind`, or the kind a value of this type is stored as when `kind` is not given. */
export function kindOf(opts, value) {
  if (opts.kind === undefined) {
    if (typeof value === 'string') return 'string';
    if (isBytes(value)) return 'binary';
    if (typeof value === 'number' || typeof value === 'bigint' || value instanceof PythonFloat) return 'number';
    return 'json';
  }
  return requiredKind(opts);
}

/** `opts.kind` where it cannot be inferred (decoding). */
export function requiredKind(opts) {
  if (!KINDS.includes(opts.kind)) {
    throw codecError('E_ARGUMENT', `opts.kind must be one of ${KINDS.join(', ')}`);
  }
  return opts.kind;
}

export function toPlain(kind, value) {
  if (kind === 'string') return utf8('value', string('value', value));
  if (kind === 'binary') {
    if (!isBytes(value)) throw inputError('value', "a Uint8Array for kind 'binary'", value);
    return value;
  }
  return utf8('value', toWire(value));
}

export function fromPlain(kind, plain) {
  if (kind === 'binary') return plain;
  const text = decoder.decode(plain);
  return kind === 'string' ? text : fromWire(text);
}
