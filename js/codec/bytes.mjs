// Byte codecs: gzip, hashes, base85.
import { core } from '../runtime/core.mjs';
import { checkOptions, OPTIONS } from '../options/index.mjs';
import { bytes, bytesOrText, number, string, u32 } from './input.mjs';

export const DEFAULT_MAX_OUTPUT = 64 * 1024 * 1024;

/** One gzip member, header `1f8b 08 00 MTIME XFL ff` (docs/wasm-interface.md). */
export function gzip(data, opts) {
  const { level = 9, mtime = 0 } = checkOptions('gzip options', opts, OPTIONS['codec.gzip']);
  return core.gzip(bytesOrText('data', data), u32('opts.level', level), u32('opts.mtime', mtime));
}

/** Any RFC 1952 stream (also multi-member); fails with E_GZIP_TOO_LARGE past `maxOutput` bytes. */
export function gunzip(data, opts) {
  const { maxOutput = DEFAULT_MAX_OUTPUT } = checkOptions('gunzip options', opts, OPTIONS['codec.gunzip']);
  return core.gunzip(bytes('data', data), number('opts.maxOutput', maxOutput));
}

export const sha256Hex = (data) => core.sha256Hex(bytesOrText('data', data));
export const md5Hex = (data) => core.md5Hex(bytesOrText('data', data));

/** Python `base64.b85encode`. */
export const b85encode = (data) => core.b85encode(bytesOrText('data', data));
/** Python `base64.b85decode`. */
export const b85decode = (text) => core.b85decode(string('text', text));
