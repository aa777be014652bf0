// The JS fast path of ItemCodec.encodeValue for the commonest operands, key values and version
// conditions: a top-level string attribute's well-formed string is `{ S: value }`, an "int" or
// "auto" number (or version) attribute's safe integer (not -0) is `{ N: String(value) }`, exactly
// what the core writes for them (docs/item-codec.md, "JS fast path"). Anything else (other types,
// floats, BigInts, null, lone surrogates) is the core's. js/item/fast-value.test.mjs compares the two.
import { wellFormed } from './stream.mjs';

const string = (v) => (typeof v === 'string' && wellFormed(v) ? { S: v } : undefined);
const integer = (v) => (Number.isSafeInteger(v) && !Object.is(v, -0) ? { N: String(v) } : undefined);

/** The fast value encoders of a model's top-level attributes: name → (value → AttributeValue | undefined). */
export function valueEncoders(specs) {
  const encoders = new Map();
  for (const spec of specs) {
    if (spec.type === 'string') encoders.set(spec.name, string);
    else if (spec.type === 'version' || (spec.type === 'number' && spec.number !== 'float')) encoders.set(spec.name, integer);
  }
  return encoders;
}
