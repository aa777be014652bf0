// The JS fast path of item encoding (docs/item-codec.md, "JS fast path"): for the common plain item,
// a model's values are written straight into the SDK's AttributeValues, with DynamoDB's item size,
// exactly as the Rust core (the reference) writes them. Anything it cannot write exactly gives BAIL
// and the caller encodes the whole item in Rust as before, so every error is still the core's:
// floats outside 1e-4..1e16 (Python's repr switches to exponents there, JS's elsewhere), whole
// floats in "float" mode beyond, PythonFloat, BigInt, -0, NaN, dates outside years 1..=9999,
// binary sets, Sets in dynamic values, empty Sets in lists, unknown properties, missing required
// attributes, lone surrogates, deep nesting, items over 400 KB, and every compressed, encrypted
// and legacyEncoding value. js/item/fast-encode.test.mjs compares the two on random items.
import { MAX_EPOCH_SECONDS, MIN_EPOCH_SECONDS, UtcDateTime } from './utc-datetime.mjs';
import { BAIL, dateTime, isBytes, isPlain, isSet } from './fast-decode.mjs';
import { wellFormed } from './stream.mjs';

const MAX_ITEM_SIZE = 409_600;
const CONTAINER = 3; // an L or M
const ELEMENT = 1; // each element of an L or M
const MAX_LEVEL = 30; // DynamoDB's 32, with room: deeper values are the core's

const ASCII = /^[\x00-\x7f]*$/;

/** The UTF-8 length of a well-formed string. */
function utf8Length(s) {
  if (ASCII.test(s)) return s.length; // native, and most strings are
  let n = s.length;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x80) continue;
    if (c < 0x800) {
      n += 1;
    } else {
      n += 2; // 3 bytes for 1 unit, or 4 for a surrogate pair's 2
      if (c >= 0xd800 && c <= 0xdbff) i++;
    }
  }
  return n;
}

/** The N size of number text (DynamoDB: 1 + half the significant digits, rounded up). */
function numberSize(text) {
  let first = -1;
  let last = -1;
  let count = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x30 || c > 0x39) continue;
    if (c !== 0x30) {
      if (first < 0) first = count;
      last = count;
    }
    count++;
  }
  return first < 0 ? 1 : 1 + Math.ceil((last - first + 1) / 2);
}

/** The stored N text of a JS number under `mode`, or BAIL. */
function numberText(v, mode) {
  if (typeof v !== 'number') return BAIL;
  if (Number.isInteger(v)) {
    if (mode === 'float') return Math.abs(v) < 1e16 && !Object.is(v, -0) ? `${v}.0` : BAIL;
    return Number.isSafeInteger(v) && !Object.is(v, -0) ? String(v) : BAIL;
  }
  // A fraction: Python's repr and JS's String agree (shortest digits, positional) between 1e-4 and 1e16.
  const a = Math.abs(v);
  return mode !== 'int' && a >= 1e-4 && a < 1e16 ? String(v) : BAIL;
}

/** Writes `{ N: text }` of a number; returns its size, or BAIL. */
const number = (mode) => (v, out) => {
  const text = numberText(v, mode);
  if (text === BAIL) return BAIL;
  out.av = { N: text };
  return numberSize(text);
};

/** The writer of the types the fast path leaves to the core. */
const bail = () => BAIL;

const autoNumber = number('auto');

function string(v, out) {
  if (typeof v !== 'string' || !wellFormed(v)) return BAIL;
  out.av = { S: v };
  return utf8Length(v);
}

function boolean(v, out) {
  if (typeof v !== 'boolean') return BAIL;
  out.av = { BOOL: v };
  return 1;
}

function binary(v, out) {
  if (!isBytes(v)) return BAIL;
  out.av = { B: new Uint8Array(v) };
  return v.length;
}

/** A Date's `[epoch seconds, microseconds]` (UtcDateTime keeps them), or BAIL outside years 1..=9999. */
function secondsOf(v) {
  const ms = dateTime(v);
  if (ms === undefined || Number.isNaN(ms)) return BAIL; // not a (valid) Date
  let seconds;
  let micros;
  if (v instanceof UtcDateTime) {
    const us = v.epochMicros;
    micros = Number(((us % 1_000_000n) + 1_000_000n) % 1_000_000n);
    seconds = Number((us - BigInt(micros)) / 1_000_000n);
  } else {
    seconds = Math.floor(ms / 1000);
    micros = (ms - seconds * 1000) * 1000;
  }
  return seconds >= MIN_EPOCH_SECONDS && seconds <= MAX_EPOCH_SECONDS ? [seconds, micros] : BAIL;
}

const pad = (n, width) => String(n).padStart(width, '0');

