// The dynamodb-mate side of the differential test: the model tests/interop/differential.py defines
// in pynamodb, and the generated operations (tests/interop/differential/generate.mjs) run through
// this library. Each operation answers `{ outcome, items?, error? }` as the Python driver does.
import { UtcDateTime, attr, codec, cond, defineModel, errors } from '../../../js/node.mjs';

export function defineDoc(table, client) {
  return defineModel({
    table,
    client,
    attributes: {
      pk: attr.string({ hashKey: true }),
      sk: attr.number({ rangeKey: true, integer: true }),
      g: attr.string({ nullable: true }),
      s: attr.string({ nullable: true }),
      n_int: attr.number({ integer: true, nullable: true }),
      n_float: attr.number({ nullable: true }),
      n_big: attr.number({ integer: true, nullable: true }),
      b: attr.binary({ nullable: true }),
      flag: attr.boolean({ nullable: true }),
      ss: attr.stringSet({ nullable: true }),
      ns: attr.numberSet({ nullable: true }),
      bs: attr.binarySet({ nullable: true }),
      lst: attr.list({ nullable: true }),
      strs: attr.list({ of: attr.string(), nullable: true }),
      nums: attr.list({ of: attr.number(), nullable: true }),
      rows: attr.list({ of: attr.map({ qty: attr.number({ nullable: true }), tag: attr.string({ nullable: true }) }), nullable: true }),
      meta: attr.map({ nullable: true, attributes: { author: attr.string({ nullable: true }), seen: attr.datetime({ nullable: true }) } }),
      raw: attr.dynamic({ nullable: true }),
      doc: attr.json({ nullable: true }),
      when: attr.datetime({ nullable: true }),
      expires: attr.ttl({ nullable: true }),
      version: attr.version(),
    },
    indexes: { byG: { type: 'global', hashKey: 'g', rangeKey: 'n_int' } },
  });
}

/** A tagged JSON value (see generate.mjs) as JavaScript: whole-number floats as codec.PythonFloat. */
export function value(v) {
  if (Array.isArray(v)) return v.map(value);
  if (v === null || typeof v !== 'object') return v;
  const [tag, x] = Object.entries(v)[0] ?? [];
  if (Object.keys(v).length === 1) {
    if (tag === '$f') return Number.isInteger(x) ? new codec.PythonFloat(x) : x;
    if (tag === '$big') return BigInt(x);
    if (tag === '$b') return new Uint8Array(Buffer.from(x, 'base64'));
    if (tag === '$set') return new Set(x.map(value));
    if (tag === '$dt') return new UtcDateTime(BigInt(x));
    if (tag === '$ttl') return new Date(x * 1000);
  }
  return Object.fromEntries(Object.entries(v).map(([k, y]) => [k, value(y)]));
}

/** ['meta', 'author'], ['lst', 0], ['rows', 1, 'qty']: a reference. */
const path = (Doc, spec) => spec.slice(1).reduce((ref, step) => (typeof step === 'number' ? ref.at(step) : ref.key(step)), Doc.attr[spec[0]]);

export function condition(Doc, c) {
  if (!c) return undefined;
  if (c.f === 'and' || c.f === 'or') return cond[c.f](...c.cs.map((x) => condition(Doc, x)));
  if (c.f === 'not') return cond.not(condition(Doc, c.c));
  const ref = path(Doc, c.path);
  if (c.f === 'between') return ref.between(value(c.lo), value(c.hi));
  if (c.f === 'in') return ref.in(c.vs.map(value));
  if (c.f === 'exists' || c.f === 'notExists') return ref[c.f]();
  if (c.f === 'size') return ref.size()[c.cmp](c.v);
  if (c.f === 'type') return ref.attributeType(c.t);
  return ref[c.f](value(c.v));
}

function action(Doc, a) {
  const ref = path(Doc, a.path);
  return a.a === 'remove' ? ref.remove() : ref[a.a](value(a.v));
}

