// surelyValidPlainSchema against the core: every schema it calls sure must register in wasm (else a
// model would define fine and fail at its first item, its E_SCHEMA lost from defineModel). Random
// schemas, mostly plausible with a mistake here and there, then the core's own error cases (from
// src/item/schema.rs) and the nesting limit. Replay a failure with PLAIN_SCHEMA_SEED=<seed>.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import '../runtime/node.mjs';
import { attr } from '../node.mjs';
import { wasm } from '../runtime/core.mjs';
import { randomness, seedFrom } from '../testing/fast-paths.mjs';
import { surelyValidPlainSchema } from './plain-schema.mjs';

const SEED = seedFrom('PLAIN_SCHEMA_SEED');
const { int, pick, chance } = randomness(SEED);

/** Whether the core registers `schema` (JSON.stringify'd, as ItemCodec sends it); only E_SCHEMA may refuse it. */
function coreAccepts(schema) {
  try {
    wasm.freeSchema(wasm.registerSchema(JSON.stringify(schema)));
    return true;
  } catch (error) {
    assert.equal(error.code, 'E_SCHEMA', error.message);
    return false;
  }
}

const TYPES = ['string', 'number', 'binary', 'boolean', 'null', 'stringSet', 'numberSet', 'binarySet', 'list', 'map', 'dynamic', 'json', 'datetime', 'ttl', 'version'];
const ODD = {
  name: ['', 'a.b', '\0x', 'x\ud800', 7, undefined],
  dbName: ['', null, 3, 'n0'],
  type: ['compressed', 'encrypted', 'strng', undefined, 1],
  nullable: [1, null, 'yes'],
  number: ['decimal', 'int', 'float', 2],
  legacyEncoding: [true, 'yes', false],
  sealed: ['kind', 'level', 'ensureAscii', 'maxOutput', 'format', 'deterministic', 'legacy'],
};
/** A field's usual value, or now and then (rate `odd`) one of `ODD[field]`. */
const maybe = (field, usual, odd = 0.04) => (chance(odd) ? pick(ODD[field]) : usual);

/** A spec; `at`: its index among a map's or the item's attributes (undefined for a list element). */
function randomSpec(depth, at) {
  if (chance(0.01)) return pick([null, 'a', [], 5]);
  const s = {};
  if (at !== undefined) { // now and then the name or dbName of the first attribute again
    s.name = maybe('name', chance(0.03) ? 'f0' : `f${at}`);
    if (chance(0.2)) s.dbName = maybe('dbName', chance(0.05) ? 'f0' : `d${at}`, 0.2);
  }
  s.type = maybe('type', pick(depth < 4 ? TYPES : TYPES.filter((t) => t !== 'list' && t !== 'map')));
  if (chance(0.5)) s.nullable = maybe('nullable', chance(0.5));
  if (s.type === 'number' || s.type === 'numberSet' || chance(0.02)) s.number = maybe('number', pick(['auto', 'int', 'float']));
  if (s.type === 'binary' || s.type === 'binarySet' || chance(0.02)) if (chance(0.3)) s.legacyEncoding = maybe('legacyEncoding', true, 0.3);
  if (chance(0.02)) s[pick(ODD.sealed)] = pick([1, true, 'x']);
  if ((s.type === 'list' && chance(0.7)) || chance(0.01)) s.of = randomSpec(depth + 1);
  if (s.type === 'map' || chance(0.01)) s.attributes = chance(0.97) ? randomFields(depth + 1) : pick([{}, 'a', null]);
  return s;
}

function randomFields(depth) {
  return Array.from({ length: 1 + int(5) }, (_, at) => randomSpec(depth, at));
}

function randomSchema() {
  const attributes = randomFields(0);
  // Mostly a first attribute fit to be the hash key, and that key.
  if (chance(0.8)) attributes[0] = { name: 'f0', type: pick(['string', 'number', 'binary', 'datetime']), nullable: maybe('nullable', false) };
  const keyName = () => (chance(0.9) ? attributes[int(attributes.length)]?.name : pick([1, null, 'zz']));
  return {
    model: chance(0.98) ? 'M' : pick(['', 1]),
    table: chance(0.95) ? 'things' : pick([undefined, '']),
    hashKey: chance(0.85) ? (chance(0.8) ? 'f0' : keyName()) : undefined,
    rangeKey: chance(0.4) ? keyName() : undefined,
    attributes,
  };
}

test(`a schema called sure is registered by the core (PLAIN_SCHEMA_SEED=${SEED})`, () => {
  console.log(`PLAIN_SCHEMA_SEED=${SEED}`);
  const counts = { sure: 0, unsureAccepted: 0, refused: 0 };
  for (let i = 0; i < 4000; i++) {
    const schema = randomSchema();
    const sure = surelyValidPlainSchema(schema);
    const accepted = coreAccepts(schema);
    if (sure) assert.ok(accepted, `called sure, refused by the core: ${JSON.stringify(schema)}`);
    counts[sure ? 'sure' : accepted ? 'unsureAccepted' : 'refused']++;
  }
  // Both answers common enough for the comparison to mean something (unsure but accepted is rare:
  // the walk refuses little that the core accepts among plain specs).
  console.log(counts);
  assert.ok(counts.sure >= 400 && counts.refused >= 400, JSON.stringify(counts));
});

