// Plain pynamodb 6.1 items (what pynamodb_mate 6.0.1.1 builds on) and this model layer read each
// other's items on one table, every plain attribute type, values equal on both sides. Python runs
// tests/interop/pynamodb_items.py in .venv-pm6 against moto.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { test } from 'node:test';
import { backends, uniqueName } from '../support/endpoints.mjs';
import { attr, defineModel, UtcDateTime } from '../../js/node.mjs';

const root = new URL('../../', import.meta.url).pathname;
const python = (...args) => execFileSync(`${root}.venv-pm6/bin/python`, [`${root}tests/interop/pynamodb_items.py`, ...args], { encoding: 'utf8' });

const EXPECTED = {
  s: 'héllo 😀',
  n_int: 42,
  n_big: 12345678901234567890123n,
  n_float: 1.5,
  b: new Uint8Array([0, 1, 2, 255]),
  flag: true,
  ss: new Set(['a', 'b']),
  ns: new Set([1, 2.5]),
  bs: new Set([new Uint8Array([0]), new Uint8Array([255])]),
  lst: [1, 'two', null, true, { k: [1.5] }],
  strs: ['x', 'y'],
  meta: { author: 'Ann', seen: new UtcDateTime(1_700_000_000_123_456n) },
  raw: { k: 'v', n: 1 },
  doc: { é: [1, 2.5, null] },
  when: new UtcDateTime(1_709_210_096_123_456n),
  expires: new UtcDateTime(new Date('2030-01-01T00:00:00Z')),
};

test('pynamodb 6.1 and dynamodb-mate read each other\'s items [moto]', async () => {
  const moto = backends().find((b) => b.name === 'moto');
  const table = uniqueName('interop-models');
  python('create', table);
  const Doc = defineModel({
    table,
    client: moto.dynamodb,
    attributes: {
      pk: attr.string({ hashKey: true }),
      s: attr.string(),
      n_int: attr.number({ integer: true }),
      n_big: attr.number({ integer: true }),
      n_float: attr.number({ float: true }),
      b: attr.binary(),
      flag: attr.boolean(),
      ss: attr.stringSet(),
      ns: attr.numberSet(),
      bs: attr.binarySet(),
      lst: attr.list(),
      strs: attr.list({ of: attr.string() }),
      meta: attr.map({ author: attr.string(), seen: attr.datetime() }),
      raw: attr.dynamic(),
      doc: attr.json(),
      when: attr.datetime(),
      expires: attr.ttl(),
      version: attr.version(),
    },
  });
  try {
    python('write', table, 'py-1');
    const fromPython = await Doc.get('py-1', { consistentRead: true });
    for (const [name, want] of Object.entries(EXPECTED)) {
      assert.deepEqual(fromPython[name], want, name);
    }
    assert.equal(fromPython.meta.seen.epochMicros, EXPECTED.meta.seen.epochMicros, 'microseconds');
    assert.equal(fromPython.when.epochMicros, EXPECTED.when.epochMicros, 'microseconds');
    assert.equal(fromPython.version, 1);

    await Doc.create({ pk: 'js-1', ...EXPECTED }).save();
    let out;
    try {
      out = python('check', table, 'js-1');
    } catch (error) {
      assert.fail(`pynamodb could not read what dynamodb-mate wrote:\n${error.stdout}${error.stderr}`);
    }
    assert.match(out, /^pynamodb-readable: 17 passed, 0 failed$/m);
  } finally {
    await Doc.deleteTable();
  }
});
