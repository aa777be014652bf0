// Times the wasm builds made by bench/wasm-variants.sh against each other (and pako / @noble, the
// browsers' alternative) in one process: each variant's own glue and .wasm are loaded side by side
// and the codecs' wasm exports called directly, interleaved (bench/harness.mjs).
//
//   node bench/wasm-variants.mjs [--smoke] [variant...]   (default: every build in target/variants/)
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { compare, FULL, machine, ratio, SMOKE, table } from './harness.mjs';
import { KiB, MiB, random, sizeName, text } from './data.mjs';
import { js } from './peers.mjs';
import { writeResult } from './results.mjs';

const smoke = process.argv.includes('--smoke');
const root = new URL('../target/variants/', import.meta.url);
const names = process.argv.slice(2).filter((a) => !a.startsWith('--'));
const variants = (names.length ? names : readdirSync(root)).filter((n) => existsSync(new URL(`${n}/opt.wasm`, root)));
if (variants.length === 0) throw new Error('no builds in target/variants/: run bash bench/wasm-variants.sh first');

const glue = {};
for (const name of variants) {
  const g = await import(pathToFileURL(new URL(`${name}/dynamodb_mate.js`, root).pathname).href);
  g.initSync({ module: readFileSync(new URL(`${name}/opt.wasm`, root)) });
  glue[name] = g;
}

const KEY = random(32);
const ctx = ['bench', 'value'];
/** Each variant's keyring of KEY for ctx (src/aead_ring.rs), registered once. */
const rings = new Map(Object.values(glue).map((g) => [g, g.aeadRing(...ctx, 0, '["k"]', KEY, Uint32Array.of(32), 'k')]));
const OPS = {
  'gzip 9': { input: text, call: (g, d) => g.gzip(d, 9, 0), js: (d) => js.gzip(d, 9) },
  'gzip 6': { input: text, call: (g, d) => g.gzip(d, 6, 0), js: (d) => js.gzip(d, 6) },
  gunzip: { input: (n) => js.gzip(text(n), 6), call: (g, d) => g.gunzip(d, 2 ** 30), js: (d) => js.gunzip(d) },
  'GCM-SIV': { input: random, call: (g, d) => g.aeadEncrypt(rings.get(g), 'binary', d, true), js: (d) => js.aeadEncrypt(KEY, 'k', ...ctx, d, true) },
  GCM: { input: random, call: (g, d) => g.aeadEncrypt(rings.get(g), 'binary', d, false), js: (d) => js.aeadEncrypt(KEY, 'k', ...ctx, d, false) },
  ECB: { input: random, call: (g, d) => g.legacyEncrypt(KEY, 'binary', d, true), js: (d) => js.ecbEncrypt(KEY, d) },
  'SHA-256': { input: random, call: (g, d) => g.sha256Hex(d), js: (d) => js.sha256Hex(d) },
  MD5: { input: random, call: (g, d) => g.md5Hex(d), js: (d) => js.md5Hex(d) },
};
const SIZES = smoke ? [KiB] : [KiB, 64 * KiB, MiB];

const rows = [];
const lines = [];
for (const [op, o] of Object.entries(OPS)) {
  for (const size of SIZES) {
    const input = o.input(size);
    const impls = [...variants.map((v) => ({ name: v, fn: () => o.call(glue[v], input) })), { name: 'js', fn: () => o.js(input) }];
    const r = compare(impls, smoke ? SMOKE : { ...FULL, rounds: 5 });
    const base = r[variants[0]].ns;
    rows.push({ op, size, ns: Object.fromEntries(Object.entries(r).map(([k, v]) => [k, v.ns])) });
    lines.push([op, sizeName(size), ...variants.map((v) => `${((size * 1e3) / r[v].ns).toPrecision(3)} (${ratio(base / r[v].ns)})`), ratio(r.js.ns / r[variants[0]].ns)]);
  }
}
console.log(`MB/s (speed ÷ ${variants[0]}); last column: ${variants[0]} ÷ pako/@noble\n`);
console.log(table(['codec', 'size', ...variants, `${variants[0]} ÷ JS`], lines));
writeResult('wasm-variants', { machine: machine(), smoke, variants, rows });
