// Cold start of the codec-only entry (dynamodb-mate/codec, pkg/dist/codec.mjs): fresh Node
// processes in pairs, in alternating order, each timing itself from process start to the end of:
//   native: node:zlib + node:crypto imported, 1 KiB gzipped and sealed with AES-256-GCM by hand;
//   codec:  dynamodb-mate/codec imported, the same 1 KiB through codec.gzip and codec.encrypt (aead).
// "Added" is the median of the paired differences codec − native (target: ≤ 5 ms).
// `--wasm FILE` adds a third process per round, the codec entry loading FILE instead of its own
// .wasm (DYNAMODB_MATE_WASM_PATH): how much another build, e.g. the codec-only module of
// `bash bench/wasm-variants.sh codec` (target/variants/codec/opt.wasm), would save.
//
//   node bench/codec-cold-start.mjs [--smoke] [--wasm FILE]   (needs pkg/; writes bench/results/codec-cold-start.json)
import { resolve } from 'node:path';
import { timeFresh } from './cold-start.mjs';
import { machine, median, table } from './harness.mjs';
import { isMain, option, writeResult } from './results.mjs';

const entry = JSON.stringify(new URL('../pkg/dist/codec.mjs', import.meta.url).href);
// 1 KiB of JSON-like text, the same in both processes.
const DATA = `const data = new TextEncoder().encode(JSON.stringify(Array.from({ length: 80 }, (_, i) => ({ id: i, name: 'item-' + i }))).slice(0, 1024));
    const key = new Uint8Array(32).fill(7);`;

const SCRIPTS = {
  native: `
    const { gzipSync } = await import('node:zlib');
    const { createCipheriv, randomBytes } = await import('node:crypto');
    ${DATA}
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', key, iv);
    const sealed = Buffer.concat([iv, cipher.update(gzipSync(data)), cipher.final(), cipher.getAuthTag()]);
    if (sealed.length < 28) throw new Error('not sealed');`,
  codec: `
    const { codec } = await import(${entry});
    ${DATA}
    const sealed = codec.encrypt(codec.gzip(data), { key, table: 't', attribute: 'a' });
    if (sealed.length < 28) throw new Error('not sealed');`,
};

export function run({ smoke = false, wasm } = {}) {
  const runs = smoke ? 1 : 31;
  const modes = { native: [SCRIPTS.native], codec: [SCRIPTS.codec] };
  if (wasm) modes['codec, --wasm'] = [SCRIPTS.codec, { DYNAMODB_MATE_WASM_PATH: resolve(wasm) }];
  const names = Object.keys(modes);
  const samples = Object.fromEntries(names.map((m) => [m, []]));
  for (let i = 0; i < runs; i++) {
    for (const mode of i % 2 ? [...names].reverse() : names) samples[mode].push(timeFresh(modes[mode][0], `codec cold start '${mode}'`, { env: modes[mode][1] }));
  }
  const paired = (a, b, k) => median(samples[a].map((s, i) => s[k] - samples[b][i][k]));
  const added = (a, b) => ({ inProcess: paired(a, b, 'inProcessMs'), wall: paired(a, b, 'wallMs'), cpu: paired(a, b, 'cpuMs') });
  const result = {
    machine: machine(), smoke, runs, ...(wasm ? { wasm } : {}),
    medians: Object.fromEntries(Object.entries(samples).map(([m, xs]) => [m, { inProcessMs: median(xs.map((s) => s.inProcessMs)), wallMs: median(xs.map((s) => s.wallMs)), cpuMs: median(xs.map((s) => s.cpuMs)) }])),
    addedMs: added('codec', 'native'),
    ...(wasm ? { wasmAddedMs: added('codec, --wasm', 'native'), wasmSavedMs: added('codec', 'codec, --wasm') } : {}),
  };
  const row = (title, ms) => [title, ms.inProcess.toFixed(1), ms.wall.toFixed(1), ms.cpu.toFixed(1)];
  console.log(`\n### Codec entry cold start (${runs} rounds of fresh processes; import + first gzip + first aead encryption of 1 KiB)\n`);
  console.log(table(['mode', 'start → done, in process (ms)', 'process wall clock (ms)', 'process CPU time (ms)'], [
    ...names.map((m) => [m, ...['inProcessMs', 'wallMs', 'cpuMs'].map((k) => result.medians[m][k].toFixed(1))]),
    row('added (median of paired codec − native)', result.addedMs),
    ...(wasm ? [row(`added with --wasm ${wasm}`, result.wasmAddedMs), row('saved by --wasm (paired codec − codec --wasm)', result.wasmSavedMs)] : []),
  ]));
  return result;
}

if (isMain(import.meta.url)) writeResult('codec-cold-start', run({ smoke: process.argv.includes('--smoke'), wasm: option('--wasm') }));
