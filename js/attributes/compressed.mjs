// `attr.compressedString / compressedBinary / compressedJson`: pynamodb_mate's Compressed*Attribute,
// a B holding gzip of the value (the item codec's `compressed` type does the work).
import { Attribute } from './attribute.mjs';

/** Only whole values go in: gzip bytes differ between writers (Python stamps the write time). */
const WRITES = new Set(['set', 'ifNotExists']);

export class CompressedAttribute extends Attribute {
  /** @param {'string'|'binary'|'json'} kind @param {string} factory the attr.* name */
  constructor(kind, factory, options = {}) {
    super('compressed', options, factory);
    this.kind = kind;
  }

  typeSpec() {
    const { level, maxOutput, ensureAscii } = this.options;
    return { kind: this.kind, level, maxOutput, ensureAscii };
  }

  refuses(method) {
    if (WRITES.has(method)) return undefined;
    return 'compressed values cannot be compared (their gzip bytes differ between writers); '
      + 'exists, notExists, attributeType and size work';
  }
}

export const compressedFactories = {
  /** `{ level }` 0-9 (default 9, as Python), `{ maxOutput }` bytes a read may inflate to (default 64 MiB). */
  compressedString: (options) => new CompressedAttribute('string', 'compressedString', options),
  compressedBinary: (options) => new CompressedAttribute('binary', 'compressedBinary', options),
  /** `{ ensureAscii: false }` writes raw UTF-8 JSON as pynamodb_mate 5.3.4.4 does; the default is readable by 5.x and 6.x. */
  compressedJson: (options) => new CompressedAttribute('json', 'compressedJson', options),
};
