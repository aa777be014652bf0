// The seeded generator of the differential test: items and operations as plain JSON that both sides
// read (tests/interop/differential/js-side.mjs and tests/interop/differential.py). Values are tagged
// where JSON cannot say the Python type: `{ $f: 2 }` a float (whole-number floats included, on
// purpose), `{ $big: '...' }` an int beyond 2^53, `{ $b: base64 }` bytes, `{ $set: [...] }` a set,
// `{ $dt: micros }` a UTC datetime, `{ $ttl: seconds }` an expiry. Operations: save (new or
// read-modify-write of an instance a slot holds), update (every action), delete, load (an
// instance into a slot, which may go stale), transact, batch, query and scan (table and index),
// with conditions built from every function, and addVersionCondition false now and then.
import { seeded } from '../../reliability/support/mixed-model.mjs';

/** The generator's draws, from the seeded mulberry32 of the reliability tests. */
function draws(seed) {
  const { next, pick } = seeded(seed);
  const int = (lo, hi) => lo + Math.floor(next() * (hi - lo + 1));
  const chance = (p) => next() < p;
  const some = (n, make) => Array.from({ length: n }, make);
  return { int, pick, chance, some };
}

const HASHES = ['p0', 'p1', 'p2'];
const RANGES = [0, 1, 2, 3];
const GROUPS = ['g0', 'g1'];
const WORDS = ['a', 'ab', 'abc', 'b', 'é', 'x😀', 'zz', ''];
/** Floats at the edges of their text forms (exponents, 17 digits), where Python's repr and JavaScript's String may differ; whole ones included. */
const ODD_FLOATS = [0.1, 0.30000000000000004, 1.5e-7, 1e-7, 1e16, 1e20, 1e21, 1.5e300, 2 ** 53 + 2, 123456789.125];
const MAP_KEYS = ['a', 'b', 'c', 'é'];
const TYPES = ['S', 'N', 'B', 'BOOL', 'NULL', 'L', 'M', 'SS', 'NS', 'BS'];
const COMPARISONS = ['eq', 'ne', 'lt', 'le', 'gt', 'ge'];

