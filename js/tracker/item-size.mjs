// The size of a task's item after a final write. The codec checks whole items it encodes (puts); a
// final write is an update of the item as locked, so its size is summed here from the stored item
// (the lock request's ALL_NEW) and the update's values, by DynamoDB's rules (src/item/size.rs),
// before the request: a write DynamoDB would refuse for its size must never be what leaves a task
// locked in progress.

/** The largest item DynamoDB accepts: 400 KB. */
export const MAX_ITEM_BYTES = 409_600;

const utf8 = new TextEncoder();
const textBytes = (text) => utf8.encode(text).length;

/** An N value: one byte plus one per two significant digits (leading and trailing zeros trimmed). */
function numberBytes(text) {
  const digits = text.replace(/^-/, '').replace(/[eE].*$/, '').replace('.', '').replace(/^0+/, '').replace(/0+$/, '');
  return 1 + Math.ceil(digits.length / 2);
}

/** The size of one AttributeValue (as the SDK gives and takes them). */
export function valueBytes(av) {
  if (av.S !== undefined) return textBytes(av.S);
  if (av.N !== undefined) return numberBytes(av.N);
  if (av.B !== undefined) return av.B.length;
  if (av.SS !== undefined) return av.SS.reduce((n, s) => n + textBytes(s), 0);
  if (av.NS !== undefined) return av.NS.reduce((n, s) => n + numberBytes(s), 0);
  if (av.BS !== undefined) return av.BS.reduce((n, b) => n + b.length, 0);
  if (av.L !== undefined) return av.L.reduce((n, v) => n + 1 + valueBytes(v), 3);
  if (av.M !== undefined) return Object.entries(av.M).reduce((n, [k, v]) => n + 1 + textBytes(k) + valueBytes(v), 3);
  return 1; // BOOL, NULL
}

/** The size of an item (`{ name: AttributeValue }`): names plus values. */
export const itemBytes = (item) => Object.entries(item).reduce((n, [name, av]) => n + textBytes(name) + valueBytes(av), 0);

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
