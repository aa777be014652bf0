// The JS fast path of item decoding (docs/item-codec.md, "JS fast path"): for the common,
// well-formed stored item, a model's attributes are read straight from the SDK's AttributeValues,
// with no wasm call. It reads only what it can read exactly as the Rust core does (the reference);
// anything else (a wrong AttributeValue type, a number text outside the simple forms, a datetime
// text pynamodb would not write, deep or odd values) gives BAIL, and the caller decodes the whole
// item in Rust as before, so every error is still the core's. Compressed, encrypted and
// legacyEncoding binary attributes are always the core's: the fast path hands them to it as a
// smaller item and merges the answer in schema order. js/item/fast-decode.test.mjs compares the two
// paths on random schemas and items.
import { PythonFloat } from '../codec/tagged-json.mjs';
import { MAX_EPOCH_SECONDS, MIN_EPOCH_SECONDS, UtcDateTime } from './utc-datetime.mjs';
import { wellFormed } from './stream.mjs';

/** What a reader returns when it cannot read a value exactly as the core would. */
export const BAIL = Symbol('bail');

// Dynamic values (and JSON values) deeper than this go to the core, which owns the depth limits.
const MAX_DEPTH = 64;

/** Whether `v` is an object the stream writer writes as a map (a plain object). */
export function isPlain(v) {
  if (typeof v !== 'object' || v === null) return false;
  const proto = Object.getPrototypeOf(v);
  return proto === Object.prototype || proto === null;
}

// Brand checks: an object whose prototype is a Uint8Array, Date or Set passes `instanceof` but makes
// the stream writer throw; the fast paths leave such values to it (the same error, from the same place).
const getTime = Date.prototype.getTime;
const setSize = Object.getOwnPropertyDescriptor(Set.prototype, 'size').get;

/** Whether `v` is a real Uint8Array. */
export const isBytes = (v) => v instanceof Uint8Array && ArrayBuffer.isView(v);

/** The epoch milliseconds of a real Date (NaN for an invalid one; a UtcDateTime with its microseconds), else undefined. */
export function dateTime(v) {
  if (!(v instanceof Date)) return undefined;
  try {
    if (v instanceof UtcDateTime) void v.epochMicros; // its private field: a real one
    return getTime.call(v);
  } catch {
    return undefined;
  }
}

/** Whether `v` is a real Set. */
export function isSet(v) {
  if (!(v instanceof Set)) return false;
  try {
    setSize.call(v);
    return true;
  } catch {
    return false;
  }
}

/** The type key of an AttributeValue with exactly one (defined) key, else undefined. */
function typeOf(av) {
  if (!isPlain(av)) return undefined;
  let type;
  for (const key in av) {
    if (av[key] === undefined) continue;
    if (type !== undefined) return undefined;
    type = key;
  }
  return type;
}

/** An own property `__proto__` (as JSON.parse and the stream reader make it, not the prototype). */
function putProto(object, value) {
  Object.defineProperty(object, '__proto__', { value, enumerable: true, writable: true, configurable: true });
}

const str = (v) => (typeof v === 'string' && wellFormed(v) ? v : BAIL);
const bool = (v) => (typeof v === 'boolean' ? v : BAIL);
const bytes = (v) => (isBytes(v) ? new Uint8Array(v) : BAIL);

// Number texts read here: a plain int of at most 15 digits (always a safe integer, inside
// DynamoDB's limits), or such digits with a fraction of at most 15 digits. Anything else (exponents,
// signs, longer texts, BigInts) is the core's.
const SHORT_INT = /^-?\d{1,15}$/;
const SHORT_DECIMAL = /^-?\d{1,15}\.\d{1,15}$/;

/** A float as the core gives it under "auto": a whole float other than -0 is a PythonFloat. */
const autoFloat = (x) => (Number.isInteger(x) && !Object.is(x, -0) ? new PythonFloat(x) : x);