export function generator(seed) {
  const { int, pick, chance, some } = draws(seed);

  const float = () => ({ $f: chance(0.1) ? pick(ODD_FLOATS) * pick([1, -1]) : chance(0.5) ? int(-3, 30) : int(-30, 300) / 4 });
  const number = () => (chance(0.5) ? int(-5, 20) : float());
  const word = () => pick(WORDS);
  const bytes = () => ({ $b: Buffer.from(some(int(1, 3), () => int(0, 255))).toString('base64') });
  const big = () => ({ $big: `${pick(['1', '-9', '4'])}${'2345678901234567890'.slice(0, int(16, 19))}` });
  const distinct = (make, n) => [...new Map(some(n, make).map((x) => [JSON.stringify(x?.$f ?? x), x])).values()];
  const numberSet = () => ({ $set: distinct(() => (chance(0.7) ? int(-5, 20) : { $f: int(-20, 20) / 2 }), int(1, 3)) });
  const datetime = () => ({ $dt: 1_700_000_000_000_000 + int(0, 5) * 86_400_000_000 + int(0, 999_999) });
  /** JSON data of untyped lists, dynamic maps and JSON attributes. */
  const data = (depth = 0) => {
    const kind = int(0, depth > 1 ? 4 : 6);
    if (kind === 0) return word();
    if (kind === 1) return int(-5, 20);
    if (kind === 2) return float();
    if (kind === 3) return chance(0.5);
    if (kind === 4) return null;
    if (kind === 5) return some(int(0, 3), () => data(depth + 1));
    return Object.fromEntries(some(int(0, 3), () => [pick(MAP_KEYS), data(depth + 1)]));
  };
  const dataMap = () => Object.fromEntries(some(int(1, 3), () => [pick(MAP_KEYS), data(1)]));
  const row = () => ({ qty: chance(0.8) ? number() : null, tag: chance(0.8) ? word() : null });

  /** Each attribute's values. */
  const VALUES = {
    g: () => pick(GROUPS),
    s: word,
    n_int: () => int(-5, 20),
    n_float: float,
    n_big: big,
    b: () => (chance(0.1) ? { $b: '' } : bytes()),
    flag: () => chance(0.5),
    ss: () => ({ $set: distinct(() => pick(WORDS), int(chance(0.1) ? 0 : 1, 3)) }),
    ns: numberSet,
    bs: () => ({ $set: distinct(bytes, int(1, 2)) }),
    lst: () => some(int(0, 3), () => data(1)),
    strs: () => some(int(0, 3), word),
    nums: () => some(int(0, 3), number),
    rows: () => some(int(0, 2), row),
    meta: () => ({ author: chance(0.8) ? word() : null, seen: chance(0.7) ? datetime() : null }),
    raw: dataMap,
    doc: () => (chance(0.8) ? dataMap() : data(1)),
    when: datetime,
    expires: () => ({ $ttl: 1_900_000_000 + int(0, 100_000_000) }),
  };
  const NAMES = Object.keys(VALUES);

  const key = () => [pick(HASHES), pick(RANGES)];
  const slot = () => int(0, 1);
  /** Values of a whole item (some attributes left out). */
  const item = () => Object.fromEntries(NAMES.filter(() => chance(0.75)).map((n) => [n, VALUES[n]()]));
  /** A few attributes changed (or emptied) on an instance. */
  const changes = () => Object.fromEntries(some(int(1, 3), () => {
    const n = pick(NAMES);
    return [n, chance(0.15) ? null : VALUES[n]()];
  }));

  /** A path that update actions set (nested ones less often: their parent may be missing) and a value of its type. */
  const settable = () => {
    const t = target();
    if (t.path[0] === 'version') return { path: ['s'], v: word() };
    return t.path.length > 1 && chance(0.5) ? { path: [t.path[0]], v: VALUES[t.path[0]]() } : t;
  };
  /** A path into the item and a value of its type. */
  const target = () => pick([
    () => { const n = pick(NAMES); return { path: [n], v: VALUES[n]() }; },
    () => ({ path: ['meta', 'author'], v: word() }),
    () => ({ path: ['meta', 'seen'], v: datetime() }),
    () => ({ path: ['raw', pick(MAP_KEYS)], v: data(1) }),
    () => ({ path: ['lst', int(0, 3)], v: data(2) }),
    () => ({ path: ['strs', int(0, 3)], v: word() }),
    () => ({ path: ['nums', int(0, 3)], v: number() }),
    () => ({ path: ['rows', int(0, 2), 'qty'], v: number() }),
    () => ({ path: ['version'], v: int(1, 4) }),
  ])();

  /** Two bounds, mostly in order (DynamoDB refuses BETWEEN with the upper bound first). */
  const bounds = (v) => {
    const [lo, hi] = [v(), v()];
    const swap = (typeof lo === 'number' || typeof lo === 'string') && typeof hi === typeof lo && lo > hi && chance(0.9);
    return swap ? { lo: hi, hi: lo } : { lo, hi };
  };

  const leaf = () => {
    const f = pick(['cmp', 'cmp', 'between', 'in', 'exists', 'notExists', 'beginsWith', 'contains', 'size', 'type']);
    const ordered = () => pick([
      { path: ['s'], v: word }, { path: ['n_int'], v: () => int(-5, 20) }, { path: ['n_float'], v: float },
      { path: ['n_big'], v: big }, { path: ['when'], v: datetime }, { path: ['g'], v: () => pick(GROUPS) },
      { path: ['meta', 'author'], v: word }, { path: ['nums', int(0, 2)], v: number }, { path: ['version'], v: () => int(1, 4) },
      { path: ['b'], v: bytes }, { path: ['raw', pick(MAP_KEYS)], v: () => int(-5, 20) },
    ]);
    if (f === 'cmp') {
      const t = chance(0.2) ? target() : (({ path, v }) => ({ path, v: v() }))(ordered());
      return { f: chance(0.3) ? pick(['eq', 'ne']) : pick(COMPARISONS), ...t };
    }
    if (f === 'between') {
      const { path, v } = ordered();
      return { f, path, ...bounds(v) };
    }
    if (f === 'in') {
      const { path, v } = ordered();
      return { f, path, vs: some(int(1, 3), v) };
    }
    if (f === 'exists' || f === 'notExists') return { f, path: target().path };
    if (f === 'beginsWith') return { f, path: pick([['s'], ['meta', 'author'], ['strs', 0]]), v: pick(['a', 'x', 'é', 'zz']) };
    if (f === 'contains') return { f, ...pick([{ path: ['s'], v: pick(['a', 'b', '😀']) }, { path: ['ss'], v: word() }, { path: ['strs'], v: word() }, { path: ['ns'], v: int(-5, 20) }]) };
    if (f === 'size') return { f, path: pick([['s'], ['ss'], ['lst'], ['strs'], ['raw'], ['b'], ['nums']]), cmp: pick(COMPARISONS), v: int(0, 3) };
    return { f: 'type', path: target().path, t: pick(TYPES) };
  };
  const condition = (depth = 0) => {
    if (depth > 1 || chance(0.6)) return leaf();
    const f = pick(['and', 'or', 'not']);
    return f === 'not' ? { f, c: condition(depth + 1) } : { f, cs: some(int(2, 3), () => condition(depth + 1)) };
  };
  const maybeCondition = (p) => (chance(p) ? { cond: condition() } : {});
  const versionCheck = () => (chance(0.2) ? { avc: false } : {});

  /** One update action on `path` (most paths have several kinds; some are wrong on purpose). */
  const action = () => {
    const kind = int(0, 9);
    if (kind === 0) return { a: 'remove', path: settable().path };
    if (kind === 1) return { a: 'add', ...pick([{ path: ['n_int'], v: int(-3, 3) }, { path: ['n_big'], v: int(1, 9) }, { path: ['ss'], v: VALUES.ss() }, { path: ['ns'], v: numberSet() }, { path: ['bs'], v: VALUES.bs() }]) };
    if (kind === 2) return { a: 'delete', ...pick([{ path: ['ss'], v: VALUES.ss() }, { path: ['ns'], v: numberSet() }]) };
    if (kind === 3) return { a: pick(['append', 'prepend']), ...pick([{ path: ['lst'], v: VALUES.lst() }, { path: ['strs'], v: VALUES.strs() }, { path: ['nums'], v: VALUES.nums() }, { path: ['rows'], v: VALUES.rows() }]) };
    if (kind === 4) return { a: 'ifNotExists', ...pick([{ path: ['s'], v: word() }, { path: ['n_int'], v: int(0, 9) }, { path: ['meta', 'author'], v: word() }, { path: ['raw', pick(MAP_KEYS)], v: int(0, 9) }]) };
    if (kind === 5) return { a: pick(['plus', 'minus']), ...pick([{ path: ['n_int'], v: int(1, 5) }, { path: ['n_float'], v: float() }, { path: ['nums', int(0, 2)], v: int(1, 5) }, { path: ['rows', 0, 'qty'], v: int(1, 5) }]) };
    const t = settable();
    return { a: 'set', path: t.path, v: t.v };
  };
  /** Actions on distinct top-level attributes (one path twice is a validation error on both sides, tried now and then). */
  const actions = () => {
    const out = [];
    for (const a of some(int(1, 3), action)) {
      if (!out.some((b) => b.path[0] === a.path[0]) || chance(0.05)) out.push(a);
    }
    return out;
  };
  /** Writes of an instance read just before (get, change, write) more often than of one held since. */
  const read = () => (chance(0.6) ? { read: true } : {});

  const writes = {
    save: () => ({ kind: 'save', key: key(), slot: slot(), ...(chance(0.4) ? { fresh: true, values: item() } : { ...read(), values: changes() }), ...maybeCondition(0.3), ...versionCheck() }),
    update: () => ({ kind: 'update', key: key(), slot: slot(), ...read(), actions: actions(), ...maybeCondition(0.4), ...versionCheck() }),
    delete: () => ({ kind: 'delete', key: key(), slot: slot(), ...read(), ...maybeCondition(0.4), ...versionCheck() }),
  };
  const distinctKeys = (n) => [...new Map(some(n, key).map((k) => [k.join('/'), k])).values()];
  const transactWrite = (k) => {
    const t = pick(['put', 'update', 'delete', 'check']);
    if (t === 'put') return { t, key: k, slot: slot(), ...(chance(0.5) ? { fresh: true, values: item() } : { ...read(), values: changes() }), ...maybeCondition(0.3) };
    if (t === 'update') return { t, key: k, slot: slot(), ...read(), actions: actions(), ...maybeCondition(0.3), ...versionCheck() };
    if (t === 'delete') return { t, key: k, slot: slot(), ...read(), ...maybeCondition(0.3), ...versionCheck() };
    return { t, key: k, cond: condition() };
  };
  const rangeCondition = (path) => {
    const f = pick(['eq', 'lt', 'le', 'gt', 'ge', 'between']);
    const v = () => (path === 'sk' ? pick(RANGES) : int(-5, 20));
    if (f === 'between') return { f, path: [path], ...bounds(v) };
    return { f, path: [path], v: v() };
  };
  const ops = [
    [6, writes.save],
    [5, writes.update],
    [2, writes.delete],
    [3, () => ({ kind: 'load', key: key(), slot: slot() })],
    [2, () => ({ kind: 'transact', writes: distinctKeys(int(1, 3)).map(transactWrite) })],
    [1, () => {
      const keys = distinctKeys(int(1, 4));
      const cut = int(0, keys.length);
      return { kind: 'batch', puts: keys.slice(0, cut).map((k) => ({ key: k, values: item() })), deletes: keys.slice(cut) };
    }],
    [2, () => ({ kind: 'query', hash: pick(HASHES), ...(chance(0.5) ? { range: rangeCondition('sk') } : {}), ...(chance(0.4) ? { filter: condition() } : {}), ...(chance(0.3) ? { desc: true } : {}), ...(chance(0.2) ? { limit: int(1, 3) } : {}) })],
    [1, () => ({ kind: 'query', index: 'byG', hash: pick(GROUPS), ...(chance(0.5) ? { range: rangeCondition('n_int') } : {}), ...(chance(0.4) ? { filter: condition() } : {}), ...(chance(0.3) ? { desc: true } : {}) })],
    [1, () => ({ kind: 'scan', ...(chance(0.3) ? { index: 'byG' } : {}), ...(chance(0.6) ? { filter: condition() } : {}) })],
  ];
  const total = ops.reduce((n, [w]) => n + w, 0);
  return function nextOp() {
    let roll = int(1, total);
    for (const [weight, make] of ops) {
      roll -= weight;
      if (roll <= 0) return make();
    }
    throw new Error('unreachable');
  };
}
