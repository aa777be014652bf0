// The failure record pynamodb_mate keeps in `errors`: 6.x appends `{ nth_retry, update_time, error,
// traceback }` to `history`; 5.x overwrites `{ error, traceback }`. `error` is Python's `repr(e)`, so
// a JS error is written in that shape (`TypeError('bad input')`) for readers of either language.
import { pythonIsoformat } from './clock.mjs';

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

/** A thrown value as text: JS lets code throw anything, and the record must say what it was. */
function describe(value) {
  if (typeof value === 'string') return value;
  if (value === null || typeof value !== 'object') return String(value);
  try {
    return JSON.stringify(value) ?? Object.prototype.toString.call(value);
  } catch {
    return Object.prototype.toString.call(value);
  }
}

/** `repr(e)`: `Name('message')` for an Error, `NonError('...')` for any other thrown value. */
export function errorRepr(error) {
  if (error instanceof Error) {
    const name = typeof error.name === 'string' && error.name ? error.name : 'Error';
    return error.message === '' ? `${name}()` : `${name}(${pythonStrRepr(String(error.message))})`;
  }
  return `NonError(${pythonStrRepr(describe(error))})`;
}

const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

/**
 * `text` with each lone UTF-16 surrogate written as its `\\uXXXX` escape, as Python's repr shows it:
 * an error message may hold one, and the item codec refuses to store it (it has no UTF-8 form), which
 * would lose the failure's record.
 */
const escapeLoneSurrogates = (text) => (text.isWellFormed() ? text : text.replace(LONE_SURROGATE, (c) => `\\u${c.charCodeAt(0).toString(16)}`));

/** The stack, cut to `limit` frames as Python's `format_exc(limit=...)`; empty for a non-Error. */
export function errorTraceback(error, limit) {
  if (!(error instanceof Error)) return '';
  if (typeof error.stack !== 'string') return escapeLoneSurrogates(`${error.name}: ${error.message}`);
  const lines = error.stack.split('\n');
  const frames = lines.filter((l) => /^\s+at /.test(l));
  const header = lines.filter((l) => !/^\s+at /.test(l));
  return escapeLoneSurrogates([...header, ...frames.slice(0, limit)].join('\n'));
}

/** The 6.x history entry for the `nthRetry`-th failure at `time` (the item's new update_time). */
export function historyEntry(error, { nthRetry, time, stackLimit }) {
  return {
    nth_retry: nthRetry,
    update_time: pythonIsoformat(time),
    error: errorRepr(error),
    traceback: errorTraceback(error, stackLimit),
  };
}

/** 6.x: `errors` with the entry appended to `history` (other keys kept; a malformed value restarts it). */
export function appendHistory(errors, entry) {
  const base = errors !== null && typeof errors === 'object' && !Array.isArray(errors) ? errors : {};
  const history = Array.isArray(base.history) ? base.history : [];
  return { ...base, history: [...history, entry] };
}

/** 5.x: the whole `errors` value of a failure. */
export const v5Errors = (error, stackLimit) => ({ error: errorRepr(error), traceback: errorTraceback(error, stackLimit) });
