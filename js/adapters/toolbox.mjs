// `dynamodb-mate/toolbox`: dynamodb-toolbox v2 schemas writing the bytes of dynamodb-mate's and
// pynamodb_mate's compressed and encrypted attributes: `email: encryptedString({ table, attribute, key })`
// in an `item({...})` schema, chained like any schema (`.optional()`, `.savedAs()`).
import { any } from 'dynamodb-toolbox';
import { codec } from '../node.mjs';
import { FACTORIES, valueCodec } from './value-codec.mjs';

const PYTHON_FLOAT = Symbol.for('dynamodb-mate.PythonFloat');

/**
 * `value` with toolbox's plain-object copies of PythonFloats made PythonFloats again (toolbox clones
 * a value, keeping own symbols only, before the transformer sees it); else Python reads 1.0 as 1.
 */
function revived(value) {
  if (Array.isArray(value)) return value.map(revived);
  if (value === null || typeof value !== 'object' || value instanceof Uint8Array) return value;
  if (value[PYTHON_FLOAT] === true) return new codec.PythonFloat(value.value);
  // Anything but a plain object (a Date, a Map) is left for the codec to accept or refuse.
  const proto = Object.getPrototypeOf(value);
  if (proto !== Object.prototype && proto !== null) return value;
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, revived(v)]));
}

/**
 * An `any()` schema with a transformer: toolbox checks a primitive schema's type on the stored
 * value, which is bytes here, so only `any` lets the transformer see them (the codec checks the
 * decoded value instead). `transformerId` names it in a schema's DTO, which never shows the keys.
 */
function schema(factory, options = {}) {
  const where = `toolbox ${factory}(${options.attribute === undefined ? '' : JSON.stringify(options.attribute)})`;
  const { encode, decode } = valueCodec(where, factory, options);
  const transformerId = `dynamodb-mate/${factory}`;
  return any().transform({ transformerId, encode: (value) => encode(revived(value)), decode, toJSON: () => ({ transformerId }) });
}

export const { compressedString, compressedBinary, compressedJson, encryptedString, encryptedBinary, encryptedNumber, encryptedJson } =
  Object.fromEntries(FACTORIES.map((f) => [f, (options) => schema(f, options)]));
