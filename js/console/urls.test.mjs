// Console URLs: pynamodb_mate's exact URL for plain keys (compared with the real library in
// tests/interop/console_urls.interop.test.mjs), and for any other key a URL that the URL parser
// leaves as is and whose parameters decode back to the same table and key values, whether read
// with URLSearchParams or with decodeURIComponent. Models take the region from their client.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { attr, consoleUrls, defineModel, errors } from '../node.mjs';
import { expectError } from '../testing/expect-error.mjs';

const HOME = 'https://eu-west-1.console.aws.amazon.com/dynamodbv2/home?region=eu-west-1';
const REF = 'ref=%23item-explorer%3Ftable%3Dusers&route=ROUTE_ITEM_EXPLORER';

/** The route and parameters of a console URL, decoded both ways (they must agree). */
function parse(url) {
  const u = new URL(url);
  assert.equal(u.href, url, 'the URL parser would change the URL');
  const q = u.hash.indexOf('?');
  const query = u.hash.slice(q + 1);
  const params = Object.fromEntries(query.split('&').map((p) => {
    const i = p.indexOf('=');
    return i < 0 ? [p, ''] : [p.slice(0, i), decodeURIComponent(p.slice(i + 1))];
  }));
  assert.deepEqual(Object.fromEntries(new URLSearchParams(query)), params);
  return { host: u.host, path: u.pathname, region: u.searchParams.get('region'), route: u.hash.slice(1, q), params };
}

const KEYS = [
  'a b', ' both ends ', 'a&b=c', '&pk=x', '#frag', 'a/b/../c', '100%', '50%25', '%zz', '1+1', 'a+b c',
  '?x=y', "quote'\"()!*", 'back\\slash', 'tab\tnew\nline\r', '\u0000nul', 'é', 'naïve café', '日本語キー', 'Ωmega',
  '😀', '👍🏽 family 👨‍👩‍👧', '\u{10ffff}', 'sk', 'ref=%23item-explorer', '', 'x'.repeat(2048),
];

test('table URLs are pynamodb_mate\'s', () => {
  assert.equal(consoleUrls.tableOverview('eu-west-1', 'users'), `${HOME}#table?initialTagKey=&name=users&tab=overview`);
  assert.equal(consoleUrls.tableItems('eu-west-1', 'users'), `${HOME}#item-explorer?initialTagKey=&maximize=true&table=users`);
  assert.deepEqual(parse(consoleUrls.tableItems('us-gov-west-1', 'My_Table.v2-x')), {
    host: 'us-gov-west-1.console.aws.amazon.com',
    path: '/dynamodbv2/home',
    region: 'us-gov-west-1',
    route: 'item-explorer',
    params: { initialTagKey: '', maximize: 'true', table: 'My_Table.v2-x' },
  });
});

test('plain keys are inserted as pynamodb_mate inserts them; no range key gives the bare token sk', () => {
  assert.equal(consoleUrls.itemDetail('eu-west-1', 'users', 'alice'), `${HOME}#edit-item?table=users&itemMode=2&pk=alice&sk&${REF}`);
  assert.equal(consoleUrls.itemDetail('eu-west-1', 'users', 'u-1_a.b~', '2024'), `${HOME}#edit-item?table=users&itemMode=2&pk=u-1_a.b~&sk=2024&${REF}`);
});

test('every other key value parses back to itself, as hash and as range key', () => {
  for (const key of KEYS) {
    for (const [hash, range] of [[key, undefined], ['h', key], [key, key]]) {
      const url = consoleUrls.itemDetail('ap-southeast-2', 'my.table_1', hash, range);
      const { host, region, route, params } = parse(url);
      assert.deepEqual([host, region, route], ['ap-southeast-2.console.aws.amazon.com', 'ap-southeast-2', 'edit-item']);
      assert.deepEqual(params, {
        table: 'my.table_1', itemMode: '2', pk: hash, sk: range ?? '', ref: '#item-explorer?table=my.table_1', route: 'ROUTE_ITEM_EXPLORER',
      }, JSON.stringify(key));
      // Only the unreserved characters and percent escapes: safe in Markdown links, logs and shells.
      assert.match(url.split('#')[1], /^[A-Za-z0-9\-._~%&=?]+$/);
    }
  }
});

test('number, bigint and binary keys: their decimal text and standard base64', () => {
  const sk = (value) => parse(consoleUrls.itemDetail('us-east-1', 'nums', 1, value)).params.sk;
  assert.deepEqual([0, -0, 42, -1.5, 0.1, 1e21, 5e-324, 2n ** 70n].map(sk),
    ['0', '0', '42', '-1.5', '0.1', '1e+21', '5e-324', '1180591620717411303424']);
  assert.equal(parse(consoleUrls.itemDetail('us-east-1', 'nums', 7)).params.pk, '7');
  const bytes = new Uint8Array([0xfb, 0xff, 0xbf, 0, 1]);
  const url = consoleUrls.itemDetail('us-east-1', 'bins', bytes, new Uint8Array());
  assert.match(url, /&pk=%2B%2F%2B%2FAAE%3D&sk=&/); // "+/+/AAE=": '+' and '/' encoded
  assert.deepEqual(parse(url).params.pk, Buffer.from(bytes).toString('base64'));
});

