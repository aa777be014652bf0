// `dynamodb-mate/electrodb`: ElectroDB attribute definitions (`type`/`get`/`set`) writing the bytes
// of dynamodb-mate's and pynamodb_mate's compressed and encrypted attributes. Spread one into an
// entity's attributes: `email: { ...encryptedString({ table, attribute: 'email', key }), required: true }`.
import { FACTORIES, valueCodec } from './value-codec.mjs';

/**
 * `type: 'any'`: ElectroDB has no binary type and checks the value it is given, not the bytes `set`
 * returns. `get` leaves a missing value alone (ElectroDB calls it for absent attributes too).
 * `encode(value)` gives the stored bytes for `where` clauses, which ElectroDB does not pass through `set`.
 */
function definition(factory, options = {}) {
  const where = `electrodb ${factory}(${options.attribute === undefined ? '' : JSON.stringify(options.attribute)})`;
  const { encode, decode } = valueCodec(where, factory, options);
  const orNothing = (fn) => (value) => (value === undefined || value === null ? value : fn(value));
  const made = { type: 'any', get: orNothing(decode), set: orNothing(encode) };
  Object.defineProperty(made, 'encode', { value: encode, enumerable: false });
  return made;
}

export const { compressedString, compressedBinary, compressedJson, encryptedString, encryptedBinary, encryptedNumber, encryptedJson } =
  Object.fromEntries(FACTORIES.map((f) => [f, (options) => definition(f, options)]));
