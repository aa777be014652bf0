// Creating tasks: the item pynamodb_mate's `make_and_save` writes, but conditional, so that creating
// a task never resets one that exists (and may be running) unless `overwrite` says so.
import { checkOptions, OPTIONS } from '../options/index.mjs';
import { argumentError, flag, positiveInteger } from './arguments.mjs';
import { createCondition, newTask, taskExists, taskOf } from './policy.mjs';
import { taskIdOf } from './layout.mjs';
import { Task } from './task.mjs';

/** Writes a new task; TaskExists (with the stored task) when the id is taken and `overwrite` is not set. */
async function put(t, item, overwrite) {
  const out = await t.store.put(item, createCondition(overwrite));
  if (!out.ok) throw taskExists(t.config, taskIdOf(t.config, item.key), taskOf(t.config, out.item));
  return new Task(t.config, item);
}

export function createTask(t, taskId, opts) {
  const overwrite = flag('StatusTracker.create', 'overwrite', opts.overwrite, false);
  return put(t, newTask(t, taskId, opts), overwrite);
}

/** Runs `fn` over `list` with at most `limit` calls in flight. */
async function eachLimited(list, limit, fn) {
  let next = 0;
  const lane = async () => {
    while (next < list.length) await fn(list[next++]);
  };
  await Promise.all(Array.from({ length: Math.min(limit, list.length) }, lane));
}

const CREATE_MANY = 'StatusTracker.createMany';

/** `{ taskId, data, status }` of each element of `tasks` (an id or such an object), ids distinct. */
function taskSpecs(tasks) {
  if (!Array.isArray(tasks)) throw argumentError(CREATE_MANY, 'tasks must be an array of task ids or { taskId, data, status }');
  const first = new Map(); // task id -> index of its first spec
  return tasks.map((s, i) => {
    if (typeof s !== 'string' && (s === null || typeof s !== 'object' || Array.isArray(s))) {
      throw argumentError(CREATE_MANY, `tasks[${i}] must be a task id or { taskId, data, status }`);
    }
    const spec = typeof s === 'string' ? { taskId: s } : checkOptions(`${CREATE_MANY}() tasks[${i}]`, s, OPTIONS.taskSpec);
    if (first.has(spec.taskId)) throw argumentError(CREATE_MANY, `tasks[${i}]: its task id appears twice (also tasks[${first.get(spec.taskId)}])`);
    first.set(spec.taskId, i);
    return spec;
  });
}

/**
 * Creates many tasks (ids, or `{ taskId, data, status }`). Conditional puts, `concurrency` at a time;
 * with `overwrite`, unconditional batch writes. Returns `{ created, existing }` (tasks).
 */
export async function createTasks(t, tasks, opts) {
  const overwrite = flag(CREATE_MANY, 'overwrite', opts.overwrite, false);
  const concurrency = positiveInteger(CREATE_MANY, 'concurrency', opts.concurrency, 16);
  const items = taskSpecs(tasks).map((s) => newTask(t, s.taskId, s)); // validates all before writing any
  if (overwrite) {
    await t.store.putAll(items);
    return { created: items.map((item) => new Task(t.config, item)), existing: [] };
  }
  const created = [];
  const existing = [];
  await eachLimited(items, concurrency, async (item) => {
    try {
      created.push(await put(t, item, false));
    } catch (error) {
      if (error.code !== 'E_TASK_EXISTS') throw error;
      existing.push(error.task);
    }
  });
  return { created, existing };
}