test('a region or table that would change the URL, and wrong argument types, are typed errors', () => {
  for (const region of ['', 'US-EAST-1', 'evil.example/x', 'us east 1', 'us-east-1.', 'us--east-1', 'a'.repeat(64)]) {
    expectError(() => consoleUrls.tableOverview(region, 'users'), { code: 'E_ARGUMENT', type: errors.ArgumentError });
  }
  for (const table of ['ab', 'a b', 'users#x', 'tâble', 'x'.repeat(256)]) {
    expectError(() => consoleUrls.itemDetail('us-east-1', table, 'k'), { code: 'E_ARGUMENT', type: errors.ArgumentError });
  }
  expectError(() => consoleUrls.tableItems(undefined, 'users'), { code: 'E_INPUT_TYPE', type: errors.ArgumentError });
  expectError(() => consoleUrls.tableItems('us-east-1', null), { code: 'E_INPUT_TYPE', type: errors.ArgumentError });
  for (const key of [undefined, null, NaN, Infinity, true, {}, ['a'], new Uint16Array(2)]) {
    expectError(() => consoleUrls.itemDetail('us-east-1', 'users', key), { code: 'E_INPUT_TYPE', type: errors.ArgumentError });
  }
  expectError(() => consoleUrls.itemDetail('us-east-1', 'users', 'h', NaN), { code: 'E_INPUT_TYPE', type: errors.ArgumentError });
  // A lone surrogate would cross into wasm as U+FFFD: a URL to another item.
  const e = expectError(() => consoleUrls.itemDetail('us-east-1', 'users', 'h', 'secret\ud800'), { code: 'E_UTF8', type: errors.EncodingError, secrets: ['secret'] });
  assert.match(e.message, /rangeValue/);
});

const CREDENTIALS = { accessKeyId: 'x', secretAccessKey: 'x' };
const client = (region) => new DynamoDBClient({ region, endpoint: 'http://127.0.0.1:9', credentials: CREDENTIALS, maxAttempts: 1 });

test('model URLs: the client\'s region once resolved (await Model.prepare()), or { region }', async () => {
  const User = defineModel({ table: 'users', client: client('eu-west-1'), attributes: { id: attr.string({ hashKey: true }) } });
  // The SDK's region is an async provider: nothing is known in the same tick as defineModel.
  const early = expectError(() => User.tableItemsConsoleUrl(), { code: 'E_ARGUMENT', type: errors.ArgumentError });
  assert.match(early.message, /users: .*await Model\.prepare\(\).*\{ region \}/);
  assert.equal(User.tableOverviewConsoleUrl({ region: 'us-west-2' }), consoleUrls.tableOverview('us-west-2', 'users'));
  await User.prepare();
  assert.equal(User.tableOverviewConsoleUrl(), consoleUrls.tableOverview('eu-west-1', 'users'));
  assert.equal(User.tableItemsConsoleUrl(), consoleUrls.tableItems('eu-west-1', 'users'));
  const u = User.create({ id: 'ann & bob/😀' });
  assert.equal(u.itemDetailConsoleUrl(), consoleUrls.itemDetail('eu-west-1', 'users', 'ann & bob/😀'));
  assert.equal(parse(u.itemDetailConsoleUrl({ region: 'cn-north-1' })).params.pk, 'ann & bob/😀');
  expectError(() => User.tableItemsConsoleUrl({ region: 5 }), { code: 'E_INPUT_TYPE', type: errors.ArgumentError });
  expectError(() => User.tableItemsConsoleUrl('eu-west-1'), { code: 'E_INPUT_TYPE', type: errors.ArgumentError });
  expectError(() => new User({}).itemDetailConsoleUrl(), { code: 'E_ITEM_REQUIRED', type: errors.ItemError });
});

test('model URLs: a client without a region needs { region }', async () => {
  const noRegion = async () => { throw new Error('Region is missing'); };
  for (const c of [{ send: async () => ({}) }, client(noRegion)]) {
    const Thing = defineModel({ table: 'things', client: c, attributes: { id: attr.string({ hashKey: true }) } });
    await Thing.prepare();
    const e = expectError(() => Thing.tableOverviewConsoleUrl(), { code: 'E_ARGUMENT', type: errors.ArgumentError });
    assert.match(e.message, /things: .*client has no region; or pass \{ region \}/);
    assert.equal(Thing.tableOverviewConsoleUrl({ region: 'us-east-1' }), consoleUrls.tableOverview('us-east-1', 'things'));
  }
});

test('an item URL holds the key values as stored: attrName, number text, binary as base64, datetime', async () => {
  const Event = defineModel({
    table: 'events',
    client: client('us-east-1'),
    attributes: {
      source: attr.binary({ hashKey: true, attrName: 'src' }),
      at: attr.datetime({ rangeKey: true }),
      n: attr.number({ nullable: true }),
    },
  });
  const Score = defineModel({
    table: 'scores',
    client: client('us-east-1'),
    attributes: { game: attr.string({ hashKey: true }), points: attr.number({ rangeKey: true }) },
  });
  await Promise.all([Event.prepare(), Score.prepare()]);
  const e = Event.create({ source: new Uint8Array([0xfb, 0xef, 0xbe]), at: new Date(Date.UTC(2024, 0, 2, 3, 4, 5, 678)) });
  const stored = e.toJSON();
  assert.deepEqual(parse(e.itemDetailConsoleUrl()).params, {
    table: 'events', itemMode: '2', pk: stored.src.B, sk: stored.at.S, ref: '#item-explorer?table=events', route: 'ROUTE_ITEM_EXPLORER',
  });
  assert.equal(stored.src.B, '++++');
  assert.equal(stored.at.S, '2024-01-02T03:04:05.678000+0000');
  for (const points of [1, -2.5, 1e21, 12345678901234567890n]) {
    const s = Score.create({ game: 'chess', points });
    assert.equal(parse(s.itemDetailConsoleUrl()).params.sk, s.toJSON().points.N);
  }
});
