// `dynamodb-mate/toolbox`: dynamodb-toolbox v2 schemas writing the bytes of dynamodb-mate's and
// pynamodb_mate's compressed and encrypted attributes: `email: encryptedString({ table, attribute, key })`
// in an `item({...})` schema, chained like any schema (`.optional()`, `.savedAs()`).
import { any } from 'dynamodb-toolbox';
import { FACTORIES, valueCodec } from './value-codec.mjs';

/**
 * An `any()` schema with a transformer: toolbox checks a primitive schema's type on the stored
 * value, which is bytes here, so only `any` lets the transformer see them (the codec checks the
 * decoded value instead). `transformerId` names it in a schema's DTO, which never shows the keys.
 */
function schema(factory, options = {}) {
  const where = `toolbox ${factory}(${options.attribute === undefined ? '' : JSON.stringify(options.attribute)})`;
  const { encode, decode } = valueCodec(where, factory, options);
  const transformerId = `dynamodb-mate/${factory}`;
  return any().transform({ transformerId, encode, decode, toJSON: () => ({ transformerId }) });
}

export const { compressedString, compressedBinary, compressedJson, encryptedString, encryptedBinary, encryptedNumber, encryptedJson } =
  Object.fromEntries(FACTORIES.map((f) => [f, (options) => schema(f, options)]));
