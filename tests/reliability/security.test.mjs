// Security checks: keys and plaintexts of encrypted attributes never appear in what leaves the process
// (every request body sent to DynamoDB), in what the library logs or warns, in errors, in toJSON() of
// items or in a logged model definition; deterministic encryption leaks equality, as documented; an
// aead ciphertext copied into another attribute (of the same or another item) or another table does
// not decrypt, nor does a randomized one copied into the same attribute of another item (it is bound
// to the item's key, numbers as DynamoDB normalizes them). Against DynamoDB Local and moto.
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { inspect } from 'node:util';
import { DynamoDBClient, GetItemCommand, PutItemCommand, ScanCommand, UpdateItemCommand } from '@aws-sdk/client-dynamodb';
import { REGION, eachBackend, uniqueName } from '../support/endpoints.mjs';
import { StatusTracker, attr, codec, defineModel, errors } from '../../js/node.mjs';

const KEY = randomBytes(32);
const ROTATED_KEY = randomBytes(32);
const KMS_KEY = randomBytes(32);
const PASSWORD = 'hunter2-SECRET-PASSWORD';
const SSN = 'PLAINTEXT-SSN-078-05-1120';
const NOTE = 'PLAINTEXT-NOTE-diagnosis';
const PIN = 987_654_321_987;

/** A secret's byte forms: hex, and base64 at each alignment (the middle, which neighbours don't change). */
function byteForms(bytes) {
  const forms = [Buffer.from(bytes).toString('hex')];
  for (let pad = 0; pad < 3; pad++) forms.push(Buffer.concat([Buffer.alloc(pad), Buffer.from(bytes)]).toString('base64').slice(4, -4));
  return forms;
}
const SECRETS = [
  PASSWORD, SSN, NOTE, String(PIN),
  ...[KEY, ROTATED_KEY, KMS_KEY, codec.legacyKeyFromPassword(PASSWORD)].flatMap(byteForms),
  ...[SSN, NOTE].flatMap((text) => byteForms(Buffer.from(text))),
];
const leaked = (text) => SECRETS.filter((secret) => text.includes(secret));

/** Text of anything that may hold bytes (request outputs, captured log arguments). */
const show = (value) => (typeof value === 'string' ? value : inspect(value, { depth: 10, maxStringLength: Infinity, maxArrayLength: Infinity }));

/**
 * A client of `endpoint` that records every request body it sends and every parsed response, and
 * what the SDK logs through its logger.
 */
function recordingClient(endpoint, seen) {
  const log = (...args) => seen.push(args.map(show).join(' '));
  const client = new DynamoDBClient({
    region: REGION, endpoint, credentials: { accessKeyId: 'test', secretAccessKey: 'test' }, maxAttempts: 3,
    logger: { trace: log, debug: log, info: log, warn: log, error: log },
  });
  client.middlewareStack.add((next) => async (args) => {
    seen.push(String(args.request.body));
    return next(args);
  }, { step: 'finalizeRequest', name: 'recordBody' });
  client.middlewareStack.add((next) => async (args) => {
    const out = await next(args);
    seen.push(show(out.output));
    return out;
  }, { step: 'initialize', name: 'recordOutput' });
  return client;
}

/** Runs `fn` with console.* and process.emitWarning recorded (and silenced); returns what they got. */
async function capturingLogs(fn) {
  const seen = [];
  const methods = ['log', 'info', 'warn', 'error', 'debug', 'trace', 'dir'];
  const saved = methods.map((name) => console[name]);
  const emitWarning = process.emitWarning;
  for (const name of methods) console[name] = (...args) => { seen.push(args.map(show).join(' ')); };
  process.emitWarning = (...args) => { seen.push(args.map(show).join(' ')); };
  try {
    await fn();
  } finally {
    methods.forEach((name, i) => { console[name] = saved[i]; });
    process.emitWarning = emitWarning;
  }
  return seen;
}

function vaultModel(client, table, { kms = async () => KMS_KEY, ssnKey = KEY } = {}) {
  return defineModel({
    name: 'Vault',
    table,
    client,
    attributes: {
      id: attr.string({ hashKey: true }),
      ssn: attr.encryptedString({ key: ssnKey, keyId: 'k1' }),
      backup: attr.encryptedString({ key: KEY, keyId: 'k1', nullable: true }),
      note: attr.encryptedString({ key: { current: 'kms', keys: { kms } }, deterministic: false, nullable: true }),
      note2: attr.encryptedString({ key: { current: 'kms', keys: { kms } }, deterministic: false, nullable: true }),
      pin: attr.encryptedNumber({ key: PASSWORD, format: 'pynamodb_mate', integer: true, nullable: true }),
      old: attr.encryptedString({ key: KEY, legacy: { key: PASSWORD }, nullable: true }),
      views: attr.number({ default: 0 }),
    },
  });
}

