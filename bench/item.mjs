// Per-item cost: encode + decode of a realistic 20-attribute item (2 compressed, 2 encrypted, a map,
// a list, a set, the rest plain) through a model's item codec, against the AWS SDK's
// marshall/unmarshall plus hand-written node:zlib / node:crypto calls doing the same compress and
// encrypt work (gzip level 9 as pynamodb_mate, AES-256-GCM with a fixed key: no key derivation, no
// envelope, no checks; that is the fair floor of "doing it yourself"). Then the model path against
// the SDK (bench/item-model.mjs): the plain item's save() and get() on a stub client, and a
// 1,000-item query page through the same SDK deserialiser, each also with the item codec's JS fast
// paths off. Interleaved rounds in one process, medians of wall time and of CPU time (steadier on a
// busy machine). Prints a table, writes bench/results/item.json.
//
//   node bench/item.mjs [--smoke]
import { createCipheriv, createDecipheriv, randomFillSync } from 'node:crypto';
import { gunzipSync, gzipSync } from 'node:zlib';
import { marshall, unmarshall } from '@aws-sdk/util-dynamodb';
import '../js/runtime/node.mjs';
import { attr } from '../js/attributes/index.mjs';
import { ItemCodec } from '../js/item/codec.mjs';
import { UtcDateTime } from '../js/item/utc-datetime.mjs';
import { setKeysNow } from '../js/model/prepare.mjs';
import { setFastPaths } from '../js/item/codec.mjs';
import { compare, FULL, machine, ratio, SMOKE, table } from './harness.mjs';
import { text } from './data.mjs';
import { isMain, writeResult } from './results.mjs';
import { modelCases } from './item-model.mjs';

const KEY = new Uint8Array(32).fill(7);

/** The model's attributes (what `defineModel` hands the item codec). */
export const attributes = {
  site: attr.string({ hashKey: true }),
  path: attr.string({ rangeKey: true }),
  title: attr.string(),
  lang: attr.string(),
  status: attr.number({ integer: true }),
  views: attr.number({ integer: true }),
  score: attr.number({ float: true }),
  live: attr.boolean(),
  etag: attr.binary(),
  crawled: attr.datetime(),
  expires: attr.ttl(),
  version: attr.version(),
  doc: attr.json(),
  tags: attr.stringSet(),
  links: attr.list({ of: attr.string() }),
  headers: attr.map({ type: attr.string(), length: attr.number({ integer: true }), server: attr.string() }),
  body: attr.compressedString(),
  meta: attr.compressedJson(),
  email: attr.encryptedString({ key: KEY }),
  profile: attr.encryptedJson({ key: KEY, deterministic: false }),
};

/** One item: a crawled page with a 1 KiB body (the codec benches' text corpus). */
export const item = {
  site: 'example.com',
  path: '/articles/2024/how-to-store-things',
  title: 'How to store things in DynamoDB, compressed and encrypted',
  lang: 'en',
  status: 200,
  views: 123456,
  score: 0.875,
  live: true,
  etag: new Uint8Array(16).fill(7),
  crawled: new UtcDateTime(1_700_000_000_123_456n),
  expires: new Date(1_800_000_000_000),
  version: 3,
  doc: { authors: ['Ann', 'Bob'], words: 1234, ratio: 0.5 },
  tags: new Set(['dynamodb', 'storage', 'howto']),
  links: ['/a', '/b', '/c', '/d', '/e'],
  headers: { type: 'text/html', length: 52344, server: 'nginx' },
  body: new TextDecoder().decode(text(1024)),
  meta: { crawler: 'v2', depth: 3, seeds: ['https://example.com/', 'https://example.org/'], robots: { index: true, follow: false } },
  email: 'ann@example.com',
  profile: { name: 'Ann', plan: 'pro', since: 2019, quota: 25.5 },
};

/** The item codec of a model with these attributes, keys set (what save() and get() use). */
export function itemCodec() {
  const codec = new ItemCodec('Page', Object.entries(attributes).map(([name, a]) => a.spec(name)), 'pages', { hashKey: 'site', rangeKey: 'path' });
  setKeysNow(codec, new Map(Object.entries(attributes)));
  return codec;
}

// ---- the hand-written equivalent: the SDK's marshall/unmarshall plus node:zlib / node:crypto ----

