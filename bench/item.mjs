// Per-item encode + decode cost: the model's item codec (one wasm call each way, pynamodb
// semantics) vs the AWS SDK's marshall/unmarshall on the same 20-attribute item. Prints a table and
// writes bench/results/item.json.   node bench/item.mjs [--quick]
import { mkdirSync, writeFileSync } from 'node:fs';
import { marshall, unmarshall } from '@aws-sdk/util-dynamodb';
import { attr, UtcDateTime } from '../js/node.mjs';
import { ItemCodec } from '../js/item/codec.mjs';

const quick = process.argv.includes('--quick');

// The codec a model of these attributes uses (what save() and get() call once per item).
const attributes = {
    site: attr.string({ hashKey: true }),
    path: attr.string({ rangeKey: true }),
    title: attr.string(),
    lang: attr.string(),
    status: attr.number({ integer: true }),
    views: attr.number({ integer: true }),
    score: attr.number({ float: true }),
    rank: attr.number(),
    live: attr.boolean(),
    etag: attr.binary(),
    tags: attr.stringSet(),
    sizes: attr.numberSet(),
    links: attr.list({ of: attr.string() }),
    headers: attr.map({ type: attr.string(), length: attr.number({ integer: true }), server: attr.string() }),
    extra: attr.dynamic(),
    doc: attr.json(),
    crawled: attr.datetime(),
    modified: attr.datetime(),
    expires: attr.ttl(),
    version: attr.version(),
};
const codec = new ItemCodec('Page', Object.entries(attributes).map(([name, a]) => a.spec(name)));

const item = {
  site: 'example.com',
  path: '/articles/2024/how-to-store-things',
  title: 'How to store things in DynamoDB, compressed and encrypted',
  lang: 'en',
  status: 200,
  views: 123456,
  score: 0.875,
  rank: 42,
  live: true,
  etag: new Uint8Array(16).fill(7),
  tags: new Set(['dynamodb', 'storage', 'howto']),
  sizes: new Set([1024, 2048, 4096]),
  links: ['/a', '/b', '/c', '/d', '/e'],
  headers: { type: 'text/html', length: 52344, server: 'nginx' },
  extra: { crawler: 'v2', depth: 3, seeds: ['x', 'y'] },
  doc: { authors: ['Ann', 'Bob'], words: 1234, ratio: 0.5 },
  crawled: new UtcDateTime(1_700_000_000_123_456n),
  modified: new Date(1_699_000_000_000),
  expires: new Date(1_800_000_000_000),
  version: 3,
};

// The SDK path gets plain JS values (it has no datetime/json semantics: strings stand in).
const sdkItem = { ...item, crawled: '2023-11-14T22:13:20.123456+0000', modified: '2023-11-03T08:26:40.000000+0000', expires: 1_800_000_000, doc: JSON.stringify(item.doc) };


function measure(fn) {
  for (let i = 0; i < 2000; i++) fn(); // warm up to the optimising tiers
  const rounds = [];
  for (let r = 0; r < (quick ? 3 : 9); r++) {
    const n = quick ? 2000 : 20000;
    const t0 = process.hrtime.bigint();
    for (let i = 0; i < n; i++) fn();
    rounds.push(Number(process.hrtime.bigint() - t0) / n / 1000);
  }
  rounds.sort((a, b) => a - b);
  return rounds[Math.floor(rounds.length / 2)];
}

const ours = measure(() => codec.decode(codec.encode(item).item));
const sdk = measure(() => unmarshall(marshall(sdkItem, { convertClassInstanceToMap: true })));
const results = { node: process.version, item: '20 attributes', oursMicros: ours, sdkMicros: sdk, ratio: sdk / ours };
console.log('| encode + decode of one 20-attribute item | µs (median) |');
console.log('| --- | ---: |');
console.log(`| dynamodb-mate item codec (wasm, pynamodb semantics) | ${ours.toFixed(2)} |`);
console.log(`| AWS SDK marshall + unmarshall (JS) | ${sdk.toFixed(2)} |`);
console.log(`ratio SDK/ours: ${(sdk / ours).toFixed(2)}x`);
mkdirSync(new URL('./results/', import.meta.url), { recursive: true });
writeFileSync(new URL('./results/item.json', import.meta.url), `${JSON.stringify(results, null, 2)}\n`);
