// The attribute hooks of writes and reads. A write's hook is synchronous (planWrite: the value to
// store and the S3 object to upload, part of the write's plan); the read's is async (afterRead: S3
// downloads). Only attributes that override a hook are called, so plain models pay nothing for them.
import { Attribute } from '../attributes/attribute.mjs';
import { itemKeyOf } from './keys.mjs';

const overrides = (attribute, hook) => attribute[hook] !== Attribute.prototype[hook];

/**
 * The write's plan of `values`: `{ values, objects }`, a copy with the values to encode in place
 * of those that attributes store elsewhere, and the S3 objects to upload before the write.
 */
export function planValues(m, values) {
  const stored = { ...values };
  const objects = [];
  let context;
  for (const [name, attribute] of m.attributes) {
    if (values[name] !== undefined && overrides(attribute, 'planWrite')) {
      context ??= { model: m, item: values, itemKey: itemKeyOf(m, values) };
      const { stored: value, object } = attribute.planWrite(values[name], { ...context, name });
      stored[name] = value;
      if (object) objects.push(object);
    }
  }
  return { values: stored, objects };
}

// The attributes of each model (meta) that override afterRead: looked up once, not per item read (a
// key rotation replaces an attribute by one of the same class, which overrides the same hooks).
const readHooks = new WeakMap();

function hooksOf(m) {
  let hooks = readHooks.get(m);
  if (hooks === undefined) {
    hooks = [...m.attributes.keys()].filter((name) => overrides(m.attributes.get(name), 'afterRead'));
    readHooks.set(m, hooks);
  }
  return hooks;
}

/**
 * `values` (freshly decoded, so mutated in place) with every afterRead hook applied: `values`
 * itself when the model has none (no promise per item read), else a promise of them. The hooks
 * run concurrently and all are waited for, also when one fails. `abortSignal`: the read's, given
 * to the downloads.
 */
export function afterRead(m, values, { abortSignal } = {}) {
  const hooks = hooksOf(m);
  return hooks.length === 0 ? values : applyHooks(m, values, hooks, abortSignal);
}

async function applyHooks(m, values, hooks, abortSignal) {
  const pending = [];
  let context;
  for (const name of hooks) {
    if (values[name] !== undefined) {
      context ??= { model: m, item: values, itemKey: itemKeyOf(m, values), abortSignal };
      pending.push(m.attributes.get(name).afterRead(values[name], { ...context, name }).then((v) => { values[name] = v; }));
    }
  }
  if (pending.length === 0) return values;
  const failed = (await Promise.allSettled(pending)).find((r) => r.status === 'rejected');
  if (failed) throw failed.reason;
  return values;
}
