// Update operands of randomized aead attributes. Their bytes are bound to the item's key
// (docs/envelope.md, "The item part"), which an update action does not know when it is made
// (`Model.attr.note.set(v)`): the action holds an ItemBoundValue, and the write that applies it
// encodes it under that item's `Key` (js/model/writes.mjs).

let made = 0;

export class ItemBoundValue {
  #encode;

  /** `encode(Key)`: the AttributeValue under the item's key AttributeValues. */
  constructor(encode) {
    // Public and distinct, so that the expression builder, which merges equal values, keeps each.
    this.id = ++made;
    this.#encode = encode;
  }

  encodeFor(Key) {
    return this.#encode(Key);
  }
}

/** `values` (ExpressionAttributeValues) with each ItemBoundValue encoded for the item `Key`. */
export function bindValues(values, Key) {
  if (values === undefined || !Object.values(values).some((v) => v instanceof ItemBoundValue)) return values;
  return Object.fromEntries(Object.entries(values).map(([p, v]) => [p, v instanceof ItemBoundValue ? v.encodeFor(Key) : v]));
}