/** pynamodb's datetime text, `YYYY-MM-DDTHH:MM:SS.ffffff+0000`. */
function datetime(v, out) {
  const at = secondsOf(v);
  if (at === BAIL) return BAIL;
  const d = new Date(at[0] * 1000);
  out.av = {
    S: `${pad(d.getUTCFullYear(), 4)}-${pad(d.getUTCMonth() + 1, 2)}-${pad(d.getUTCDate(), 2)}T${pad(d.getUTCHours(), 2)}:`
      + `${pad(d.getUTCMinutes(), 2)}:${pad(d.getUTCSeconds(), 2)}.${pad(at[1], 6)}+0000`,
  };
  return 31;
}

/** pynamodb's TTLAttribute: whole epoch seconds, the microseconds floored away. */
function ttl(v, out) {
  const at = secondsOf(v);
  if (at === BAIL) return BAIL;
  const text = String(at[0]);
  out.av = { N: text };
  return numberSize(text);
}

// ---- json: Python's json.dumps(value) (ensure_ascii, ', ' and ': ' separators) ----

const PRINTABLE = /^[\x20\x21\x23-\x5b\x5d-\x7e]*$/; // nothing json.dumps escapes
const SHORT_ESCAPES = { 0x22: '\\"', 0x5c: '\\\\', 0x0a: '\\n', 0x0d: '\\r', 0x09: '\\t', 0x08: '\\b', 0x0c: '\\f' };

/** A JSON string literal as Python's json.dumps writes it (every code unit outside ' '..'~' escaped). */
function pyString(s) {
  if (PRINTABLE.test(s)) return `"${s}"`;
  let out = '"';
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0x20 && c <= 0x7e && c !== 0x22 && c !== 0x5c) out += s[i];
    else out += SHORT_ESCAPES[c] ?? `\\u${c.toString(16).padStart(4, '0')}`;
  }
  return `${out}"`;
}

/** Python's json.dumps of a JS value, or BAIL for what the fast path does not write. */
function pyJson(v, depth) {
  if (depth > 64) return BAIL;
  switch (typeof v) {
    case 'string': return wellFormed(v) ? pyString(v) : BAIL;
    case 'number': return numberText(v, 'auto');
    case 'boolean': return v ? 'true' : 'false';
    case 'object': break;
    default: return BAIL;
  }
  if (v === null) return 'null';
  if (Array.isArray(v)) {
    const parts = new Array(v.length);
    for (let i = 0; i < v.length; i++) {
      const e = v[i] === undefined ? 'null' : pyJson(v[i], depth + 1);
      if (e === BAIL) return BAIL;
      parts[i] = e;
    }
    return `[${parts.join(', ')}]`;
  }
  if (!isPlain(v)) return BAIL;
  const parts = [];
  for (const key in v) {
    const x = v[key];
    if (x === undefined) continue;
    const e = wellFormed(key) ? pyJson(x, depth + 1) : BAIL;
    if (e === BAIL) return BAIL;
    parts.push(`${pyString(key)}: ${e}`);
  }
  return `{${parts.join(', ')}}`;
}

function json(v, out) {
  const text = pyJson(v, 0);
  if (text === BAIL) return BAIL;
  out.av = { S: text };
  return utf8Length(text);
}

// ---- sets, lists, maps, dynamic values ----

/** An SS or NS of the S or N values `element` writes; an empty Set is omitted (undefined size). */
function setOf(type, element) {
  return (v, out) => {
    if (!isSet(v)) return BAIL;
    if (v.size === 0) return undefined;
    const values = [];
    let size = 0;
    const one = {};
    for (const e of v) {
      const n = element(e, one);
      if (n === BAIL) return BAIL;
      values.push(one.av[type === 'SS' ? 'S' : 'N']);
      size += n;
    }
    out.av = { [type]: values };
    return size;
  };
}

/** A dynamic value: the SDK's marshall mapping, numbers as Python writes them; BAIL on Sets and Dates. */
function dynamic(v, out, level) {
  switch (typeof v) {
    case 'string': return string(v, out);
    case 'number': return autoNumber(v, out);
    case 'boolean': return boolean(v, out);
    case 'undefined': return nullValue(out);
    case 'object': break;
    default: return BAIL;
  }
  if (v === null) return nullValue(out);
  if (v instanceof Uint8Array) return binary(v, out);
  if (level >= MAX_LEVEL) return BAIL;
  if (Array.isArray(v)) return list(v, out, (e, o) => dynamic(e, o, level + 1));
  if (!isPlain(v)) return BAIL; // Sets, Dates, PythonFloat, class instances: the core's
  const M = {};
  let size = CONTAINER;
  const one = {};
  for (const key in v) {
    const x = v[key];
    if (x === undefined) continue;
    if (!wellFormed(key) || key === '__proto__') return BAIL;
    const n = dynamic(x, one, level + 1);
    if (n === BAIL) return BAIL;
    M[key] = one.av;
    size += ELEMENT + utf8Length(key) + n;
  }
  out.av = { M };
  return size;
}

