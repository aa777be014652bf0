// `Model.attr`: an AttrRef per attribute (and per typed-map field), whose encoder turns expression
// operands into AttributeValues through the model's item codec, so conditions compare exactly what
// a write would store.
import { AttrRef } from '../expressions/index.mjs';

function encoderFor(m, path, attribute) {
  return {
    // An S3-backed value is uploaded by the update that sets it (js/model/s3-writes.mjs).
    value: attribute.needsS3 ? (v) => attribute.updateValue(v, { model: m, name: path }) : (v) => m.codec.encodeValue(path, v, false),
    element: (v) => m.codec.encodeValue(path, v, true),
    refuses: (method, argument) => attribute.refuses(method, argument),
  };
}

function withChildren(m, ref, attribute, path) {
  if (attribute.type !== 'map') return ref;
  for (const [name, child] of Object.entries(attribute.attributes)) {
    const childPath = `${path}.${name}`;
    const childRef = ref.child(child.options.attrName ?? name, { encoder: encoderFor(m, childPath, child), collection: child.collection });
    // Own properties, so `Model.attr.meta.size` is the field when a field is named like a method.
    Object.defineProperty(ref, name, { value: withChildren(m, childRef, child, childPath), enumerable: true });
  }
  return ref;
}

/** Frozen `{ name: AttrRef }` for every attribute of the model. */
export function buildRefs(m) {
  const refs = {};
  for (const [name, attribute] of m.attributes) {
    const ref = new AttrRef({ path: [{ name: m.dbName(name) }], encoder: encoderFor(m, name, attribute), collection: attribute.collection });
    refs[name] = withChildren(m, ref, attribute, name);
  }
  return Object.freeze(refs);
}