/** Stored N text as the core reads it under `mode` ('auto', 'int', 'float'). */
function numberReader(mode) {
  if (mode === 'float') return (v) => (typeof v === 'string' && (SHORT_INT.test(v) || SHORT_DECIMAL.test(v)) ? Number(v) : BAIL);
  const fraction = mode === 'int' ? () => BAIL : (v) => autoFloat(Number(v));
  return (v) => {
    if (typeof v !== 'string') return BAIL;
    if (SHORT_INT.test(v)) return Number(v) + 0; // -0 is the int 0
    return SHORT_DECIMAL.test(v) ? fraction(v) : BAIL;
  };
}

const autoNumber = numberReader('auto');

/** A TTL: plain integer epoch seconds (fractions are the core's). */
function ttl(v) {
  if (typeof v !== 'string' || !/^-?\d{1,12}$/.test(v)) return BAIL;
  const seconds = Number(v) + 0;
  return seconds < MIN_EPOCH_SECONDS || seconds > MAX_EPOCH_SECONDS ? BAIL : new UtcDateTime(BigInt(seconds) * 1_000_000n);
}

const isLeap = (y) => y % 4 === 0 && (y % 100 !== 0 || y % 400 === 0);
const DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/** Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's days_from_civil). */
function daysFromCivil(y, m, d) {
  const yy = m <= 2 ? y - 1 : y;
  const era = Math.floor(yy / 400);
  const yoe = yy - era * 400;
  const doy = Math.floor((153 * ((m + 9) % 12) + 2) / 5) + d - 1;
  return era * 146_097 + yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy - 719_468;
}

// pynamodb's datetime text, `YYYY-MM-DDTHH:MM:SS.ffffff+0000`: the separator positions and their
// characters (arrays, not a Map: its entry iterator cost more than the rest of the check).
const SEPARATOR_AT = [4, 7, 10, 13, 16, 19, 26];
const SEPARATOR = [0x2d, 0x2d, 0x54, 0x3a, 0x3a, 0x2e, 0x2b];

/** The decimal value of `text[from..to)`, or NaN unless all ASCII digits. */
function decimal(text, from, to) {
  let n = 0;
  for (let i = from; i < to; i++) {
    const d = text.charCodeAt(i) - 0x30;
    if (!(d >= 0 && d <= 9)) return NaN;
    n = n * 10 + d;
  }
  return n;
}

/** pynamodb's datetime text, exactly as src/datetime.rs `parse` accepts it. */
function datetime(v) {
  if (typeof v !== 'string' || v.length !== 31 || !v.endsWith('+0000')) return BAIL;
  for (let i = 0; i < SEPARATOR_AT.length; i++) if (v.charCodeAt(SEPARATOR_AT[i]) !== SEPARATOR[i]) return BAIL;
  const y = decimal(v, 0, 4), mo = decimal(v, 5, 7), d = decimal(v, 8, 10);
  const h = decimal(v, 11, 13), mi = decimal(v, 14, 16), s = decimal(v, 17, 19), us = decimal(v, 20, 26);
  const days = mo === 2 && isLeap(y) ? 29 : DAYS[mo - 1];
  // NaN (a non-digit) fails every comparison below.
  if (!(y >= 1 && days >= d && d >= 1 && h <= 23 && mi <= 59 && s <= 59 && us >= 0)) return BAIL;
  const seconds = daysFromCivil(y, mo, d) * 86_400 + (h * 60 + mi) * 60 + s;
  return new UtcDateTime(BigInt(seconds) * 1_000_000n + BigInt(us));
}

/** A stored set (an array) read element by element. */
const setOf = (element) => (v) => {
  if (!Array.isArray(v)) return BAIL;
  const set = new Set();
  for (let i = 0; i < v.length; i++) {
    const e = element(v[i]);
    if (e === BAIL) return BAIL;
    set.add(e);
  }
  return set;
};

