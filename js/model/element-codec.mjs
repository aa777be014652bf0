// Encoding values at paths inside list elements (`Model.attr.rows.at(0).key('a')`, `.at(0).at(1)`).
// The model's schema addresses attributes and typed-map fields by name, not list elements, so a
// second schema holds the element type of every typed list of the model as a top-level attribute,
// and the item codec encodes those operands with the element's own spec (types, nullability,
// compression) exactly as a write of the element would.
import { DynamoDBMateError } from '../errors/index.mjs';
import { codecError } from '../errors/make.mjs';
import { ItemCodec } from '../item/codec.mjs';

/** Every typed list (`attr.list({ of })`) under `attribute`, itself included, through maps and elements. */
function* typedLists(attribute) {
  if (attribute.type === 'list' && attribute.options.of) {
    yield attribute;
    yield* typedLists(attribute.options.of);
  } else if (attribute.type === 'map') {
    for (const field of Object.values(attribute.attributes)) yield* typedLists(field);
  }
}

export class ElementCodec {
  #model;
  #codec;
  #names = new Map(); // list Attribute -> the name of its element type in #codec's schema

  /** `attributes`: the model's Attributes; `model`, `table` as the model's own item codec. */
  constructor(model, table, attributes) {
    this.#model = model;
    const specs = [];
    for (const attribute of attributes) {
      for (const list of typedLists(attribute)) {
        if (this.#names.has(list)) continue; // an attribute object used twice has one element type
        const name = String(specs.length);
        this.#names.set(list, name);
        specs.push({ ...list.typeSpec().of, name });
      }
    }
    this.#codec = new ItemCodec(model, specs, table);
  }

  /**
   * The AttributeValue of `value`, an element of typed list `list` (`path` ''), or the value at
   * `path` ('a.b': JS names through typed maps) inside one; `element`: one element of the list or
   * set there, as `ItemCodec.encodeValue`. Errors name `where` (`rows[0].a`) instead of the schema's
   * internal name.
   */
  encode(list, path, where, value, element) {
    const name = this.#names.get(list);
    const inSchema = path === '' ? name : `${name}.${path}`;
    try {
      return this.#codec.encodeValue(inSchema, value, element);
    } catch (error) {
      throw renamed(error, `${this.#model}.${inSchema}`, `${this.#model}.${where}`);
    }
  }
}

/** `error` with its message's leading path `from` read as `to` (`Model.0.a: …` → `Model.rows[0].a: …`). */
function renamed(error, from, to) {
  if (!(error instanceof DynamoDBMateError) || !error.message.startsWith(from)) return error;
  const rest = error.message.slice(from.length);
  if (!/^[.[:]/.test(rest)) return error;
  return codecError(error.code, `${to}${rest}`);
}
