// `Model.attr`: an AttrRef per attribute and per typed-map field, and on demand per list element
// (`list.at(i)`, `.at(i).key(name)`, `.at(i).at(j)`), whose encoder turns expression operands into
// AttributeValues through the model's item codec, so conditions compare exactly what a write would
// store.
import { holdsVariants } from '../attributes/map-variants.mjs';
import { AttrRef } from '../expressions/index.mjs';
import { checkedOperand } from './polymorphic.mjs';
import { ElementCodec } from './element-codec.mjs';
import { ItemBoundValue } from './item-bound.mjs';

/** Methods that write a whole value (a list or map holding compressed parts can be written, not compared). */
const WHOLE_WRITES = new Set(['set', 'ifNotExists', 'append', 'prepend']);

/**
 * Why a value of `attribute` cannot be compared because of a part of it: a list of compressed
 * elements (or a map with a compressed field) compares their gzip bytes too. `where` names the part.
 */
function partRefusal(attribute, where) {
  const parts = attribute.type === 'list' && attribute.options.of ? [[`${where}[]`, attribute.options.of]]
    : attribute.type === 'map' ? Object.entries(attribute.attributes).map(([name, a]) => [`${where}.${name}`, a])
      : [];
  for (const [at, part] of parts) {
    const reason = part.refuses('eq') ? `the value includes ${at}, and ${part.refuses('eq')}` : partRefusal(part, at);
    if (reason) return reason;
  }
  return undefined;
}

/** The encoder's `refuses`: the attribute's own rule, then its parts' for anything but whole-value writes. */
function refuses(attribute, where) {
  return (method, argument) => attribute.refuses(method, argument)
    ?? (WHOLE_WRITES.has(method) ? undefined : partRefusal(attribute, where));
}

/**
 * Where the values of one reference are encoded: `encode(v, element, Key)` (a value, or one element
 * of the list or set there; `Key` for values bound to the item), `where` the JS path for messages,
 * `field(name)` the place of a typed-map field.
 */
function modelPlace(m, path) {
  return {
    where: path,
    encode: (v, element, Key) => m.codec.encodeValue(path, v, element, Key),
    field: (name) => modelPlace(m, `${path}.${name}`),
  };
}

/** Inside an element of typed list `list`: `path` in the element ('' for the element itself). */
function elementPlace(m, list, path, where) {
  return {
    where,
    encode: (v, element) => elementCodec(m).encode(list, path, where, v, element),
    field: (name) => elementPlace(m, list, path === '' ? name : `${path}.${name}`, `${where}.${name}`),
  };
}

/** The reference of `attribute`'s values at AttrRef `path`, encoded at `place`; typed-map fields are its own properties. */
function makeRef(m, path, attribute, place) {
  const encoder = {
    // An S3-backed value is uploaded by the update that sets it (js/model/s3-writes.mjs).
    value: attribute.needsS3 ? (v) => attribute.updateValue(v, { model: m, name: place.where })
      : attribute.bindsItem ? (v) => new ItemBoundValue((Key) => place.encode(v, false, Key))
        : holdsVariants(attribute) ? (v) => place.encode(checkedOperand(attribute, v, `${m.name}.${place.where}`), false)
          : (v) => place.encode(v, false),
    element: (v) => place.encode(v, true),
    refuses: refuses(attribute, place.where),
  };
  const fields = new Map();
  const ref = new AttrRef({ path, encoder, collection: attribute.collection, navigate: navigation(m, path, attribute, place, fields) });
  if (attribute.type === 'map') {
    for (const [name, child] of Object.entries(attribute.attributes)) {
      const childPath = [...path, { name: child.options.attrName ?? name }];
      const childRef = makeRef(m, childPath, child, place.field(name));
      fields.set(name, childRef);
      // Own properties, so `Model.attr.meta.size` is the field when a field is named like a method.
      Object.defineProperty(ref, name, { value: childRef, enumerable: true });
    }
  }
  return ref;
}

/**
 * `at(i)` / `key(name)` of a typed attribute (AttrRef `navigate`): a typed list's elements encode as
 * its element type, an untyped list's as dynamic values; a typed map's key() is a field by its
 * property name. Dynamic attributes navigate untyped (undefined); other types have no parts ({}).
 */
function navigation(m, path, attribute, place, fields) {
  if (attribute.type === 'map') return { key: (name) => (fields.has(name) ? fields.get(name) : undefined) };
  if (attribute.type === 'list') {
    const of = attribute.options.of;
    if (!of) return undefined;
    return { at: (index) => makeRef(m, [...path, { index }], of, elementPlace(m, attribute, '', `${place.where}[${index}]`)) };
  }
  return attribute.type === 'dynamic' && !attribute.needsS3 ? undefined : {};
}

const elementCodecs = new WeakMap();

/** The model's ElementCodec, made at the first operand inside a list element: models pay for it only when used. */
function elementCodec(m) {
  let codec = elementCodecs.get(m);
  if (!codec) {
    codec = new ElementCodec(m.name, m.table, m.attributes.values());
    elementCodecs.set(m, codec);
  }
  return codec;
}

/**
 * Frozen `{ name: AttrRef }` for every attribute of the model, each AttrRef made at its first read:
 * defining a model and saving its items (which read the version attribute's ref at most) do not pay
 * for the refs that only expressions use.
 */
export function buildRefs(m) {
  const refs = {};
  for (const [name, attribute] of m.attributes) {
    let ref;
    const get = () => (ref ??= makeRef(m, [{ name: m.dbName(name) }], attribute, modelPlace(m, name)));
    Object.defineProperty(refs, name, { get, enumerable: true });
  }
  return Object.freeze(refs);
}
