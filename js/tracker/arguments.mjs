// The values the tracker's options and methods take (counts, durations, flags; js/options checks
// the keys of options objects), checked before any request: each refusal is an ArgumentError
// (E_ARGUMENT) that names the method and the argument. A count of 0 or NaN would otherwise run
// nothing (`createMany` writing no task) and a flag given as a string would silently mean true or false.
import { codecError } from '../errors/make.mjs';

/** E_ARGUMENT about an argument of `where` ('StatusTracker.work'). */
export const argumentError = (where, message) => codecError('E_ARGUMENT', `${where}: ${message}`);

/** A count: absent (then `fallback`) or a safe integer >= 1. */
export function positiveInteger(where, name, value, fallback) {
  const v = value ?? fallback;
  if (!Number.isSafeInteger(v) || v < 1) throw argumentError(where, `${name} must be a positive integer`);
  return v;
}

/** A duration: absent (then `fallback`) or a finite number > 0, at most `max`. */
export function positiveNumber(where, name, value, fallback, { unit = 'seconds', max = Infinity } = {}) {
  const v = value ?? fallback;
  if (typeof v !== 'number' || !Number.isFinite(v) || v <= 0 || v > max) {
    throw argumentError(where, `${name} must be a positive number of ${unit}${max === Infinity ? '' : ` (at most ${max})`}`);
  }
  return v;
}

/** A flag: absent (then `fallback`) or a boolean. */
export function flag(where, name, value, fallback) {
  const v = value ?? fallback;
  if (typeof v !== 'boolean') throw argumentError(where, `${name} must be true or false`);
  return v;
}
