// The one check of every options object of the public API: an unknown key is an ArgumentError
// (E_ARGUMENT) naming it and the nearest known key, so that a misspelt `condition` or `dryRun`
// cannot make a call do something else than what was meant. The known keys come from ./table.mjs.
import { codecError } from '../errors/make.mjs';
import { inputError } from '../codec/input.mjs';
import { unknownOptionsMessage } from './unknown.mjs';

/**
 * `value` when it is an object whose own keys are all in `known`; `{}` for undefined (no options).
 * A non-object is E_INPUT_TYPE, an unknown key E_ARGUMENT. `where` names the object in messages
 * ('Page.save() options', 'defineModel() index byViews').
 */
export function checkOptions(where, value, known) {
  if (value === undefined) return {};
  if (value === null || typeof value !== 'object' || Array.isArray(value)) throw inputError(where, 'an object', value);
  // No array per call (this runs on every codec call): the unknown keys are listed only on failure.
  for (const k in value) {
    if (!known.includes(k) && Object.hasOwn(value, k)) {
      const unknown = Object.keys(value).filter((key) => !known.includes(key));
      throw codecError('E_ARGUMENT', unknownOptionsMessage(where, unknown, known));
    }
  }
  return value;
}
