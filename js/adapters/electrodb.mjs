// `dynamodb-mate/electrodb`: ElectroDB attribute definitions (`type`/`get`/`set`) writing the bytes
// of dynamodb-mate's and pynamodb_mate's compressed and encrypted attributes. Spread one into an
// entity's attributes: `email: { ...encryptedString({ table, attribute: 'email', key }), required: true }`.
import { FACTORIES, valueCodec } from './value-codec.mjs';

/**
 * `type: 'any'`: ElectroDB has no binary type and checks the value it is given, not the bytes `set`
 * returns. `get` leaves a missing value alone (ElectroDB calls it for absent attributes too).
 * `encode(value)` gives the stored bytes for `where` clauses, which ElectroDB does not pass through `set`.
 * `get` and `set` receive the item too (`set` on put/create: the whole item; on update/patch: the
 * changed values only; `get`: the item read), which randomized aead values are bound to.
 */
function definition(factory, options = {}) {
  const where = `electrodb ${factory}(${options.attribute === undefined ? '' : JSON.stringify(options.attribute)})`;
  const { encode, decode } = valueCodec(where, factory, options, { bindsItems: true });
  const orNothing = (fn) => (value, item) => (value === undefined || value === null ? value : fn(value, item));
  const made = { type: 'any', get: orNothing(decode), set: orNothing(encode) };
  Object.defineProperty(made, 'encode', { value: (value) => encode(value), enumerable: false });
  return made;
}

export const { compressedString, compressedBinary, compressedJson, encryptedString, encryptedBinary, encryptedNumber, encryptedJson } =
  Object.fromEntries(FACTORIES.map((f) => [f, (options) => definition(f, options)]));
