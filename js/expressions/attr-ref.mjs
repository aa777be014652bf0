// AttrRef: one attribute path of a model (`Model.attr.<name>`), with the condition builders and
// update actions of api.md "Expressions". Values are encoded here, with the model's own encoder, so
// that an encrypted or compressed attribute compares and writes the bytes it stores.
import { ARGUMENT, Comparable } from './comparable.mjs';
import { expressionError } from './error.mjs';
import { Condition, UpdateAction, ValueExpression } from './nodes.mjs';
import { AS_OPERAND, pathOperand, toOperand, valueOperand } from './operands.mjs';
import { describePath, extendPath, makePath } from './path.mjs';
import { SizeOperand } from './size.mjs';

const COLLECTIONS = new Set(['set', 'list', 'map', null]);
const TYPES = new Set(['S', 'SS', 'N', 'NS', 'B', 'BS', 'BOOL', 'NULL', 'L', 'M']);
const MAX_IN = 100; // DynamoDB's limit on the values of one IN
const SETS = new Set(['SS', 'NS', 'BS']);
const ADDS = new Set(['N', ...SETS]); // what ADD takes (DELETE: SETS)

// Not frozen: the model layer attaches a typed map's fields to its reference as own properties
// (`Model.attr.meta.author`), which may shadow any public name here. So the methods read only private
// fields and symbol-keyed methods, and other modules get the path through AS_OPERAND.
export class AttrRef extends Comparable {
  #path;
  #encoder;
  #collection;

  /**
   * Built by the model layer. `path`: segments `{ name }` / `{ index }`; `encoder`: `{ value(v),
   * element(v), refuses?(method, { attribute }) }`: AttributeValues of a whole value and of one
   * set/list element or map entry, and why a method may not take this attribute's values, or
   * another attribute (`attribute: true`) as its argument (encrypted, compressed);
   * `collection`: 'set' | 'list' | 'map' | null, which decides how contains/at/key/add/delete encode.
   */
  constructor({ path, encoder, collection = null }) {
    super();
    if (typeof encoder?.value !== 'function' || typeof encoder.element !== 'function') {
      throw expressionError('an attribute reference needs an encoder { value(v), element(v) }');
    }
    if (!COLLECTIONS.has(collection)) {
      throw expressionError(`collection must be 'set', 'list', 'map' or null, got ${String(collection)}`);
    }
    this.#path = makePath(path);
    this.#collection = collection;
    this.#encoder = encoder;
  }

  /** The frozen segments. */
  get path() {
    return this.#path;
  }

  get collection() {
    return this.#collection;
  }

