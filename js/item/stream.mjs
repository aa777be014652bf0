// The stream form items cross the wasm boundary in (docs/item-codec.md, "The boundary"): JS writes
// a value as codes with inline UTF-8 and bytes; the core answers with codes plus one text area that
// is decoded with a single TextDecoder call and sliced by UTF-16 length, both read in place in the
// module's memory. No JSON text, no base64, no tagged copies of the item: the two walks below are the
// whole JS cost of an item.
import { codecError } from '../errors/make.mjs';
import { MAX_JSON_DEPTH, PythonFloat, floatFromTag } from '../codec/wire.mjs';
import { UtcDateTime, epochMicrosOf } from './utc-datetime.mjs';

// Codes (src/item/tree.rs, `op`).
const NULL = 0;
const FALSE = 1;
const TRUE = 2;
const NUM = 3;
const STR = 4;
const TAG = 5;
const BYTES = 6;
const LIST = 7;
const MAP = 8;
const END = 9;
const SET = 10;
const AV = 11;
const LONE = 12;

// JSON values (json, compressed and encrypted JSON attributes) may nest as deep as Python's 512
// levels; maps and lists stop at DynamoDB's 32 in the core. Deeper values, and cycles, are refused
// here, before the recursion can exhaust the stack: E_JSON_DEPTH, which the item codec turns into
// the error of the attribute's kind (js/item/codec.mjs).
const MAX_DEPTH = MAX_JSON_DEPTH;

const floatTag = (n) => `\u0000f${Object.is(n, -0) ? '-0' : String(n)}`;

/** `String.prototype.isWellFormed` for engines without it (Chrome < 111, Firefox < 119). */
export function hasNoLoneSurrogate(s) {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0xd800 || c > 0xdfff) continue;
    const next = s.charCodeAt(i + 1); // NaN past the end
    if (c > 0xdbff || !(next >= 0xdc00 && next <= 0xdfff)) return false;
    i++;
  }
  return true;
}

// A lone surrogate cannot be UTF-8: such strings cross as LONE and the core reports them where they are.
const wellFormed = typeof ''.isWellFormed === 'function' ? (s) => s.isWellFormed() : hasNoLoneSurrogate;

function unsupported(what) {
  return codecError('E_ITEM_TYPE', `${what} cannot be stored in an item (convert it first)`);
}

const utf8 = new TextEncoder();

/** Writes values in the stream form into a growing buffer. */
class Writer {
  constructor() {
    this.buf = new Uint8Array(4096);
    this.pos = 0;
  }

  reserve(n) {
    if (this.pos + n <= this.buf.length) return;
    const bigger = new Uint8Array(Math.max(this.buf.length * 2, this.pos + n));
    bigger.set(this.buf.subarray(0, this.pos));
    this.buf = bigger;
  }

  /** A length, LEB128 in exactly `width` bytes (so that it can be written after its data). */
  varintAt(at, n, width) {
    for (let i = 0; i < width - 1; i++) {
      this.buf[at + i] = (n & 0x7f) | 0x80;
      n = Math.floor(n / 128);
    }
    this.buf[at + width - 1] = n;
  }

  string(s) {
    if (!wellFormed(s)) {
      this.reserve(1);
      this.buf[this.pos++] = LONE;
      return;
    }
    const n = s.length;
    const most = n * 3; // UTF-8 bytes per UTF-16 unit, at most
    const width = most < 0x80 ? 1 : most < 0x4000 ? 2 : most < 0x200000 ? 3 : 5;
    this.reserve(1 + width + most);
    const buf = this.buf;
    buf[this.pos] = STR;
    const start = this.pos + 1 + width;
    let p = start;
    let i = 0;
    // ASCII by hand (most keys and values); the rest by the native encoder.
    for (; i < n; i++) {
      const c = s.charCodeAt(i);
      if (c >= 0x80) break;
      buf[p++] = c;
    }
    if (i < n) p += utf8.encodeInto(i === 0 ? s : s.slice(i), buf.subarray(p)).written;
    this.varintAt(this.pos + 1, p - start, width);
    this.pos = p;
  }

  code(c) {
    this.reserve(1);
    this.buf[this.pos++] = c;
  }

  number(n) {
    if (!Number.isFinite(n) || Object.is(n, -0)) {
      this.string(floatTag(n));
      return;
    }
    const text = String(n); // JSON.stringify's text: the core reads it as Python does
    this.reserve(2 + text.length);
    this.buf[this.pos++] = NUM;
    this.buf[this.pos++] = text.length;
    for (let i = 0; i < text.length; i++) this.buf[this.pos++] = text.charCodeAt(i);
  }

  bytes(b) {
    const n = b.length;
    this.reserve(6 + n);
    this.buf[this.pos++] = BYTES;
    const width = n < 0x80 ? 1 : n < 0x4000 ? 2 : n < 0x200000 ? 3 : 5;
    this.varintAt(this.pos, n, width);
    this.pos += width;
    this.buf.set(b, this.pos);
    this.pos += n;
  }

