// Polymorphic typed maps, as pynamodb's MapAttribute subclasses with a DiscriminatorAttribute:
// `attr.map({ attributes: { kind: attr.discriminator(), ... }, subclasses: { circle: { ... } } })`.
// A value is a plain object whose discriminator field names its variant (`{ kind: 'circle', ... }`):
// the base fields plus that subclass's. The item codec gets one typed map holding every variant's
// fields (a subclass's as nullable); this module checks a written value against its variant and
// narrows a read one to it, as pynamodb ignores the fields its class does not have.
import { codecError } from '../errors/make.mjs';

const isObject = (v) => v !== null && typeof v === 'object' && !Array.isArray(v) && !(v instanceof Uint8Array) && !(v instanceof Set) && !(v instanceof Date);
const sameSpec = (a, b, name) => JSON.stringify(a.spec(name)) === JSON.stringify(b.spec(name));

/**
 * `{ discriminator, base, variants, union }` of a map's `attributes` (`base`) and `subclasses`
 * (value → fields): `variants` maps each value to its fields, `union` holds every field once.
 * `check(name, attribute, where)` refuses fields a subclass may not have (keys, S3).
 */
export function mapVariants(base, subclasses, check) {
  const discriminators = Object.entries(base).filter(([, a]) => a.type === 'discriminator').map(([n]) => n);
  if (discriminators.length !== 1) throw codecError('E_MODEL', 'attr.map({ subclasses }) needs exactly one attr.discriminator() field in attributes');
  if (!isObject(subclasses) || Object.keys(subclasses).length === 0) {
    throw codecError('E_MODEL', 'attr.map(): subclasses must be an object { value: { field: attr.x(), ... } }');
  }
  const union = { ...base };
  const variants = new Map();
  for (const [value, fields] of Object.entries(subclasses)) {
    const where = `attr.map(): subclass ${JSON.stringify(value)}`;
    if (!value.isWellFormed()) throw codecError('E_MODEL', `${where}: has a lone UTF-16 surrogate, which the stored map cannot hold (UTF-8)`);
    if (!isObject(fields)) throw codecError('E_MODEL', `${where} must be an object of attributes`);
    for (const [name, a] of Object.entries(fields)) {
      check(name, a, `${where}: field "${name}"`);
      if (a.type === 'discriminator') throw codecError('E_MODEL', `${where}: field "${name}": the discriminator belongs to the base fields`);
      if (name in base) throw codecError('E_MODEL', `${where}: field "${name}" is already a base field`);
      if (name in union && !sameSpec(union[name], a, name)) {
        throw codecError('E_MODEL', `${where}: field "${name}" has another type in another subclass (the stored map holds one)`);
      }
      union[name] = a;
    }
    variants.set(value, { ...base, ...fields });
  }
  return { discriminator: discriminators[0], base, variants, union };
}

/** The fields of map value `value` under `v` (mapVariants): its variant's, else the base fields. */
export const fieldsOf = (v, value) => (isObject(value) && v.variants.get(value[v.discriminator])) || v.base;

/**
 * Refuses a map value to write that names no variant or has fields or misses required fields of its
 * variant (the codec checks the values' types). `where`: the map's path, for messages.
 */
export function checkVariant(v, value, where) {
  if (!isObject(value)) return; // the codec names the type error
  const kind = value[v.discriminator];
  if (kind === undefined || kind === null) throw codecError('E_ITEM_REQUIRED', `${where}.${v.discriminator} is required: it names the map's subclass`);
  const fields = v.variants.get(kind);
  // The value is data: messages name the field, not the value.
  if (!fields) throw codecError('E_ITEM_VALUE', `${where}.${v.discriminator} is not the value of a subclass of this map`);
  for (const name of Object.keys(value)) {
    if (!(name in fields) && value[name] !== undefined) throw codecError('E_ITEM_UNKNOWN', `${where}: this subclass has no field ${/^[A-Za-z_$][\w$]{0,63}$/.test(name) ? name : '(a key that is not a name)'}`);
  }
  for (const [name, a] of Object.entries(fields)) {
    if (!a.nullable && (value[name] === undefined || value[name] === null)) throw codecError('E_ITEM_REQUIRED', `${where}.${name} is required`);
  }
}

/**
 * The read map `value` narrowed to its variant (pynamodb reads the fields of the class it makes):
 * without a discriminator, the base fields; an unknown value is E_ITEM_STORED.
 */
export function narrowVariant(v, value, where) {
  const kind = value[v.discriminator];
  const fields = kind === undefined ? v.base : v.variants.get(kind);
  if (!fields) throw codecError('E_ITEM_STORED', `${where}.${v.discriminator} holds a value no subclass of this map is registered for`);
  return Object.fromEntries(Object.entries(value).filter(([name]) => name in fields));
}

/** Whether `attribute` is or holds (in map fields, list elements) a polymorphic map. */
export function holdsVariants(attribute) {
  if (attribute.variants) return true;
  if (attribute.type === 'list') return attribute.options.of ? holdsVariants(attribute.options.of) : false;
  return attribute.type === 'map' && Object.values(attribute.attributes).some(holdsVariants);
}

/**
 * `value` of `attribute` with `visit(variants, map, where)` applied to every polymorphic map in it
 * (its result replaces the map; maps are visited before their fields). `where`: the path.
 */
export function mapVariantsIn(attribute, value, visit, where) {
  if (value === undefined || value === null || !holdsVariants(attribute)) return value;
  if (attribute.type === 'list') {
    return Array.isArray(value) ? value.map((e, i) => mapVariantsIn(attribute.options.of, e, visit, `${where}[${i}]`)) : value;
  }
  if (!isObject(value)) return value;
  const map = attribute.variants ? visit(attribute.variants, value, where) : value;
  const fields = attribute.variants ? fieldsOf(attribute.variants, map) : attribute.attributes;
  const out = { ...map };
  for (const [name, field] of Object.entries(fields)) {
    if (out[name] !== undefined) out[name] = mapVariantsIn(field, out[name], visit, `${where}.${name}`);
  }
  return out;
}
