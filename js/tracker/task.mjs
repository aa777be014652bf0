// A task as the tracker returns it: the stored item with its ids split out, its status named, and
// "not locked" as null in both layouts.
import { NOT_LOCKED, parseValue, taskIdOf } from './layout.mjs';
import { utcNow } from './clock.mjs';

export class Task {
  #lockExpireMicros;

  /** From a model instance (a full item, or the keys and attributes an index projects). */
  constructor(c, item) {
    const parsed = parseValue(c, item.value);
    this.useCaseId = c.useCaseId;
    this.taskId = taskIdOf(c, item.key);
    this.key = item.key;
    this.value = item.value;
    this.status = item.status ?? parsed.code;
    this.statusName = c.names.get(this.status) ?? null;
    this.shard = parsed.shard;
    this.createTime = item.createTime;
    this.updateTime = item.updateTime;
    this.retry = item.retry;
    // A full item always has lock_time; index results (partial tasks) leave the lock undefined.
    const full = item.lockTime !== undefined;
    this.lock = item.lock === NOT_LOCKED || (full && item.lock === undefined) ? null : item.lock;
    this.lockTime = item.lockTime;
    this.data = item.data;
    this.errors = item.errors;
    this.fence = full ? item.fence ?? 0 : undefined;
    this.expireAt = item.expireAt;
    this.#lockExpireMicros = BigInt(Math.round(c.lockExpireSeconds * 1e6));
  }

  /** Whether a worker holds an unexpired lock at `at` (a UtcDateTime or Date; default now). */
  isLocked(at = utcNow()) {
    if (!this.lock || !this.lockTime) return false;
    const micros = at.epochMicros ?? BigInt(at.getTime()) * 1000n;
    return this.lockTime.epochMicros + this.#lockExpireMicros > micros;
  }
}
