// What an unknown option key is called in messages, with the nearest known key as a suggestion. No
// imports: the adapters (js/adapters/), bundled apart from the package's error classes, use it too.

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

/** The message of an options object `where` with keys `unknown` that are not in `known`. */
export function unknownOptionsMessage(where, unknown, known) {
  const list = `known: ${known.join(', ')}`;
  if (!unknown.every((k) => NAME.test(k))) {
    return `${where}: ${unknown.length} unknown option${unknown.length > 1 ? 's' : ''} (${list})`;
  }
  const guess = nearest(unknown[0], known);
  const hint = guess === undefined ? '' : ` (did you mean "${guess}"?)`;
  return `${where}: unknown option ${unknown.map((k) => `"${k}"`).join(', ')}${hint}; ${list}`;
}
