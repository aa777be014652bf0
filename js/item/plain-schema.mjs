// Whether a schema of plain attributes is one the core's Schema::parse (src/item/schema.rs) is sure
// to accept: then `ItemCodec` may register it when an item first needs the core, and a model whose
// items all take the JS fast paths never loads the wasm (issue 15). The core stays the one
// validator: anything this walk is unsure of (compressed and encrypted attributes, unknown types or
// fields, odd names) answers false, and the schema is registered at once, where the core's E_SCHEMA
// surfaces at defineModel as before. js/item/plain-schema.test.mjs holds it to the core.

const PLAIN_TYPES = new Set([
  'string', 'number', 'binary', 'boolean', 'null', 'stringSet', 'numberSet', 'binarySet', 'list', 'map', 'dynamic', 'json',
  'datetime', 'ttl', 'version',
]);
/** Spec fields of compressed and encrypted attributes (schema.rs TYPE_FIELDS): none of a plain spec's. */
const SEALED_FIELDS = ['kind', 'level', 'ensureAscii', 'maxOutput', 'format', 'deterministic', 'legacy'];
const NUMBER_MODES = new Set(['auto', 'int', 'float']);
const KEY_TYPES = new Set(['string', 'number', 'binary', 'datetime']);
const MAX_NESTING = 32; // schema.rs MAX_NESTING

const isObject = (v) => v !== null && typeof v === 'object' && !Array.isArray(v);
const isName = (v) => typeof v === 'string' && v.length > 0 && v.isWellFormed();

/** One spec (an attribute's or a list element's) at `depth`; `once` counts the ttl and version attributes. */
function plainSpec(spec, depth, topLevel, once) {
  if (!isObject(spec) || depth >= MAX_NESTING || !PLAIN_TYPES.has(spec.type)) return false;
  const { type } = spec;
  if (spec.nullable !== undefined && typeof spec.nullable !== 'boolean') return false;
  if (SEALED_FIELDS.some((f) => spec[f] !== undefined)) return false;
  if (spec.number !== undefined && !((type === 'number' || type === 'numberSet') && NUMBER_MODES.has(spec.number))) return false;
  if (spec.legacyEncoding !== undefined && !((type === 'binary' || type === 'binarySet')
    && (spec.legacyEncoding === false || (spec.legacyEncoding === true && topLevel)))) return false;
  if (type === 'ttl' || type === 'version') {
    if (!topLevel || once.has(type)) return false;
    once.add(type);
  }
  if (spec.of !== undefined && type !== 'list') return false;
  if (spec.of !== undefined && (!plainSpec(spec.of, depth + 1, false, once) || ['ttl', 'version'].includes(spec.of.type))) return false;
  if (spec.attributes !== undefined && type !== 'map') return false;
  return type !== 'map' || plainFields(spec.attributes, depth + 1, once);
}

/** The attributes of the item (depth 0) or of a typed map: named once by name and by dbName. */
function plainFields(specs, depth, once) {
  if (!Array.isArray(specs)) return false;
  const names = new Set();
  const dbNames = new Set();
  for (const spec of specs) {
    if (!isObject(spec)) return false;
    const { name, dbName = name } = spec;
    if (!isName(name) || name.includes('.') || name.startsWith('\0') || !isName(dbName)) return false;
    if (names.has(name) || dbNames.has(dbName)) return false;
    names.add(name);
    dbNames.add(dbName);
    if (!plainSpec(spec, depth, depth === 0, once)) return false;
  }
  return true;
}

/** A key attribute: absent, or a top-level non-nullable string, number, binary or datetime. */
function plainKey(specs, name) {
  return name === undefined || specs.some((s) => s.name === name && s.nullable !== true && KEY_TYPES.has(s.type));
}

/**
 * True when the core would register `schema` ({ model, table, hashKey, rangeKey, attributes }, as
 * ItemCodec sends it) without an error; false when it might not.
 */
export function surelyValidPlainSchema({ model, table, hashKey, rangeKey, attributes }) {
  return isName(model) && (table === undefined || isName(table))
    && plainFields(attributes, 0, new Set())
    && plainKey(attributes, hashKey) && plainKey(attributes, rangeKey) && !(rangeKey !== undefined && hashKey === undefined);
}
