// The encode/decode pair behind every adapter attribute: the bytes of `attr.compressed*` and
// `attr.encrypted*`, made by the public `codec.*` functions with exactly the options a model passes
// (js/attributes/compressed.mjs, encrypted.mjs), so toolbox, ElectroDB, model and Python values are
// one format. Synchronous: the libraries' hooks are, so keys are key material, never providers.
import { checkFormat } from '../codec/formats.mjs';
import { codec, errors } from '../node.mjs';
import { OPTIONS } from '../options/table.mjs';
import { unknownOptionsMessage } from '../options/unknown.mjs';
import { itemKeyBytes } from './item-key.mjs';

const KINDS = {
  compressedString: 'string', compressedBinary: 'binary', compressedJson: 'json',
  encryptedString: 'string', encryptedBinary: 'binary', encryptedNumber: 'number', encryptedJson: 'json',
};

const isBytes = (v) => v instanceof Uint8Array;
const isKeyMaterial = (key) => typeof key === 'string' || isBytes(key);
const isKeyring = (key) => key !== null && typeof key === 'object' && !isBytes(key)
  && Object.values(key.keys ?? {}).every(isKeyMaterial);

/** The same error class and code, its message prefixed by the attribute (codec messages say "value"). */
function named(where, e) {
  if (!(e instanceof errors.DynamoDBMateError)) throw e;
  throw new e.constructor(e.code, `${where}: ${e.message}`, { cause: e });
}

function definitionError(where, message) {
  return new errors.ModelError('E_MODEL', `${where}: ${message}`);
}

/**
 * The options table entry (js/options/table.mjs) of adapter attribute `factory` with `options`: its
 * format, and for aead whether it is randomized where the library binds items (`keyAttributes`).
 */
function optionsEntry(factory, options, bindsItems) {
  if (factory.startsWith('compressed')) return factory === 'compressedJson' ? 'adapter.compressedJson' : 'adapter.compressed';
  const { format = 'aead', deterministic = true } = options;
  const base = format === 'pynamodb_mate' ? 'adapter.pynamodb_mate' : !deterministic && bindsItems ? 'adapter.aeadRandomized' : 'adapter.aead';
  return factory === 'encryptedNumber' ? `${base}Number` : base;
}

/** Unknown keys are refused as every options object of the package refuses them (js/options/). */
function checkNames(where, options, entry) {
  const known = OPTIONS[entry];
  const unknown = Object.keys(options).filter((k) => !known.includes(k));
  if (unknown.length > 0) throw new errors.ArgumentError('E_ARGUMENT', unknownOptionsMessage(`${where} options`, unknown, known));
}

/** The codec.compress/decompress options of a compressed attribute. */
function compressedCodec(where, kind, options) {
  const { level, maxOutput, ensureAscii } = options;
  // Checked now, so that a bad level or maxOutput fails at definition rather than at the first use.
  try { codec.decompress(codec.compress('', { kind: 'string', level }), { kind: 'string', maxOutput }); } catch (e) { named(where, e); }
  return {
    encode: (value) => codec.compress(value, { kind, level, ensureAscii }),
    decode: (stored) => codec.decompress(stored, { kind, maxOutput }),
  };
}

/** The names of option `keyAttributes`: the hash key's, then the range key's, if any. */
function keyAttributeNames(where, names) {
  const valid = Array.isArray(names) && names.length >= 1 && names.length <= 2
    && names.every((n) => typeof n === 'string' && n !== '') && new Set(names).size === names.length;
  if (!valid) {
    throw definitionError(where, 'keyAttributes must name the table\'s key attributes, hash key then range key '
      + "(['pk'] or ['pk', 'sk']): randomized aead binds each value to its item's key");
  }
  return names;
}

/**
 * `(item) → opts.item` of randomized aead (the item's key bytes, as a model binds them), or none.
 * `bindsItems`: whether the library's hooks see the item; else randomized aead is refused.
 */
