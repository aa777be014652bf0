// Where node:zlib / node:crypto starts beating the wasm path: each function the Node entry
// dispatches (js/codec/node-native.mjs), wasm vs native, interleaved in this process, from 64 B to
// 64 KiB. The crossover printed for each is the smallest size from which native is faster at every
// size measured; CROSSOVER in node-native.mjs holds these numbers.
//
//   node bench/crossover.mjs [--smoke] [--only name,name]
import { native, CROSSOVER } from '../js/codec/node-native.mjs';
import { wasm } from '../js/runtime/core.mjs';
import '../js/runtime/node.mjs';
import { compare, FULL, SMOKE, table, ratio } from './harness.mjs';
import { random, sizeName, text } from './data.mjs';

const smoke = process.argv.includes('--smoke');
const only = process.argv.includes('--only') ? process.argv[process.argv.indexOf('--only') + 1].split(',') : undefined;
const SIZES = smoke ? [64, 4096] : [64, 128, 256, 512, 1024, 2048, 4096, 8192, 16384, 32768, 65536];
const settings = smoke ? SMOKE : { ...FULL, warmupMs: 60, batchMs: 15, rounds: 5 };
const key = random(32);
const ctx = ['table', 'attribute'];

/** Per function: the arguments of one call at `size` bytes of input, and its CROSSOVER entry. */
const CASES = {
  gzip: { crossover: 'gzip', args: (n) => [text(n), 9, 0] },
  gunzip: { crossover: 'gunzip', args: (n) => [wasm.gzip(text(n), 9, 0), 2 ** 26] },
  sha256Hex: { crossover: 'sha256', args: (n) => [random(n)] },
  md5Hex: { crossover: 'md5', args: (n) => [random(n)] },
  'legacyEncrypt ECB': { fn: 'legacyEncrypt', crossover: 'ecb', args: (n) => [key, 'binary', random(n), true] },
  'legacyDecrypt ECB': { fn: 'legacyDecrypt', crossover: 'ecb', args: (n) => [key, 'binary', wasm.legacyEncrypt(key, 'binary', random(n), true), true] },
  'legacyEncrypt CTR': { fn: 'legacyEncrypt', crossover: 'ctr', args: (n) => [key, 'binary', random(n), false] },
  'legacyDecrypt CTR': { fn: 'legacyDecrypt', crossover: 'ctr', args: (n) => [key, 'binary', wasm.legacyEncrypt(key, 'binary', random(n), false), false] },
  'aeadEncrypt GCM-SIV': { fn: 'aeadEncrypt', crossover: 'gcmSiv', args: (n) => [key, 'k1', ...ctx, 'binary', random(n), true] },
  'aeadDecrypt GCM-SIV': { fn: 'aeadDecrypt', crossover: 'gcmSiv', args: (n) => [key, ...ctx, 'binary', wasm.aeadEncrypt(key, 'k1', ...ctx, 'binary', random(n), true)] },
  'aeadEncrypt GCM': { fn: 'aeadEncrypt', crossover: 'gcm', args: (n) => [key, 'k1', ...ctx, 'binary', random(n), false] },
  'aeadDecrypt GCM': { fn: 'aeadDecrypt', crossover: 'gcm', args: (n) => [key, ...ctx, 'binary', wasm.aeadEncrypt(key, 'k1', ...ctx, 'binary', random(n), false)] },
};

const results = {};
for (const [name, c] of Object.entries(CASES)) {
  const fn = c.fn ?? name;
  if ((only && !only.includes(name)) || !native[fn]) continue;
  const rows = [];
  let from;
  for (const size of SIZES) {
    const args = c.args(size);
    if (native[fn](...args) === undefined) throw new Error(`${name}: the native path declined its input`);
    const r = compare([
      { name: 'wasm', fn: () => wasm[fn](...args) },
      { name: 'native', fn: () => native[fn](...args) },
    ], settings);
    const speedup = r.wasm.ns / r.native.ns;
    rows.push({ size, wasmNs: r.wasm.ns, nativeNs: r.native.ns, speedup });
  }
  for (let i = rows.length - 1; i >= 0 && rows[i].speedup >= 1; i--) from = rows[i].size;
  results[name] = { rows, crossover: from, current: CROSSOVER[c.crossover] };
  console.log(`\n${name}: native faster from ${from === undefined ? 'no size measured' : sizeName(from)} (CROSSOVER.${c.crossover} = ${CROSSOVER[c.crossover]})`);
  console.log(table(['size', 'wasm µs', 'native µs', 'native speed-up'],
    rows.map((r) => [sizeName(r.size), (r.wasmNs / 1e3).toFixed(2), (r.nativeNs / 1e3).toFixed(2), ratio(r.speedup)])));
}
if (smoke) console.log('\ncrossover smoke: ok');
