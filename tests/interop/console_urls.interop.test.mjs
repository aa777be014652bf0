// Console URLs against the real pynamodb_mate 6.0.1.1 and 5.3.4.4 (tests/interop/pm_console_urls.py):
// byte-identical for plain keys, from consoleUrls.* and from models (Python's Meta.region is the JS
// client's region); for keys pynamodb_mate does not encode, its URL names another key and ours the
// right one. No server: nothing is sent.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { test } from 'node:test';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { attr, consoleUrls, defineModel } from '../../js/node.mjs';

const root = new URL('../../', import.meta.url).pathname;
const REGIONS = ['us-east-1', 'eu-west-1', 'cn-north-1', 'us-gov-west-1'];
const TABLES = ['users', 'My_Table.v2-x', 'a'.repeat(255)];
const PLAIN_KEYS = ['alice', 'u-1_a.b~', '2024-01-02T03', '0', 'X'.repeat(1024)];
// Key attributes of the model cases: [type, value] as the Python script takes them.
const MODEL_KEYS = [
  [['S', 'alice'], null],
  [['S', 'site.example'], ['S', 'page_1~']],
  [['S', 'chess'], ['N', 42]],
  [['N', -7], ['N', 1.5]],
  [['N', 12345678901234567], ['N', 1e20]],
  [['N', 0.001], ['N', 0]],
];
// 5.x serializes binary keys to base64 (this library's text); 6.x to Python's bytes repr `b'...'`.
const BINARY_KEYS = [[['B', 'YWJj'], ['S', 'x']], [['S', 'x'], ['B', 'AAECAwQF']]];

const ATTR = { S: attr.string, N: attr.number, B: attr.binary };
const VALUE = { S: (v) => v, N: (v) => v, B: (v) => new Uint8Array(Buffer.from(v, 'base64')) };

const client = (region) => new DynamoDBClient({ region, endpoint: 'http://127.0.0.1:9', credentials: { accessKeyId: 'x', secretAccessKey: 'x' } });

/** [overview, items, item detail] from a model like the Python script's. */
async function modelUrls(region, table, [hashType, hash], range) {
  const attributes = { h: ATTR[hashType]({ hashKey: true }) };
  const values = { h: VALUE[hashType](hash) };
  if (range) {
    attributes.r = ATTR[range[0]]({ rangeKey: true });
    values.r = VALUE[range[0]](range[1]);
  }
  const Thing = defineModel({ table, client: client(region), attributes });
  await Thing.prepare();
  return [Thing.tableOverviewConsoleUrl(), Thing.tableItemsConsoleUrl(), Thing.create(values).itemDetailConsoleUrl()];
}

/** The key parameters of an item URL as a browser reads them. */
function keyParams(url) {
  const hash = new URL(url).hash;
  const params = new URLSearchParams(hash.slice(hash.indexOf('?') + 1));
  return { pk: params.get('pk'), sk: params.get('sk') };
}

for (const version of ['6.0.1.1', '5.3.4.4']) {
  const python = (cases) => {
    try {
      const out = execFileSync(`${root}.venv-pm${version[0]}/bin/python`, [`${root}tests/interop/pm_console_urls.py`, JSON.stringify(cases)], { encoding: 'utf8' });
      return JSON.parse(out);
    } catch (error) {
      return assert.fail(`pm_console_urls.py (pynamodb_mate ${version}) failed:\n${error.stdout}${error.stderr}`);
    }
  };

  test(`pynamodb_mate ${version}: the same console URLs for plain keys, byte for byte`, async () => {
    const cases = [];
    const ours = [];
    for (const region of REGIONS) {
      for (const table of TABLES) {
        cases.push(['overview', region, table], ['items', region, table]);
        ours.push(consoleUrls.tableOverview(region, table), consoleUrls.tableItems(region, table));
        for (const key of PLAIN_KEYS) {
          cases.push(['detail', region, table, key, null], ['detail', region, table, 'h', key], ['detail', region, table, key, key]);
          ours.push(
            consoleUrls.itemDetail(region, table, key),
            consoleUrls.itemDetail(region, table, 'h', key),
            consoleUrls.itemDetail(region, table, key, key),
          );
        }
      }
    }
    const modelKeys = version.startsWith('5.') ? [...MODEL_KEYS, ...BINARY_KEYS] : MODEL_KEYS;
    for (const [i, [hash, range]] of modelKeys.entries()) {
      const [region, table] = [REGIONS[i % REGIONS.length], TABLES[i % TABLES.length]];
      cases.push(['model', region, table, hash, range]);
      ours.push(await modelUrls(region, table, hash, range));
    }
    const theirs = python(cases);
    assert.equal(theirs.length, ours.length);
    for (const [i, expected] of theirs.entries()) assert.deepEqual(ours[i], expected, JSON.stringify(cases[i]));
  });

  test(`pynamodb_mate ${version}: where its URL names another key, ours names the right one`, () => {
    const keys = ['a&sk=b', 'tom & jerry', '1+1', '50%25'];
    const theirs = python(keys.map((k) => ['detail', 'us-east-1', 'users', k, k]));
    for (const [i, key] of keys.entries()) {
      assert.notDeepEqual(keyParams(theirs[i]), { pk: key, sk: key }, key);
      assert.deepEqual(keyParams(consoleUrls.itemDetail('us-east-1', 'users', key, key)), { pk: key, sk: key }, key);
    }
  });

  test(`pynamodb_mate ${version}: a number key with an exponent (1e+21) keeps its '+' here`, async () => {
    const [[, , theirs]] = python([['model', 'us-east-1', 'users', ['S', 'chess'], ['N', 1e21]]]);
    const [, , ours] = await modelUrls('us-east-1', 'users', ['S', 'chess'], ['N', 1e21]);
    assert.deepEqual(keyParams(theirs), { pk: 'chess', sk: '1e 21' });
    assert.deepEqual(keyParams(ours), { pk: 'chess', sk: '1e+21' });
    assert.equal(ours, theirs.replace('sk=1e+21', 'sk=1e%2B21'));
  });
}