/** A dynamic value: the SDK's unmarshall mapping, numbers under "auto". */
function dynamic(av, depth) {
  if (depth > MAX_DEPTH) return BAIL;
  const type = typeOf(av);
  const v = type === undefined ? undefined : av[type];
  switch (type) {
    case 'S': return str(v);
    case 'N': return autoNumber(v);
    case 'B': return bytes(v);
    case 'BOOL': return bool(v);
    case 'NULL': return typeof v === 'boolean' ? null : BAIL;
    case 'L': {
      if (!Array.isArray(v)) return BAIL;
      const list = new Array(v.length);
      for (let i = 0; i < v.length; i++) if ((list[i] = dynamic(v[i], depth + 1)) === BAIL) return BAIL;
      return list;
    }
    case 'M': {
      if (!isPlain(v)) return BAIL;
      const map = {};
      for (const key in v) {
        const e = v[key];
        if (e === undefined) continue;
        const x = wellFormed(key) ? dynamic(e, depth + 1) : BAIL;
        if (x === BAIL) return BAIL;
        if (key === '__proto__') putProto(map, x);
        else map[key] = x;
      }
      return map;
    }
    case 'SS': return stringSet(v);
    case 'NS': return autoNumberSet(v);
    case 'BS': return bytesSet(v);
    default: return BAIL;
  }
}

const stringSet = setOf(str);
const autoNumberSet = setOf(autoNumber);
const bytesSet = setOf(bytes);
const dynamicValue = (av) => dynamic(av, 0);

/**
 * pynamodb's JSONAttribute: Python's `json.loads` of the S text, values as the core writes them
 * (ints as numbers or BigInts, whole floats as PythonFloat). A small parser, since JSON.parse
 * cannot tell `1.0` from `1`; NaN, Infinity, lone surrogates and deep nesting are the core's.
 */
function json(v) {
  if (typeof v !== 'string' || !wellFormed(v)) return BAIL; // then so is every unescaped part
  if (!MAY_HIDE_TYPES.test(v)) {
    const value = parsed(v);
    if (value !== BAIL) return value;
  }
  const p = new JsonParser(v);
  const value = p.value(0);
  return value !== BAIL && p.end() ? value : BAIL;
}

/**
 * Text where JSON.parse may lose what Python's json keeps: an exponent or a `.0` fraction (a whole
 * float, PythonFloat), 15 digits and dots in a row (an int beyond 2^53, a BigInt; or
 * a fraction rounded to a whole float), or a `\u` escape (a lone surrogate). Anywhere, strings
 * included: it only decides which parser reads the text. Without these, every whole number is an
 * int token of at most 14 digits and every other number a float token, read as Python reads it.
 */
const MAY_HIDE_TYPES = /\d[eE]|\.0+(?![0-9])|\d[\d.]{14}|\\u/;

// An int token -0 (Python's int 0, JSON.parse's -0); other texts of a -0 match MAY_HIDE_TYPES.
const NEGATIVE_ZERO = /-0(?![\d.])/;

/** JSON.parse of text without MAY_HIDE_TYPES, or BAIL (not JSON, a -0, too deep: the parser decides). */
function parsed(text) {
  let value;
  try {
    value = JSON.parse(text);
  } catch {
    return BAIL;
  }
  // A text without -0 that is too short to nest past MAX_DEPTH (two characters a level) needs no walk.
  if (text.length <= 2 * MAX_DEPTH && !NEGATIVE_ZERO.test(text)) return value;
  return plainJson(value, 0) ? value : BAIL;
}

/** Whether a JSON.parse result has no -0 (Python's `-0` is the int 0, `-0.0` a float) and is not too deep. */
function plainJson(v, depth) {
  if (typeof v === 'number') return !Object.is(v, -0);
  if (typeof v !== 'object' || v === null) return true;
  if (depth > MAX_DEPTH) return false;
  if (Array.isArray(v)) {
    for (let i = 0; i < v.length; i++) if (!plainJson(v[i], depth + 1)) return false;
    return true;
  }
  for (const key in v) if (!plainJson(v[key], depth + 1)) return false;
  return true;
}