const utf8 = new TextEncoder();
const nonce = new Uint8Array(12);

function seal(plaintext) {
  randomFillSync(nonce);
  const c = createCipheriv('aes-256-gcm', KEY, nonce);
  return Buffer.concat([nonce, c.update(plaintext), c.final(), c.getAuthTag()]);
}

function open(stored) {
  const d = createDecipheriv('aes-256-gcm', KEY, stored.subarray(0, 12));
  d.setAuthTag(stored.subarray(stored.length - 16));
  return Buffer.concat([d.update(stored.subarray(12, stored.length - 16)), d.final()]);
}

/** What an application without this library writes: dates as pynamodb's text, the rest by hand. */
function handEncode(v) {
  return marshall({
    ...v,
    crawled: '2023-11-14T22:13:20.123456+0000',
    expires: 1_800_000_000,
    doc: JSON.stringify(v.doc),
    body: gzipSync(utf8.encode(v.body), { level: 9 }),
    meta: gzipSync(utf8.encode(JSON.stringify(v.meta)), { level: 9 }),
    email: seal(utf8.encode(v.email)),
    profile: seal(utf8.encode(JSON.stringify(v.profile))),
  });
}

function handDecode(av) {
  const v = unmarshall(av);
  return {
    ...v,
    crawled: new Date(v.crawled),
    expires: new Date(v.expires * 1000),
    doc: JSON.parse(v.doc),
    body: gunzipSync(v.body).toString(),
    meta: JSON.parse(gunzipSync(v.meta).toString()),
    email: open(v.email).toString(),
    profile: JSON.parse(open(v.profile).toString()),
  };
}

const cpuNow = () => {
  const u = process.cpuUsage();
  return u.user + u.system;
};

/**
 * CPU µs per call of each of `fns` (this process's user + system time, which other processes on a
 * busy machine disturb far less than wall time): batches interleaved in rotating order, median.
 */
function cpuTimes(fns, { rounds, calls }) {
  const per = fns.map(() => []);
  for (let r = 0; r < rounds; r++) {
    for (let k = 0; k < fns.length; k++) {
      const i = (r + k) % fns.length;
      const t0 = cpuNow();
      for (let c = 0; c < calls; c++) fns[i]();
      per[i].push((cpuNow() - t0) / calls);
    }
  }
  return per.map((xs) => xs.sort((a, b) => a - b)[Math.floor(xs.length / 2)]);
}

/**
 * Wall and CPU µs per call of each of `impls` (`{ fn, before?, after? }`, `fn` async): after a
 * warm-up, batches of `calls` interleaved in rotating order (`before`/`after` around each batch);
 * medians over `rounds`.
 */
async function timeAsync(impls, { warmupMs, rounds, calls }) {
  for (const impl of impls) {
    impl.before?.();
    for (const t0 = performance.now(); performance.now() - t0 < warmupMs;) await impl.fn();
    impl.after?.();
  }
  const per = impls.map(() => ({ wall: [], cpu: [] }));
  for (let r = 0; r < rounds; r++) {
    for (let k = 0; k < impls.length; k++) {
      const i = (r + k) % impls.length;
      impls[i].before?.();
      const [w0, c0] = [performance.now(), cpuNow()];
      for (let c = 0; c < calls; c++) await impls[i].fn();
      per[i].wall.push(((performance.now() - w0) * 1e3) / calls);
      per[i].cpu.push((cpuNow() - c0) / calls);
      impls[i].after?.();
    }
  }
  const med = (xs) => xs.sort((a, b) => a - b)[Math.floor(xs.length / 2)];
  return per.map((p) => ({ us: med(p.wall), cpuUs: med(p.cpu) }));
}

const SDK = 'the SDK (stub client; DocumentClient for the query)';
const CORE_ONLY = 'dynamodb-mate model, JS fast paths off';

/**
 * Rows of the model-path cases: `{ bench: 'item-model', case, impl, us, cpuUs, vsSdk }`, vsSdk =
 * this library's CPU time ÷ the SDK's (≤ 1: at or below the SDK).
 */
