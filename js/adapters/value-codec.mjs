// The encode/decode pair behind every adapter attribute: the bytes of `attr.compressed*` and
// `attr.encrypted*`, made by the public `codec.*` functions with exactly the options a model passes
// (js/attributes/compressed.mjs, encrypted.mjs), so toolbox, ElectroDB, model and Python values are
// one format. Synchronous: the libraries' hooks are, so keys are key material, never providers.
import { codec, errors } from '../node.mjs';

const KINDS = {
  compressedString: 'string', compressedBinary: 'binary', compressedJson: 'json',
  encryptedString: 'string', encryptedBinary: 'binary', encryptedNumber: 'number', encryptedJson: 'json',
};
// `attribute`: the DynamoDB name, which errors name (and aead values are bound to).
const COMPRESSED_OPTIONS = new Set(['attribute', 'level', 'maxOutput', 'ensureAscii']);
const ENCRYPTED_OPTIONS = new Set(['table', 'attribute', 'key', 'keyId', 'format', 'deterministic', 'integer', 'float']);
/** The option keys of the adapters' attributes, which js/options/types.test.mjs compares with the types. */
export const ADAPTER_OPTIONS = { 'adapter.compressed': [...COMPRESSED_OPTIONS], 'adapter.encrypted': [...ENCRYPTED_OPTIONS] };

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

function checkNames(where, options, allowed) {
  for (const name of Object.keys(options)) {
    if (!allowed.has(name)) throw definitionError(where, `unknown option ${JSON.stringify(name)}`);
  }
}

/** The codec.compress/decompress options of a compressed attribute. */
function compressedCodec(where, kind, options) {
  checkNames(where, options, COMPRESSED_OPTIONS);
  const { level, maxOutput, ensureAscii } = options;
  // Checked now, so that a bad level or maxOutput fails at definition rather than at the first use.
  try { codec.decompress(codec.compress('', { kind: 'string', level }), { kind: 'string', maxOutput }); } catch (e) { named(where, e); }
  return {
    encode: (value) => codec.compress(value, { kind, level, ensureAscii }),
    decode: (stored) => codec.decompress(stored, { kind, maxOutput }),
  };
}

/** The codec.encrypt/decrypt options of an encrypted attribute, as a model binds them. */
function encryptedCodec(where, kind, options) {
  checkNames(where, options, ENCRYPTED_OPTIONS);
  const { table, attribute, key, keyId, format = 'aead', deterministic = true, integer, float } = options;
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
    if (!deterministic) {
      throw definitionError(where, 'randomized aead values are bound to their item\'s primary key, which the library\'s '
        + "value hooks do not see: use deterministic: true, or format 'pynamodb_mate' for randomized values");
    }
    opts = { key, ...id, table, attribute, deterministic, kind: valueKind };
  } else if (format === 'pynamodb_mate') {
    opts = { key, ...id, format, deterministic, kind: valueKind };
  } else {
    throw definitionError(where, "format must be 'aead' or 'pynamodb_mate'");
  }
  // Encrypting once checks the key (length, keyring) at definition, not at the first write.
  try { codec.encrypt('', { ...opts, kind: 'string' }); } catch (e) { named(where, e); }
  return {
    encode: (value) => codec.encrypt(value, opts),
    decode: (stored) => codec.decrypt(stored, opts),
  };
}

/**
 * `{ encode(value) → Uint8Array, decode(bytes) → value }` of adapter attribute
 * `factory` ('compressedString', ..., 'encryptedJson'); `where` names it in errors. Errors are the
 * codecs' typed errors, their messages naming `where`, never a value or key.
 */
export function valueCodec(where, factory, options) {
  if (options === null || typeof options !== 'object') throw definitionError(where, 'options must be an object');
  const kind = KINDS[factory];
  const made = factory.startsWith('compressed') ? compressedCodec(where, kind, options) : encryptedCodec(where, kind, options);
  return {
    encode(value) {
      try { return made.encode(value); } catch (e) { return named(where, e); }
    },
    decode(stored) {
      try { return made.decode(stored); } catch (e) { return named(where, e); }
    },
  };
}

export const FACTORIES = Object.keys(KINDS);
