// Model hierarchies sharing one table, as pynamodb's DiscriminatorAttribute: each class of the
// hierarchy has a value, stored in the base model's `attr.discriminator()` attribute; reads make an
// instance of the class the stored value names, and queries and scans of a class match its items
// and those of its subclasses only. Also the item-level passes of polymorphic typed maps
// (js/attributes/map-variants.mjs): checked before writes, narrowed to their variant after reads.
import { checkVariant, mapVariantsIn, narrowVariant } from '../attributes/map-variants.mjs';
import { and } from '../expressions/cond.mjs';
import { withItemKey } from '../errors/item-key.mjs';
import { codecError } from '../errors/make.mjs';
import { checkOptions, OPTIONS } from '../options/index.mjs';
import { resolveDefinition } from './definition.mjs';
import { rawItemKey } from './keys.mjs';

/** `m` is `ancestor` or one of its subclasses. */
export function descends(m, ancestor) {
  for (let at = m; at; at = at.parent) if (at === ancestor) return true;
  return false;
}

/** The class values of `m` and of its subclasses, for the filter of queries, scans and counts. */
function valuesUnder(m) {
  return [...m.registry].filter(([, entry]) => descends(entry.m, m)).map(([value]) => value);
}

/** Records that items of the class `Model` (meta `m`) store `value`, when it has one. */
export function registerClass(m, Model, value) {
  if (value !== undefined) m.register(value, Model);
}

/**
 * The meta of a subclass of `parent`: `{ name, value, attributes }`, the attributes added to the
 * parent's. Keys, indexes, table and client are the parent's.
 */
export function resolveSubclass(parent, def) {
  const where = `${parent.name}.defineSubclass()`;
  if (def === null || typeof def !== 'object') throw codecError('E_MODEL', `${where} needs { value, name, attributes }`);
  const { name, value, attributes = {} } = checkOptions(`${where} definition`, def, OPTIONS.subclass);
  if (!parent.discriminator) throw codecError('E_MODEL', `${where}: ${parent.name} has no attr.discriminator() attribute`);
  // Stored in every item of the class (UTF-8): a lone UTF-16 surrogate has no UTF-8 form.
  if (typeof value !== 'string' || !value.isWellFormed()) {
    throw codecError('E_MODEL', `${where}: value must be a string without lone UTF-16 surrogates (stored in ${parent.discriminator})`);
  }
  const taken = parent.registry.get(value);
  if (taken) throw codecError('E_MODEL', `${where}: the value ${JSON.stringify(value)} is already ${taken.m.name}'s`);
  if (attributes === null || typeof attributes !== 'object') throw codecError('E_MODEL', `${where}: attributes must be an object`);
  for (const [key, attribute] of Object.entries(attributes)) {
    if (parent.attributes.has(key)) throw codecError('E_MODEL', `${where}: attribute ${key} is already defined by ${parent.name}`);
    if (attribute?.hashKey || attribute?.rangeKey || attribute?.type === 'discriminator') {
      throw codecError('E_MODEL', `${where}: attribute ${key}: keys and the discriminator belong to the base model`);
    }
  }
  return resolveDefinition({
    ...parent.definition,
    name: name ?? value,
    discriminatorValue: undefined,
    attributes: { ...parent.definition.attributes, ...attributes },
  }, parent);
}

/**
 * `values` of an instance to write, with its class's discriminator value (also when it was made by
 * `new` rather than `create()`); refuses an instance whose discriminator is another class's.
 */
export function withClassValue(m, values) {
  checkClassValue(m, values);
  return m.discriminator ? { ...values, [m.discriminator]: m.classValue } : values;
}

/** Refuses to create or write an instance whose discriminator is not its class's value. */
export function checkClassValue(m, values) {
  if (!m.discriminator) return;
  if (m.classValue === undefined) {
    throw codecError('E_MODEL', `${m.name} has no discriminator value: write instances of its subclasses (defineSubclass) or give it discriminatorValue`);
  }
  const given = values[m.discriminator];
  if (given !== undefined && given !== m.classValue) {
    throw codecError('E_ITEM_VALUE', `${m.name}: attribute ${m.discriminator} is set by the class (${JSON.stringify(m.classValue)}), not by the item`);
  }
}

/**
 * The class entry (`{ Model, m }`) of a stored item read through the class of meta `m`, or undefined
 * when the item has no discriminator (it is then read as that class, as pynamodb does). An unknown
 * value, or the value of a class that is not `m`'s or a subclass's, is E_ITEM_STORED.
 */
export function storedClass(m, item) {
  if (!m.discriminator) return undefined;
  const stored = item[m.dbName(m.discriminator)];
  if (stored === undefined) return undefined;
  const entry = typeof stored.S === 'string' ? m.registry.get(stored.S) : undefined;
  // The stored value is data: the message names the attribute, never the value.
  if (!entry) throw withItemKey(codecError('E_ITEM_STORED', `${m.name}: attribute ${m.discriminator} holds a value no class of this model hierarchy is registered for`), rawItemKey(m, item));
  if (!descends(entry.m, m)) throw withItemKey(codecError('E_ITEM_STORED', `${m.name}: the item is a ${entry.m.name} (attribute ${m.discriminator}), not a ${m.name}`), rawItemKey(m, item));
  return entry;
}

/** The error of a re-read item (update's ALL_NEW, refresh) of class `m` that is now of class `other`. */
export function classChanged(m, other, itemKey) {
  return withItemKey(codecError('E_ITEM_STORED', `${m.name}: the item is now a ${other.name} (attribute ${m.discriminator})`), itemKey);
}

/** Refuses an item returned by update (ALL_NEW) that is now of another class than `m`. */
export function checkSameClass(m, item) {
  const entry = storedClass(m, item);
  if (entry && entry.m !== m) throw classChanged(m, entry.m, rawItemKey(m, item));
}

/** Query/scan/count options with the filter that keeps the items of `m`'s class and its subclasses. */
export function classFilter(m, refs, opts) {
  const values = m.discriminator ? valuesUnder(m) : [];
  if (values.length === 0) return opts;
  const isClass = refs[m.discriminator].in(values);
  return { ...opts, filter: opts.filter ? and(opts.filter, isClass) : isClass };
}

const checkVisit = (variants, map, where) => {
  checkVariant(variants, map, where);
  return map;
};

/** Refuses polymorphic map values (in `values`, an item's or one attribute's at `where`) that do not fit their variant. */
export function checkMapVariants(m, values) {
  for (const [name, attribute] of m.variantMaps) mapVariantsIn(attribute, values[name], checkVisit, `${m.name}.${name}`);
}

/** `attribute`'s value `v` checked as `checkMapVariants` does, for update operands. */
export const checkedOperand = (attribute, v, where) => mapVariantsIn(attribute, v, checkVisit, where);

/** Decoded `values` with every polymorphic map narrowed to its variant's fields (in place). */
export function narrowMapVariants(m, values) {
  for (const [name, attribute] of m.variantMaps) {
    if (values[name] !== undefined) values[name] = mapVariantsIn(attribute, values[name], narrowVariant, `${m.name}.${name}`);
  }
  return values;
}
