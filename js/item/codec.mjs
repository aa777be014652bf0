// A model's item codec: one wasm call per item each way (docs/item-codec.md). JS only turns values
// into wire JSON and back; types, validation, Python formatting and item size are the Rust core's.
import { core } from '../runtime/core.mjs';
import { fromItemWire, toItemWire } from './wire.mjs';

export class ItemCodec {
  #handle;

  /**
   * @param {string} model name for error messages; @param {object[]} specs attribute specs;
   * @param {string} table the table name, which aead-encrypted values are bound to
   */
  constructor(model, specs, table) {
    this.#handle = core.registerSchema(JSON.stringify({ model, table, attributes: specs }));
  }

  /**
   * Gives encrypted attribute `name` its keys (again on rotation): `ids` and their 32-byte `keys`
   * concatenated, `current` the id to write with, `legacy` the key of pynamodb_mate bytes it reads.
   */
  setKeys(name, { current, ids, keys, legacy }) {
    core.setKeys(this.#handle, name, current, JSON.stringify(ids), keys, legacy);
  }

  /** A JS item (by property name) → `{ item, size }`: DynamoDB AttributeValues by attribute name. */
  encode(item) {
    return fromItemWire(core.encodeItem(this.#handle, toItemWire(item)));
  }

  /** One value (or one element of a set/list attribute) of the attribute at `path` ('a.b'). */
  encodeValue(path, value, element = false) {
    return fromItemWire(core.encodeValue(this.#handle, path, toItemWire(value), element));
  }

  /** DynamoDB AttributeValues (as the SDK returns them) → a JS item by property name. */
  decode(attributeValues) {
    return fromItemWire(core.decodeItem(this.#handle, toItemWire(attributeValues)));
  }
}
