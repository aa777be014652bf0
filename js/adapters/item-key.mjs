// The canonical primary-key bytes of an item (docs/envelope.md, "The item part"), which a model binds
// each randomized aead value to: `codec.encrypt/decrypt` option `item`. The adapters take them from
// the item a library gives its attribute hooks, whose key attributes must be stored as they are.
import { errors } from '../node.mjs';

const utf8 = new TextEncoder();

/** `len(name) ‖ name ‖ 'S' ‖ len(value) ‖ value` of one string key attribute. */
function stringPart(name, value) {
  const [n, v] = [utf8.encode(name), utf8.encode(value)];
  const out = new Uint8Array(9 + n.length + v.length);
  const view = new DataView(out.buffer);
  view.setUint32(0, n.length);
  out.set(n, 4);
  out[4 + n.length] = 0x53; // 'S'
  view.setUint32(5 + n.length, v.length);
  out.set(v, 9 + n.length);
  return out;
}

/**
 * The key bytes of `item` (attribute name → value), key attributes `names` (hash, then range).
 * A missing key is E_ITEM_REQUIRED, as a model reading a randomized value without its key (the
 * caller prefixes the attribute's name to the messages). Only string keys: ElectroDB stores
 * composite keys as strings, and a number's bytes would depend on how it casts one.
 */
export function itemKeyBytes(names, item) {
  const parts = names.map((name) => {
    const value = item?.[name];
    if (value === undefined || value === null) {
      throw new errors.ItemError('E_ITEM_REQUIRED', 'randomized aead values are bound to the item\'s key, and the item '
        + `given has no key attribute ${name} (ElectroDB gives none to update, patch and where clauses)`);
    }
    if (typeof value !== 'string') {
      throw new errors.ArgumentError('E_INPUT_TYPE',
        `key attribute ${name} must be a string (got ${typeof value}): randomized aead binds to string keys only`);
    }
    if (!value.isWellFormed()) {
      throw new errors.EncodingError('E_UTF8', `key attribute ${name} contains a lone UTF-16 surrogate, which has no UTF-8 form`);
    }
    return stringPart(name, value);
  });
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  parts.reduce((at, p) => { out.set(p, at); return at + p.length; }, 0);
  return out;
}
