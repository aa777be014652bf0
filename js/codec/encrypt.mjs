// Encrypted*Attribute bytes: 'aead' (versioned envelope bound to table + attribute, with a key id)
// or 'pynamodb_mate' (the legacy AES-ECB / AES-CTR bytes that Python reads).
import { codecError } from '../errors/make.mjs';
import { core } from '../runtime/core.mjs';
import { checkOptions, OPTIONS } from '../options/index.mjs';
import { boolean, bytes, bytesOrText, inputError, text } from './input.mjs';
import { isKeyring, isProvider, keyBytes, keyring, needsProvider, singleKey } from './keys.mjs';
import { checkFormat, envelopeKeyId } from './formats.mjs';
import { fromPlain, kindOf, requiredKind, toPlain } from './kinds.mjs';

/** The options of `encrypt`/`decrypt` (`where` names them) and their format; each format has its own keys. */
function formatOptions(where, opts) {
  const f = checkFormat(opts?.format, (message) => codecError('E_ARGUMENT', `opts.${message}`));
  return [checkOptions(where, opts, OPTIONS[`codec.${f}`]), f];
}

/** pynamodb_mate's key of a password: SHA-256 of its UTF-8 bytes. */
export const legacyKeyFromPassword = (password) => core.legacyKeyFromPassword(text('password', password));

/**
 * Runs `fn(keyOf)`, `keyOf(id)` giving the key bytes of key `id` of `ring`. A ring with a key
 * provider anywhere makes the call async: a Promise (failures are rejections), the providers called
 * once per function and cached (js/codec/keys.mjs). Without one, all of it is synchronous.
 */
function withKeys(ring, fn) {
  if (!needsProvider(ring)) return fn((id) => keyBytes(ring.names.get(id), ring.keys.get(id)));
  const resolved = [...ring.keys].map(([id, key]) => Promise.resolve().then(() => singleKey(ring.names.get(id), key)).then((b) => [id, b]));
  return Promise.all(resolved).then((entries) => {
    const keys = new Map(entries);
    return fn((id) => keys.get(id));
  });
}

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

  const ring = keyring(o.key, o.keyId);
  if (needsProvider(ring)) context(o); // checked before the provider is awaited; else after the key, as always
  const item = itemOf(o);
  return withKeys(ring, (keyOf) => core.aeadEncrypt(keyOf(ring.current), ring.current, ...context(o), kind, plain, deterministic, item));
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

  const ring = keyring(o.key, o.keyId);
  const [table, attribute] = context(o);
  const item = itemOf(o);
  return withKeys(ring, (keyOf) => {
    const id = envelopeKeyId(stored);
    if (!ring.keys.has(id)) {
      throw codecError('E_AEAD_UNKNOWN_KEY_ID', `no key for key id ${JSON.stringify(id)} (known: ${[...ring.keys.keys()].join(', ')})`);
    }
    return fromPlain(kind, core.aeadDecrypt(keyOf(id), table, attribute, kind, stored, item));
  });
}