const MAX_SAFE = 9_007_199_254_740_991;
const PLAIN_STRING = /^[^\\\u0000-\u001f]*$/; // no escape, no control character

class JsonParser {
  constructor(text) {
    this.text = text;
    this.at = 0;
  }

  space() {
    const t = this.text;
    for (let c = t.charCodeAt(this.at); c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09; c = t.charCodeAt(++this.at));
  }

  end() {
    this.space();
    return this.at === this.text.length;
  }

  literal(word, value) {
    if (!this.text.startsWith(word, this.at)) return BAIL;
    this.at += word.length;
    return value;
  }

  value(depth) {
    if (depth > MAX_DEPTH) return BAIL;
    this.space();
    switch (this.text.charCodeAt(this.at)) {
      case 0x22: return this.string();
      case 0x7b: return this.object(depth);
      case 0x5b: return this.array(depth);
      case 0x6e: return this.literal('null', null);
      case 0x74: return this.literal('true', true);
      case 0x66: return this.literal('false', false);
      default: return this.number();
    }
  }

  /** The digits from `at`; returns where they end. */
  digits(at) {
    const t = this.text;
    let c = t.charCodeAt(at);
    while (c >= 0x30 && c <= 0x39) c = t.charCodeAt(++at);
    return at;
  }

  /** A number token: `-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][-+]?[0-9]+)?`, Python's NUMBER_RE. */
  number() {
    const t = this.text;
    const start = this.at;
    let at = t.charCodeAt(start) === 0x2d ? start + 1 : start;
    const first = t.charCodeAt(at);
    if (!(first >= 0x30 && first <= 0x39)) return BAIL;
    at = first === 0x30 ? at + 1 : this.digits(at);
    let float = false;
    if (t.charCodeAt(at) === 0x2e) {
      const end = this.digits(at + 1);
      if (end === at + 1) return BAIL;
      [at, float] = [end, true];
    }
    const e = t.charCodeAt(at);
    if (e === 0x65 || e === 0x45) {
      const sign = t.charCodeAt(at + 1);
      const from = sign === 0x2b || sign === 0x2d ? at + 2 : at + 1;
      const end = this.digits(from);
      if (end === from) return BAIL;
      [at, float] = [end, true];
    }
    this.at = at;
    const token = t.slice(start, at);
    if (!float) {
      // A Python int: a number when it is a safe integer, else a BigInt, as the core's Int.
      if (token === '-0' || token.length > 100) return BAIL;
      const n = Number(token);
      return n <= MAX_SAFE && n >= -MAX_SAFE ? n : BigInt(token);
    }
    const x = Number(token);
    return Number.isFinite(x) ? autoFloat(x) : BAIL;
  }

  string() {
    const t = this.text;
    const start = this.at + 1;
    const end = t.indexOf('"', start);
    if (end < 0) return BAIL;
    const s = t.slice(start, end);
    if (!PLAIN_STRING.test(s)) return this.escaped(start);
    this.at = end + 1;
    return s;
  }

  /** A string with escapes (or control characters, which Python's strict json refuses as JSON.parse does). */
  escaped(start) {
    const t = this.text;
    let i = start;
    for (let c = t.charCodeAt(i); c !== 0x22; c = t.charCodeAt(++i)) {
      if (c === 0x5c) i++;
      else if (!(c >= 0x20)) return BAIL; // a control character, or the end of the text
    }
    this.at = i + 1;
    let s;
    try {
      s = JSON.parse(t.slice(start - 1, i + 1)); // the escapes Python's json reads, and no others
    } catch {
      return BAIL;
    }
    return wellFormed(s) ? s : BAIL;
  }

  array(depth) {
    this.at++;
    const list = [];
    this.space();
    if (this.text.charCodeAt(this.at) === 0x5d) {
      this.at++;
      return list;
    }
    for (;;) {
      const v = this.value(depth + 1);
      if (v === BAIL) return BAIL;
      list.push(v);
      this.space();
      const c = this.text.charCodeAt(this.at++);
      if (c === 0x5d) return list;
      if (c !== 0x2c) return BAIL;
    }
  }

