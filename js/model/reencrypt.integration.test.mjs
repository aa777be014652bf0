// Model.reencrypt() against real servers: pynamodb_mate bytes → aead, then an old key id → the
// current one; stopped and resumed from its cursor, in parallel segments, reporting progress, and
// never overwriting a value written meanwhile.
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { GetItemCommand, PutItemCommand, UpdateItemCommand } from '@aws-sdk/client-dynamodb';
import { eachBackend, uniqueName } from '../../tests/support/endpoints.mjs';
import { attr, codec, defineModel } from '../node.mjs';

const K1 = randomBytes(32);
const K2 = randomBytes(32);
const COUNT = 9;

const define = (client, table, { email, notes }) => defineModel({
  name: 'Member',
  table,
  client,
  attributes: {
    id: attr.string({ hashKey: true }),
    name: attr.string(),
    email: attr.encryptedString(email),
    notes: attr.encryptedJson({ deterministic: false, nullable: true, ...notes }),
  },
});

/** The key id of each stored value (null for pynamodb_mate bytes), by item id. */
async function keyIds(client, table) {
  const ids = {};
  for (let i = 0; i < COUNT; i++) {
    const { Item } = await client.send(new GetItemCommand({ TableName: table, Key: { id: { S: `m${i}` } }, ConsistentRead: true }));
    const id = (b) => (b[0] === 0xdd ? Buffer.from(b.subarray(5, 5 + b[4])).toString() : null);
    ids[`m${i}`] = [id(Item.email.B), Item.notes ? id(Item.notes.B) : undefined];
  }
  return ids;
}

eachBackend('reencrypt: legacy to aead, old key to current, resumable, segmented, progress', async ({ dynamodb }) => {
  const table = uniqueName('members');
  const Legacy = define(dynamodb, table, { email: { key: 'pw', format: 'pynamodb_mate' }, notes: { key: 'pw', format: 'pynamodb_mate' } });
  await Legacy.createTable({ wait: true });
  try {
    await Legacy.batchWrite({ put: Array.from({ length: COUNT }, (_, i) => Legacy.create({ id: `m${i}`, name: `n${i}`, email: `m${i}@example.com`, notes: i % 2 ? { i } : null })) });

    // The migrating model writes aead under k1 and still reads pynamodb_mate's bytes.
    const options = (key) => ({
      email: { key, legacy: { key: 'pw' } },
      notes: { key, legacy: { key: 'pw', deterministic: false } },
    });
    const Member = define(dynamodb, table, options({ current: 'k1', keys: { k1: K1 } }));
    assert.equal((await Member.get('m3', { consistentRead: true })).notes.i, 3, 'legacy bytes read before the migration');

    // Stopped after the first page (3 items), then resumed from the cursor it returned.
    const stop = new AbortController();
    const progress = [];
    const first = await Member.reencrypt({ pageSize: 3, stopSignal: stop.signal, onProgress: (p) => { progress.push(p); stop.abort(); } });
    assert.equal(first.scanned, 3);
    assert.equal(first.updated, 3);
    assert.ok(first.cursor, 'a cursor to resume from');
    assert.deepEqual(progress, [first]);
    const rest = await Member.reencrypt({ pageSize: 3, cursor: first.cursor, onProgress: (p) => progress.push(p) });
    assert.equal(rest.cursor, undefined, 'done');
    assert.equal(first.updated + rest.updated, COUNT);
    assert.equal(rest.conflicts, 0);
    assert.ok(progress.length >= 3 && progress.at(-1).cursor === undefined, 'one report per page, the last one done');
    for (const [id, [email, notes]] of Object.entries(await keyIds(dynamodb, table))) {
      assert.equal(email, 'k1', id);
      assert.equal(notes, Number(id.slice(1)) % 2 ? 'k1' : undefined, id);
    }
    assert.equal((await Member.get('m4', { consistentRead: true })).email, 'm4@example.com');

    // Rotation: k2 becomes current; two segments move every value from k1 to k2.
    await Member.setKey('email', { current: 'k2', keys: { k1: K1, k2: K2 } });
    await Member.setKey('notes', { current: 'k2', keys: { k1: K1, k2: K2 } });
    const rotated = await Member.reencrypt({ segments: 2 });
    assert.deepEqual({ ...rotated, cursor: undefined }, { scanned: COUNT, updated: COUNT, unchanged: 0, conflicts: 0, cursor: undefined });
    assert.ok(Object.values(await keyIds(dynamodb, table)).every(([email]) => email === 'k2'));
    const again = await Member.reencrypt({ attributes: ['email'] });
    assert.equal(again.unchanged, COUNT, 'current values are left alone');

    // Equality finds migrated values; a model that only knows k2 reads everything.
    const OnlyK2 = define(dynamodb, table, { email: { key: K2, keyId: 'k2' }, notes: { key: K2, keyId: 'k2' } });
    const found = [];
    for await (const m of OnlyK2.scan({ filter: OnlyK2.attr.email.eq('m5@example.com'), consistentRead: true })) found.push(m.id);
    assert.deepEqual(found, ['m5']);
    assert.equal((await OnlyK2.get('m7', { consistentRead: true })).notes.i, 7);

    await assert.rejects(Member.reencrypt({ attributes: ['name'] }), (e) => e.code === 'E_ARGUMENT' && /name is not an attribute encrypted/.test(e.message));
    await assert.rejects(Member.reencrypt({ cursor: first.cursor, segments: 4 }), (e) => e.code === 'E_ARGUMENT' && /cursor is for 1 segments/.test(e.message));
  } finally {
    await Legacy.deleteTable();
  }
});

