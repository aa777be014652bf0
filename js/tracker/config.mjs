// The tracker's options, checked once and resolved against pynamodb_mate's defaults for the layout:
// 6.0.1.1's `TrackerConfig.make` for 'v6', 5.3.4.4's `BaseStatusTracker` class constants for 'v5'.
import { checkOptions, OPTIONS } from '../options/index.mjs';
import { text } from '../codec/input.mjs';
import { argumentError as refusal, flag, positiveInteger as count, positiveNumber as duration } from './arguments.mjs';

export const STATUS_NAMES = ['pending', 'inProgress', 'failed', 'succeeded', 'ignored'];

/** pynamodb_mate has no default status codes; these are the ones its docs and tests use. */
const DEFAULTS = {
  v6: {
    statuses: { pending: 10, inProgress: 20, failed: 30, succeeded: 40, ignored: 50 },
    lockExpireSeconds: 300,
  },
  v5: {
    statuses: { pending: 0, inProgress: 3, failed: 6, succeeded: 9, ignored: 10 },
    lockExpireSeconds: 900,
  },
};

const argumentError = (message) => refusal('StatusTracker', message);
const positiveInteger = (name, value, fallback) => count('StatusTracker', name, value, fallback);
const positiveNumber = (name, value, fallback) => duration('StatusTracker', name, value, fallback);

/** `{ name: code }`: the five standard statuses (defaults filled in) plus any extra ones. */
function statusCodes(o, layout) {
  const given = o.statuses ?? {};
  for (const name of Object.keys(given)) {
    if (!STATUS_NAMES.includes(name)) throw argumentError(`statuses has no status "${name}" (known: ${STATUS_NAMES.join(', ')}; others go in extraStatuses)`);
  }
  const codes = { ...DEFAULTS[layout].statuses, ...given, ...(o.extraStatuses ?? {}) };
  const seen = new Map();
  for (const [name, code] of Object.entries(codes)) {
    if (!Number.isSafeInteger(code) || code < 0) throw argumentError(`status ${name} must be an integer code >= 0`);
    if (seen.has(code)) throw argumentError(`statuses ${seen.get(code)} and ${name} share the code ${code}; codes must be distinct`);
    seen.set(code, name);
  }
  return codes;
}

/** Shards per status code (v6); pynamodb_mate requires them, here each defaults to 1. */
function shardCounts(o, layout, codes) {
  const given = o.shards ?? {};
  for (const name of Object.keys(given)) {
    if (!Object.hasOwn(codes, name)) throw argumentError(`shards names an unknown status "${name}"`);
  }
  if (layout === 'v5' && Object.values(given).some((n) => n !== 1)) throw argumentError("layout 'v5' has no shards");
  return new Map(Object.entries(codes).map(([name, code]) => [code, positiveInteger(`shards.${name}`, given[name], 1)]));
}

/** The longest TTL: 100 years, so that every expiry is a date (JS's, and Python's up to year 9999) and the final writes can store it. */
const TTL_MAX_SECONDS = 3_155_760_000;

/** `ttl`: seconds after which a succeeded / ignored task expires; a number sets both. */
function ttlOption(ttl) {
  if (ttl === undefined) return null;
  if (ttl === null || !['number', 'object'].includes(typeof ttl)) throw argumentError('ttl must be a number of seconds or { succeeded, ignored, attribute }');
  const o = typeof ttl === 'number' ? { succeeded: ttl, ignored: ttl } : checkOptions('StatusTracker options.ttl', ttl, OPTIONS.trackerTtl);
  const seconds = (name) => (o[name] === undefined ? undefined : duration('StatusTracker', `ttl.${name}`, o[name], undefined, { max: TTL_MAX_SECONDS }));
  const attribute = o.attribute ?? 'expire_at';
  if (typeof attribute !== 'string' || attribute === '') throw argumentError('ttl.attribute must be a non-empty string');
  return { attribute, succeeded: seconds('succeeded'), ignored: seconds('ignored') };
}