  object(depth) {
    this.at++;
    const map = {};
    this.space();
    if (this.text.charCodeAt(this.at) === 0x7d) {
      this.at++;
      return map;
    }
    for (;;) {
      this.space();
      if (this.text.charCodeAt(this.at) !== 0x22) return BAIL;
      const key = this.string();
      if (key === BAIL) return BAIL;
      this.space();
      if (this.text.charCodeAt(this.at++) !== 0x3a) return BAIL;
      const v = this.value(depth + 1);
      if (v === BAIL) return BAIL;
      // A repeated key: its first place, its last value, as Python's dict.
      if (key === '__proto__') putProto(map, v);
      else map[key] = v;
      this.space();
      const c = this.text.charCodeAt(this.at++);
      if (c === 0x7d) return map;
      if (c !== 0x2c) return BAIL;
    }
  }
}

/**
 * Whether the stream writer takes `v` (what it refuses, and values deeper than the fast path goes,
 * are left to it and the core): attributes outside the schema are not read, but the writer still
 * walks them, and its errors must not go missing.
 */
function writable(v, depth) {
  if (depth > MAX_DEPTH) return false;
  switch (typeof v) {
    case 'string': case 'number': case 'boolean': case 'bigint': case 'undefined': return true;
    case 'object': break;
    default: return false;
  }
  if (v === null || isBytes(v) || v instanceof PythonFloat) return true;
  if (v instanceof Date) return !Number.isNaN(dateTime(v) ?? NaN);
  if (Array.isArray(v) || isSet(v)) {
    for (const e of v) if (!writable(e, depth + 1)) return false;
    return true;
  }
  if (!isPlain(v)) return false; // class instances, and objects posing as bytes, Dates or Sets
  for (const key in v) if (!writable(v[key], depth + 1)) return false;
  return true;
}

/**
 * The stored AttributeValues of `fields` (by position; undefined when missing), found in one walk
 * over `stored` as the stream writer walks it (for-in, undefined values skipped); undefined when a
 * property outside the schema is one the writer refuses.
 */
function slotsOf(fields, stored) {
  const slots = new Array(fields.length);
  for (const key in stored) {
    const i = fields.index.get(key);
    if (i !== undefined) slots[i] = stored[key];
    else if (!writable(stored[key], 1)) return undefined;
  }
  return slots;
}

/** `fields` with `index`: the position of each DynamoDB name. */
function indexed(fields) {
  fields.index = new Map(fields.map((f, i) => [f.db, i]));
  return fields;
}

/** The values of `fields` from their stored AttributeValues `slots`, in schema order; `left`: the core's values of the attributes it reads. */
function valuesOf(fields, slots, left) {
  const out = {};
  for (let i = 0; i < fields.length; i++) {
    const f = fields[i];
    const av = slots[i];
    if (av === undefined) {
      if (f.isSet) out[f.name] = new Set(); // DynamoDB has no empty sets: a missing set is an empty one
      continue;
    }
    const v = f.read !== undefined ? f.read(av) : left === undefined ? BAIL : left[f.name];
    if (v === BAIL) return BAIL;
    out[f.name] = v;
  }
  return out;
}

const SET_TYPES = { stringSet: 'SS', numberSet: 'NS', binarySet: 'BS' };

/**
 * The reader of one attribute spec (or list element spec): stored AttributeValue → JS value, or
 * BAIL; undefined when the fast path leaves the type to the core.
 */
