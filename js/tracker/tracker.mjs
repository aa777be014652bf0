// StatusTracker (docs/tracker.md): pynamodb_mate's status tracking pattern on a table shared
// with Python workers, with conditional writes throughout.
import { flag } from './arguments.mjs';
import { checkTaskId, resolveConfig, statusCode } from './config.mjs';
import { createTask, createTasks } from './create.mjs';
import { makeKey, trackerModel } from './layout.mjs';
import { DynamoTaskStore } from './dynamodb-store.mjs';
import { utcNow } from './clock.mjs';
import { taskLabel } from './policy.mjs';
import { countByShard, countByStatus, deleteByUseCase, queryByStatus } from './query.mjs';
import { runTask } from './run.mjs';
import { setStatus } from './set-status.mjs';
import { Task } from './task.mjs';
import { taskError } from '../errors/make.mjs';
import { checkOptions, OPTIONS } from '../options/index.mjs';
import { work } from './work.mjs';

// Every method that does I/O is async, so bad arguments reject rather than throw.

/** The options of `StatusTracker.<method>()`, checked against table entry `entry` (js/options/table.mjs). */
const options = (method, value, entry = method) => checkOptions(`StatusTracker.${method}() options`, value, OPTIONS[entry]);

export class StatusTracker {
  #t;

  /** Options: see docs/tracker.md; defaults are pynamodb_mate's for the layout. */
  constructor(options) {
    const config = resolveConfig(options);
    const Model = trackerModel(config);
    // `t`: what the tracker's modules share; the policy's writes go to `store`, its times come from `now`.
    this.#t = { config, Model, store: new DynamoTaskStore(Model), now: utcNow };
  }

  get useCaseId() {
    return this.#t.config.useCaseId;
  }

  get layout() {
    return this.#t.config.layout;
  }

  /** `{ pending, inProgress, failed, succeeded, ignored, ...extraStatuses }`: the status codes. */
  get statuses() {
    return { ...this.#t.config.codes };
  }

  /** The model of the tracker's items (made by defineModel), for reads this class does not offer. */
  get Model() {
    return this.#t.Model;
  }

  /** The code of a status name or code; throws for one the tracker does not know. */
  statusCode(status) {
    return statusCode(this.#t.config, status);
  }

  /** Creates the table with the layout's GSI (and TTL when configured); a no-op when it exists. */
  async createTable(opts) {
    return this.#t.Model.createTable(options('createTable', opts, 'table'));
  }

  async deleteTable(opts) {
    return this.#t.Model.deleteTable(options('deleteTable', opts, 'table'));
  }

  /** `create(taskId, { data, status, overwrite })`: a new task (pending unless told); never overwrites unless asked. */
  async create(taskId, opts) {
    return createTask(this.#t, taskId, options('create', opts, 'createTask'));
  }

  /** `createMany([id | { taskId, data, status }], { overwrite, concurrency })` → `{ created, existing }`. */
  async createMany(tasks, opts) {
    return createTasks(this.#t, tasks, options('createMany', opts));
  }

  /** The task, or null when it does not exist (`consistentRead` defaults to true). */
  async getOneOrNone(taskId, opts) {
    const consistentRead = flag('StatusTracker.getOneOrNone', 'consistentRead', options('getOneOrNone', opts, 'trackerGet').consistentRead, true);
    const item = await this.#t.store.get(makeKey(this.#t.config, checkTaskId(this.#t.config, taskId)), { consistentRead });
    return item ? new Task(this.#t.config, item) : null;
  }

  /** The task; TaskNotFound when it does not exist. */
  async get(taskId, opts) {
    options('get', opts, 'trackerGet');
    const task = await this.getOneOrNone(taskId, opts);
    if (task) return task;
    const c = this.#t.config;
    throw taskError('E_TASK_NOT_FOUND', `${taskLabel(c, taskId)} does not exist`, { taskId, useCaseId: c.useCaseId });
  }

  /** Locks the task, runs `fn(ctx)`, records the outcome; see run.mjs. */
  async run(taskId, fn, opts) {
    return runTask(this.#t, taskId, fn, options('run', opts));
  }

  /** Async iterator of (partial) tasks in `statuses`, all shards, merged by update time: `{ limit, olderFirst, pageSize }`. */
  queryByStatus(statuses, opts) {
    return queryByStatus(this.#t, statuses, opts);
  }

  /**
   * An operator's decision: `setStatus(taskId, status, { from })` moves a task that no live worker
   * holds, and whose status is one of `from` (default: any), to `status`, its retry count at 0.
   */
  async setStatus(taskId, status, opts) {
    return setStatus(this.#t, taskId, status, options('setStatus', opts));
  }

  /** Tasks a worker may start: the ready statuses (pending and failed by default). */
  queryUnfinished(opts) {
    return queryByStatus(this.#t, this.#t.config.ready, opts, 'queryUnfinished');
  }

  async countByStatus(statuses) {
    return countByStatus(this.#t, statuses);
  }

  /** The number of tasks in one status on each of its shards: `[shard 1, shard 2, ...]`. */
  async countByShard(status) {
    return countByShard(this.#t, status);
  }

  /** Deletes every task of this use case (and only this one); returns how many. */
  async deleteByUseCase() {
    return deleteByUseCase(this.#t);
  }

  /** The pull loop: `work({ concurrency, stopSignal, statuses, drain, idleMs, heartbeatSeconds }, fn)`. */
  async work(opts, fn) {
    const o = options('work', opts);
    checkOptions('StatusTracker.work() options.idleMs', o.idleMs, OPTIONS.idleMs);
    return work(this.#t, o, fn);
  }
}
