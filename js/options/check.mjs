// The one check of every options object of the public API: an unknown key is an ArgumentError
// (E_ARGUMENT) naming it and the nearest known key, so that a misspelt `condition` or `dryRun`
// cannot make a call do something else than what was meant. The known keys come from ./table.mjs.
import { codecError } from '../errors/make.mjs';
import { inputError } from '../codec/input.mjs';

/** A key that looks like an option name may be quoted; anything else may be data, so it is only counted. */
const NAME = /^[A-Za-z_$][\w$]{0,63}$/;

/** Optimal string alignment distance, case-insensitive: `conditon`, `hashkey` and `dryrun` are near their option. */
function distance(a, b) {
  const [s, t] = [a.toLowerCase(), b.toLowerCase()];
  const d = Array.from({ length: s.length + 1 }, (_, i) => [i, ...Array(t.length).fill(0)]);
  for (let j = 1; j <= t.length; j++) d[0][j] = j;
  for (let i = 1; i <= s.length; i++) {
    for (let j = 1; j <= t.length; j++) {
      const cost = s[i - 1] === t[j - 1] ? 0 : 1;
      d[i][j] = Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost);
      if (i > 1 && j > 1 && s[i - 1] === t[j - 2] && s[i - 2] === t[j - 1]) d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
    }
  }
  return d[s.length][t.length];
}

/** The known key nearest to `key`, when it is near enough to be a typo of it (a third of its letters). */
export function nearest(key, known) {
  let best;
  let bestDistance = Math.max(1, Math.floor(key.length / 3)) + 1;
  for (const k of known) {
    const dist = distance(key, k);
    if (dist < bestDistance) [best, bestDistance] = [k, dist];
  }
  return best;
}

function unknownKeys(where, unknown, known) {
  const list = `known: ${known.join(', ')}`;
  if (!unknown.every((k) => NAME.test(k))) {
    return codecError('E_ARGUMENT', `${where}: ${unknown.length} unknown option${unknown.length > 1 ? 's' : ''} (${list})`);
  }
  const guess = nearest(unknown[0], known);
  const hint = guess === undefined ? '' : ` (did you mean "${guess}"?)`;
  return codecError('E_ARGUMENT', `${where}: unknown option ${unknown.map((k) => `"${k}"`).join(', ')}${hint}; ${list}`);
}

/**
 * `value` when it is an object whose own keys are all in `known`; `{}` for undefined (no options).
 * A non-object is E_INPUT_TYPE, an unknown key E_ARGUMENT. `where` names the object in messages
 * ('Page.save() options', 'defineModel() index byViews').
 */
export function checkOptions(where, value, known) {
  if (value === undefined) return {};
  if (value === null || typeof value !== 'object' || Array.isArray(value)) throw inputError(where, 'an object', value);
  const unknown = Object.keys(value).filter((k) => !known.includes(k));
  if (unknown.length > 0) throw unknownKeys(where, unknown, known);
  return value;
}
