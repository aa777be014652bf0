// What loading each build of bench/wasm-variants.sh costs a fresh Node process (issue 15: is a
// smaller codec-only module worth shipping, and does compiling off the import path help?). Fresh
// processes, round-robin over builds and modes, each timing itself:
//   compile: the .wasm read and compiled, synchronously (`new WebAssembly.Module`, what the Node
//            runtime does at import; V8 compiles function bodies lazily, so this is mostly
//            decoding and validation) or asynchronously (`await WebAssembly.compile`);
//   first calls: instantiated through its glue, then 1 KiB gzipped and sealed (deterministic aead).
// Compile is also given in CPU time (process-wide), steadier than wall time on a busy machine.
// Outputs (gzip and aead bytes) are checked equal across builds and modes.
//
//   node bench/wasm-load.mjs [--smoke] [variant...]   (default: every build in target/variants/)
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { machine, median, table } from './harness.mjs';
import { writeResult } from './results.mjs';

const smoke = process.argv.includes('--smoke');
const root = new URL('../target/variants/', import.meta.url);
const names = process.argv.slice(2).filter((a) => !a.startsWith('--'));
const variants = (names.length ? names : readdirSync(root)).filter((n) => existsSync(new URL(`${n}/opt.wasm`, root)));
if (variants.length === 0) throw new Error('no builds in target/variants/: run bash bench/wasm-variants.sh first');

const COMPILE = {
  sync: 'new WebAssembly.Module(bytes)',
  async: 'await WebAssembly.compile(bytes)',
};

function script(variant, mode) {
  const dir = new URL(`${variant}/`, root);
  return `
    const { readFileSync } = await import('node:fs');
    const { createHash } = await import('node:crypto');
    const glue = await import(${JSON.stringify(new URL('dynamodb_mate.js', dir).href)});
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    const bytes = readFileSync(${JSON.stringify(fileURLToPath(new URL('opt.wasm', dir)))});
    const module = ${COMPILE[mode]};
    const t1 = performance.now();
    const c1 = process.cpuUsage(c0);
    glue.initSync({ module });
    const data = new TextEncoder().encode(JSON.stringify(Array.from({ length: 80 }, (_, i) => ({ id: i, name: 'item-' + i }))).slice(0, 1024));
    const packed = glue.gzip(data, 9, 0);
    const sealed = glue.aeadEncrypt(glue.aeadRing('t', 'a', 0, '["k"]', new Uint8Array(32).fill(7), Uint32Array.of(32), 'k'), 'binary', packed, true);
    const t2 = performance.now();
    const digest = createHash('sha256').update(packed).update(sealed).digest('hex');
    process.stdout.write(JSON.stringify({ compileMs: t1 - t0, compileCpuMs: (c1.user + c1.system) / 1e3, callsMs: t2 - t1, digest }));`;
}

function once(variant, mode) {
  const r = spawnSync(process.execPath, ['--input-type=module', '-e', script(variant, mode)], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`${variant} ${mode} failed: ${r.stderr}`);
  return JSON.parse(r.stdout);
}

const runs = smoke ? 1 : 21;
const cases = variants.flatMap((v) => Object.keys(COMPILE).map((m) => `${v} ${m}`));
const samples = Object.fromEntries(cases.map((c) => [c, []]));
for (let i = 0; i < runs; i++) {
  for (const c of i % 2 ? [...cases].reverse() : cases) samples[c].push(once(...c.split(' ')));
}
const digests = new Set(Object.values(samples).flat().map((s) => s.digest));
if (digests.size !== 1) throw new Error(`the builds disagree on gzip/aead output: ${[...digests].join(', ')}`);

const rows = cases.map((c) => {
  const [variant, mode] = c.split(' ');
  const stat = (k) => median(samples[c].map((s) => s[k]));
  return { variant, mode, compileMs: stat('compileMs'), compileCpuMs: stat('compileCpuMs'), callsMs: stat('callsMs'), totalMs: median(samples[c].map((s) => s.compileMs + s.callsMs)) };
});
console.log(`\n### Loading each .wasm in fresh processes (${runs} rounds; medians, ms)\n`);
console.log(table(['build', 'compile', 'read + compile', 'its CPU time (all threads)', 'instantiate + first gzip + aead of 1 KiB', 'total'],
  rows.map((r) => [r.variant, r.mode, r.compileMs.toFixed(2), r.compileCpuMs.toFixed(2), r.callsMs.toFixed(2), r.totalMs.toFixed(2)])));
writeResult('wasm-load', { machine: machine(), smoke, runs, rows });
