// The async attribute hooks around I/O (S3 uploads, key providers, S3 downloads). Only attributes
// that override a hook are awaited, so plain models pay nothing for them.
import { Attribute } from '../attributes/attribute.mjs';
import { itemKeyOf } from './keys.mjs';

const overrides = (attribute, hook) => attribute[hook] !== Attribute.prototype[hook];

/**
 * Runs the hooks concurrently and waits for all of them, also when one fails: an upload still under
 * way when its sibling failed would otherwise finish unseen, after the caller cleaned up.
 */
async function run(m, values, hook, extra) {
  const pending = [];
  let context;
  for (const [name, attribute] of m.attributes) {
    if (values[name] !== undefined && overrides(attribute, hook)) {
      context ??= { model: m, item: values, itemKey: itemKeyOf(m, values), ...extra };
      pending.push(attribute[hook](values[name], { ...context, name }).then((v) => { values[name] = v; }));
    }
  }
  if (pending.length === 0) return values;
  const failed = (await Promise.allSettled(pending)).find((r) => r.status === 'rejected');
  if (failed) throw failed.reason;
  return values;
}

/**
 * A copy of `values` with every beforeWrite hook applied. `extra` joins the hook context:
 * `abortSignal` (the write's, given to the uploads); `{ uploads, reused }` collect the 'item'-layout objects the hooks uploaded or found (js/model/s3-writes.mjs).
 */
export const beforeWrite = (m, values, extra) => run(m, { ...values }, 'beforeWrite', extra);

/** `values` (freshly decoded, so mutated in place) with every afterRead hook applied; `extra`: `{ abortSignal }` of the read. */
export const afterRead = (m, values, extra) => run(m, values, 'afterRead', extra);
