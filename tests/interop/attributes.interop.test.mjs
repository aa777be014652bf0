// The real pynamodb_mate 6.0.1.1 and 5.3.4.4 attributes (Compressed*, Encrypted*, deterministic and
// not) and this library's format 'pynamodb_mate' share one table on moto: each side reads the
// other's item equal, deterministic values are byte-identical, and equality scans and conditions
// from either side find the other side's item. Python runs tests/interop/pm_attributes.py.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { test } from 'node:test';
import { GetItemCommand } from '@aws-sdk/client-dynamodb';
import { backends, uniqueName } from '../support/endpoints.mjs';
import { attr, codec, defineModel } from '../../js/node.mjs';

const root = new URL('../../', import.meta.url).pathname;
const PASSWORD = 'interop-password é';

const pm = (key, deterministic = true) => ({ key: PASSWORD, format: 'pynamodb_mate', deterministic, nullable: true });
const ATTRIBUTES = {
  pk: attr.string({ hashKey: true }),
  touched: attr.string({ nullable: true }),
  cu: attr.compressedString({ nullable: true }),
  cu_empty: attr.compressedString({ nullable: true }),
  cb: attr.compressedBinary({ nullable: true }),
  cj: attr.compressedJson({ nullable: true }),
  eu: attr.encryptedString(pm()),
  eu_empty: attr.encryptedString(pm()),
  eur: attr.encryptedString(pm(PASSWORD, false)),
  eb: attr.encryptedBinary(pm()),
  ebr: attr.encryptedBinary(pm(PASSWORD, false)),
  en_int: attr.encryptedNumber({ ...pm(), integer: true }),
  en_big: attr.encryptedNumber({ ...pm(), integer: true }),
  en_float: attr.encryptedNumber({ ...pm(), float: true }),
  en_tenth: attr.encryptedNumber({ ...pm(), float: true }),
  enr: attr.encryptedNumber(pm(PASSWORD, false)),
  ej: attr.encryptedJson(pm()),
  ejr: attr.encryptedJson(pm(PASSWORD, false)),
};
const DETERMINISTIC = ['eu', 'eu_empty', 'eb', 'en_int', 'en_big', 'en_float', 'en_tenth', 'ej'];

const bytes = (list, times = 1) => new Uint8Array(Array(times).fill(list).flat());
// What JS reads from Python's item and writes: Python's whole floats read as PythonFloat.
const EXPECTED = {
  cu: 'héllo 😀 '.repeat(200),
  cu_empty: '',
  cb: bytes([0, 1, 0, 255], 50),
  cj: { é: [1, 2.5, null, true], emoji: '😀', big: 12345678901234567890n, f: new codec.PythonFloat(1e16) },
  eu: 'alice@example.com é😀',
  eu_empty: '',
  eur: 'random é😀',
  eb: bytes([0, 1, 0, 255]),
  ebr: bytes([0, 0, 0, 0, 0]),
  en_int: 42,
  en_big: -123456789012345678901234567890n,
  en_float: 1e16,
  en_tenth: 0.1,
  enr: 3.5,
  ej: { a: [1, new codec.PythonFloat(1), 'é😀', null], n: -5 },
  ejr: { k: 'v' },
};

for (const version of ['6.0.1.1', '5.3.4.4']) {
  const venv = `${root}.venv-pm${version[0]}`;
  const python = (...args) => {
    try {
      return execFileSync(`${venv}/bin/python`, [`${root}tests/interop/pm_attributes.py`, ...args], { encoding: 'utf8' });
    } catch (error) {
      assert.fail(`pm_attributes.py ${args[0]} (pynamodb_mate ${version}) failed:\n${error.stdout}${error.stderr}`);
    }
  };

  test(`pynamodb_mate ${version} and dynamodb-mate share compressed and encrypted attributes [moto]`, { timeout: 60_000 }, async () => {
    const moto = backends().find((b) => b.name === 'moto');
    const table = uniqueName(`interop-sealed-${version[0]}`);
    python('create', table);
    const Secrets = defineModel({ table, client: moto.dynamodb, attributes: ATTRIBUTES });
    try {
      python('write', table, 'py-1');
      const fromPython = await Secrets.get('py-1', { consistentRead: true });
      for (const [name, want] of Object.entries(EXPECTED)) assert.deepEqual(fromPython[name], want, name);

      await Secrets.create({ pk: 'js-1', ...EXPECTED }).save();
      assert.match(python('check', table, 'js-1'), /^pm-attributes-readable: 16 passed, 0 failed$/m);

      // Deterministic values: the bytes JS writes are the bytes Python writes.
      const raw = async (pk) => (await moto.dynamodb.send(new GetItemCommand({ TableName: table, Key: { pk: { S: pk } }, ConsistentRead: true }))).Item;
      const [py, js] = [await raw('py-1'), await raw('js-1')];
      for (const name of DETERMINISTIC) assert.deepEqual(js[name].B, py[name].B, `${name}: byte-identical`);
      for (const name of ['eur', 'ebr', 'enr', 'ejr']) assert.notDeepEqual(js[name].B, py[name].B, `${name}: randomized`);

      // Python's equality scans find both items, and its condition on every value holds for ours.
      const found = JSON.parse(python('find', table, 'js-1'));
      assert.deepEqual(found, Object.fromEntries(DETERMINISTIC.map((n) => [n, ['js-1', 'py-1']])));
      assert.equal((await Secrets.get('js-1', { consistentRead: true })).touched, 'python');
      // And ours find Python's item.
      for (const name of DETERMINISTIC) {
        const ids = [];
        for await (const s of Secrets.scan({ filter: Secrets.attr[name].eq(EXPECTED[name]), consistentRead: true })) ids.push(s.pk);
        assert.deepEqual(ids.sort(), ['js-1', 'py-1'], name);
      }
      await (await Secrets.get('py-1')).update([Secrets.attr.touched.set('js')], { condition: Secrets.attr.eu.eq(EXPECTED.eu) });
    } finally {
      await Secrets.deleteTable();
    }
  });
}
