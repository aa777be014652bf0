// StatusTracker.setStatus (the CLI's `tracker retry|ignore`) and countByShard against DynamoDB Local
// and moto, in both layouts: the change is made only on a task no live worker holds and whose status
// is one it starts from; a refusal is typed and writes nothing.
import assert from 'node:assert/strict';
import { eachBackend, uniqueName } from '../../tests/support/endpoints.mjs';
import { StatusTracker } from '../node.mjs';

for (const layout of ['v6', 'v5']) {
  eachBackend(`setStatus and countByShard, layout ${layout}`, async ({ dynamodb }) => {
    const tracker = new StatusTracker({
      client: dynamodb, table: uniqueName('tracker-set'), useCaseId: 'ops', layout, ...(layout === 'v6' ? { shards: { pending: 3 } } : {}),
    });
    await tracker.createTable({ wait: true });
    try {
      await tracker.createMany(['a', 'b', 'c', 'd', 'e']);
      await tracker.run('a', () => { throw new Error('boom'); }).catch(() => {});
      const shards = await tracker.countByShard('pending');
      assert.equal(shards.length, layout === 'v6' ? 3 : 1);
      assert.equal(shards.reduce((x, y) => x + y, 0), 4);

      const retried = await tracker.setStatus('a', 'pending', { from: ['failed', 'ignored'] });
      assert.deepEqual([retried.statusName, retried.retry, retried.lock], ['pending', 0, null]);
      assert.equal((await tracker.get('a')).statusName, 'pending');
      assert.equal(await tracker.countByStatus('pending'), 5);

      const ignored = await tracker.setStatus('b', 'ignored');
      assert.equal(ignored.statusName, 'ignored');
      assert.deepEqual(await tracker.countByShard('ignored'), [1]);

      // Refusals: the status is not one the change starts from, a worker holds it, it does not exist.
      const refused = async (fn, code, message) => {
        await assert.rejects(fn, (e) => e.code === code && message.test(e.message));
      };
      await refused(() => tracker.setStatus('c', 'pending', { from: 'failed' }), 'E_TASK_NOT_READY', /taskId="c"\) is pending, not a status to set pending from/);
      await tracker.run('d', async () => {
        await refused(() => tracker.setStatus('d', 'ignored'), 'E_TASK_LOCKED', /taskId="d"\) is locked by another worker/);
      });
      await refused(() => tracker.setStatus('d', 'pending', { from: ['failed', 'ignored'] }), 'E_TASK_ALREADY_SUCCEEDED', /has already succeeded/);
      await refused(() => tracker.setStatus('zz', 'pending'), 'E_TASK_NOT_FOUND', /taskId="zz"\) does not exist/);
      assert.equal((await tracker.get('c')).statusName, 'pending', 'a refusal writes nothing');
      assert.equal(await tracker.getOneOrNone('zz'), null, 'no task is created');
    } finally {
      await tracker.deleteTable();
    }
  });
}
