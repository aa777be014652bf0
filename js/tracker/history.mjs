// The failure record pynamodb_mate keeps in `errors`: 6.x appends `{ nth_retry, update_time, error,
// traceback }` to `history`; 5.x overwrites `{ error, traceback }`. `error` is Python's `repr(e)`, so
// a JS error is written in that shape (`TypeError('bad input')`) for readers of either language.
// Whatever a body throws must be recordable: every read of the thrown value is guarded (getters,
// proxies, toString and toJSON may throw), texts are cut to fixed bounds and made storable (a lone
// surrogate has no UTF-8 form), and the history is kept within HISTORY_BYTES.
import { pythonIsoformat } from './clock.mjs';

/** Bounds of one record, in characters (docs/tracker.md). */
export const NAME_CHARS = 100;
export const MESSAGE_CHARS = 1_000;
export const TRACEBACK_CHARS = 4_000;
/** The `error` of a shortened record (kept when the item has no room for a whole one). */
export const SHORT_CHARS = 200;
/** The most stored bytes of `errors` that the history may fill before its oldest entries are dropped. */
export const HISTORY_BYTES = 65_536;

/** Python's `repr()` of a str: quote choice, escapes, and non-printable characters as Python writes them. */
export function pythonStrRepr(text) {
  const quote = text.includes("'") && !text.includes('"') ? '"' : "'";
  let out = quote;
  for (const ch of text) {
    const cp = ch.codePointAt(0);
    if (ch === quote || ch === '\\') out += `\\${ch}`;
    else if (ch === '\n') out += '\\n';
    else if (ch === '\r') out += '\\r';
    else if (ch === '\t') out += '\\t';
    else if (ch !== ' ' && /^[\p{C}\p{Z}]$/u.test(ch)) {
      if (cp < 0x100) out += `\\x${cp.toString(16).padStart(2, '0')}`;
      else if (cp < 0x10000) out += `\\u${cp.toString(16).padStart(4, '0')}`;
      else out += `\\U${cp.toString(16).padStart(8, '0')}`;
    } else out += ch;
  }
  return out + quote;
}

const UNREADABLE = Symbol('unreadable');

/** `read()`, or UNREADABLE when it throws (a getter, a proxy trap, a toString). */
function attempt(read) {
  try {
    return read();
  } catch {
    return UNREADABLE;
  }
}

/** `text` cut to `max` characters, saying how many were cut. */
export function cut(text, max) {
  return text.length > max ? `${text.slice(0, max)}… [${text.length - max} more characters]` : text;
}

/** A value as text, or a placeholder when even that throws. */
function asText(value, placeholder) {
  const text = typeof value === 'string' ? value : attempt(() => String(value));
  return typeof text === 'string' ? text : placeholder;
}

/** A thrown value that is not an Error as text: JS lets code throw anything, and the record must say what it was. */
function describe(value) {
  if (value === null || typeof value !== 'object') return asText(value, '(unprintable value)');
  const json = attempt(() => JSON.stringify(value));
  if (typeof json === 'string') return json;
  const tag = attempt(() => Object.prototype.toString.call(value));
  return typeof tag === 'string' ? tag : '(unprintable object)';
}

/** The parts of a thrown value the record uses, each read once, guarded and bounded. */
function inspectThrown(thrown) {
  // An Error of another realm (vm, iframe) is not `instanceof Error` here, but has its tag.
  const isError = attempt(() => thrown instanceof Error || Object.prototype.toString.call(thrown) === '[object Error]');
  if (isError !== true) return { isError: false, text: cut(describe(thrown), MESSAGE_CHARS) };
  const name = attempt(() => thrown.name);
  const message = attempt(() => thrown.message);
  const stack = attempt(() => thrown.stack);
  return {
    isError: true,
    name: typeof name === 'string' && name !== '' ? cut(name, NAME_CHARS) : 'Error',
    message: message === UNREADABLE ? '(the message could not be read)' : cut(asText(message ?? '', '(unprintable message)'), MESSAGE_CHARS),
    stack: typeof stack === 'string' ? stack : undefined,
  };
}

