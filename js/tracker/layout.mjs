// What the items look like: the hash key `key`, the GSI hash key `value`, and the model of the
// layout's attributes and index, exactly as pynamodb_mate names and formats them (formats §7, §8).
import { attr } from '../attributes/index.mjs';
import { defineModel } from '../model/index.mjs';

/** pynamodb_mate 6.x's `NOT_LOCKED`; 5.x stores no lock (absent, or NULL after an unlock). */
export const NOT_LOCKED = '__not_locked__';

export const INDEX = { v6: 'status_and_update_time-index', v5: 'status_and_task_id-index' };

const zfill = (n, width) => String(n).padStart(width, '0');

/** FNV-1a of the UTF-16 code units: a stable spread over shards (Python's is per-process random). */
function fnv1a(text) {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193) >>> 0;
  return h;
}

export const makeKey = (c, taskId) => `${c.useCaseId}${c.sep}${taskId}`;

/** The task id is everything after the use case id and the first separator (6.x's `split(sep, 1)`). */
export const taskIdOf = (c, key) => key.slice(c.useCaseId.length + c.sep.length);

/** `{useCaseId}{sep}{SSS}{sep}{HHH}` (v6) or `{useCaseId}{sep}{SSS}` (v5). */
export function makeValue(c, code, shard) {
  const status = `${c.useCaseId}${c.sep}${zfill(code, c.statusZeroPad)}`;
  return c.layout === 'v5' ? status : `${status}${c.sep}${zfill(shard, c.shardZeroPad)}`;
}

/** The value of `key` in status `code`, on a shard chosen from the key (any shard interoperates). */
export const valueFor = (c, key, code) => makeValue(c, code, (fnv1a(key) % c.shards.get(code)) + 1);

/** Every value a task in status `code` may have: one per shard. */
export function shardValues(c, code) {
  return Array.from({ length: c.shards.get(code) }, (_, i) => makeValue(c, code, i + 1));
}

/** `{ code, shard }` of a stored value (the status part of v5 items is their only status). */
export function parseValue(c, value) {
  const parts = value.slice(c.useCaseId.length + c.sep.length).split(c.sep);
  return { code: Number(parts[0]), shard: c.layout === 'v5' ? undefined : Number(parts[1]) };
}

/** The model of the tracker's items: pynamodb_mate's attributes, plus `fence` and the optional TTL. */
export function trackerModel(c) {
  const common = {
    key: attr.string({ hashKey: true }),
    value: attr.string(),
    updateTime: attr.datetime({ attrName: 'update_time' }),
    retry: attr.number({ integer: true }),
    lockTime: attr.datetime({ attrName: 'lock_time' }),
    data: attr.json({ nullable: true }),
    errors: attr.json({ nullable: true }),
    fence: attr.number({ integer: true, nullable: true }),
    ...(c.ttl ? { expireAt: attr.ttl({ nullable: true, attrName: c.ttl.attribute }) } : {}),
  };
  const v6 = c.layout === 'v6';
  const attributes = v6
    ? {
      ...common,
      status: attr.number({ integer: true }),
      createTime: attr.datetime({ attrName: 'create_time' }),
      lock: attr.string(),
    }
    : { ...common, lock: attr.string({ nullable: true }) };
  const index = v6
    ? { type: 'global', hashKey: 'value', rangeKey: 'updateTime', projection: ['createTime'] }
    : { type: 'global', hashKey: 'value', rangeKey: 'key', projection: 'KEYS_ONLY' };
  return defineModel({
    name: `StatusTracker(${c.useCaseId})`,
    table: c.table,
    client: c.client,
    attributes,
    indexes: { [INDEX[c.layout]]: index },
  });
}
