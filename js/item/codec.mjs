// A model's item codec: one wasm call per item each way (docs/item-codec.md). JS only writes values
// into the stream form and reads the answer; types, validation, Python formatting, compression,
// encryption and item size are the Rust core's.
import { DynamoDBMateError } from '../errors/index.mjs';
import { codecError } from '../errors/make.mjs';
import { core } from '../runtime/core.mjs';
import { BAIL, fastDecoder } from './fast-decode.mjs';
import { fastEncoder } from './fast-encode.mjs';
import { valueEncoders } from './fast-value.mjs';
import { surelyValidPlainSchema } from './plain-schema.mjs';
import { read, write } from './stream.mjs';

/**
 * `error` as an item error at `where`, as the core's errors name it (`Model.attr: ...`): the JS walk
 * refuses values it cannot write (functions, class instances, invalid Dates, cycles, nesting past
 * 512 levels). An invalid Date is E_DATETIME in the codecs, a value error here; too deep a value is
 * E_JSON_DEPTH in a JSON attribute (`json`), else a map or list deeper than DynamoDB allows.
 */
function at(error, where, json) {
  if (!(error instanceof DynamoDBMateError)) return error;
  if (error.code === 'E_JSON_DEPTH' && !json) {
    return codecError('E_ITEM_VALUE', `${where}: maps and lists nested deeper than DynamoDB's 32 levels (or circular)`);
  }
  return codecError(error.code === 'E_DATETIME' ? 'E_ITEM_VALUE' : error.code, `${where}: ${error.message}`);
}

/** Whether an attribute spec holds a JSON value (json, compressed or encrypted JSON). */
const holdsJson = (spec) => spec.type === 'json' || spec.kind === 'json';