function itemBinding(where, options, bindsItems) {
  const { format = 'aead', deterministic = true, keyAttributes } = options;
  if (format !== 'aead' || deterministic) return undefined; // keyAttributes is not in their options
  if (!bindsItems) {
    throw definitionError(where, 'randomized aead values are bound to their item\'s primary key, which the library\'s '
      + "value hooks do not see: use deterministic: true, or format 'pynamodb_mate' for randomized values");
  }
  const names = keyAttributeNames(where, keyAttributes);
  return (item) => itemKeyBytes(names, item);
}

/** The codec.encrypt/decrypt options of an encrypted attribute, as a model binds them. */
function encryptedCodec(where, kind, options, bindsItems) {
  const { table, attribute, key, keyId, deterministic = true, integer, float } = options;
  const format = checkFormat(options.format, (message) => definitionError(where, message));
  if (typeof key === 'function' || Object.values(key?.keys ?? {}).some((k) => typeof k === 'function')) {
    throw definitionError(where, 'key must be key material (a password string, 32 bytes or a keyring of them): '
      + 'the library calls its hooks synchronously, so resolve a key provider before defining the attribute');
  }
  if (!isKeyMaterial(key) && !(format === 'aead' && isKeyring(key))) {
    throw definitionError(where, format === 'aead'
      ? 'key must be a password string, a 32-byte Uint8Array or a keyring { current, keys }'
      : "key must be a password string or a 32-byte Uint8Array (format 'pynamodb_mate' stores no key id)");
  }
  if (integer && float) throw definitionError(where, 'cannot be both integer and float');
  const valueKind = integer ? 'int' : float ? 'float' : kind;
  const id = keyId === undefined ? {} : { keyId };
  let opts;
  if (format === 'aead') {
    if (typeof table !== 'string' || typeof attribute !== 'string') {
      throw definitionError(where, "table and attribute (the DynamoDB names) are required: aead binds each value to them");
    }
    opts = { key, ...id, table, attribute, deterministic, kind: valueKind };
  } else {
    opts = { key, ...id, format, deterministic, kind: valueKind };
  }
  const itemOf = itemBinding(where, options, bindsItems);
  // Encrypting once checks the key (length, keyring) at definition, not at the first write.
  try { codec.encrypt('', { ...opts, kind: 'string' }); } catch (e) { named(where, e); }
  if (itemOf) {
    return {
      encode: (value, item) => codec.encrypt(value, { ...opts, item: itemOf(item) }),
      decode: (stored, item) => codec.decrypt(stored, { ...opts, item: itemOf(item) }),
    };
  }
  return {
    encode: (value) => codec.encrypt(value, opts),
    decode: (stored) => codec.decrypt(stored, opts),
  };
}

/**
 * `{ encode(value, item) → Uint8Array, decode(bytes, item) → value }` of adapter attribute
 * `factory` ('compressedString', ..., 'encryptedJson'); `where` names it in errors. `bindsItems`:
 * the library gives its hooks the item, so randomized aead can be bound to the item's key (option
 * `keyAttributes`); only such values use `item`. Errors are the codecs' typed errors, their
 * messages naming `where`, never a value or key.
 */
export function valueCodec(where, factory, options, { bindsItems = false } = {}) {
  if (options === null || typeof options !== 'object') throw definitionError(where, 'options must be an object');
  const kind = KINDS[factory];
  checkNames(where, options, optionsEntry(factory, options, bindsItems));
  const made = factory.startsWith('compressed') ? compressedCodec(where, kind, options) : encryptedCodec(where, kind, options, bindsItems);
  return {
    encode(value, item) {
      try { return made.encode(value, item); } catch (e) { return named(where, e); }
    },
    decode(stored, item) {
      try { return made.decode(stored, item); } catch (e) { return named(where, e); }
    },
  };
}

export const FACTORIES = Object.keys(KINDS);
