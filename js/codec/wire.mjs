// The JSON wire format between JS and the Rust core (docs/wasm-interface.md): JSON text in which a
// string starting with U+0000 is a tag for what JSON.stringify/JSON.parse cannot express.
import { codecError } from '../errors/make.mjs';
import { inputError } from './input.mjs';

/** Marks a JS number as a Python float, e.g. `new PythonFloat(1)` is written `1.0`. */
/**
 * A non-enumerable mark on every PythonFloat: dynamodb-toolbox copies values into plain objects
 * (own symbols included) before its transformers see them, and js/adapters/toolbox.mjs recognizes
 * the copies by it.
 */
export const PYTHON_FLOAT = Symbol.for('dynamodb-mate.PythonFloat');

export class PythonFloat {
  constructor(value) {
    if (typeof value !== 'number') throw inputError('PythonFloat value', 'a number', value);
    this.value = value;
    Object.defineProperty(this, PYTHON_FLOAT, { value: true });
  }

  valueOf() {
    return this.value;
  }
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
    let v = converted;
    if (v instanceof Number || v instanceof String || v instanceof Boolean) v = v.valueOf();

    const bad = unsupported(this[key], v);
    if (bad) throw typeError(`${bad} is not JSON (convert it first)`, path);
    if (typeof v === 'bigint') return `\u0000i${v}`;
    if (typeof v === 'number' && (!Number.isFinite(v) || Object.is(v, -0))) return `\u0000f${floatText(v)}`;
    if (v instanceof PythonFloat) return `\u0000f${floatText(v.value)}`;
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
    case 'f': return Number(body); // NaN, Infinity, -Infinity, -0
    default: return body; // 's': a string that itself starts with U+0000
  }
}

/** The JS value of wire JSON text; the reviver is only needed when a tag can be present. */
export function fromWire(text) {
  return text.includes('\\u0000') ? JSON.parse(text, revive) : JSON.parse(text);
}