eachBackend('reencrypt: a value written meanwhile is never overwritten', async ({ dynamodb }) => {
  const table = uniqueName('members');
  const Old = define(dynamodb, table, { email: { key: K1, keyId: 'k1' }, notes: { key: K1, keyId: 'k1' } });
  await Old.createTable({ wait: true });
  try {
    await Old.create({ id: 'm0', name: 'n', email: 'old@example.com' }).save();
    const ring = { current: 'k2', keys: { k1: K1, k2: K2 } };
    // Just before the migration's update, another writer replaces the value.
    let raced = false;
    const racing = {
      async send(command) {
        if (command instanceof UpdateItemCommand && !raced) {
          raced = true;
          const concurrent = codec.encrypt('concurrent@example.com', { key: K1, keyId: 'k1', table, attribute: 'email' });
          await dynamodb.send(new PutItemCommand({ TableName: table, Item: { id: { S: 'm0' }, name: { S: 'n' }, email: { B: concurrent } } }));
        }
        return dynamodb.send(command);
      },
    };
    const Member = define(racing, table, { email: { key: ring }, notes: { key: ring } });
    const result = await Member.reencrypt();
    assert.deepEqual([result.updated, result.conflicts], [0, 1]);
    assert.equal((await Member.get('m0', { consistentRead: true })).email, 'concurrent@example.com');
    assert.equal((await Member.reencrypt()).updated, 1, 'the next run migrates it');
  } finally {
    await Old.deleteTable();
  }
});

eachBackend('reencrypt: abortSignal cancels the run in flight (AbortError), the pages done stay done', async ({ dynamodb }) => {
  const table = uniqueName('members');
  const Old = define(dynamodb, table, { email: { key: K1, keyId: 'k1' }, notes: { key: K1, keyId: 'k1' } });
  await Old.createTable({ wait: true });
  try {
    await Old.batchWrite({ put: Array.from({ length: COUNT }, (_, i) => Old.create({ id: `m${i}`, name: 'n', email: `m${i}@example.com` })) });
    const ring = { current: 'k2', keys: { k1: K1, k2: K2 } };
    const Member = define(dynamodb, table, { email: { key: ring }, notes: { key: ring } });

    const already = AbortSignal.abort();
    const silent = define({ send: () => assert.fail('no request once aborted') }, table, { email: { key: ring }, notes: { key: ring } });
    await assert.rejects(silent.reencrypt({ abortSignal: already }), (e) => e.name === 'AbortError' && e.code === 'E_ABORTED');

    const stop = new AbortController();
    await assert.rejects(
      Member.reencrypt({ pageSize: 2, abortSignal: stop.signal, onProgress: () => stop.abort() }),
      (e) => e.name === 'AbortError' && e.code === 'E_ABORTED',
    );
    const ids = Object.values(await keyIds(dynamodb, table)).map(([email]) => email);
    assert.deepEqual(ids.filter((id) => id === 'k2').length, 2, 'the first page was rewritten, then the run stopped');
    assert.equal((await Member.reencrypt()).updated, COUNT - 2, 'a new run finishes the rest');
  } finally {
    await Old.deleteTable();
  }
});
