// The model hierarchy of the polymorphism tests, also the one tests/interop/pm_polymorphic.py defines
// for pynamodb: Animal (discriminator stored as `cls`) with Cat, Lion (a Cat) and Dog.
import { attr, defineModel } from '../node.mjs';

/** The classes on `table` through `client`, by class name. */
export function animals(table, client) {
  const Animal = defineModel({
    name: 'Animal',
    table,
    client,
    attributes: {
      owner: attr.string({ hashKey: true }),
      id: attr.string({ rangeKey: true }),
      kind: attr.discriminator({ attrName: 'cls' }),
      name: attr.string(),
    },
  });
  const Cat = Animal.defineSubclass({ name: 'Cat', value: 'cat', attributes: { lives: attr.number({ integer: true, default: 9 }) } });
  const Lion = Cat.defineSubclass({ name: 'Lion', value: 'lion', attributes: { pride: attr.string() } });
  const Dog = Animal.defineSubclass({ name: 'Dog', value: 'dog', attributes: { tricks: attr.list({ of: attr.string() }) } });
  return { Animal, Cat, Lion, Dog };
}
