// `attr.discriminator()`: pynamodb's DiscriminatorAttribute. It stores, as a string (S), the value
// of the class an item belongs to in a model hierarchy sharing one table (`Model.defineSubclass`);
// reads pick the class by it (js/model/polymorphic.mjs).
import { codecError } from '../errors/make.mjs';
import { Attribute } from './attribute.mjs';

/** Update actions that would turn the item into another class, or into none. */
const CLASS_CHANGES = new Set(['set', 'ifNotExists']);

export class DiscriminatorAttribute extends Attribute {
  constructor(options = {}) {
    super('discriminator', options, [], 'discriminator');
    for (const name of ['hashKey', 'rangeKey', 'nullable', 'default']) {
      if (options[name] !== undefined) throw codecError('E_MODEL', `attr.discriminator() takes no ${name} option: the class sets its value`);
    }
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