const raw = async (client, table, id) => (await client.send(new GetItemCommand({ TableName: table, Key: { id: { S: id } }, ConsistentRead: true }))).Item;

test('an encrypted attribute shows no key in JSON.stringify or console output of a model definition', () => {
  const kms = async () => KMS_KEY;
  const definition = {
    table: 'vault',
    attributes: {
      ssn: attr.encryptedString({ key: KEY, keyId: 'k1' }),
      pin: attr.encryptedNumber({ key: PASSWORD, format: 'pynamodb_mate' }),
      note: attr.encryptedJson({ key: { current: 'k2', keys: { k1: ROTATED_KEY, k2: kms } }, legacy: { key: PASSWORD } }),
    },
  };
  for (const text of [JSON.stringify(definition), inspect(definition, { depth: 10 })]) {
    assert.deepEqual(leaked(text), [], text);
    assert.match(text, /"keyIds":\["k1","k2"\]/, 'key ids are shown instead of keys');
  }
  assert.deepEqual(JSON.parse(JSON.stringify(definition.attributes.pin)), {
    type: 'encrypted', kind: 'number', format: 'pynamodb_mate', deterministic: true, keyIds: ['default'], current: 'default',
  });
});

eachBackend('keys and plaintexts never leave in requests, logs, warnings, errors or toJSON()', async ({ name, endpoint }) => {
  const seen = [];
  const client = recordingClient(endpoint, seen);
  const table = uniqueName('security');
  const taskTable = uniqueName('security-tasks');
  const errorsSeen = [];
  const logs = await capturingLogs(async () => {
    const Vault = vaultModel(client, table);
    await Vault.createTable({ wait: true });
    try {
      await Vault.prepare();
      const a = Vault.create({ id: 'a', ssn: SSN, note: NOTE, pin: PIN });
      assert.deepEqual(leaked(JSON.stringify(a)), [], 'JSON.stringify(item) is the stored form');
      assert.deepEqual(leaked(JSON.stringify(a.toJSON())), []);
      await a.save();
      await a.save({ condition: Vault.attr.ssn.eq(SSN) });
      await a.update([Vault.attr.backup.set(SSN), Vault.attr.views.add(1)], { condition: Vault.attr.pin.in([PIN, PIN + 1]) });
      await Vault.batchWrite({ put: [Vault.create({ id: 'b', ssn: SSN, note: NOTE }), Vault.create({ id: 'c', ssn: `${SSN}-2` })] });
      const found = [];
      for await (const v of Vault.scan({ filter: Vault.attr.ssn.eq(SSN), consistentRead: true })) found.push(v.id);
      assert.deepEqual(found.sort(), ['a', 'b']);
      const got = await Vault.get('a', { consistentRead: true });
      assert.deepEqual([got.ssn, got.note, got.pin, got.backup], [SSN, NOTE, PIN, SSN], 'decrypted values are there when asked for');
      assert.deepEqual(leaked(JSON.stringify(got)), []);
      console.log('an app logging the stored form', got.toJSON());

      // A legacy (pynamodb_mate) value read through `legacy`, then rotated to the current key.
      await client.send(new PutItemCommand({ TableName: table, Item: { id: { S: 'd' }, ssn: { B: codec.encrypt(SSN, { key: KEY, keyId: 'k1', table, attribute: 'ssn' }) }, views: { N: '0' }, old: { B: codec.encrypt(SSN, { key: PASSWORD, format: 'pynamodb_mate' }) } } }));
      await Vault.setKey('ssn', { current: 'k2', keys: { k1: KEY, k2: ROTATED_KEY } });
      const progress = [];
      await Vault.reencrypt({ onProgress: (p) => progress.push(p) });
      console.log('reencrypt progress', progress);
      assert.equal((await Vault.get('d', { consistentRead: true })).old, SSN);

      // Failures an app would log: a tampered value, a wrong key, an unknown key id.
      const stored = await raw(client, table, 'a');
      const tampered = Uint8Array.from(stored.note.B);
      tampered[tampered.length - 1] ^= 1;
      await client.send(new UpdateItemCommand({ TableName: table, Key: { id: { S: 'a' } }, UpdateExpression: 'SET note = :n', ExpressionAttributeValues: { ':n': { B: tampered } } }));
      // Reencrypted 'b' and 'd' are under k2 now: a wrong key named k2, and a keyring without k2.
      const WrongKey = vaultModel(client, table, { ssnKey: { current: 'k2', keys: { k2: KMS_KEY } } });
      for (const [Model, id] of [[Vault, 'a'], [WrongKey, 'b'], [vaultModel(client, table), 'd']]) {
        const error = await Model.get(id, { consistentRead: true }).then(() => assert.fail(`${id} decrypted`), (e) => e);
        assert.ok(error instanceof errors.DecryptionError, error.stack);
        errorsSeen.push(error);
        console.error(error);
      }

      // The status tracker records a failed task's error (its repr and traceback) in DynamoDB.
      const tracker = new StatusTracker({ client, table: taskTable, useCaseId: 'audit' });
      await tracker.createTable({ wait: true });
      try {
        await tracker.create('t1');
        await tracker.run('t1', () => Vault.get('a', { consistentRead: true })).catch((e) => errorsSeen.push(e));
        assert.equal((await tracker.get('t1')).errors.history.length, 1);
      } finally {
        await tracker.deleteTable();
      }
    } finally {
      await Vault.deleteTable();
    }
  });
  assert.deepEqual(errorsSeen.map((e) => e.code), ['E_AEAD_TAMPERED', 'E_AEAD_WRONG_KEY', 'E_AEAD_UNKNOWN_KEY_ID', 'E_AEAD_TAMPERED']);
  assert.ok(seen.length > 20, `${name}: requests were recorded`);
  assert.ok(logs.length >= 5, 'what the app logged was captured');
  const texts = {
    requests: seen.join('\n'),
    logs: logs.join('\n'),
    errors: errorsSeen.map((e) => `${e.message}\n${e.stack}\n${JSON.stringify(e)}\n${inspect(e, { depth: 8 })}`).join('\n'),
  };
  for (const [where, text] of Object.entries(texts)) assert.deepEqual(leaked(text), [], `${name}: a secret in ${where}`);
  client.destroy();
});