  value(v, depth) {
    // Any value, as the core counts: one at depth 512 is too deep, whatever it is.
    if (depth >= MAX_DEPTH) throw codecError('E_JSON_DEPTH', `nesting deeper than ${MAX_DEPTH} (or circular)`);
    switch (typeof v) {
      case 'string':
        this.string(v.charCodeAt(0) === 0 ? `\u0000s${v}` : v);
        return;
      case 'number':
        this.number(v);
        return;
      case 'boolean':
        this.code(v ? TRUE : FALSE);
        return;
      case 'bigint':
        this.string(`\u0000i${v}`);
        return;
      case 'undefined':
        this.code(NULL);
        return;
      case 'object':
        break;
      default:
        throw unsupported(`a ${typeof v}`);
    }
    if (v === null) {
      this.code(NULL);
      return;
    }
    if (Array.isArray(v)) {
      this.code(LIST);
      for (let i = 0; i < v.length; i++) this.value(v[i], depth + 1);
      this.code(END);
    } else if (v instanceof Uint8Array) {
      this.bytes(v);
    } else if (v instanceof Date) {
      this.string(`\u0000d${epochMicrosOf(v)}`);
    } else if (v instanceof Set) {
      this.code(SET);
      for (const e of v) this.value(e, depth + 1);
      this.code(END);
    } else if (v instanceof PythonFloat) {
      this.string(floatTag(v.value));
    } else {
      const proto = Object.getPrototypeOf(v);
      if (proto !== Object.prototype && proto !== null) throw unsupported(`a ${v.constructor?.name ?? 'class instance'}`);
      this.map(v, depth, undefined);
    }
  }

  /** A plain object; properties whose value is undefined are left out. `onError(key, error)` may rename errors. */
  map(v, depth, onError) {
    this.code(MAP);
    for (const key in v) {
      const x = v[key];
      if (x === undefined) continue;
      this.string(key);
      if (onError === undefined) {
        this.value(x, depth + 1);
      } else {
        try {
          this.value(x, depth + 1);
        } catch (error) {
          throw onError(key, error);
        }
      }
    }
    this.code(END);
  }
}

const shared = new Writer();
let busy = false;

/**
 * The stream form of `value` (an item, a value, or AttributeValues), ready for one wasm call. With
 * `onError`, `value` is an object whose property errors go through `onError(key, error)`. The
 * bytes are a view of a reused buffer: pass them to the core before writing again.
 */
export function write(value, onError) {
  // A getter that writes another item while this one is being written gets its own buffer.
  const w = busy ? new Writer() : shared;
  busy = true;
  w.pos = 0;
  try {
    if (onError !== undefined && value !== null && typeof value === 'object' && Object.getPrototypeOf(value) === Object.prototype) {
      w.map(value, 0, onError);
    } else {
      w.value(value, 0);
    }
    return w.buf.subarray(0, w.pos);
  } finally {
    if (w === shared) busy = false;
  }
}

const text = new TextDecoder('utf-8', { ignoreBOM: true }); // a leading U+FEFF is data

/**
 * Reads the core's output: views of its codes and text area in wasm memory, valid until the next
 * call into the module (so bytes are copied out, and reading finishes before anything else runs).
 */
class Reader {
  constructor(codes, textArea) {
    this.bytes = codes;
    this.pos = 0;
    this.text = text.decode(textArea);
    this.at = 0;
  }

  varint() {
    let n = 0;
    let scale = 1;
    for (;;) {
      const b = this.bytes[this.pos++];
      n += (b & 0x7f) * scale;
      if (b < 0x80) return n;
      scale *= 128;
    }
  }

  /** The next string of the text area. */
  next() {
    const end = this.at + this.varint();
    const s = this.text.slice(this.at, end);
    this.at = end;
    return s;
  }

  value() {
    const bytes = this.bytes;
    switch (bytes[this.pos++]) {
      case NULL: return null;
      case FALSE: return false;
      case TRUE: return true;
      case NUM: return Number(this.next());
      case STR: return this.next();
      case TAG: {
        const tag = bytes[this.pos++];
        const body = this.next();
        if (tag === 0x69) return BigInt(body); // i
        if (tag === 0x64) return new UtcDateTime(BigInt(body)); // d
        return floatFromTag(body); // f
      }
      case BYTES: {
        const n = this.varint();
        const b = bytes.slice(this.pos, this.pos + n);
        this.pos += n;
        return b;
      }
      case LIST: {
        const list = [];
        while (bytes[this.pos] !== END) list.push(this.value());
        this.pos++;
        return list;
      }
      case SET: {
        const set = new Set();
        while (bytes[this.pos] !== END) set.add(this.value());
        this.pos++;
        return set;
      }
      case MAP: {
        const map = {};
        while (bytes[this.pos] !== END) {
          this.pos++; // STR
          const key = this.next();
          const v = this.value();
          if (key === '__proto__') Object.defineProperty(map, key, { value: v, enumerable: true, writable: true, configurable: true });
          else map[key] = v;
        }
        this.pos++;
        return map;
      }
      case AV: return this.attributeValue();
      default: throw new Error('dynamodb-mate: malformed item codec output');
    }
  }

  /** One object shape per type, as the SDK makes them. */
  attributeValue() {
    switch (this.bytes[this.pos++]) {
      case 0: return { S: this.value() };
      case 1: return { N: this.value() };
      case 2: return { B: this.value() };
      case 3: return { BOOL: this.value() };
      case 4: return { NULL: this.value() };
      case 5: return { L: this.value() };
      case 6: return { M: this.value() };
      case 7: return { SS: this.value() };
      case 8: return { NS: this.value() };
      default: return { BS: this.value() };
    }
  }
}

/**
 * The values of the core's output, in order (an item, then its size; or one value): `where` is
 * what the call returned, the addresses and lengths of the codes and of the text area in `memory`.
 */
export function read(memory, where) {
  const { buffer } = memory;
  return new Reader(new Uint8Array(buffer, where[0], where[1]), new Uint8Array(buffer, where[2], where[3]));
}
