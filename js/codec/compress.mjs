// pynamodb_mate's Compressed*Attribute bytes: gzip of a value's plaintext (see kinds.mjs).
import { core } from '../runtime/core.mjs';
import { DEFAULT_MAX_OUTPUT } from './bytes.mjs';
import { checkOptions, OPTIONS } from '../options/index.mjs';
import { boolean, bytes, number, u32 } from './input.mjs';
import { fromPlain, kindOf, requiredKind, toPlain } from './kinds.mjs';

export function compress(value, opts) {
  const o = checkOptions('compress options', opts, OPTIONS['codec.compress']);
  const kind = kindOf(o, value);
  return core.compressValue(
    kind,
    toPlain(kind, value),
    u32('opts.level', o.level ?? 9),
    boolean('opts.ensureAscii', o.ensureAscii ?? true),
  );
}

/** `opts.kind` is required: the bytes don't say what they hold. */
export function decompress(stored, opts) {
  const o = checkOptions('decompress options', opts, OPTIONS['codec.decompress']);
  const kind = requiredKind(o);
  const plain = core.decompressValue(kind, bytes('stored', stored), number('opts.maxOutput', o.maxOutput ?? DEFAULT_MAX_OUTPUT));
  return fromPlain(kind, plain);
}
