// Key options, shared by codec.encrypt/decrypt and the encrypted attributes: a password string
// (SHA-256, as pynamodb_mate derives it), 32 key bytes, an async key provider (the hook for a KMS
// data key: called once, its result cached), or a keyring `{ current, keys: { id: key } }` whose
// keys may be any of those. Names in errors are the user's option names; keys never appear.
import { codecError } from '../errors/make.mjs';
import { core } from '../runtime/core.mjs';
import { checkOptions, OPTIONS } from '../options/index.mjs';
import { inputError, isBytes, text } from './input.mjs';

export const isProvider = (key) => typeof key === 'function';
export const isKeyring = (key) => key !== null && typeof key === 'object' && !isBytes(key);

// The derived keys of the last few passwords: deriving costs about as much as encrypting 64 B in
// wasm. Keyed by the (immutable) password string; the bytes only go to wasm or node:crypto, which copy.
const derived = new Map();
const DERIVED_MAX = 32;

function passwordKey(name, password) {
  let key = derived.get(password);
  if (key === undefined) {
    key = core.legacyKeyFromPassword(text(name, password));
    if (derived.size >= DERIVED_MAX) derived.delete(derived.keys().next().value);
    derived.set(password, key);
  }
  return key;
}

/** 32 key bytes of a password or a raw key (the core checks the length). */
export function keyBytes(name, key) {
  if (typeof key === 'string') return passwordKey(name, key);
  if (isBytes(key)) return key;
  throw inputError(name, 'a password string or a 32-byte Uint8Array', key);
}

/**
 * A key option as `{ current, keys: Map<id, key>, names: Map<id, option name> }`; a single key is a
 * keyring of one under `keyId` (default 'default'). A Map, so that ids read from stored bytes can't
 * reach Object.prototype ('__proto__', 'constructor').
 */
export function keyring(key, keyId, name = 'opts.key', idName = 'opts.keyId') {
  if (!isKeyring(key)) {
    const id = text(idName, keyId ?? 'default');
    return { current: id, keys: new Map([[id, key]]), names: new Map([[id, name]]) };
  }
  const { current, keys } = checkOptions(name, key, OPTIONS.keyring);
  if (keys === null || typeof keys !== 'object') throw inputError(`${name}.keys`, 'an object { keyId: key }', keys);
  const entries = Object.entries(keys);
  const ring = {
    current: text(`${name}.current`, current),
    keys: new Map(entries),
    names: new Map(entries.map(([id]) => [id, `${name}.keys[${JSON.stringify(id)}]`])),
  };
  if (!ring.keys.has(ring.current)) {
    throw codecError('E_ARGUMENT', `${name}.current ${JSON.stringify(ring.current)} is not in ${name}.keys`);
  }
  return ring;
}

/** Whether resolving the keyring calls a provider (so it must be awaited). */
export function needsProvider(ring) {
  for (const key of ring.keys.values()) if (isProvider(key)) return true;
  return false;
}

const provided = new WeakMap();

/** A provider's key: one call per provider function, cached; a failed call is retried next time. */
function fromProvider(name, provider) {
  let pending = provided.get(provider);
  if (!pending) {
    pending = Promise.resolve()
      .then(() => provider())
      .then((key) => {
        if (isProvider(key) || isKeyring(key)) throw inputError(`${name}()`, 'a promise of a password string or 32-byte Uint8Array', key);
        return keyBytes(`${name}()`, key);
      });
    pending.catch(() => provided.delete(provider));
    provided.set(provider, pending);
  }
  return pending;
}

/** The resolved key bytes of `ring`: `{ current, ids, keys }`, keys concatenated in id order. */
function concat(ring, bytes) {
  const ids = [...ring.keys.keys()];
  const keys = new Uint8Array(bytes.reduce((n, b) => n + b.length, 0));
  let at = 0;
  for (const b of bytes) {
    keys.set(b, at);
    at += b.length;
  }
  return { current: ring.current, ids, keys };
}

/** `{ current, ids, keys }` of a keyring without providers. */
export function ringBytes(ring) {
  return concat(ring, [...ring.keys].map(([id, key]) => keyBytes(ring.names.get(id), key)));
}

/** `{ current, ids, keys }` of any keyring, awaiting its providers. */
export async function ringBytesAsync(ring) {
  const bytes = await Promise.all([...ring.keys].map(([id, key]) => {
    const name = ring.names.get(id);
    return isProvider(key) ? fromProvider(name, key) : keyBytes(name, key);
  }));
  return concat(ring, bytes);
}

/** One key (no keyring), awaiting a provider when given one. */
export function singleKey(name, key) {
  if (isKeyring(key)) throw inputError(name, 'a single key (a password string, 32-byte Uint8Array or key provider), not a keyring', key);
  return isProvider(key) ? fromProvider(name, key) : keyBytes(name, key);
}
