// pynamodb 6.1 (.venv-pm6, tests/interop/pynamodb_parity.py) and this library on DynamoDB Local:
// `legacy_encoding=True` binaries and `{ legacyEncoding: true }` read each other's items and store
// the same bytes; saving with empty sets and `set(set())` updates leave the same stored items.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { test } from 'node:test';
import { GetItemCommand } from '@aws-sdk/client-dynamodb';
import { backends, uniqueName } from '../support/endpoints.mjs';
import { attr, defineModel } from '../../js/node.mjs';

const root = new URL('../../', import.meta.url).pathname;
const python = (...args) => {
  try {
    return execFileSync(`${root}.venv-pm6/bin/python`, [`${root}tests/interop/pynamodb_parity.py`, ...args], { encoding: 'utf8' });
  } catch (error) {
    assert.fail(`pynamodb_parity.py ${args[0]} failed:\n${error.stdout}${error.stderr}`);
  }
};
const local = () => backends().find((b) => b.name === 'dynamodb-local');
const rawItem = async (client, TableName, Key) => (await client.send(new GetItemCommand({ TableName, Key, ConsistentRead: true }))).Item;
const bytes = (...b) => new Uint8Array(b);

test('legacy binary encoding: pynamodb and dynamodb-mate read each other\'s items, stored bytes equal [dynamodb-local]', async () => {
  const { dynamodb } = local();
  const table = uniqueName('interop-legacy-binary');
  python('legacy-create', table);
  const Old = defineModel({
    table,
    client: dynamodb,
    attributes: {
      id: attr.binary({ hashKey: true, legacyEncoding: true }),
      b: attr.binary({ legacyEncoding: true, nullable: true }),
      bs: attr.binarySet({ legacyEncoding: true }),
    },
  });
  try {
    // pynamodb writes (the same values as LEGACY there); this library reads the bytes back.
    python('legacy-write', table);
    const cafe = bytes(0xca, 0xfe, 0xf0, 0x0d);
    const fromPython = await Old.get(cafe, { consistentRead: true });
    assert.deepEqual({ ...fromPython }, { id: cafe, b: bytes(0, 1, 255), bs: new Set([bytes(0), bytes(0xff, 0xfe)]) });
    // Writing the same values here stores the same item, byte for byte.
    const Key = { id: { B: new TextEncoder().encode('yv7wDQ==') } }; // the key's base64 text
    const pythonRaw = await rawItem(dynamodb, table, Key);
    assert.deepEqual(pythonRaw.b, { B: new TextEncoder().encode('AAH/') });
    await Old.create({ ...fromPython }).save();
    assert.deepEqual(await rawItem(dynamodb, table, Key), pythonRaw);
    // This library writes (JS_LEGACY there); pynamodb reads the bytes back.
    await Old.create({ id: bytes(1, 2, 3), b: bytes(9, 8, 7, 6), bs: new Set([bytes(1), bytes(2, 3)]) }).save();
    assert.match(python('legacy-check', table), /^pynamodb-readable: 3 passed, 0 failed$/m);
  } finally {
    await Old.deleteTable();
  }
});

test('empty sets: save() and set(new Set()) updates store what pynamodb\'s save() and set(set()) store [dynamodb-local]', async () => {
  const { dynamodb } = local();
  const table = uniqueName('interop-empty-sets');
  python('sets-create', table);
  const Rec = defineModel({
    table,
    client: dynamodb,
    attributes: {
      id: attr.string({ hashKey: true }),
      ss: attr.stringSet(),
      ns: attr.numberSet({ attrName: 'numbers' }),
      bs: attr.binarySet(),
      info: attr.map({ note: attr.string(), tags: attr.stringSet() }),
      sets: attr.list({ of: attr.numberSet() }),
      version: attr.version(),
    },
  });
  const stored = async (id) => {
    const { id: key, ...rest } = await rawItem(dynamodb, table, { id: { S: id } });
    assert.deepEqual(key, { S: id });
    return rest;
  };
  try {
    python('sets-save', table, 'py-save');
    await Rec.create({ id: 'js-save', ss: new Set(), ns: new Set(), bs: new Set(), info: { note: 'n', tags: new Set() }, sets: [new Set([1]), new Set()] }).save();
    const saved = await stored('py-save');
    assert.deepEqual(saved, { info: { M: { note: { S: 'n' } } }, sets: { L: [{ NS: ['1'] }, { NULL: true }] }, version: { N: '1' } });
    assert.deepEqual(await stored('js-save'), saved);
    // The NULL element pynamodb stored reads as an empty Set here; pynamodb reads ours as it reads its own.
    assert.deepEqual((await Rec.get('py-save', { consistentRead: true })).sets, [new Set([1]), new Set()]);
    assert.match(python('sets-check', table, 'js-save'), /^pynamodb-readable: sets \[\{1\}, None\]$/m);

    python('sets-update', table, 'py-update');
    const rec = Rec.create({ id: 'js-update', ss: new Set(['a']), ns: new Set([1]), bs: new Set([bytes(1)]), info: { note: 'n', tags: new Set(['t']) }, sets: [new Set([1]), new Set([2])] });
    await rec.save();
    const { ss, ns, bs, info, sets } = Rec.attr;
    await rec.update([ss.set(new Set()), ns.set(new Set()), bs.set(new Set()), info.tags.set(new Set()), sets.at(0).set(new Set())]);
    const updated = await stored('py-update');
    assert.deepEqual(updated, { info: { M: { note: { S: 'n' } } }, sets: { L: [{ NS: ['2'] }] }, version: { N: '2' } });
    assert.deepEqual(await stored('js-update'), updated);
  } finally {
    await Rec.deleteTable();
  }
});
