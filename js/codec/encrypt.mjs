// Encrypted*Attribute bytes: 'aead' (versioned envelope bound to table + attribute, with a key id)
// or 'pynamodb_mate' (the legacy AES-ECB / AES-CTR bytes that Python reads).
import { codecError } from '../errors/make.mjs';
import { core } from '../runtime/core.mjs';
import { checkOptions, OPTIONS } from '../options/index.mjs';
import { boolean, bytes, bytesOrText, inputError, text } from './input.mjs';
import { isKeyring, isProvider, keyBytes, singleKey } from './keys.mjs';
import { checkFormat } from './formats.mjs';
import { withRing } from './rings.mjs';
import { fromPlain, kindOf, requiredKind, toPlain } from './kinds.mjs';

/** The options of `encrypt`/`decrypt` (`where` names them) and their format; each format has its own keys. */
function formatOptions(where, opts) {
  const f = checkFormat(opts?.format, (message) => codecError('E_ARGUMENT', `opts.${message}`));
  return [checkOptions(where, opts, OPTIONS[`codec.${f}`]), f];
}

/** pynamodb_mate's key of a password: SHA-256 of its UTF-8 bytes. */
export const legacyKeyFromPassword = (password) => core.legacyKeyFromPassword(text('password', password));

/**
 * `fn(key bytes)` with the single key of format 'pynamodb_mate'; a Promise with a key provider.
 * No keyring is built: at 64 B that was a fifth of the call.
 */
function withLegacyKey(o, fn) {
  if (isKeyring(o.key)) {
    throw codecError('E_ARGUMENT', "format 'pynamodb_mate' stores no key id: opts.key must be a single key");
  }
  if (!isProvider(o.key)) return fn(keyBytes('opts.key', o.key));
  return Promise.resolve().then(() => singleKey('opts.key', o.key)).then(fn);
}

/** aead binds each ciphertext to its table and attribute, so both are required. */
function context(o) {
  const why = '(aead binds the ciphertext to its table and attribute)';
  if (typeof o.table !== 'string') throw inputError('opts.table', `a string ${why}`, o.table);
  if (typeof o.attribute !== 'string') throw inputError('opts.attribute', `a string ${why}`, o.attribute);
  return [text('opts.table', o.table), text('opts.attribute', o.attribute)];
}

/**
 * `opts.item`: bytes (or a string, as UTF-8) naming the item the value belongs to, which the aead
 * envelope is then bound to as well; decrypt needs the same bytes (docs/envelope.md, "The item part").
 */
const itemOf = (o) => (o.item === undefined ? undefined : bytesOrText('opts.item', o.item));

/**
 * Encrypts a value as an encrypted attribute stores it. `opts.kind` defaults from the value's type
 * (string, Uint8Array → binary, number/BigInt → number, anything else → json). With a key provider
 * in `opts.key` (alone or in a keyring) it returns a Promise.
 */
export function encrypt(value, opts) {
  const [o, f] = formatOptions('encrypt options', opts);
  const kind = kindOf(o, value);
  const deterministic = boolean('opts.deterministic', o.deterministic ?? true);
  const plain = toPlain(kind, value);
  if (f === 'pynamodb_mate') {
    return withLegacyKey(o, (key) => core.legacyEncrypt(key, kind, plain, deterministic));
  }

  return withRing(o, () => context(o), (ring) => core.aeadEncrypt(ring, kind, plain, deterministic, itemOf(o)));
}

/** Decrypts stored bytes; `opts.kind` is required, aead picks the key by the id in the bytes. A Promise with a key provider, as encrypt. */
export function decrypt(stored, opts) {
  const [o, f] = formatOptions('decrypt options', opts);
  const kind = requiredKind(o);
  bytes('stored', stored);
  if (f === 'pynamodb_mate') {
    const deterministic = boolean('opts.deterministic', o.deterministic ?? true);
    return withLegacyKey(o, (key) => fromPlain(kind, core.legacyDecrypt(key, kind, stored, deterministic)));
  }

  return withRing(o, () => context(o), (ring) => fromPlain(kind, core.aeadDecrypt(ring, kind, stored, itemOf(o))));
}
