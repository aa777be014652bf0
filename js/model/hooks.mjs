// The attribute hooks of writes and reads. A write's hook is synchronous (planWrite: the value to
// store and the S3 object to upload, part of the write's plan); the read's is async (afterRead: S3
// downloads). Only attributes that override a hook are called, so plain models pay nothing for them.
import { Attribute } from '../attributes/attribute.mjs';
import { itemKeyOf } from './keys.mjs';

const overrides = (attribute, hook) => attribute[hook] !== Attribute.prototype[hook];

// The attributes of each model (meta) that override a hook, by hook: looked up once, not per item
// written or read (a key rotation replaces an attribute by one of the same class, which overrides
// the same hooks).
const hooked = { planWrite: new WeakMap(), afterRead: new WeakMap() };

function hooksOf(m, hook) {
  let names = hooked[hook].get(m);
  if (names === undefined) {
    names = [...m.attributes.keys()].filter((name) => overrides(m.attributes.get(name), hook));
    hooked[hook].set(m, names);
  }
  return names;
}

/**
 * The write's plan of `values`: `{ values, objects }`, the values to encode (a copy with the values
 * that attributes store elsewhere in their place; `values` itself when no attribute does) and the
 * S3 objects to upload before the write.
 */
export function planValues(m, values) {
  const hooks = hooksOf(m, 'planWrite');
  const objects = [];
  if (hooks.length === 0) return { values, objects };
  const stored = { ...values };
  let context;
  for (const name of hooks) {
    if (values[name] !== undefined) {
      context ??= { model: m, item: values, itemKey: itemKeyOf(m, values) };
      const { stored: value, object } = m.attributes.get(name).planWrite(values[name], { ...context, name });
      stored[name] = value;
      if (object) objects.push(object);
    }
  }
  return { values: stored, objects };
}

/**
 * `values` (freshly decoded, so mutated in place) with every afterRead hook applied: `values`
 * itself when the model has none (no promise per item read), else a promise of them. The hooks
 * run concurrently and all are waited for, also when one fails. `abortSignal`: the read's, given
 * to the downloads.
 */
export function afterRead(m, values, { abortSignal } = {}) {
  const hooks = hooksOf(m, 'afterRead');
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
