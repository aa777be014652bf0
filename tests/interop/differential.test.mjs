// The differential test: a seeded sequence of generated operations (tests/interop/differential/
// generate.mjs: saves, updates with every action, deletes, conditions with every function, stale
// instances and addVersionCondition false, transactions, batches, queries and scans of the table and
// its index) run through pynamodb 6.1 (tests/interop/differential.py, one process) and through this
// library, each on a twin table in DynamoDB Local. After every operation: the same outcome (ok,
// condition failed, validation error), the same items read, and both tables hold the same items
// raw (DynamoDB JSON; set elements in any order, as DynamoDB sets have none).
//
//   node --test tests/interop/differential.test.mjs                              # 150 operations, a new seed
//   DIFF_SEED=1234 DIFF_OPS=5000 node --test tests/interop/differential.test.mjs  # by hand: longer, or a replay
import assert from 'node:assert/strict';
import { randomInt } from 'node:crypto';
import { test } from 'node:test';
import { ScanCommand } from '@aws-sdk/client-dynamodb';
import { backends, uniqueName } from '../support/endpoints.mjs';
import { generator } from './differential/generate.mjs';
import { defineDoc, jsSide } from './differential/js-side.mjs';
import { pythonSide } from './differential/python-side.mjs';

const SEED = process.env.DIFF_SEED === undefined ? randomInt(2 ** 31) : Number(process.env.DIFF_SEED);
const OPS = Number(process.env.DIFF_OPS ?? 150);

/** DynamoDB JSON with binary as base64 and set elements sorted: what both sides must agree on. */
function normal(v) {
  if (v instanceof Uint8Array) return Buffer.from(v).toString('base64');
  if (Array.isArray(v)) return v.map(normal);
  if (v === null || typeof v !== 'object') return v;
  return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, ['SS', 'NS', 'BS'].includes(k) ? normal(x).sort() : normal(x)]));
}

const keyOf = (item) => `${item.pk.S}/${item.sk.N.padStart(4, '0')}`;
const byKey = (items) => [...items].sort((a, b) => keyOf(a).localeCompare(keyOf(b)));

async function stored(dynamodb, table) {
  const items = [];
  let ExclusiveStartKey;
  do {
    const out = await dynamodb.send(new ScanCommand({ TableName: table, ConsistentRead: true, ExclusiveStartKey }));
    items.push(...out.Items);
    ExclusiveStartKey = out.LastEvaluatedKey;
  } while (ExclusiveStartKey);
  return normal(byKey(items));
}

/** Items read, in the order the read promises (a scan or an index query: none, so by key). */
function read(op, answer) {
  const items = normal(answer.items ?? []);
  return op.kind === 'scan' || op.index ? byKey(items) : items;
}

test(`pynamodb 6.1 and dynamodb-mate agree on ${OPS} generated operations, seed ${SEED} [dynamodb-local]`, { timeout: 60_000 + OPS * 500 }, async (t) => {
  const { dynamodb } = backends().find((b) => b.name === 'dynamodb-local');
  const py = pythonSide();
  const pyTable = uniqueName('diff-py');
  const Doc = defineDoc(uniqueName('diff-js'), dynamodb);
  try {
    assert.deepEqual(await py.ask({ cmd: 'init', table: pyTable }), { outcome: 'ok' });
    await Doc.createTable({ wait: true });
    const js = jsSide(Doc);
    const nextOp = generator(SEED);
    const outcomes = {};
    for (let i = 1; i <= OPS; i++) {
      const op = nextOp();
      const p = await py.ask({ cmd: 'op', op });
      const j = await js(op);
      const where = `seed ${SEED}, operation ${i}: ${JSON.stringify(op)}\npynamodb: ${JSON.stringify(p)}\ndynamodb-mate: ${JSON.stringify(j)}\n`
        + `replay: DIFF_SEED=${SEED} DIFF_OPS=${i} node --test tests/interop/differential.test.mjs`;
      assert.ok(p.outcome !== 'error' && j.outcome !== 'error', `unexpected error, ${where}`);
      assert.equal(j.outcome, p.outcome, `outcomes differ, ${where}`);
      assert.deepEqual(read(op, j), read(op, p), `items read differ, ${where}`);
      assert.deepEqual(await stored(dynamodb, Doc.tableName), await stored(dynamodb, pyTable), `stored items differ, ${where}`);
      outcomes[`${op.kind} ${p.outcome}`] = (outcomes[`${op.kind} ${p.outcome}`] ?? 0) + 1;
    }
    t.diagnostic(`outcomes: ${JSON.stringify(outcomes)}`);
  } finally {
    try {
      await py.ask({ cmd: 'drop' });
    } finally {
      await py.close();
      await Doc.deleteTable();
    }
  }
});
