// The tagged-JSON form Python JSON values cross the wasm boundary in (pythonJsonDumps/Loads and the
// number/json kinds; docs/wasm-interface.md, "Value wire format"): JSON text in which a string
// starting with U+0000 is a tag for what JSON.stringify/JSON.parse cannot express. Also PythonFloat.
import { codecError } from '../errors/make.mjs';
import { inputError } from './input.mjs';

/**
 * A non-enumerable mark on every PythonFloat: dynamodb-toolbox copies values into plain objects
 * (own symbols included) before its transformers see them, and js/adapters/toolbox.mjs recognizes
 * the copies by it.
 */
export const PYTHON_FLOAT = Symbol.for('dynamodb-mate.PythonFloat');

/**
 * Marks a JS number as a Python float, e.g. `new PythonFloat(1)` is written `1.0`. Reads give one
 * for a whole float (`1.0`), which a plain number would write back as the int `1`. It behaves as
 * its number in arithmetic, comparisons, template strings and `JSON.stringify`.
 */
export class PythonFloat {
  constructor(value) {
    if (typeof value !== 'number') throw inputError('PythonFloat value', 'a number', value);
    this.value = value;
    Object.defineProperty(this, PYTHON_FLOAT, { value: true });
  }

  valueOf() {
    return this.value;
  }

  toString() {
    return String(this.value);
  }

  toJSON() {
    return this.value;
  }
}

/**
 * The JS value of a float the core sends as a tag (float text): a PythonFloat when it is whole,
 * as a plain number would become a Python int when written back; else the number (NaN, -0, ...).
 */
export function floatFromTag(text) {
  const n = Number(text);
  return Number.isInteger(n) && !Object.is(n, -0) ? new PythonFloat(n) : n;
}

const floatText = (n) => (Object.is(n, -0) ? '-0' : String(n));

/** Python's json nesting limit, as the core's (src/pyjson MAX_DEPTH): deeper input is E_JSON_DEPTH. */
export const MAX_JSON_DEPTH = 512;

/**
 * One step of a position: an array index, or an object member by its position among the object's
 * keys (`{2}`: the third key). Object keys are data (a plaintext's keys are plaintext), so errors
 * never show them.
 */
function step(holder, key) {
  return Array.isArray(holder) ? `[${key}]` : `{${Object.keys(holder).indexOf(key)}}`;
}

// What JSON.stringify would silently turn into `{}`, a date string or nothing.
function unsupported(raw, value) {
  if (raw instanceof Date) return 'Date';
  if (typeof value === 'function' || typeof value === 'symbol') return typeof value;
  if (value instanceof Map || value instanceof Set || value instanceof WeakMap || value instanceof WeakSet) {
    return value.constructor.name;
  }
  if (ArrayBuffer.isView(value) || value instanceof ArrayBuffer) return value.constructor.name;
  return undefined;
}

/**
 * JSON text of `value` in wire form. Errors give the position of the offending value structurally
 * (`${0}[2]`: the first member's third element), never an object key. Nesting deeper than
 * MAX_JSON_DEPTH is E_JSON_DEPTH before JSON.stringify's recursion can exhaust the stack.
 */
export function toWire(value) {
  // The containers being serialised, outermost first, each with the holder and key it came from.
  // JSON.stringify walks depth first and calls the replacer with `this` = the holder, so popping
  // down to the holder leaves its ancestors.
  const stack = [];
  const typeError = (message, holder, key) => {
    const path = stack.slice(1).map((entry) => step(entry.holder, entry.key)).join('');
    const last = stack.length > 0 ? step(holder, key) : '';
    return codecError('E_JSON_TYPE', `${message} at $${path}${last}`);
  };

  function replacer(key, converted) {
    while (stack.length > 0 && stack.at(-1).container !== this) stack.pop();
    // Its toJSON already made it a plain number.
    if (this[key] instanceof PythonFloat) return `\u0000f${floatText(this[key].value)}`;
    let v = converted;
    if (v instanceof Number || v instanceof String || v instanceof Boolean) v = v.valueOf();

    const bad = unsupported(this[key], v);
    if (bad) throw typeError(`${bad} is not JSON (convert it first)`, this, key);
    if (typeof v === 'bigint') return `\u0000i${v}`;
    if (typeof v === 'number' && (!Number.isFinite(v) || Object.is(v, -0))) return `\u0000f${floatText(v)}`;
    if (typeof v === 'string' && v.startsWith('\u0000')) return `\u0000s${v}`;
    if (v !== null && typeof v === 'object') {
      if (stack.some((entry) => entry.container === v)) throw typeError('circular reference', this, key);
      if (stack.length >= MAX_JSON_DEPTH) throw codecError('E_JSON_DEPTH', `nesting deeper than ${MAX_JSON_DEPTH}`);
      stack.push({ container: v, holder: this, key });
    }
    return v;
  }

  const text = JSON.stringify(value, replacer);
  if (text === undefined) throw codecError('E_JSON_TYPE', `${typeof value} is not JSON at $`);
  return text;
}

function revive(key, value) {
  if (typeof value !== 'string' || !value.startsWith('\u0000')) return value;
  const body = value.slice(2);
  switch (value[1]) {
    case 'i': return BigInt(body);
    case 'f': return floatFromTag(body); // NaN, Infinity, -Infinity, -0, whole floats
    default: return body; // 's': a string that itself starts with U+0000
  }
}

/** The JS value of wire JSON text; the reviver is only needed when a tag can be present. */
export function fromWire(text) {
  return text.includes('\\u0000') ? JSON.parse(text, revive) : JSON.parse(text);
}