/** `attributes` under model M with hash key `a` (the first attribute) unless said otherwise. */
const schemaOf = (attributes, extra = {}) => ({ model: 'M', table: 'things', hashKey: 'a', attributes, ...extra });
const a = { name: 'a', dbName: 'a', type: 'string', nullable: false };

test('the core\'s error cases are not called sure', () => {
  const refused = [
    schemaOf([a], { model: '' }),
    schemaOf([a], { table: '' }),
    schemaOf([{ ...a, type: 'strng' }]),
    schemaOf([a, { type: 'string' }]),
    schemaOf([a, { name: 'b.c', type: 'string' }]),
    schemaOf([a, { name: '\0b', type: 'string' }]),
    schemaOf([a, { name: 'b', type: 'string', nullable: 1 }]),
    schemaOf([a, { name: 'b', type: 'string', number: 'int' }]),
    schemaOf([a, { name: 'b', type: 'number', number: 'decimal' }]),
    schemaOf([a, { name: 'b', type: 'map' }]),
    schemaOf([a, { name: 'b', type: 'string', of: {} }]),
    schemaOf([a, { name: 'b', type: 'string', attributes: [] }]),
    schemaOf([a, { name: 'b', type: 'list', of: { type: 'x' } }]),
    schemaOf([a, { name: 'b', type: 'list', of: { type: 'ttl' } }]),
    schemaOf([a, { name: 'b', type: 'map', attributes: [{ name: 'v', type: 'version' }] }]),
    schemaOf([a, { name: 'b', type: 'ttl' }, { name: 'c', type: 'ttl' }]),
    schemaOf([a, { name: 'a', dbName: 'b', type: 'string' }]),
    schemaOf([a, { name: 'b', dbName: 'a', type: 'string' }]),
    schemaOf([a, { name: 'b', dbName: '', type: 'string' }]),
    schemaOf([a, { name: 'b', type: 'map', attributes: [{ name: 'c', type: 'binary', legacyEncoding: true }] }]),
    schemaOf([a, { name: 'b', type: 'string', legacyEncoding: true }]),
    schemaOf([a, { name: 'b', type: 'string', level: 5 }]),
    schemaOf([{ ...a, nullable: true }]),
    schemaOf([a, { name: 'b', type: 'boolean' }], { hashKey: 'b' }),
    schemaOf([a, { name: 'b', type: 'string' }], { hashKey: undefined, rangeKey: 'b' }),
    schemaOf([a], { hashKey: 'zz' }),
  ];
  for (const schema of refused) {
    assert.equal(coreAccepts(schema), false, JSON.stringify(schema));
    assert.equal(surelyValidPlainSchema(schema), false, JSON.stringify(schema));
  }
});

test('nesting: 31 levels below an attribute are sure, 32 are refused by both', () => {
  const nested = (levels, wrap) => {
    let spec = { type: 'string' };
    for (let i = 0; i < levels; i++) spec = wrap(spec);
    return schemaOf([a, { name: 'b', ...spec }]);
  };
  const wraps = [(of) => ({ type: 'list', of }), (inner) => ({ type: 'map', attributes: [{ name: 'x', ...inner }] })];
  for (const wrap of wraps) {
    assert.deepEqual([surelyValidPlainSchema(nested(31, wrap)), coreAccepts(nested(31, wrap))], [true, true]);
    assert.deepEqual([surelyValidPlainSchema(nested(32, wrap)), coreAccepts(nested(32, wrap))], [false, false]);
  }
});

test('the specs attr.*() makes for plain attributes are sure; compressed and encrypted ones are not', () => {
  const specs = Object.entries({
    a: attr.string({ hashKey: true }), n: attr.number({ integer: true }), f: attr.number({ float: true }), b: attr.binary({ legacyEncoding: true }),
    bs: attr.binarySet(), ss: attr.stringSet(), ns: attr.numberSet(), yes: attr.boolean(), when: attr.datetime(), j: attr.json(), d: attr.dynamic(),
    l: attr.list({ of: attr.map({ x: attr.number(), y: attr.list() }) }), m: attr.map({ nullable: true, attributes: { z: attr.stringSet() } }),
    kind: attr.discriminator(), t: attr.ttl(), v: attr.version(),
  }).map(([name, attribute]) => attribute.spec(name));
  const schema = schemaOf(specs);
  assert.deepEqual([surelyValidPlainSchema(schema), coreAccepts(schema)], [true, true]);
  for (const sealed of [attr.compressedString(), attr.encryptedString({ key: 'pw' })]) {
    assert.equal(surelyValidPlainSchema(schemaOf([...specs, sealed.spec('s')])), false);
  }
});
