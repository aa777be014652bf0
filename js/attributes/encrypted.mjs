// `attr.encryptedString / encryptedBinary / encryptedNumber / encryptedJson`: client-side encrypted B
// values, as an authenticated envelope (`format: 'aead'`, default) or pynamodb_mate's own bytes
// (`format: 'pynamodb_mate'`). The key options are resolved here; the item codec holds the keys.
import { codecError } from '../errors/make.mjs';
import { isKeyring, isProvider, keyring, needsProvider, ringBytes, ringBytesAsync, singleKey } from '../codec/keys.mjs';
import { checkFormat } from '../codec/formats.mjs';
import { isBytes } from '../codec/input.mjs';
import { checkOptions, OPTIONS } from '../options/index.mjs';
import { Attribute } from './attribute.mjs';

const EQUALITY = new Set(['eq', 'ne', 'in']);
const WRITES = new Set(['set', 'ifNotExists']);

const isKey = (key) => typeof key === 'string' || isBytes(key) || isProvider(key);

export class EncryptedAttribute extends Attribute {
  /** @param {string} kind item codec kind @param {string} factory the attr.* name */
  #made;

  constructor(kind, factory, options = {}) {
    // The options of the format: pynamodb_mate bytes name no key id and need no legacy reader.
    super('encrypted', options, factory, options?.format === 'pynamodb_mate' ? `attr.${factory}.pynamodb_mate` : `attr.${factory}`);
    const fail = (message) => codecError('E_MODEL', `attr.${factory}(): ${message}`);
    const { key, legacy, integer, float } = options;
    const format = checkFormat(options.format, fail);
    if (!isKey(key) && !(isKeyring(key) && format === 'aead')) {
      throw fail(format === 'aead'
        ? 'key must be a password string, a 32-byte Uint8Array, a key provider () => Promise<key> or a keyring { current, keys }'
        : "key must be a password string, a 32-byte Uint8Array or a key provider (format 'pynamodb_mate' stores no key id, so no keyring)");
    }
    if (legacy !== undefined && !isKey(checkOptions(`attr.${factory}() legacy`, legacy, OPTIONS.legacyKey).key)) {
      throw fail('legacy must be { key, deterministic? } with a single pynamodb_mate key (password string, bytes or provider)');
    }
    if (integer && float) throw fail('cannot be both integer and float');
    // Checked now, so that a bad keyring fails at definition; providers are called on first use.
    this.ring = keyring(key, options.keyId, `attr.${factory}() key`, `attr.${factory}() keyId`);
    this.kind = integer ? 'int' : float ? 'float' : kind;
    this.#made = [kind, factory];
  }

  /** The same attribute with another key option (rotation). */
  withKey(key, keyId) {
    const { keyId: _, ...options } = this.options;
    return new EncryptedAttribute(...this.#made, keyId === undefined ? { ...options, key } : { ...options, key, keyId });
  }

  get format() {
    return this.options.format ?? 'aead';
  }

  get deterministic() {
    return this.options.deterministic ?? true;
  }

  /** Randomized aead values are bound to their item's key (docs/envelope.md, "The item part"). */
  get bindsItem() {
    return this.format === 'aead' && !this.deterministic;
  }

  typeSpec() {
    const { legacy } = this.options;
    return {
      kind: this.kind,
      format: this.format,
      deterministic: this.options.deterministic,
      ...(legacy ? { legacy: { deterministic: legacy.deterministic ?? this.deterministic } } : {}),
    };
  }

  /**
   * What the attribute is, without its keys: a logged or serialized model definition must not show
   * passwords or key bytes (they sit in `options`), so key options appear as their ids only.
   */
  toJSON() {
    const legacy = this.options.legacy && { deterministic: this.options.legacy.deterministic ?? this.deterministic };
    return {
      type: this.type, kind: this.kind, format: this.format, deterministic: this.deterministic,
      keyIds: [...this.ring.keys.keys()], current: this.ring.current, ...(legacy ? { legacy } : {}),
    };
  }

  [Symbol.for('nodejs.util.inspect.custom')]() {
    return `EncryptedAttribute ${JSON.stringify(this.toJSON())}`;
  }

  refuses(method, { attribute = false } = {}) {
    if (attribute && this.format === 'aead') {
      return 'aead values are bound to their attribute: they cannot be compared with or copied from another attribute';
    }
    if (WRITES.has(method) || (this.deterministic && EQUALITY.has(method))) return undefined;
    return this.deterministic
      ? 'an encrypted attribute compares by equality only (eq, ne, in)'
      : 'a randomized encrypted attribute cannot be compared (equal values have different bytes; '
        + 'deterministic: true allows eq, ne and in)';
  }

  keysNow() {
    const legacy = this.options.legacy?.key;
    if (needsProvider(this.ring) || isProvider(legacy)) return undefined;
    return { ...ringBytes(this.ring), legacy: legacy === undefined ? undefined : singleKey('legacy.key', legacy) };
  }

  async resolveKeys() {
    const legacy = this.options.legacy?.key;
    return {
      ...await ringBytesAsync(this.ring),
      legacy: legacy === undefined ? undefined : await singleKey('legacy.key', legacy),
    };
  }
}

export const encryptedFactories = {
  encryptedString: (options) => new EncryptedAttribute('string', 'encryptedString', options),
  encryptedBinary: (options) => new EncryptedAttribute('binary', 'encryptedBinary', options),
  /** `{ integer: true }` or `{ float: true }` fix Python's int/float plaintext (`1` vs `1.0`), as attr.number. */
  encryptedNumber: (options) => new EncryptedAttribute('number', 'encryptedNumber', options),
  encryptedJson: (options) => new EncryptedAttribute('json', 'encryptedJson', options),
};