/** `repr(e)`: `Name('message')` for an Error, `NonError('...')` for any other thrown value. */
function reprOf(seen) {
  if (!seen.isError) return `NonError(${pythonStrRepr(seen.text)})`;
  return seen.message === '' ? `${seen.name}()` : `${seen.name}(${pythonStrRepr(seen.message)})`;
}

const isFrame = (line) => /^\s+at /.test(line);

/** The stack, cut to `limit` frames as Python's `format_exc(limit=...)`; empty for a non-Error. */
function tracebackOf(seen, limit) {
  if (!seen.isError) return '';
  const lines = (seen.stack ?? `${seen.name}: ${seen.message}`).split('\n');
  const header = cut(lines.filter((l) => !isFrame(l)).join('\n'), MESSAGE_CHARS);
  return cut([header, ...lines.filter(isFrame).slice(0, limit)].join('\n'), TRACEBACK_CHARS).toWellFormed();
}

export const errorRepr = (thrown) => reprOf(inspectThrown(thrown));

export const errorTraceback = (thrown, limit) => tracebackOf(inspectThrown(thrown), limit);

/** `{ error, traceback }` of a thrown value; `error` is ASCII where it matters (repr escapes lone surrogates). */
function record(thrown, stackLimit) {
  const seen = inspectThrown(thrown);
  return { error: reprOf(seen).toWellFormed(), traceback: tracebackOf(seen, stackLimit) };
}

/** The 6.x history entry for the `nthRetry`-th failure at `time` (the item's new update_time). */
export function historyEntry(thrown, { nthRetry, time, stackLimit }) {
  return { nth_retry: nthRetry, update_time: pythonIsoformat(time), ...record(thrown, stackLimit) };
}

/** A record shortened to fit a nearly full item: the start of its error, no traceback. */
const shortened = (entry) => ({ ...entry, error: cut(entry.error, SHORT_CHARS), traceback: '' });

const isObject = (v) => v !== null && typeof v === 'object' && !Array.isArray(v);

/** 6.x `errors` with its `history` (other keys kept; a malformed value restarts it). */
function asHistory(errors) {
  const base = isObject(errors) ? errors : {};
  return { ...base, history: Array.isArray(base.history) ? base.history : [] };
}

/** 6.x: `errors` with the entry appended to `history` (other keys kept; a malformed value restarts it). */
export function appendHistory(errors, entry) {
  const all = asHistory(errors);
  return { ...all, history: [...all.history, entry] };
}

/** How many of the newest entries of `history` fit `bytes` in compact JSON (an estimate: callers measure the stored form). */
function newestWithin(history, bytes) {
  let kept = 0;
  for (let total = 0; kept < history.length; kept++) {
    const size = attempt(() => JSON.stringify(history[history.length - 1 - kept]).length); // a big int does not stringify
    total += typeof size === 'number' ? size : Infinity;
    if (total > bytes) break;
  }
  return kept;
}

/** `all` with the newest entries of its history, as many as fit `bytes`, then one fewer at each step down to `least`. */
function* newestFirst(all, bytes, least) {
  const { history } = all;
  for (let kept = newestWithin(history, bytes); kept >= least; kept--) yield { ...all, history: history.slice(history.length - kept) };
}

/**
 * 6.x `errors` values recording `entry`, largest first: the newest entries (at most as many as fit
 * HISTORY_BYTES in compact JSON, an upper bound of Python's form), one fewer at each step down to
 * the entry alone; then the entry shortened, with the other keys of `errors` and without them.
 */
export function* historyRecords(errors, entry) {
  const all = appendHistory(errors, entry);
  yield* newestFirst(all, HISTORY_BYTES, 1);
  yield { ...all, history: [shortened(entry)] };
  yield { history: [shortened(entry)] };
}

/**
 * 6.x `errors` values that leave room for a success's data, largest first: the newest entries of
 * `errors` (at most as many as fit `bytes` in compact JSON), one fewer at each step down to none;
 * then an empty history without the other keys of `errors`. Python 6.x appends to any of them.
 */
export function* shorterHistories(errors, bytes) {
  yield* newestFirst(asHistory(errors), bytes, 0);
  yield { history: [] };
}

/** 5.x `errors` values, largest first: the record, then the record shortened. */
export function* v5Records(thrown, stackLimit) {
  const full = record(thrown, stackLimit);
  yield full;
  yield shortened(full);
}