eachBackend('deterministic values leak equality (documented); randomized ones do not', async ({ dynamodb }) => {
  const table = uniqueName('security');
  const Vault = vaultModel(dynamodb, table);
  await Promise.all([Vault.createTable({ wait: true }), Vault.prepare()]);
  try {
    await Vault.create({ id: 'a', ssn: SSN, note: NOTE }).save();
    await Vault.create({ id: 'b', ssn: SSN, note: NOTE }).save();
    const [a, b] = await Promise.all([raw(dynamodb, table, 'a'), raw(dynamodb, table, 'b')]);
    assert.deepEqual(a.ssn.B, b.ssn.B, 'equal plaintexts, equal deterministic bytes');
    assert.notDeepEqual(a.note.B, b.note.B, 'randomized bytes differ');
  } finally {
    await Vault.deleteTable();
  }
  const security = readFileSync(new URL('../../docs/security.md', import.meta.url), 'utf8');
  assert.match(security.replace(/\s+/g, ' '), /Deterministic aead reveals which values of one attribute are equal/);
  assert.match(security.replace(/\s+/g, ' '), /A deterministic value copied into the same attribute of another item of the same table still decrypts/);
});

eachBackend('an aead ciphertext copied to another attribute, another item or another table does not decrypt', async ({ dynamodb }) => {
  const [table, other] = [uniqueName('security'), uniqueName('security')];
  const Vault = vaultModel(dynamodb, table);
  const Other = vaultModel(dynamodb, other);
  await Promise.all([Vault.createTable({ wait: true }), Other.createTable({ wait: true }), Vault.prepare(), Other.prepare()]);
  try {
    await Vault.create({ id: 'a', ssn: SSN, note: NOTE }).save();
    const freshB = () => Vault.create({ id: 'b', ssn: 'someone else', note: 'other note', backup: 'x', note2: 'y' }).save();
    const a = await raw(dynamodb, table, 'a');
    const copy = (Table, id, values) => dynamodb.send(new UpdateItemCommand({
      TableName: Table.tableName,
      Key: { id: { S: id } },
      UpdateExpression: `SET ${Object.keys(values).map((k) => `#${k} = :${k}`).join(', ')}`,
      ExpressionAttributeNames: Object.fromEntries(Object.keys(values).map((k) => [`#${k}`, k])),
      ExpressionAttributeValues: Object.fromEntries(Object.entries(values).map(([k, v]) => [`:${k}`, v])),
    }));
    const refused = async (Table, id, attribute) => {
      const error = await Table.get(id, { consistentRead: true }).then(() => null, (e) => e);
      assert.ok(error instanceof errors.DecryptionError, `${attribute}: ${error?.stack ?? 'decrypted'}`);
      assert.equal(error.code, 'E_AEAD_CONTEXT', error.message);
      assert.match(error.message, new RegExp(`^Vault\\.${attribute}: `));
      assert.deepEqual(leaked(error.message), []);
    };

    // Another item's other attribute (deterministic and randomized values).
    await freshB();
    await copy(Vault, 'b', { backup: a.ssn });
    await refused(Vault, 'b', 'backup');
    await freshB();
    await copy(Vault, 'b', { note2: a.note });
    await refused(Vault, 'b', 'note2');
    // The same item's other attribute, copied by DynamoDB itself.
    await dynamodb.send(new UpdateItemCommand({ TableName: table, Key: { id: { S: 'a' } }, UpdateExpression: 'SET #b = ssn', ExpressionAttributeNames: { '#b': 'backup' } }));
    await refused(Vault, 'a', 'backup');
    // Another table, same attribute, same key.
    await dynamodb.send(new PutItemCommand({ TableName: other, Item: { id: { S: 'a' }, ssn: a.ssn, note: a.note, views: { N: '0' } } }));
    await refused(Other, 'a', 'ssn');
    await Other.create({ id: 'c', ssn: 'c' }).save();
    await copy(Other, 'c', { note: a.note });
    await refused(Other, 'c', 'note');

    // The same attribute of another item: a randomized value is bound to its item's key...
    await freshB();
    await copy(Vault, 'b', { note: a.note });
    await refused(Vault, 'b', 'note');
    // ...a deterministic one is not (README, Security: equality conditions compare it across items).
    await freshB();
    await copy(Vault, 'b', { ssn: a.ssn });
    const moved = await Vault.get('b', { consistentRead: true });
    assert.deepEqual([moved.ssn, moved.note], [SSN, 'other note']);
  } finally {
    await Promise.all([Vault.deleteTable(), Other.deleteTable()]);
  }
});