/** The attribute a value path ('a.b', 'a[0]') starts with. */
const attributeOf = (path) => path.split(/[.[]/, 1)[0];

// The module's WebAssembly.Memory, where the core leaves its output (set when the first schema is
// registered, before any item call, so that no other call into the module runs between an item
// call and the reading of its output).
let memory;

/** The output of the core's last item call, read in place. */
const output = (where) => read(memory, where);

/**
 * Frees a codec's schema in wasm once the codec is garbage: every defineModel registers one, and a
 * program that defines models in a loop (per request, per test) would otherwise grow the wasm
 * memory without bound. The handle is the held value, so the registry keeps nothing else alive.
 */
const schemas = new FinalizationRegistry((handle) => core.freeSchema(handle));

/** True when two byte arrays hold the same bytes. */
function sameBytes(a, b) {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

// Whether encode, decode and encodeValue try their JS fast paths first (js/item/fast-encode.mjs,
// js/item/fast-decode.mjs, js/item/fast-value.mjs); off, everything goes through the core, which
// the tests beside them compare the fast paths with.
let fastPaths = true;

/** Turns the JS fast paths of `ItemCodec` on or off (for tests and benchmarks). */
export function setFastPaths(on) {
  fastPaths = on;
}

export class ItemCodec {
  #handle; // the schema's handle in the core, once registered
  #schema; // its JSON text until then
  #model;
  #json; // names of the attributes holding JSON values
  #keysSet = 0; // counts setKeys calls: an encoding kept from before new keys is not reused
  #fast; // the model's fast decoder, when its schema has one
  #fastEncode; // the model's fast encoder, when its schema has one
  #fastValues; // fast encodeValue encoders by top-level attribute name

  /**
   * @param {string} model name for error messages; @param {object[]} specs attribute specs;
   * @param {string} table the table name, which aead-encrypted values are bound to;
   * @param {{ hashKey?: string, rangeKey?: string }} key the key attributes (property names), which
   *   randomized aead values are bound to (docs/envelope.md, "The item part")
   */
  constructor(model, specs, table, { hashKey, rangeKey } = {}) {
    this.#model = model;
    this.#json = new Set(specs.filter(holdsJson).map((spec) => spec.name));
    const schema = { model, table, hashKey, rangeKey, attributes: specs };
    this.#schema = JSON.stringify(schema);
    this.#fast = fastDecoder(specs, [hashKey, rangeKey].filter((k) => k !== undefined));
    this.#fastValues = valueEncoders(specs);
    this.#fastEncode = fastEncoder(specs);
    // A schema the core is sure to accept waits for the first call that needs the core (issue 15:
    // plain items never load the wasm); any other is registered now, so that its E_SCHEMA is
    // defineModel's (and a model with compressed or encrypted attributes needs the core anyway).
    if (!surelyValidPlainSchema(schema)) this.#registered();
  }

  /** The schema's handle, registering it in the core at the first call. */
  #registered() {
    if (this.#handle === undefined) {
      memory ??= core.wasmMemory();
      this.#handle = core.registerSchema(this.#schema);
      this.#schema = undefined;
      schemas.register(this, this.#handle);
    }
    return this.#handle;
  }

  /**
   * Gives encrypted attribute `name` its keys (again on rotation): `ids` and their 32-byte `keys`
   * concatenated, `current` the id to write with, `legacy` the key of pynamodb_mate bytes it reads.
   */
  setKeys(name, { current, ids, keys, legacy }) {
    core.setKeys(this.#registered(), name, current, JSON.stringify(ids), keys, legacy);
    this.#keysSet++;
  }

  /**
   * A JS item (by property name) → `{ item, size }`: DynamoDB AttributeValues by attribute name.
   * `kept`: from an earlier `encodeKept`; its result is returned instead of encoding again when the
   * item's stream form is byte for byte the one it encoded and no keys were set since, so the core
   * would get the same input (randomized ciphertexts are the ones made then, bound to the same key).
   */
  encode(item, kept) {
    const fast = this.#encodeFast(item);
    if (fast !== BAIL) return fast;
    const input = this.#itemInput(item);
    if (kept !== undefined && kept.keysSet === this.#keysSet && sameBytes(kept.input, input)) return kept.encoded;
    return this.#encodeInput(input);
  }

  /**
   * `encode(item)` as `{ encoded, kept }`, `kept` for a later `encode(item, kept)` of the same item
   * (undefined when the JS fast path encoded it: its encodings are deterministic, nothing to reuse).
   */
  encodeKept(item) {
    const fast = this.#encodeFast(item);
    if (fast !== BAIL) return { encoded: fast, kept: undefined };
    const input = this.#itemInput(item).slice(); // `write` reuses its buffer
    const encoded = this.#encodeInput(input);
    return { encoded, kept: { input, keysSet: this.#keysSet, encoded } };
  }

  #encodeFast(item) {
    return fastPaths && this.#fastEncode !== undefined ? this.#fastEncode(item) : BAIL;
  }

  #itemInput(item) {
    return write(item, (name, error) => at(error, `${this.#model}.${name}`, this.#json.has(name)));
  }

  #encodeInput(input) {
    const handle = this.#registered(); // before the item call, whose output `memory` holds
    const out = output(core.encodeItem(handle, input));
    return { item: out.value(), size: out.value() };
  }

  /**
   * One value (or one element of a set/list attribute) of the attribute at `path` ('a.b'). `key`,
   * the item's key AttributeValues (an update's `Key`), is needed by randomized aead values.
   */
  encodeValue(path, value, element = false, key = undefined) {
    if (fastPaths && !element && key === undefined) {
      const av = this.#fastValues.get(path)?.(value);
      if (av !== undefined) return av;
    }
    const where = `${this.#model}.${path}`;
    if (value === undefined) throw codecError('E_ITEM_REQUIRED', `${where}: a value is required, got undefined`);
    // A copy, written first: `write` reuses one buffer.
    const keyInput = key === undefined ? undefined : write(key).slice();
    let input;
    try {
      input = write(value);
    } catch (error) {
      throw at(error, where, this.#json.has(attributeOf(path)));
    }
    return output(core.encodeValue(this.#registered(), path, input, element, keyInput)).value();
  }

  /** DynamoDB AttributeValues (as the SDK returns them) → a JS item by property name. */
  decode(attributeValues) {
    if (fastPaths && this.#fast !== undefined) {
      const item = this.#fast(attributeValues, this.#decodeLeft);
      if (item !== BAIL) return item;
    }
    return this.#decodeInCore(attributeValues);
  }

  #decodeInCore(attributeValues) {
    const handle = this.#registered();
    return output(core.decodeItem(handle, write(attributeValues))).value();
  }

  /** The attributes the fast path leaves to the core; BAIL on any error (the whole item then gives it). */
  #decodeLeft = (attributeValues) => {
    try {
      return this.#decodeInCore(attributeValues);
    } catch {
      return BAIL;
    }
  };
}
