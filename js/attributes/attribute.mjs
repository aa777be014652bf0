// An attribute definition: what `attr.*` returns and what a model is made of. The model turns each
// into a schema spec for the Rust item codec (docs/item-codec.md) and asks it for hooks around I/O.
import { checkOptions, OPTIONS } from '../options/index.mjs';

/**
 * Which DynamoDB scalar type a key attribute of this type has (keys must be S, N or B). A datetime is
 * S, as in pynamodb, where it keys indexes (pynamodb_mate's status tracker GSI ranges on update_time).
 */
const KEY_TYPES = { string: 'S', number: 'N', binary: 'B', datetime: 'S' };

export class Attribute {
  /**
   * @param {string} type the item codec type (docs/item-codec.md)
   * @param {object} options the factory's options (js/options/table.mjs lists them)
   * @param {string} factory the `attr.*` name, for messages
   * @param {string} entry the options table entry, when it is not `attr.${factory}`
   */
  constructor(type, options = {}, factory = type, entry = `attr.${factory}`) {
    this.type = type;
    this.options = checkOptions(`attr.${factory}() options`, options, OPTIONS[entry]);
  }

  get hashKey() {
    return this.options.hashKey === true;
  }

  get rangeKey() {
    return this.options.rangeKey === true;
  }

  /** A version attribute is absent until the first conditional save sets it (pynamodb's null=True). */
  get nullable() {
    return this.options.nullable === true || this.type === 'version';
  }

  /** DynamoDB's scalar type for keys and index keys; undefined when the type cannot be a key. */
  get keyType() {
    return KEY_TYPES[this.type];
  }

  /** 'set' | 'list' | 'map' | null: how expressions treat `contains`, `add` and `delete`. */
  get collection() {
    if (this.type.endsWith('Set')) return 'set';
    if (this.type === 'list') return 'list';
    if (this.type === 'map') return 'map';
    return null;
  }

  /** The default for a missing value: the option's value, or its result when it is a function. */
  defaultValue() {
    const d = this.options.default;
    return typeof d === 'function' ? d() : d;
  }

  /** The schema spec of this attribute under property `name` (docs/item-codec.md). */
  spec(name) {
    return { name, dbName: this.options.attrName ?? name, type: this.type, nullable: this.nullable, ...this.typeSpec() };
  }

  /** Type-specific spec fields; overridden by types that have some. */
  typeSpec() {
    return {};
  }

  /**
   * Why expression method `method` ('eq', 'lt', 'set', ...) cannot take values of this attribute
   * (or, with `{ attribute: true }`, another attribute as its argument), or undefined when it can.
   * Types whose stored bytes do not compare like their values refuse.
   */
  refuses() {
    return undefined;
  }

  /**
   * Key material the item codec needs (`{ current, ids, keys, legacy }`) when it is at hand without
   * waiting, else undefined: none needed, or a key provider must be awaited (`resolveKeys`).
   */
  keysNow() {
    return undefined;
  }

  /** Key material after awaiting key providers; the model calls it once, before its first request. */
  async resolveKeys() {
    return undefined;
  }

  /**
   * The value the item codec validates in place of `value` when no write is planned (create()): an
   * S3-backed attribute checks its value and stands in a URI. `context`: { model, name }.
   */
  validationValue(value) {
    return value;
  }

  /**
   * A write's plan for `value`, synchronous: `{ stored, object }`, the value to encode and the S3
   * object to upload (by `upload(object, context)`) before the item write, if any. Plain
   * attributes store the value as it is. `context`: { model, name, item }.
   */
  planWrite(value) {
    return { stored: value };
  }

  /** Async work after an item is decoded (S3 download); returns the value the user sees. */
  async afterRead(value) {
    return value;
  }
}
