// `attr.*`: the attribute factories. Each returns an Attribute; the model reads the
// common options (hashKey, rangeKey, nullable, default, attrName) and the item codec the rest.
import { codecError } from '../errors/make.mjs';
import { Attribute } from './attribute.mjs';
import { BinaryAttribute } from './binary.mjs';
import { compressedFactories } from './compressed.mjs';
import { DiscriminatorAttribute } from './discriminator.mjs';
import { mapVariants } from './map-variants.mjs';
import { encryptedFactories } from './encrypted.mjs';
import { S3Attribute, s3Factories } from './s3.mjs';

const simple = (type) => (options) => new Attribute(type, options);

/**
 * Attributes that exist at the top level only, so a list element or map field cannot be one:
 * S3-backed ones (uploaded and deleted per attribute), and legacyEncoding binaries (pynamodb < 6
 * base64-encoded only top-level values, and pynamodb 6 refuses the flag elsewhere).
 */
function refuseNested(a, where) {
  if (a instanceof S3Attribute) throw codecError('E_MODEL', `${where}: S3-backed attributes are top-level attributes only`);
  if (a instanceof BinaryAttribute && a.legacyEncoding) {
    throw codecError('E_MODEL', `${where}: legacyEncoding is for top-level attributes only (pynamodb < 6 base64-encoded only those)`);
  }
}

/** `{ integer: true }` reads and writes Python ints, `{ float: true }` floats; neither: by value. */
class NumberAttribute extends Attribute {
  constructor(options = {}) {
    super('number', options);
    if (options.integer && options.float) throw codecError('E_MODEL', 'attr.number() cannot be both integer and float');
  }

  typeSpec() {
    return { number: this.options.integer ? 'int' : this.options.float ? 'float' : 'auto' };
  }
}

class ListAttribute extends Attribute {
  constructor(options = {}) {
    super('list', options);
    const of = options.of;
    if (of !== undefined && !(of instanceof Attribute)) throw codecError('E_MODEL', 'attr.list({ of }) must be an attribute, e.g. attr.string()');
    if (of && (of.hashKey || of.rangeKey || of.options.attrName || of.options.default !== undefined)) {
      throw codecError('E_MODEL', 'attr.list({ of }): an element type takes no key, attrName or default option');
    }
    if (of) refuseNested(of, 'attr.list({ of })');
  }

  typeSpec() {
    return this.options.of ? { of: elementSpec(this.options.of) } : {};
  }
}

class MapAttribute extends Attribute {
  constructor(options = {}) {
    // attr.map({ a: attr.string(), ... }) is shorthand for attr.map({ attributes: { ... } }).
    const values = options !== null && typeof options === 'object' ? Object.values(options) : [];
    const shorthand = values.length > 0 && values.every((v) => v instanceof Attribute);
    const full = shorthand ? { attributes: options } : options;
    // A polymorphic map's options table entry has `subclasses` too.
    super('map', full, 'map', full?.subclasses === undefined ? 'attr.map' : 'attr.map.polymorphic');
    const attributes = full.attributes;
    if (attributes === null || typeof attributes !== 'object' || Object.keys(attributes).length === 0
      || !Object.values(attributes).every((v) => v instanceof Attribute)) {
      throw codecError('E_MODEL', 'attr.map() needs { attributes: { name: attr.x(), ... } } (use attr.dynamic() for an untyped map)');
    }
    for (const [name, a] of Object.entries(attributes)) {
      checkField(name, a, `attr.map(): nested attribute "${name}"`);
      if (a instanceof DiscriminatorAttribute && full.subclasses === undefined) {
        throw codecError('E_MODEL', `attr.map(): nested attribute "${name}": a discriminator field needs subclasses`);
      }
    }
    /** Polymorphic maps (js/attributes/map-variants.mjs); `attributes` then holds every subclass's fields too. */
    this.variants = full.subclasses === undefined ? undefined : mapVariants(attributes, full.subclasses, checkField);
    this.attributes = this.variants ? this.variants.union : attributes;
  }

  typeSpec() {
    // A subclass's fields are absent from the other subclasses' maps: nullable for the codec, required by checkVariant.
    const optional = (name) => this.variants !== undefined && !(name in this.variants.base);
    return { attributes: Object.entries(this.attributes).map(([name, a]) => ({ ...a.spec(name), ...(optional(name) ? { nullable: true } : {}) })) };
  }
}

/** Refuses a typed map field that cannot be one: keys, S3-backed attributes, names without UTF-8. */
function checkField(name, a, where) {
  if (a.hashKey || a.rangeKey) throw codecError('E_MODEL', `${where} cannot be a key`);
  refuseNested(a, where);
  if (!name.isWellFormed() || (typeof a.options.attrName === 'string' && !a.options.attrName.isWellFormed())) {
    throw codecError('E_MODEL', `attr.map(): nested attribute ${JSON.stringify(name)}: a name with a lone UTF-16 surrogate has no UTF-8 form`);
  }
}

/** A list element's spec: the attribute's spec without name/dbName (a nullable element is NULL when null). */
function elementSpec(attribute) {
  const { name, dbName, ...rest } = attribute.spec('');
  return rest;
}

export const attr = {
  string: simple('string'),
  number: (options) => new NumberAttribute(options),
  /** `{ legacyEncoding: true }`: pynamodb's legacy_encoding=True (bytes stored as base64 text, pynamodb < 6). */
  binary: (options) => new BinaryAttribute('binary', options),
  boolean: simple('boolean'),
  null: simple('null'),
  stringSet: simple('stringSet'),
  numberSet: simple('numberSet'),
  binarySet: (options) => new BinaryAttribute('binarySet', options),
  list: (options) => new ListAttribute(options),
  map: (options) => new MapAttribute(options),
  /** Any value, mapped by type like the SDK's `marshall` (an untyped map or list element). */
  dynamic: simple('dynamic'),
  json: simple('json'),
  datetime: simple('datetime'),
  ttl: simple('ttl'),
  version: simple('version'),
  /** The class of an item in a model hierarchy (pynamodb's DiscriminatorAttribute); see `Model.defineSubclass`. */
  discriminator: (options) => new DiscriminatorAttribute(options),
  ...compressedFactories,
  ...encryptedFactories,
  ...s3Factories,
};

export { Attribute };
