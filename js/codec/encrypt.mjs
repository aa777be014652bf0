// Encrypted*Attribute bytes: 'aead' (versioned envelope bound to table + attribute, with a key id)
// or 'pynamodb_mate' (the legacy AES-ECB / AES-CTR bytes that Python reads).
import { codecError } from '../errors/make.mjs';
import { core } from '../runtime/core.mjs';
import { boolean, bytes, inputError, isBytes, options, string } from './input.mjs';
import { fromPlain, kindOf, requiredKind, toPlain } from './kinds.mjs';

const FORMATS = ['aead', 'pynamodb_mate'];

function format(o) {
  const f = o.format ?? 'aead';
  if (!FORMATS.includes(f)) throw codecError('E_ARGUMENT', `opts.format must be one of ${FORMATS.join(', ')}`);
  return f;
}

/** pynamodb_mate's key of a password: SHA-256 of its UTF-8 bytes. */
export const legacyKeyFromPassword = (password) => core.legacyKeyFromPassword(string('password', password));

const isKeyring = (key) => key !== null && typeof key === 'object' && !isBytes(key);

/** 32 key bytes: a password becomes SHA-256(password), as pynamodb_mate does; the core checks the length. */
function keyBytes(name, key) {
  if (typeof key === 'string') return core.legacyKeyFromPassword(key);
  if (isBytes(key)) return key;
  throw inputError(name, 'a password string or a 32-byte Uint8Array', key);
}

/** `opts.key` as a keyring; a single key is a keyring of one under `opts.keyId` (default 'default'). */
function keyring(o) {
  if (!isKeyring(o.key)) {
    const id = string('opts.keyId', o.keyId ?? 'default');
    return { current: id, keys: new Map([[id, o.key]]) };
  }
  const { current, keys } = o.key;
  if (keys === null || typeof keys !== 'object') throw inputError('opts.key.keys', 'an object { keyId: key }', keys);
  // A Map, so that ids read from stored bytes can't reach Object.prototype ('__proto__', 'constructor').
  return { current: string('opts.key.current', current), keys: new Map(Object.entries(keys)) };
}

/** The key bytes of key id `id`, named in errors as the user wrote it. */
function keyFor(o, ring, id) {
  return keyBytes(isKeyring(o.key) ? `opts.key.keys[${JSON.stringify(id)}]` : 'opts.key', ring.keys.get(id));
}

function legacyKey(o) {
  if (isKeyring(o.key)) {
    throw codecError('E_ARGUMENT', "format 'pynamodb_mate' stores no key id: opts.key must be a single key");
  }
  return keyBytes('opts.key', o.key);
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

  const ring = keyring(o);
  if (!ring.keys.has(ring.current)) {
    throw codecError('E_ARGUMENT', `opts.key.current ${JSON.stringify(ring.current)} is not in opts.key.keys`);
  }
  return core.aeadEncrypt(keyFor(o, ring, ring.current), ring.current, ...context(o), kind, plain, deterministic);
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

  const ring = keyring(o);
  const [table, attribute] = context(o);
  const id = core.aeadKeyId(stored);
  if (!ring.keys.has(id)) {
    throw codecError('E_AEAD_UNKNOWN_KEY_ID', `no key for key id ${JSON.stringify(id)} (known: ${[...ring.keys.keys()].join(', ')})`);
  }
  return fromPlain(kind, core.aeadDecrypt(keyFor(o, ring, id), table, attribute, kind, stored));
}