async function modelRows(smoke) {
  const { bodyBytes, cases } = await modelCases({ attributes, item, items: smoke ? 20 : 1000 });
  const rows = [];
  for (const [name, c] of Object.entries(cases)) {
    const page = name.startsWith('queryPage');
    // Ours also with the JS fast paths off: everything through the core, as before them.
    const impls = [{ fn: c.ours }, { fn: c.peer }, { fn: c.ours, before: () => setFastPaths(false), after: () => setFastPaths(true) }];
    const settings = smoke ? { warmupMs: 0, rounds: 1, calls: 1 } : { warmupMs: page ? 1000 : 300, rounds: page ? 9 : 9, calls: page ? 3 : 400 };
    const [ours, sdk, coreOnly] = await timeAsync(impls, settings);
    const row = (impl, t) => ({ bench: 'item-model', case: name, impl, us: t.us, cpuUs: t.cpuUs, vsSdk: t.cpuUs / sdk.cpuUs, ...(page ? { bodyBytes } : {}) });
    rows.push(row('dynamodb-mate model', ours), row(SDK, sdk), row(CORE_ONLY, coreOnly));
  }
  return rows;
}

/**
 * Rows `{ bench, case, impl, us, cpuUs, ratio }`: µs per call, wall (median, shared harness) and
 * CPU; ratio = hand-written ÷ ours by CPU time (>1: ours faster).
 */
export async function run({ smoke = false } = {}) {
  const codec = itemCodec();
  const stored = codec.encode(item).item;
  const handStored = handEncode(item);
  // Both sides read back what they wrote (checked once, untimed).
  const back = codec.decode(stored);
  if (back.body !== item.body || back.email !== item.email || back.profile.quota !== 25.5) throw new Error('item codec round trip differs');
  if (handDecode(handStored).body !== item.body) throw new Error('hand-written round trip differs');

  const settings = smoke ? SMOKE : FULL;
  const cases = {
    'encode + decode': [() => codec.decode(codec.encode(item).item), () => handDecode(handEncode(item))],
    encode: [() => codec.encode(item), () => handEncode(item)],
    decode: [() => codec.decode(stored), () => handDecode(handStored)],
  };
  // V8 compiles hot wasm and JS with its optimizing tiers in the background; let it finish first.
  for (const t0 = performance.now(); !smoke && performance.now() - t0 < 1500;) cases['encode + decode'].forEach((fn) => fn());
  const rows = [];
  for (const [name, [ours, hand]] of Object.entries(cases)) {
    const r = compare([{ name: 'ours', fn: ours }, { name: 'hand', fn: hand }], settings);
    const [oursCpu, handCpu] = cpuTimes([ours, hand], smoke ? { rounds: 1, calls: 1 } : { rounds: 9, calls: 500 });
    rows.push({ bench: 'item', case: name, impl: 'dynamodb-mate item codec', us: r.ours.ns / 1e3, cpuUs: oursCpu, ratio: handCpu / oursCpu });
    rows.push({ bench: 'item', case: name, impl: 'SDK marshall/unmarshall + node:zlib/node:crypto', us: r.hand.ns / 1e3, cpuUs: handCpu, ratio: 1 });
  }
  return [...rows, ...await modelRows(smoke)];
}

async function main() {
  const smoke = process.argv.includes('--smoke');
  const rows = await run({ smoke });
  console.log(`Item of 20 attributes (2 compressed: ${item.body.length} B text and a JSON, 2 encrypted, a map, a list, a set), µs per call, median`);
  const codecRows = rows.filter((r) => r.bench === 'item');
  console.log(table(['case', 'implementation', 'µs (wall)', 'µs (CPU)', 'hand-written ÷ ours (CPU)'],
    codecRows.map((r) => [r.case, r.impl, r.us.toFixed(2), r.cpuUs.toFixed(2), r.impl.startsWith('dynamodb') ? ratio(r.ratio) : ''])));
  console.log('\nThe model path against the SDK (plain item; query page of ~1 MB through the same SDK deserialiser), µs per call, median');
  console.log(table(['case', 'implementation', 'µs (wall)', 'µs (CPU)', 'ours ÷ SDK (CPU)'],
    rows.filter((r) => r.bench === 'item-model').map((r) => [r.case, r.impl, r.us.toFixed(1), r.cpuUs.toFixed(1), r.impl === SDK ? '' : ratio(r.vsSdk)])));
  if (smoke) console.log('item smoke: ok');
  writeResult('item', { smoke, machine: machine(), rows });
}

if (isMain(import.meta.url)) await main();