function nullValue(out) {
  out.av = { NULL: true };
  return 1;
}

/** An L of `element` writers' values; a null element is left to `element`. */
function list(v, out, element) {
  const L = [];
  let size = CONTAINER;
  const one = {};
  for (let i = 0; i < v.length; i++) {
    const n = element(v[i], one);
    if (n === BAIL || n === undefined) return BAIL;
    L.push(one.av);
    size += ELEMENT + n;
  }
  out.av = { L };
  return size;
}

/**
 * The writer of one attribute spec: `(value, out) → size` with `out.av` set, undefined for an
 * omitted empty Set, or BAIL (always, for the types the fast path leaves to the core); `level` is
 * the value's DynamoDB nesting level.
 */
function writerOf(spec, level) {
  switch (spec.type) {
    case 'string': return string;
    case 'number': return number(spec.number ?? 'auto');
    case 'version': return number('int');
    case 'boolean': return boolean;
    case 'binary': return spec.legacyEncoding ? bail : binary;
    case 'datetime': return datetime;
    case 'ttl': return ttl;
    case 'json': return json;
    case 'dynamic': return (v, out) => dynamic(v, out, level);
    case 'stringSet': return setOf('SS', string);
    case 'numberSet': return setOf('NS', number(spec.number ?? 'auto'));
    case 'list': {
      if (level >= MAX_LEVEL) return bail;
      const element = spec.of === undefined ? (v, out) => dynamic(v, out, level + 1) : elementWriter(spec.of, level + 1);
      return (v, out) => (Array.isArray(v) ? list(v, out, element) : BAIL);
    }
    case 'map': {
      if (level >= MAX_LEVEL) return bail;
      const fields = fieldsWriter(spec.attributes, level + 1, ELEMENT);
      return (v, out) => {
        if (!isPlain(v)) return BAIL;
        const M = {};
        const size = fields(v, M);
        if (size === BAIL) return BAIL;
        out.av = { M };
        return CONTAINER + size;
      };
    }
    default: return bail; // null (fieldsWriter writes it), binarySet, compressed, encrypted
  }
}

/** A typed list element: null is NULL when nullable; Sets (an empty one is NULL there) are the core's. */
function elementWriter(spec, level) {
  if (spec.type.endsWith('Set') || spec.type === 'null') return bail;
  const write = writerOf(spec, level);
  return (v, out) => (v === null || v === undefined ? (spec.nullable ? nullValue(out) : BAIL) : write(v, out));
}

/**
 * The writer of the item or a typed map: `(values, into) → size` (entries of `into` by DynamoDB name
 * in schema order), or BAIL; `overhead`: per written entry (an M's element).
 */
function fieldsWriter(specs, level, overhead) {
  const fields = specs.map((spec) => {
    const db = spec.dbName ?? spec.name;
    return { name: spec.name, db, dbSize: utf8Length(db), nullable: spec.nullable, isNull: spec.type === 'null', write: writerOf(spec, level) };
  });
  const names = new Set(specs.map((s) => s.name));
  const one = {};
  return (values, into) => {
    for (const key in values) if (values[key] !== undefined && !names.has(key)) return BAIL; // E_ITEM_UNKNOWN
    let size = 0;
    for (let i = 0; i < fields.length; i++) {
      const f = fields[i];
      const v = values[f.name];
      const absent = v === undefined || v === null;
      // A null attribute is NULL, present or not; a value in it is the core's error.
      const n = f.isNull ? (absent ? nullValue(one) : BAIL) : absent ? (f.nullable ? undefined : BAIL) : f.write(v, one);
      if (n === BAIL) return BAIL;
      if (n === undefined) continue; // absent and nullable, or an empty Set
      into[f.db] = one.av;
      size += overhead + f.dbSize + n;
    }
    return size;
  };
}

/** Whether some spec (at any level) is named, or stored as, `__proto__`. */
const namesProto = (specs) => specs.some((s) => s.name === '__proto__' || s.dbName === '__proto__'
  || (s.attributes && namesProto(s.attributes)) || (s.of && namesProto([s.of])));

/**
 * The fast encoder of a model: `(values) → { item, size } | BAIL`, values by property name as
 * ItemCodec.encode takes them. Undefined when the schema names an attribute `__proto__`.
 */
export function fastEncoder(specs) {
  if (namesProto(specs)) return undefined;
  const fields = fieldsWriter(specs, 1, 0);
  // Attributes always left to the core (compressed, encrypted...): an item holding one bails out at once.
  const coreOnly = specs.filter((spec) => writerOf(spec, 1) === bail).map((spec) => spec.name);
  return (values) => {
    if (!isPlain(values) || coreOnly.some((name) => values[name] !== undefined && values[name] !== null)) return BAIL;
    const item = {};
    const size = fields(values, item);
    return size === BAIL || size > MAX_ITEM_SIZE ? BAIL : { item, size };
  };
}
