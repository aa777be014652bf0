// AttrRef: one attribute path of a model (`Model.attr.<name>`), with the condition builders and
// update actions (README "Models"; types in pkg-template/index.d.ts). Values are encoded here, with the model's own encoder, so
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
// Methods where null is a value (DynamoDB's NULL): others order, add or concatenate, which NULL cannot.
const NULL_OPERANDS = new Set(['eq', 'ne', 'in', 'contains', 'set', 'ifNotExists']);

// Not frozen: the model layer attaches a typed map's fields to its reference as own properties
// (`Model.attr.meta.author`), which may shadow any public name here. So the methods read only private
// fields and symbol-keyed methods, and other modules get the path through AS_OPERAND.
export class AttrRef extends Comparable {
  #path;
  #encoder;
  #collection;
  #navigate;

  /**
   * Built by the model layer. `path`: segments `{ name }` / `{ index }`; `encoder`: `{ value(v),
   * element(v), refuses?(method, { attribute }) }`: AttributeValues of a whole value and of one
   * set/list element or map entry (a null the attribute does not take is the encoder's
   * E_ITEM_REQUIRED), and why a method may not take this attribute's values, or another attribute
   * (`attribute: true`) as its argument (encrypted, compressed); `collection`: 'set' | 'list' |
   * 'map' | null, which decides how contains/at/key/add/delete encode. `navigate`, when the
   * attribute's type is known: `{ at?(index), key?(name) }` return the typed reference of an element
   * or entry (key() returns undefined for a name the map does not have); a missing method means the
   * type has no such parts. Without `navigate` (untyped values), at() and key() derive references
   * encoded with the element encoder.
   */
  constructor({ path, encoder, collection = null, navigate }) {
    super();
    if (typeof encoder?.value !== 'function' || typeof encoder.element !== 'function') {
      throw expressionError('an attribute reference needs an encoder { value(v), element(v) }');
    }
    if (!COLLECTIONS.has(collection)) {
      throw expressionError(`collection must be 'set', 'list', 'map' or null, got ${String(collection)}`);
    }
    if (navigate !== undefined && (navigate === null || typeof navigate !== 'object')) {
      throw expressionError('navigate must be an object { at?(index), key?(name) }');
    }
    this.#path = makePath(path);
    this.#collection = collection;
    this.#encoder = encoder;
    this.#navigate = navigate;
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

  /** Element `index` of a list: typed by the list's element type, so `.at(i).key(name)` and `.at(i).at(j)` go on. */
  at(index) {
    this.#expect('at', 'list');
    if (!Number.isSafeInteger(index) || index < 0) throw expressionError(`${this.#where('at')}: the index must be an integer >= 0`);
    return this.#part('at', index, { index });
  }

  /** Entry `name` of a map: of a typed map, its attribute `name` (checked against the map's attributes). */
  key(name) {
    this.#expect('key', 'map');
    if (typeof name !== 'string' || name === '') throw expressionError(`${this.#where('key')}: the name must be a non-empty string`);
    return this.#part('key', name, { name });
  }

  /** A typed child: map attribute `name` (string) or list element `index` (number) with its own encoder (and navigation). */
  child(nameOrIndex, { encoder, collection = null, navigate } = {}) {
    const next = typeof nameOrIndex === 'number' ? { index: nameOrIndex } : { name: nameOrIndex };
    return new AttrRef({ path: extendPath(this.#path, next), encoder, collection, navigate });
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
    return this.#function('contains', toOperand(value, this.#values(encode, 'contains'), this.#where('contains'), { size: false }));
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

  /**
   * SET to a value, another attribute (copy) or a value expression (plus, minus, ifNotExists, append,
   * prepend). On a set attribute an empty Set is REMOVE, as pynamodb's `set(set())` sends it
   * (DynamoDB has no empty sets; a missing set reads as an empty one), nullable or not.
   */
  set(value) {
    if (this.#collection === 'set' && value instanceof Set && value.size === 0) {
      return new UpdateAction('remove', { path: this.#path });
    }
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
    return toOperand(arg, this.#values(this.#encoder.value, method), this.#where(method));
  }

  /** Arguments where DynamoDB takes a value or a path but no size(). */
  #operand(arg, method) {
    this.#allowed(method, arg);
    return toOperand(arg, this.#values(this.#encoder.value, method), this.#where(method), { size: false });
  }

  /**
   * `encode` for the values of `method`, with null (DynamoDB's NULL) refused where the method cannot
   * take it, and, where the attribute is not nullable, refused as an expression error naming the path
   * (the encoder's E_ITEM_REQUIRED would name the attribute only, not the element).
   */
  #values(encode, method) {
    return (value) => {
      if (value !== null) return encode(value);
      if (!NULL_OPERANDS.has(method)) {
        throw expressionError(`${this.#where(method)}: null is not an operand of ${method}() (DynamoDB takes NULL in eq, ne, in, contains and set)`);
      }
      try {
        return encode(value);
      } catch (error) {
        if (error?.code !== 'E_ITEM_REQUIRED') throw error;
        throw expressionError(`${this.#where(method)}: null is not a value here, ${describePath(this.#path)} is not nullable`);
      }
    };
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

  /** The reference of element/entry `part`: typed by `navigate`, else derived with the element encoder. */
  #part(method, part, segment) {
    if (this.#navigate === undefined) {
      const { element } = this.#encoder;
      return new AttrRef({ path: extendPath(this.#path, segment), encoder: { value: element, element } });
    }
    const make = this.#navigate[method];
    if (typeof make !== 'function') {
      throw expressionError(`${this.#where(method)}: the attribute's type has no ${method === 'at' ? 'elements' : 'entries'}`);
    }
    const ref = make(part);
    if (ref === undefined) throw expressionError(`${this.#where(method)}: the map has no attribute of this name`);
    return ref;
  }

  #where(method) {
    return `${method}() on ${describePath(this.#path)}`;
  }
}

/** The path of `ref`, also when the model attached a field named `path` to it. */
export const refPath = (ref) => ref[AS_OPERAND]().path;
