// Byte-exact Python `json.dumps` / `json.loads`.
import { codecError } from '../errors/make.mjs';
import { core } from '../runtime/core.mjs';
import { checkOptions, OPTIONS } from '../options/index.mjs';
import { boolean, inputError, string } from './input.mjs';
import { fromWire, toWire } from './tagged-json.mjs';

function separators(value) {
  if (Array.isArray(value) && value.length === 2 && value.every((s) => typeof s === 'string')) return value;
  throw inputError('opts.separators', 'an array of two strings [itemSeparator, keySeparator]', value);
}

/**
 * The text Python's `json.dumps(value, ensure_ascii=..., separators=..., sort_keys=...)` writes.
 * BigInt and integral numbers are Python ints, other numbers floats; `new PythonFloat(1)` is `1.0`.
 */
export function pythonJsonDumps(value, opts) {
  const o = checkOptions('pythonJsonDumps options', opts, OPTIONS['codec.pythonJsonDumps']);
  const [itemSep, keySep] = separators(o.separators ?? [', ', ': ']);
  return core.pythonJsonDumps(
    toWire(value),
    boolean('opts.ensureAscii', o.ensureAscii ?? true),
    itemSep,
    keySep,
    boolean('opts.sortKeys', o.sortKeys ?? false),
  );
}

/** Python `json.loads`: NaN/Infinity accepted, ints beyond 2^53-1 as BigInt, the last duplicate key wins. */
export function pythonJsonLoads(text) {
  if (!string('text', text).isWellFormed()) {
    throw codecError('E_JSON_SURROGATE', 'text contains a lone UTF-16 surrogate');
  }
  return fromWire(core.pythonJsonLoads(text));
}
