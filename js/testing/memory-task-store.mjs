// The tracker's store interface (js/tracker/dynamodb-store.mjs) over a Map, for testing the
// tracker's policy without a server: it evaluates the plain conditions and applies the plain
// actions of js/tracker/describe.mjs with DynamoDB's meaning (a missing attribute equals nothing;
// ADD and `+` start from 0), one write at a time, as DynamoDB serializes the writes of an item.

/** A stored value as something `===` and `<` compare: times by their microseconds. */
const comparable = (v) => v?.epochMicros ?? v;

const TESTS = {
  eq: (item, [name, value]) => item[name] !== undefined && comparable(item[name]) === comparable(value),
  lt: (item, [name, value]) => item[name] !== undefined && item[name] !== null && comparable(item[name]) < comparable(value),
  absent: (item, [name]) => item[name] === undefined,
  null: (item, [name]) => item[name] === null,
  and: (item, parts) => parts.every((p) => holds(item, p)),
  or: (item, parts) => parts.some((p) => holds(item, p)),
};

/** Whether `condition` holds for `item` (a missing item is `{}`); no condition always holds. */
function holds(item, condition) {
  if (condition === undefined) return true;
  const [op, ...rest] = condition;
  return TESTS[op](item, rest);
}

const APPLY = {
  set: (item, name, value) => { item[name] = value; },
  add: (item, name, n) => { item[name] = (item[name] ?? 0) + n; },
  plus: (item, name, n) => { item[name] += n; },
};

export class MemoryTaskStore {
  #Model;
  #items = new Map();
  /** Every write made (`put`, `update`), refused or not: `{ op, key, ok }`. */
  writes = [];

  constructor(Model) {
    this.#Model = Model;
  }

  /** A copy as a model instance (values are replaced, never changed in place, so a shallow copy is one). */
  #copy(item) {
    return item ? new this.#Model({ ...item }) : null;
  }

  #write(op, key, condition, next) {
    const stored = this.#items.get(key);
    const ok = holds(stored ?? {}, condition);
    this.writes.push({ op, key, ok });
    if (!ok) return { ok, item: this.#copy(stored) };
    this.#items.set(key, next(stored));
    return { ok, item: this.#copy(this.#items.get(key)) };
  }

  async put(item, condition) {
    return this.#write('put', item.key, condition, () => this.#copy(item));
  }

  async putAll(items) {
    for (const item of items) await this.put(item);
  }

  async update(key, actions, condition) {
    return this.#write('update', key, condition, (stored) => {
      const next = this.#copy(stored) ?? new this.#Model({ key });
      for (const [op, name, value] of actions) APPLY[op](next, name, value);
      return next;
    });
  }

  /** The item, whole (a superset of any `attributes` asked for). */
  async get(key) {
    return this.#copy(this.#items.get(key));
  }
}
