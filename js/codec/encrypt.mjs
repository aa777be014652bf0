// Encrypted*Attribute bytes: 'aead' (versioned envelope bound to table + attribute, with a key id)
// or 'pynamodb_mate' (the legacy AES-ECB / AES-CTR bytes that Python reads).
import { codecError } from '../errors/make.mjs';
import { core } from '../runtime/core.mjs';
import { boolean, bytes, inputError, options, string } from './input.mjs';
import { isKeyring, isProvider, keyBytes, keyring } from './keys.mjs';
import { fromPlain, kindOf, requiredKind, toPlain } from './kinds.mjs';

const FORMATS = ['aead', 'pynamodb_mate'];

function format(o) {
  const f = o.format ?? 'aead';
  if (!FORMATS.includes(f)) throw codecError('E_ARGUMENT', `opts.format must be one of ${FORMATS.join(', ')}`);
  return f;
}

/** pynamodb_mate's key of a password: SHA-256 of its UTF-8 bytes. */
export const legacyKeyFromPassword = (password) => core.legacyKeyFromPassword(string('password', password));

/** A sync key (codec calls take no providers: use an encrypted attribute for those). */
function syncKey(name, key) {
  if (isProvider(key)) throw inputError(name, 'a password string or a 32-byte Uint8Array (key providers need an encrypted attribute)', key);
  return keyBytes(name, key);
}

function legacyKey(o) {
  if (isKeyring(o.key)) {
    throw codecError('E_ARGUMENT', "format 'pynamodb_mate' stores no key id: opts.key must be a single key");
  }
  return syncKey('opts.key', o.key);
}

/** aead binds each ciphertext to its table and attribute, so both are required. */
function context(o) {
  const why = '(aead binds the ciphertext to its table and attribute)';
  if (typeof o.table !== 'string') throw inputError('opts.table', `a string ${why}`, o.table);
  if (typeof o.attribute !== 'string') throw inputError('opts.attribute', `a string ${why}`, o.attribute);
  return [o.table, o.attribute];
}

/**
 * Encrypts a value as an encrypted attribute stores it. `opts.kind` defaults from the value's type
 * (string, Uint8Array → binary, number/BigInt → number, anything else → json).
 */
export function encrypt(value, opts) {
  const o = options('encrypt options', opts);
  const f = format(o);
  const kind = kindOf(o, value);
  const deterministic = boolean('opts.deterministic', o.deterministic ?? true);
  const plain = toPlain(kind, value);
  if (f === 'pynamodb_mate') return core.legacyEncrypt(legacyKey(o), kind, plain, deterministic);

  const ring = keyring(o.key, o.keyId);
  const { current } = ring;
  return core.aeadEncrypt(syncKey(ring.names.get(current), ring.keys.get(current)), current, ...context(o), kind, plain, deterministic);
}

/** Decrypts stored bytes; `opts.kind` is required, aead picks the key by the id in the bytes. */
export function decrypt(stored, opts) {
  const o = options('decrypt options', opts);
  const f = format(o);
  const kind = requiredKind(o);
  bytes('stored', stored);
  if (f === 'pynamodb_mate') {
    const deterministic = boolean('opts.deterministic', o.deterministic ?? true);
    return fromPlain(kind, core.legacyDecrypt(legacyKey(o), kind, stored, deterministic));
  }

  const ring = keyring(o.key, o.keyId);
  const [table, attribute] = context(o);
  const id = core.aeadKeyId(stored);
  if (!ring.keys.has(id)) {
    throw codecError('E_AEAD_UNKNOWN_KEY_ID', `no key for key id ${JSON.stringify(id)} (known: ${[...ring.keys.keys()].join(', ')})`);
  }
  return fromPlain(kind, core.aeadDecrypt(syncKey(ring.names.get(id), ring.keys.get(id)), table, attribute, kind, stored));
}
