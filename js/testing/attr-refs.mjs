// Test helper: AttrRefs with the SDK's own mapping (`convertToAttr`, the per-value `marshall`) as
// encoder, standing in for the model layer's serializers.
import { convertToAttr } from '@aws-sdk/util-dynamodb';
import { AttrRef } from '../expressions/index.mjs';

export const marshallEncoder = Object.freeze({ value: (v) => convertToAttr(v), element: (v) => convertToAttr(v) });

/** `ref('a')`, `ref('tags', 'set')`, `ref(['meta', 'a.b'])`: names (or segments) → AttrRef. */
export function ref(names, collection = null, encoder = marshallEncoder) {
  const path = [names].flat().map((s) => (typeof s === 'string' ? { name: s } : s));
  return new AttrRef({ path, encoder, collection });
}

/** An encoder that tags what it encodes, to see which of value/element a method used. */
export const taggingEncoder = Object.freeze({ value: (v) => ({ S: `value:${v}` }), element: (v) => ({ S: `element:${v}` }) });
