// `tracker status|failed|retry|ignore`: an operator's view of a StatusTracker exported by the models
// module, and the two decisions an operator takes on a task.
import { integerFlag, UsageError } from '../args.mjs';
import { MODULE_OPTIONS, selectTracker } from '../load.mjs';

const json = (value) => `${JSON.stringify(value, (_, v) => (typeof v === 'bigint' ? v.toString() : v))}\n`;

/** A task as printed: ids, status, retries, times, data and the error history. */
const shown = (task) => ({
  taskId: task.taskId,
  status: task.statusName ?? task.status,
  shard: task.shard,
  retry: task.retry,
  createTime: task.createTime?.toISOString(),
  updateTime: task.updateTime?.toISOString(),
  data: task.data,
  errors: task.errors,
});

const ACTIONS = {
  /** Counts by status and shard, every status of the tracker. */
  async status(tracker) {
    const counts = {};
    for (const name of Object.keys(tracker.statuses)) {
      const shards = await tracker.countByShard(name);
      counts[name] = { total: shards.reduce((a, b) => a + b, 0), shards };
    }
    return counts;
  },
  /** The failed tasks, oldest first, each read in full for its error history. */
  async failed(tracker, values) {
    const tasks = [];
    for await (const partial of tracker.queryByStatus('failed', { limit: integerFlag(values, 'limit', 1, 20) })) {
      tasks.push(shown(await tracker.get(partial.taskId)));
    }
    return tasks;
  },
  retry: (tracker, values, taskId) => tracker.setStatus(taskId, 'pending', { from: ['failed', 'ignored'] }).then(shown),
  ignore: (tracker, values, taskId) => tracker.setStatus(taskId, 'ignored', { from: ['pending', 'failed'] }).then(shown),
};

export const tracker = {
  name: 'tracker',
  synopsis: 'dynamodb-mate tracker status|failed|retry|ignore --models FILE [--tracker NAME] [--limit N] [TASK_ID]',
  summary: 'status tracker: counts, failed tasks, retry or ignore a task',
  positionals: [1, 2],
  options: { ...MODULE_OPTIONS, tracker: { type: 'string' }, limit: { type: 'string' } },
  help: `The tracker is a StatusTracker instance exported by the models module (--tracker NAME
selects one when there are several). Prints JSON:
  status          counts by status and shard: { "<status>": { "total": N, "shards": [N, ...] } }
  failed          the failed tasks (oldest first, at most --limit, default 20) with their error history
  retry TASK_ID   a failed or ignored task back to pending, its retry count at 0
  ignore TASK_ID  a pending or failed task to ignored
retry and ignore refuse a task that a live worker holds (exit code 1).`,
  async run({ values, positionals, stdout }) {
    const [action, taskId] = positionals;
    if (!Object.hasOwn(ACTIONS, action)) throw new UsageError(`tracker has no action ${JSON.stringify(action)} (status, failed, retry, ignore)`);
    const needsId = action === 'retry' || action === 'ignore';
    if (needsId !== (taskId !== undefined)) throw new UsageError(needsId ? `tracker ${action} needs a TASK_ID` : `tracker ${action} takes no TASK_ID`);
    stdout.write(json(await ACTIONS[action](await selectTracker(values), values, taskId)));
    return 0;
  },
};
