// Argument checks done in JS before crossing into wasm, so that a wrong type gets E_INPUT_TYPE
// naming the argument instead of a silent coercion by the wasm-bindgen glue. Messages describe a
// value by its type only: never quote a value, it may be plaintext or key material.
import { codecError } from '../errors/make.mjs';

const encoder = new TextEncoder();

function typeName(value) {
  if (value === null) return 'null';
  if (typeof value !== 'object') return typeof value;
  return value.constructor?.name ?? 'object';
}

export function inputError(name, expected, value) {
  return codecError('E_INPUT_TYPE', `${name} must be ${expected}, got ${typeName(value)}`);
}

// Also true for a Uint8Array (or Buffer) from another realm, e.g. a vm context. instanceof (with
// isView, so that an object merely inheriting from Uint8Array.prototype is no match) comes first:
// Object.prototype.toString was the top JS frame of a small codec.encrypt call.
export function isBytes(value) {
  return (value instanceof Uint8Array && ArrayBuffer.isView(value)) || Object.prototype.toString.call(value) === '[object Uint8Array]';
}

export function bytes(name, value) {
  if (isBytes(value)) return value;
  throw inputError(name, 'a Uint8Array', value);
}

/** A Uint8Array as is, or a string as its UTF-8 bytes. */
export function bytesOrText(name, value) {
  return typeof value === 'string' ? utf8(name, value) : bytes(name, value);
}

/** `text` itself; wasm-bindgen would silently turn a lone surrogate into U+FFFD. */
function wellFormed(name, text) {
  if (!text.isWellFormed()) {
    throw codecError('E_UTF8', `${name} contains a lone UTF-16 surrogate, which has no UTF-8 form`);
  }
  return text;
}

export function utf8(name, text) {
  return encoder.encode(wellFormed(name, text));
}

export function string(name, value) {
  if (typeof value === 'string') return value;
  throw inputError(name, 'a string', value);
}

/** A string that names or derives something in the core (password, key id, table): must be UTF-8. */
export const text = (name, value) => wellFormed(name, string(name, value));

export function boolean(name, value) {
  if (typeof value === 'boolean') return value;
  throw inputError(name, 'a boolean', value);
}

/** A number; the core checks its range (byte counts such as maxOutput). */
export function number(name, value) {
  if (typeof value === 'number') return value;
  throw inputError(name, 'a number', value);
}

/** An integer for a u32 parameter: the glue would wrap larger values silently. */
export function u32(name, value) {
  if (!Number.isInteger(value)) throw inputError(name, 'an integer', value);
  if (value < 0 || value > 0xffffffff) throw codecError('E_ARGUMENT', `${name} is out of range: ${value}`);
  return value;
}
