// Batch operations when DynamoDB leaves work unprocessed (throttling): the client is wrapped so that
// chosen calls process only part of their requests on the real server and return the rest as
// UnprocessedItems/UnprocessedKeys, as DynamoDB does under load.
import assert from 'node:assert/strict';
import { BatchGetItemCommand, BatchWriteItemCommand } from '@aws-sdk/client-dynamodb';
import { eachBackend, uniqueName } from '../../tests/support/endpoints.mjs';
import { attr, defineModel, errors } from '../node.mjs';

/** A client that, for the first `times` batch calls (or all with Infinity), sends only half of the requests. */
function throttling(client, times) {
  let calls = 0;
  const stats = { calls: 0, partial: 0 };
  return {
    stats,
    send(command) {
      const batch = command instanceof BatchWriteItemCommand || command instanceof BatchGetItemCommand;
      if (!batch) return client.send(command);
      stats.calls = ++calls;
      if (calls > times) return client.send(command);
      stats.partial += 1;
      const [table, requests] = Object.entries(command.input.RequestItems)[0];
      const isWrite = command instanceof BatchWriteItemCommand;
      const list = isWrite ? requests : requests.Keys;
      const half = Math.ceil(list.length / 2);
      const sent = isWrite
        ? new BatchWriteItemCommand({ RequestItems: { [table]: list.slice(0, half) } })
        : new BatchGetItemCommand({ RequestItems: { [table]: { ...requests, Keys: list.slice(0, half) } } });
      return client.send(sent).then((out) => (isWrite
        ? { ...out, UnprocessedItems: { [table]: list.slice(half) } }
        : { ...out, UnprocessedKeys: { [table]: { ...requests, Keys: list.slice(half) } } }));
    },
  };
}

const define = (client, table) => defineModel({
  table, client, attributes: { id: attr.string({ hashKey: true }), n: attr.number({ integer: true }) },
});

eachBackend('batches: unprocessed items are retried until done, or reported', async (backend) => {
  const table = uniqueName('batch-faults');
  const Plain = define(backend.dynamodb, table);
  await Plain.createTable({ wait: true });
  try {
    const flaky = throttling(backend.dynamodb, 3);
    const Flaky = define(flaky, table);
    const items = Array.from({ length: 40 }, (_, i) => Flaky.create({ id: `i${i}`, n: i }));
    await Flaky.batchWrite({ put: items }, { retry: { attempts: 8, baseMs: 1, maxMs: 5 } });
    assert.equal(flaky.stats.partial, 3);
    assert.equal(await Plain.count(), 40, 'every item was written in the end');
    const got = await Flaky.batchGet(items.map((i) => i.id), { retry: { attempts: 8, baseMs: 1, maxMs: 5 } });
    assert.deepEqual(got.map((i) => i.n).sort((a, b) => a - b), items.map((i) => i.n));

    const stuck = throttling(backend.dynamodb, Infinity);
    const Stuck = define(stuck, table);
    const error = await Stuck.batchWrite({ delete: items.map((i) => i.id) }, { retry: { attempts: 3, baseMs: 1, maxMs: 5 } })
      .then(() => null, (e) => e);
    assert.ok(error instanceof errors.BatchError, String(error));
    assert.equal(error.code, 'E_BATCH_UNPROCESSED');
    // 40 deletes in chunks of 25 and 15; three attempts each halve what is left.
    assert.equal(error.unprocessed.length, 3 + 1);
    assert.ok(error.unprocessed.every((r) => r.DeleteRequest?.Key?.id?.S));
    assert.equal(await Plain.count(), 4, 'the deletes that went through are done; the rest are reported');
  } finally {
    await Plain.deleteTable();
  }
});
