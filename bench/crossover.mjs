// Where node:zlib / node:crypto starts beating the wasm path: each function the Node entry
// dispatches (js/codec/node-native.mjs), wasm vs native, interleaved in this process, from 64 B to
// 1 MiB. It prints, per function, the sizes at which native was faster; CROSSOVER in node-native.mjs
// holds the sizes chosen from these runs (the machine is noisy: look at several runs).
//
//   node bench/crossover.mjs [--smoke] [--only 'gzip level 6,gunzip']   (writes bench/results/crossover.json)
import { native, CROSSOVER } from '../js/codec/node-native.mjs';
import { wasm } from '../js/runtime/core.mjs';
import '../js/runtime/node.mjs';
import { compare, FULL, machine, ratio, SMOKE, table } from './harness.mjs';
import { option, writeResult } from './results.mjs';
import { random, sizeName, text } from './data.mjs';

const smoke = process.argv.includes('--smoke');
const only = option('--only')?.split(',');
const SIZES = smoke ? [64, 4096] : [64, 256, 1024, 2048, 4096, 8192, 16384, 65536, 262144, 1048576];
const settings = smoke ? SMOKE : { ...FULL, warmupMs: 60, batchMs: 15, rounds: 5 };
const key = random(32);
const ctx = ['table', 'attribute'];
/** The keyring of `key` for `ctx` that the aead cases use (src/aead_ring.rs). */
const ring = wasm.aeadRing(...ctx, 0, '["k1"]', key, Uint32Array.of(32), 'k1');

/** Per function: the arguments of one call at `size` bytes of input, and its CROSSOVER entry. */
const CASES = {
  'gzip level 1': { fn: 'gzip', level: 1, args: (n) => [text(n), 1, 0] },
  'gzip level 2': { fn: 'gzip', level: 2, args: (n) => [text(n), 2, 0] },
  'gzip level 3': { fn: 'gzip', level: 3, args: (n) => [text(n), 3, 0] },
  'gzip level 6': { fn: 'gzip', level: 6, args: (n) => [text(n), 6, 0] },
  'gzip level 8': { fn: 'gzip', level: 8, args: (n) => [text(n), 8, 0] },
  'gzip level 9': { fn: 'gzip', level: 9, args: (n) => [text(n), 9, 0] },
  gunzip: { crossover: 'gunzip', args: (n) => [wasm.gzip(text(n), 9, 0), 2 ** 26] },
  sha256Hex: { crossover: 'sha256', args: (n) => [random(n)] },
  md5Hex: { crossover: 'md5', args: (n) => [random(n)] },
  'legacyEncrypt ECB': { fn: 'legacyEncrypt', crossover: 'ecb', args: (n) => [key, 'binary', random(n), true] },
  'legacyDecrypt ECB': { fn: 'legacyDecrypt', crossover: 'ecb', args: (n) => [key, 'binary', wasm.legacyEncrypt(key, 'binary', random(n), true), true] },
  'legacyEncrypt CTR': { fn: 'legacyEncrypt', crossover: 'ctr', args: (n) => [key, 'binary', random(n), false] },
  'legacyDecrypt CTR': { fn: 'legacyDecrypt', crossover: 'ctr', args: (n) => [key, 'binary', wasm.legacyEncrypt(key, 'binary', random(n), false), false] },
  'aeadEncrypt GCM-SIV': { fn: 'aeadEncrypt', crossover: 'gcmSiv', args: (n) => [ring, 'binary', random(n), true] },
  'aeadDecrypt GCM-SIV': { fn: 'aeadDecrypt', crossover: 'gcmSiv', args: (n) => [ring, 'binary', wasm.aeadEncrypt(ring, 'binary', random(n), true)] },
  'aeadEncrypt GCM': { fn: 'aeadEncrypt', crossover: 'gcm', args: (n) => [ring, 'binary', random(n), false] },
  'aeadDecrypt GCM': { fn: 'aeadDecrypt', crossover: 'gcm', args: (n) => [ring, 'binary', wasm.aeadEncrypt(ring, 'binary', random(n), false)] },
};

const range = (r) => (r ? `[${r[0]}, ${r[1] === Infinity ? '∞' : r[1]})` : 'wasm only');
const results = {};
for (const [name, c] of Object.entries(CASES)) {
  const fn = c.fn ?? name;
  if ((only && !only.includes(name)) || !native[fn]) continue;
  const rows = [];
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
  // Runs of consecutive measured sizes where native was faster, e.g. "4 KiB–1 MiB".
  const runs = [];
  for (const r of rows) {
    if (r.speedup < 1) continue;
    const last = runs.at(-1);
    if (last && last.end === rows[rows.indexOf(r) - 1]) last.end = r;
    else runs.push({ start: r, end: r });
  }
  const faster = runs.map((x) => (x.start === x.end ? sizeName(x.start.size) : `${sizeName(x.start.size)}–${sizeName(x.end.size)}`)).join(', ') || 'no size measured';
  const current = c.level === undefined ? `CROSSOVER.${c.crossover} = ${CROSSOVER[c.crossover]}` : `CROSSOVER.gzip[${c.level}] = ${range(CROSSOVER.gzip[c.level])}`;
  results[name] = { rows, nativeFaster: faster, current };
  console.log(`\n${name}: native faster at ${faster} (${current})`);
  console.log(table(['size', 'wasm µs', 'native µs', 'native speed-up'],
    rows.map((r) => [sizeName(r.size), (r.wasmNs / 1e3).toFixed(2), (r.nativeNs / 1e3).toFixed(2), ratio(r.speedup)])));
}
writeResult('crossover', { machine: machine(), smoke, settings, results });