/** ok / condition / validation (refused here or by DynamoDB), else error. */
export function outcomeOf(error) {
  if (error instanceof errors.ConditionFailedError) return 'condition';
  if (error instanceof errors.TransactionCanceledError) {
    return error.reasons.some((r) => r.code === 'ConditionalCheckFailed') ? 'condition' : 'validation';
  }
  if (error instanceof errors.DynamoDBError) return error.code === 'E_DYNAMODB_VALIDATION' ? 'validation' : 'error';
  if (error instanceof errors.DynamoDBMateError) return 'validation';
  return 'error';
}

/** Runs operations on `Doc`, keeping the instances each slot holds (as two programs would). */
export function jsSide(Doc) {
  const slots = new Map();
  const slotKey = (key, slot) => `${key.join('/')}#${slot}`;
  const load = async ({ key, slot }) => {
    const found = await Doc.getOneOrNone(key[0], key[1], { consistentRead: true });
    slots.set(slotKey(key, slot), found ?? undefined);
    return found;
  };
  /** The instance a slot holds for the key (read first when `read`), else a new one with the key. */
  const instance = async (op) => {
    if (op.read) await load(op);
    return slots.get(slotKey(op.key, op.slot)) ?? new Doc({ pk: op.key[0], sk: op.key[1] });
  };
  const fill = async (op) => {
    const inst = op.fresh ? new Doc({ pk: op.key[0], sk: op.key[1] }) : await instance(op);
    for (const [name, v] of Object.entries(op.values)) inst[name] = value(v);
    return inst;
  };
  const versionOption = (op) => (op.avc === false ? { addVersionCondition: false } : {});
  const writeOptions = (op) => ({ ...(op.cond ? { condition: condition(Doc, op.cond) } : {}), ...versionOption(op) });
  const asJSON = (items) => items.map((i) => i.toJSON());

  const run = {
    async load(op) {
      const found = await load(op);
      return { items: found ? [found.toJSON()] : [] };
    },
    async save(op) {
      const inst = await fill(op);
      await inst.save(writeOptions(op));
      slots.set(slotKey(op.key, op.slot), inst);
      return {};
    },
    async update(op) {
      const inst = await instance(op);
      await inst.update(op.actions.map((a) => action(Doc, a)), writeOptions(op));
      slots.set(slotKey(op.key, op.slot), inst);
      return { items: [inst.toJSON()] };
    },
    async delete(op) {
      await (await instance(op)).delete(writeOptions(op));
      slots.delete(slotKey(op.key, op.slot));
      return {};
    },
    async transact(op) {
      // Every read first (as the Python driver does): an invalid write must not leave the later ones unread.
      for (const w of op.writes.filter((x) => x.read)) await load(w);
      const writes = [];
      for (const w of op.writes.map((x) => ({ ...x, read: false }))) {
        if (w.t === 'put') writes.push((await fill(w)).putOp(writeOptions(w)));
        else if (w.t === 'update') writes.push((await instance(w)).updateOp(w.actions.map((a) => action(Doc, a)), writeOptions(w)));
        else if (w.t === 'delete') writes.push((await instance(w)).deleteOp(writeOptions(w)));
        else writes.push(Doc.conditionCheckOp(w.key, condition(Doc, w.cond)));
      }
      await Doc.transactWrite(writes);
      return {};
    },
    async batch(op) {
      await Doc.batchWrite({ put: await Promise.all(op.puts.map((p) => fill({ ...p, fresh: true }))), delete: op.deletes });
      return {};
    },
    async query(op) {
      const items = [];
      const opts = { consistentRead: !op.index, ...(op.index ? { index: op.index } : {}), range: condition(Doc, op.range), filter: condition(Doc, op.filter), order: op.desc ? 'desc' : 'asc', limit: op.limit };
      for await (const item of Doc.query(op.hash, opts)) items.push(item);
      return { items: asJSON(items) };
    },
    async scan(op) {
      const items = [];
      for await (const item of Doc.scan({ ...(op.index ? { index: op.index } : {}), filter: condition(Doc, op.filter), limit: op.limit })) items.push(item);
      return { items: asJSON(items) };
    },
  };

  return async (op) => {
    try {
      return { outcome: 'ok', ...(await run[op.kind](op)) };
    } catch (error) {
      return { outcome: outcomeOf(error), error: `${error.name} ${error.code}: ${error.message}` };
    }
  };
}