function readerOf(spec) {
  const { type, nullable } = spec;
  let expected;
  let read;
  switch (type) {
    case 'string': [expected, read] = ['S', str]; break;
    case 'number': [expected, read] = ['N', numberReader(spec.number ?? 'auto')]; break;
    case 'version': [expected, read] = ['N', numberReader('int')]; break;
    case 'boolean': [expected, read] = ['BOOL', bool]; break;
    case 'null': [expected, read] = [null, undefined]; break; // only NULL, below
    case 'datetime': [expected, read] = ['S', datetime]; break;
    case 'ttl': [expected, read] = ['N', ttl]; break;
    case 'json': [expected, read] = ['S', json]; break;
    case 'dynamic': return dynamicValue;
    case 'binary': if (spec.legacyEncoding) return undefined; [expected, read] = ['B', bytes]; break;
    case 'stringSet': [expected, read] = ['SS', stringSet]; break;
    case 'numberSet': [expected, read] = ['NS', setOf(numberReader(spec.number ?? 'auto'))]; break;
    case 'binarySet': if (spec.legacyEncoding) return undefined; [expected, read] = ['BS', bytesSet]; break;
    case 'list': {
      const element = spec.of === undefined ? dynamicValue : readerOf(spec.of);
      if (element === undefined) return undefined;
      [expected, read] = ['L', (v) => {
        if (!Array.isArray(v)) return BAIL;
        const list = new Array(v.length);
        for (let i = 0; i < v.length; i++) if ((list[i] = element(v[i])) === BAIL) return BAIL;
        return list;
      }];
      break;
    }
    case 'map': {
      const fields = fieldsReader(spec.attributes);
      [expected, read] = ['M', (v) => (isPlain(v) ? fields(v) : BAIL)];
      break;
    }
    default: return undefined; // compressed, encrypted
  }
  // A stored NULL: null for the null type and nullable specs, an empty Set for a set, else the core's error.
  const onNull = type === 'null' || nullable ? () => null : SET_TYPES[type] ? () => new Set() : () => BAIL;
  return (av) => {
    const t = typeOf(av);
    if (t === expected) return read(av[t]);
    return t === 'NULL' && typeof av.NULL === 'boolean' ? onNull() : BAIL;
  };
}

/** One attribute of an item or typed map: how to find it, read it, and what its absence means. */
function field(spec) {
  return { name: spec.name, db: spec.dbName ?? spec.name, isSet: Object.hasOwn(SET_TYPES, spec.type), read: readerOf(spec) };
}

/** A typed map's attributes (all read here, or BAIL when one present is not readable here). */
function fieldsReader(specs) {
  const fields = indexed(specs.map(field));
  return (stored) => {
    const slots = slotsOf(fields, stored);
    return slots === undefined ? BAIL : valuesOf(fields, slots, undefined);
  };
}

/** Whether `specs` name any attribute `__proto__` at some level (whose output the fast path would not make alike). */
const namesProto = (specs) => specs.some((s) => s.name === '__proto__' || (s.attributes && namesProto(s.attributes)) || (s.of && namesProto([s.of])));

/**
 * The fast decoder of a model: `(stored, decodeInCore) → item | BAIL`, where `decodeInCore(avs)`
 * decodes a smaller stored item in the core (the attributes left to it, with the key attributes,
 * which randomized aead values are bound to) and returns its values or BAIL. Undefined when the
 * schema is not one the fast path reads.
 */
export function fastDecoder(specs, keyNames) {
  if (namesProto(specs)) return undefined;
  const fields = indexed(specs.map(field));
  const left = fields.flatMap((f, i) => (f.read === undefined ? [i] : []));
  const keys = fields.flatMap((f, i) => (keyNames.includes(f.name) ? [i] : []));
  return (stored, decodeInCore) => {
    const slots = isPlain(stored) ? slotsOf(fields, stored) : undefined;
    if (slots === undefined) return BAIL;
    let core;
    if (left.some((i) => slots[i] !== undefined)) {
      const rest = {};
      for (const i of [...left, ...keys]) if (slots[i] !== undefined) rest[fields[i].db] = slots[i];
      core = decodeInCore(rest);
      if (core === BAIL) return BAIL;
    }
    return valuesOf(fields, slots, core);
  };
}
