// The async attribute hooks around I/O (S3 uploads, key providers, S3 downloads). Only attributes
// that override a hook are awaited, so plain models pay nothing for them.
import { Attribute } from '../attributes/attribute.mjs';

const overrides = (attribute, hook) => attribute[hook] !== Attribute.prototype[hook];

async function run(m, values, hook) {
  const pending = [];
  for (const [name, attribute] of m.attributes) {
    if (values[name] !== undefined && overrides(attribute, hook)) {
      pending.push(attribute[hook](values[name], { model: m, name, item: values })
        .then((v) => { values[name] = v; }));
    }
  }
  await Promise.all(pending);
  return values;
}

/** A copy of `values` with every beforeWrite hook applied. */
export const beforeWrite = (m, values) => run(m, { ...values }, 'beforeWrite');

/** `values` (freshly decoded, so mutated in place) with every afterRead hook applied. */
export const afterRead = (m, values) => run(m, values, 'afterRead');
