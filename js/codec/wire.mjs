// The JSON wire format between JS and the Rust core (docs/wasm-interface.md): JSON text in which a
// string starting with U+0000 is a tag for what JSON.stringify/JSON.parse cannot express.
import { codecError } from '../errors/make.mjs';
import { inputError } from './input.mjs';

/**
 * Marks a JS number as a Python float, e.g. `new PythonFloat(1)` is written `1.0`. Reads give one
 * for a whole float (`1.0`), which a plain number would write back as the int `1`. It behaves as
 * its number in arithmetic, comparisons, template strings and `JSON.stringify`.
 */
export class PythonFloat {
  constructor(value) {
    if (typeof value !== 'number') throw inputError('PythonFloat value', 'a number', value);
    this.value = value;
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

function childPath(parentPath, holder, key) {
  if (Array.isArray(holder)) return `${parentPath}[${key}]`;
  return /^[A-Za-z_$][\w$]*$/.test(key) ? `${parentPath}.${key}` : `${parentPath}[${JSON.stringify(key)}]`;
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
 * JSON text of `value` in wire form. Errors name the path of the offending value (`$.a[2]`) when
 * `showPath` is set; encrypt leaves it out because object keys of a plaintext are plaintext too.
 */
export function toWire(value, { showPath }) {
  // The containers being serialised, outermost first. JSON.stringify walks depth first and calls
  // the replacer with `this` = the holder, so popping down to the holder leaves its ancestors.
  const stack = [];
  const typeError = (message, path) =>
    codecError('E_JSON_TYPE', showPath ? `${message} at ${path}` : `${message} in the value`);

  function replacer(key, converted) {
    while (stack.length > 0 && stack.at(-1).container !== this) stack.pop();
    const path = stack.length > 0 ? childPath(stack.at(-1).path, this, key) : '$';
    // Its toJSON already made it a plain number.
    if (this[key] instanceof PythonFloat) return `\u0000f${floatText(this[key].value)}`;
    let v = converted;
    if (v instanceof Number || v instanceof String || v instanceof Boolean) v = v.valueOf();

    const bad = unsupported(this[key], v);
    if (bad) throw typeError(`${bad} is not JSON (convert it first)`, path);
    if (typeof v === 'bigint') return `\u0000i${v}`;
    if (typeof v === 'number' && (!Number.isFinite(v) || Object.is(v, -0))) return `\u0000f${floatText(v)}`;
    if (typeof v === 'string' && v.startsWith('\u0000')) return `\u0000s${v}`;
    if (v !== null && typeof v === 'object') {
      if (stack.some((entry) => entry.container === v)) throw typeError('circular reference', path);
      stack.push({ container: v, path });
    }
    return v;
  }

  const text = JSON.stringify(value, replacer);
  if (text === undefined) throw typeError(`${typeof value} is not JSON`, '$');
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