/** The resolved, frozen configuration (the README's tracker section and option table). */
export function resolveConfig(o) {
  if (o === undefined) throw argumentError('needs an options object');
  checkOptions('StatusTracker options', o, OPTIONS.tracker);
  const layout = o.layout ?? 'v6';
  if (layout !== 'v6' && layout !== 'v5') throw argumentError("layout must be 'v6' or 'v5'");
  const sep = o.sep ?? '____';
  if (typeof sep !== 'string' || sep === '') throw argumentError('sep must be a non-empty string');
  if (typeof o.useCaseId !== 'string' || o.useCaseId === '' || o.useCaseId.includes(sep)) {
    throw argumentError('useCaseId must be a non-empty string without the separator');
  }
  // Both go into every task's key (UTF-8): a lone surrogate is E_UTF8 here, not a schema error later.
  text('StatusTracker: sep', sep);
  text('StatusTracker: useCaseId', o.useCaseId);
  const codes = statusCodes(o, layout);
  const names = new Map(Object.entries(codes).map(([name, code]) => [code, name]));
  const readyStatuses = o.readyStatuses ?? ['pending', 'failed'];
  if (!Array.isArray(readyStatuses) || readyStatuses.length === 0) throw argumentError('readyStatuses must be a non-empty array');
  const lockExpireSeconds = positiveNumber('lockExpireSeconds', o.lockExpireSeconds, DEFAULTS[layout].lockExpireSeconds);

  const config = {
    client: o.client,
    table: o.table,
    useCaseId: o.useCaseId,
    layout,
    sep,
    statusZeroPad: positiveInteger('statusZeroPad', o.statusZeroPad, 3),
    shardZeroPad: positiveInteger('shardZeroPad', o.shardZeroPad, 3),
    codes,
    names,
    shards: shardCounts(o, layout, codes),
    maxRetry: positiveInteger('maxRetry', o.maxRetry, 3),
    lockExpireSeconds,
    tracebackStackLimit: positiveInteger('tracebackStackLimit', o.tracebackStackLimit, 10),
    recoverExpired: flag('StatusTracker', 'recoverExpired', o.recoverExpired, true),
    heartbeatMs: heartbeatMs(lockExpireSeconds, o.heartbeatSeconds ?? lockExpireSeconds / 3),
    ttl: ttlOption(o.ttl),
  };
  config.ready = readyStatuses.map((s) => statusCode(config, s));
  return Object.freeze(config);
}

/** The heartbeat interval in ms: 0 (or false) turns it off; it must beat before the lock expires. */
export function heartbeatMs(lockExpireSeconds, seconds) {
  if (seconds === 0 || seconds === false) return 0;
  if (typeof seconds !== 'number' || !(seconds > 0 && seconds < lockExpireSeconds)) {
    throw argumentError('heartbeatSeconds must be 0 (off) or a positive number below lockExpireSeconds');
  }
  return seconds * 1000;
}

/** The code of a status given by name ('failed') or code (30); anything else is refused. */
export function statusCode(config, status) {
  if (typeof status === 'string' && Object.hasOwn(config.codes, status)) return config.codes[status];
  if (Number.isSafeInteger(status) && config.names.has(status)) return status;
  const known = Object.entries(config.codes).map(([n, c]) => `${n} (${c})`).join(', ');
  const shown = typeof status === 'string' ? JSON.stringify(status) : typeof status === 'number' ? String(status) : `of type ${typeof status}`;
  throw argumentError(`unknown status ${shown}; known: ${known}`);
}

/** One status or an array of them, as distinct codes. */
export function statusCodeList(config, statuses) {
  const list = Array.isArray(statuses) ? statuses : [statuses];
  if (list.length === 0) throw argumentError('needs at least one status');
  return [...new Set(list.map((s) => statusCode(config, s)))];
}

/** Task ids are joined to the use case id with the separator, so they may not contain it. */
export function checkTaskId(config, taskId) {
  if (typeof taskId !== 'string' || taskId === '') throw argumentError('a task id must be a non-empty string');
  text('StatusTracker: task id', taskId);
  if (taskId.includes(config.sep)) {
    throw argumentError(`task id ${JSON.stringify(taskId)} contains the separator ${JSON.stringify(config.sep)}`);
  }
  return taskId;
}