eachBackend('randomized values are bound to number keys as DynamoDB normalizes them, through every write path', async ({ dynamodb }) => {
  const table = uniqueName('security');
  const Reading = defineModel({
    name: 'Reading',
    table,
    client: dynamodb,
    attributes: {
      site: attr.number({ hashKey: true, float: true }),
      at: attr.number({ rangeKey: true }),
      note: attr.encryptedString({ key: KEY, deterministic: false, nullable: true }),
      ssn: attr.encryptedString({ key: KEY, nullable: true }),
    },
  });
  await Reading.createTable({ wait: true });
  try {
    // site 100 is written as "100.0" (Python's float); DynamoDB Local stores "100", moto "100.0".
    await Reading.create({ site: 100, at: 1e3, note: NOTE, ssn: SSN }).save();
    await Reading.batchWrite({ put: [Reading.create({ site: 100, at: 2, note: 'batch' }), Reading.create({ site: 0.5, at: -3, note: 'batch 2' })] });
    const a = await Reading.get(100, 1000, { consistentRead: true });
    assert.deepEqual([a.note, a.ssn], [NOTE, SSN]);
    await a.update([Reading.attr.note.set('updated'), Reading.attr.ssn.set(SSN)]);
    assert.equal(a.note, 'updated', 'update() returns the new value, decrypted under the item key');
    const b = await Reading.get(100, 2, { consistentRead: true });
    const c = await Reading.get(0.5, -3, { consistentRead: true });
    assert.deepEqual([b.note, c.note], ['batch', 'batch 2']);
    await Reading.transactWrite([
      b.updateOp([Reading.attr.note.set('transact b')]),
      Reading.create({ site: 7, at: 7, note: 'transact put' }).putOp(),
      c.updateOp([Reading.attr.note.set('transact c')]),
    ]);
    const read = async (site, at) => (await Reading.get(site, at, { consistentRead: true })).note;
    assert.deepEqual(await Promise.all([read(100, 1000), read(100, 2), read(0.5, -3), read(7, 7)]), ['updated', 'transact b', 'transact c', 'transact put']);
    const all = [];
    for await (const r of Reading.scan({ consistentRead: true })) all.push(r.note);
    assert.equal(all.length, 4);

    // Copied into the same attribute of another item (same hash key, another range key): refused.
    const items = (await dynamodb.send(new ScanCommand({ TableName: table, ConsistentRead: true }))).Items;
    const from = items.find((i) => Number(i.at.N) === 1000);
    await dynamodb.send(new UpdateItemCommand({
      TableName: table, Key: { site: { N: '100' }, at: { N: '2' } },
      UpdateExpression: 'SET note = :n, ssn = :s', ExpressionAttributeValues: { ':n': from.note, ':s': from.ssn },
    }));
    const error = await Reading.get(100, 2, { consistentRead: true }).then(() => null, (e) => e);
    assert.ok(error instanceof errors.DecryptionError, error?.stack ?? 'decrypted');
    assert.equal(error.code, 'E_AEAD_CONTEXT', error.message);
    assert.match(error.message, /^Reading\.note: /);
    assert.deepEqual(leaked(error.message), []);
    // The deterministic value copied with it still reads (equality across items needs it).
    await dynamodb.send(new UpdateItemCommand({ TableName: table, Key: { site: { N: '100' }, at: { N: '2' } }, UpdateExpression: 'REMOVE note' }));
    assert.equal((await Reading.get(100, 2, { consistentRead: true })).ssn, SSN);
  } finally {
    await Reading.deleteTable();
  }
});