  toString() {
    return describePath(this.#path);
  }

  // Navigation -------------------------------------------------------------------------------------

  /** Element `index` of a list; encoded with this list's element encoder. */
  at(index) {
    this.#expect('at', 'list');
    if (!Number.isSafeInteger(index) || index < 0) throw expressionError(`${this.#where('at')}: the index must be an integer >= 0`);
    return this.#derive({ index });
  }

  /** Entry `name` of an untyped map; typed maps give their attributes through `child`. */
  key(name) {
    this.#expect('key', 'map');
    if (typeof name !== 'string' || name === '') throw expressionError(`${this.#where('key')}: the name must be a non-empty string`);
    return this.#derive({ name });
  }

  /** A typed child: map attribute `name` (string) or list element `index` (number) with its own encoder. */
  child(nameOrIndex, { encoder, collection = null } = {}) {
    const next = typeof nameOrIndex === 'number' ? { index: nameOrIndex } : { name: nameOrIndex };
    return new AttrRef({ path: extendPath(this.#path, next), encoder, collection });
  }

  // Conditions ---------------------------------------------------------------------------------------

  /** 1 to 100 values (or attributes). */
  in(values) {
    if (!Array.isArray(values) || values.length < 1 || values.length > MAX_IN) {
      throw expressionError(`${this.#where('in')}: expected an array of 1 to ${MAX_IN} values`);
    }
    return new Condition('in', { operand: this[AS_OPERAND](), values: values.map((v) => this[ARGUMENT](v, 'in')) });
  }

  beginsWith(prefix) {
    return this.#function('begins_with', this.#operand(prefix, 'beginsWith'));
  }

  /** A substring, or an element of a set or list (encoded as one element). */
  contains(value) {
    this.#allowed('contains', value);
    const encode = this.#collection === 'set' || this.#collection === 'list' ? this.#encoder.element : this.#encoder.value;
    return this.#function('contains', toOperand(value, encode, this.#where('contains'), { size: false }));
  }

  exists() {
    return this.#function('attribute_exists');
  }

  notExists() {
    return this.#function('attribute_not_exists');
  }

  /** DynamoDB type name: S SS N NS B BS BOOL NULL L M. */
  attributeType(type) {
    if (!TYPES.has(type)) throw expressionError(`${this.#where('attributeType')}: the type must be one of ${[...TYPES].join(' ')}`);
    return this.#function('attribute_type', valueOperand({ S: type }, this.#where('attributeType')));
  }

  size() {
    return new SizeOperand(this.#path);
  }

  // Update actions and SET values -----------------------------------------------------------------------

  /** SET to a value, another attribute (copy) or a value expression (plus, minus, ifNotExists, append, prepend). */
  set(value) {
    const rhs = value instanceof ValueExpression ? value : this.#operand(value, 'set');
    return new UpdateAction('set', { path: this.#path, value: rhs });
  }

  remove() {
    return new UpdateAction('remove', { path: this.#path });
  }

  /** ADD a number to a number, or a Set of elements to a set (an absent attribute starts empty / at 0). */
  add(value) {
    this.#expect('add', 'set');
    return new UpdateAction('add', { path: this.#path, value: this.#valueOnly(value, 'add', ADDS) });
  }

  /** DELETE a Set of elements from a set. */
  delete(value) {
    this.#expect('delete', 'set');
    return new UpdateAction('delete', { path: this.#path, value: this.#valueOnly(value, 'delete', SETS) });
  }

  /** `this + value`; alone, the action `SET this = this + value`. */
  plus(value) {
    return this.#valueExpression('plus', { left: this[AS_OPERAND](), right: this.#operand(value, 'plus') });
  }

  /** `this - value`; alone, the action `SET this = this - value`. */
  minus(value) {
    return this.#valueExpression('minus', { left: this[AS_OPERAND](), right: this.#operand(value, 'minus') });
  }

  /** `if_not_exists(this, value)`; alone, `SET this = if_not_exists(this, value)`. */
  ifNotExists(value) {
    return this.#valueExpression('if_not_exists', { path: this.#path, value: this.#operand(value, 'ifNotExists') });
  }

  /** `list_append(this, list)`; alone, `SET this = list_append(this, list)`. */
  append(list) {
    this.#expect('append', 'list');
    return this.#valueExpression('list_append', { first: this[AS_OPERAND](), second: this.#operand(list, 'append') });
  }

  /** `list_append(list, this)`; alone, `SET this = list_append(list, this)`. */
  prepend(list) {
    this.#expect('prepend', 'list');
    return this.#valueExpression('list_append', { first: this.#operand(list, 'prepend'), second: this[AS_OPERAND]() });
  }

  // Internals ------------------------------------------------------------------------------------------------

  [AS_OPERAND]() {
    return pathOperand(this.#path);
  }

  /** Condition arguments: values, attributes, size() (Comparable and in). */
  [ARGUMENT](arg, method) {
    this.#allowed(method, arg);
    return toOperand(arg, this.#encoder.value, this.#where(method));
  }

  /** Arguments where DynamoDB takes a value or a path but no size(). */
  #operand(arg, method) {
    this.#allowed(method, arg);
    return toOperand(arg, this.#encoder.value, this.#where(method), { size: false });
  }

  /**
   * ADD and DELETE take a literal value only, of a type in `types` as the attribute encodes it (so
   * ADD to a string, or to an encrypted number whose value is bytes, fails here, not at DynamoDB).
   */
  #valueOnly(arg, method, types) {
    const operand = this.#operand(arg, method);
    if (operand.type !== 'value') throw expressionError(`${this.#where(method)}: expected a value, not an attribute`);
    const [type] = Object.keys(operand.value);
    if (!types.has(type)) {
      throw expressionError(`${this.#where(method)}: DynamoDB ${method.toUpperCase()}s ${types === ADDS ? 'a number or a set' : 'a set'}, and this value is stored as ${type}`);
    }
    return operand;
  }

  #function(name, ...args) {
    return new Condition('function', { name, args: [this[AS_OPERAND](), ...args] });
  }

  #valueExpression(type, fields) {
    return new ValueExpression(type, { target: this.#path, ...fields });
  }

  /**
   * Refuses a method the attribute's type cannot serve with this argument, e.g. `lt` on an encrypted
   * attribute, or `eq(another attribute)` where ciphertexts are bound to their attribute.
   */
  #allowed(method, arg) {
    const reason = this.#encoder.refuses?.(method, { attribute: typeof arg?.[AS_OPERAND] === 'function' });
    if (reason) throw expressionError(`${this.#where(method)}: ${reason}`);
  }

  /** Refuses a method on an attribute whose known collection kind is not `kind`. */
  #expect(method, kind) {
    if (this.#collection !== null && this.#collection !== kind) {
      throw expressionError(`${this.#where(method)}: not allowed on a ${this.#collection} attribute`);
    }
  }

  #derive(segment) {
    const { element } = this.#encoder;
    return new AttrRef({ path: extendPath(this.#path, segment), encoder: { value: element, element } });
  }

  #where(method) {
    return `${method}() on ${describePath(this.#path)}`;
  }
}

/** The path of `ref`, also when the model attached a field named `path` to it. */
export const refPath = (ref) => ref[AS_OPERAND]().path;
