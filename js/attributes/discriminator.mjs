// `attr.discriminator()`: pynamodb's DiscriminatorAttribute. It stores, as a string (S), the value
// of the class an item belongs to in a model hierarchy sharing one table (`Model.defineSubclass`);
// reads pick the class by it (js/model/polymorphic.mjs).
import { Attribute } from './attribute.mjs';

/** Update actions that would turn the item into another class, or into none. */
const CLASS_CHANGES = new Set(['set', 'ifNotExists']);

export class DiscriminatorAttribute extends Attribute {
  /** Only `attrName` (js/options/table.mjs): the class sets the value, and it is never a key. */
  constructor(options = {}) {
    super('discriminator', options);
  }

  /** Items written without one (by a model without the attribute) are read as the reading class, as pynamodb does. */
  get nullable() {
    return true;
  }

  /** The codec stores the class value as a plain string. */
  spec(name) {
    return { ...super.spec(name), type: 'string' };
  }

  refuses(method) {
    return CLASS_CHANGES.has(method) ? 'the discriminator is set by the class of the item, not by updates' : undefined;
  }
}
