// `attr.binary()` / `attr.binarySet()`, with pynamodb's `legacy_encoding=True` as `{ legacyEncoding:
// true }`: the B value holds the base64 text of the bytes, as pynamodb < 6 stored it (the item codec's
// `legacyEncoding` spec field does the work, in items, keys and expression values alike).
import { codecError } from '../errors/make.mjs';
import { Attribute } from './attribute.mjs';

/** Conditions that compare stored bytes by order or by part: base64 text orders and splits otherwise. */
const BY_ORDER = new Set(['lt', 'le', 'gt', 'ge', 'between', 'beginsWith']);

export class BinaryAttribute extends Attribute {
  /** @param {'binary'|'binarySet'} type */
  constructor(type, options = {}) {
    super(type, options);
    const legacy = options.legacyEncoding;
    if (legacy !== undefined && typeof legacy !== 'boolean') {
      throw codecError('E_MODEL', `attr.${type}({ legacyEncoding }) must be a boolean`);
    }
  }

  get legacyEncoding() {
    return this.options.legacyEncoding === true;
  }

  typeSpec() {
    return this.legacyEncoding ? { legacyEncoding: true } : {};
  }

  /**
   * A legacyEncoding value compares by equality (and set membership) only, and takes values, not
   * other attributes, which may hold their bytes without the base64 layer.
   */
  refuses(method, { attribute = false } = {}) {
    if (!this.legacyEncoding) return undefined;
    if (attribute) {
      return 'a legacyEncoding value cannot be compared with or copied from another attribute (it may store its bytes without base64)';
    }
    if (BY_ORDER.has(method) || (method === 'contains' && this.type === 'binary')) {
      return 'a legacyEncoding value is stored as base64 text, which neither orders nor contains like its bytes; '
        + 'eq, ne, in, set and ifNotExists work';
    }
    return undefined;
  }
}
