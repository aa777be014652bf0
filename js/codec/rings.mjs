// The wasm keyrings of codec.encrypt/decrypt in format 'aead' (src/aead_ring.rs): one registered per
// (key option's content, table, attribute) and kept while unchanged, so that a value's call
// passes a handle, not its keys and names, and crosses into wasm once (issue 14). The last
// KEPT_MAX are kept; an older one is freed when a new one is registered. A handle is used only
// synchronously after it is looked up, so it is never freed (or reused) under a call.
import { core } from '../runtime/core.mjs';
import { isBytes } from './input.mjs';
import { isKeyring, keyBytes, keyring, needsProvider, singleKey } from './keys.mjs';

const KEPT_MAX = 16;

/** Most recently used first: `{ keyId, table, attribute, held, handle, async }`. */
const kept = [];

/** A key value as it is now: bytes can be written to later, strings and functions cannot. */
const copyOf = (value) => (isBytes(value) ? value.slice() : value);

function sameBytes(a, b) {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

const same = (copy, value) => (isBytes(value) ? isBytes(copy) && sameBytes(copy, value) : copy === value);
const sameList = (a, b) => a.length === b.length && a.every((x, i) => x === b[i]);

/** What a key option holds: its value, or a keyring's option names, current id, ids and values. */
function hold(key) {
  if (!isKeyring(key)) return { value: copyOf(key) };
  const { keys } = key;
  const ids = keys !== null && typeof keys === 'object' ? Object.keys(keys) : [];
  return { options: Object.keys(key), current: key.current, ids, values: ids.map((id) => copyOf(keys[id])) };
}

/**
 * Whether `key` holds what `held` recorded (then its checks and keys are those of then): by
 * content, so that a key option built anew for each call (an inline keyring, a copied key) finds
 * its ring too.
 */
function holds(held, key) {
  if (!isKeyring(key)) return held.options === undefined && same(held.value, key);
  if (held.options === undefined || key.current !== held.current) return false;
  const { keys } = key;
  if (keys === null || typeof keys !== 'object') return false;
  if (!sameList(Object.keys(key), held.options) || !sameList(Object.keys(keys), held.ids)) return false;
  return held.ids.every((id, i) => same(held.values[i], keys[id]));
}

function find(key, keyId, table, attribute) {
  for (let i = 0; i < kept.length; i++) {
    const e = kept[i];
    if (e.keyId === keyId && e.table === table && e.attribute === attribute && holds(e.held, key)) {
      if (i > 0) kept.unshift(...kept.splice(i, 1));
      return e;
    }
  }
  return undefined;
}

/** Registers `ring`'s keys (`bytes`, in its id order) in wasm and keeps the handle. */
function register(entry, ring, bytes) {
  const ids = [...ring.keys.keys()];
  const all = new Uint8Array(bytes.reduce((n, b) => n + b.length, 0));
  bytes.reduce((at, b) => (all.set(b, at), at + b.length), 0);
  const lengths = Uint32Array.from(bytes, (b) => b.length);
  // An id with a lone surrogate has no UTF-8 form: no envelope names it (null).
  const idsJson = JSON.stringify(ids.map((id) => (id.isWellFormed() ? id : null)));
  const handle = core.aeadRing(entry.table, entry.attribute, ids.indexOf(ring.current), idsJson, all, lengths, ids.join(', '));
  if (kept.length >= KEPT_MAX) core.aeadFreeRing(kept.pop().handle);
  kept.unshift({ ...entry, handle });
  return handle;
}

/** `fn()`'s result as a Promise, its exception as a rejection. */
function settled(fn) {
  try {
    return Promise.resolve(fn());
  } catch (error) {
    return Promise.reject(error);
  }
}

/**
 * `fn(handle)` with the wasm keyring of `o.key` (and `o.keyId`) for the table and attribute that
 * `names()` checks and returns (after the keys' checks, or before a key provider is awaited). A
 * keyring with a key provider makes it a Promise (failures are rejections), its providers called
 * once each (js/codec/keys.mjs); else it is synchronous.
 */
export function withRing(o, names, fn) {
  const hit = find(o.key, o.keyId, o.table, o.attribute);
  if (hit !== undefined) return hit.async ? settled(() => fn(hit.handle)) : fn(hit.handle);
  const ring = keyring(o.key, o.keyId);
  const held = hold(o.key);
  const entry = (async) => {
    const [table, attribute] = names();
    return { keyId: o.keyId, table, attribute, held, async };
  };
  if (!needsProvider(ring)) {
    const bytes = [...ring.keys].map(([id, key]) => keyBytes(ring.names.get(id), key));
    return fn(register(entry(false), ring, bytes));
  }
  const pending = entry(true); // checked before the providers are awaited
  const resolved = [...ring.keys].map(([id, key]) => Promise.resolve().then(() => singleKey(ring.names.get(id), key)));
  return Promise.all(resolved).then((bytes) => fn(register(pending, ring, bytes)));
}
