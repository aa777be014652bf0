// The size of a task's item after a final write. The codec checks whole items it encodes (puts); a
// final write is an update of the item as locked, so its size is summed here from the stored item
// (the lock request's ALL_NEW) and the update's values, before the request: a write DynamoDB would
// refuse for its size must never be what leaves a task locked in progress. DynamoDB's size rules
// are the core's (src/item/size.rs): the values cross in the item codec's stream form.
import { LIMIT_MAX_ITEM_SIZE } from '../generated/constants.mjs';
import { write } from '../item/stream.mjs';
import { core } from '../runtime/core.mjs';

/** The largest item DynamoDB accepts: 400 KB (the core's `item::MAX_ITEM_SIZE`). */
export const MAX_ITEM_BYTES = LIMIT_MAX_ITEM_SIZE;

/** The size of one AttributeValue (as the SDK gives and takes them). */
export const valueBytes = (av) => core.itemSize(write(av), true);

/** The size of an item (`{ name: AttributeValue }`): names plus values. */
export const itemBytes = (item) => core.itemSize(write(item), false);

/**
 * The size of `item` once the update `actions` (AttrRef actions on top-level attributes) apply: a
 * value SET replaces its attribute; a computed value (`retry + 1`) counts one byte more than now.
 */
export function bytesAfter(item, actions) {
  const next = { ...item };
  let computed = 0;
  for (const action of actions) {
    const name = (action.path ?? action.target)[0].name;
    if (action.type === 'set' && action.value.type === 'value') next[name] = action.value.value;
    else computed += 1;
  }
  return itemBytes(next) + computed;
}

const utf8 = new TextEncoder();

/**
 * The size of an item of `bytes` (attribute `name` holding `stored`, an AttributeValue, or absent
 * when undefined) as a function of the size of another value of `name`: an item's size is the sum
 * of its attributes' (name and value), so trying many values costs only their own sizes.
 */
export function resizer(bytes, name, stored) {
  const nameBytes = utf8.encode(name).length;
  const others = bytes - (stored === undefined ? 0 : nameBytes + valueBytes(stored));
  return (valueSize) => others + nameBytes + valueSize;
}
