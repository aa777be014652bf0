// Cold start of the codec-only entry (dynamodb-mate/codec, pkg/dist/codec.mjs): fresh Node
// processes in pairs, in alternating order, each timing itself from process start to the end of:
//   native: node:zlib + node:crypto imported, 1 KiB gzipped and sealed with AES-256-GCM by hand;
//   codec:  dynamodb-mate/codec imported, the same 1 KiB through codec.gzip and codec.encrypt (aead).
// "Added" is the median of the paired differences codec − native (target: ≤ 5 ms).
//
//   node bench/codec-cold-start.mjs [--smoke]   (needs pkg/; writes bench/results/codec-cold-start.json)
import { timeFresh } from './cold-start.mjs';
import { machine, median, table } from './harness.mjs';
import { isMain, writeResult } from './results.mjs';

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

export function run({ smoke = false } = {}) {
  const runs = smoke ? 1 : 31;
  const samples = { native: [], codec: [] };
  for (let i = 0; i < runs; i++) {
    for (const mode of i % 2 ? ['codec', 'native'] : ['native', 'codec']) samples[mode].push(timeFresh(SCRIPTS[mode], `codec cold start '${mode}'`));
  }
  const paired = (k) => median(samples.codec.map((s, i) => s[k] - samples.native[i][k]));
  const result = {
    machine: machine(), smoke, runs,
    medians: Object.fromEntries(Object.entries(samples).map(([m, xs]) => [m, { inProcessMs: median(xs.map((s) => s.inProcessMs)), wallMs: median(xs.map((s) => s.wallMs)) }])),
    addedMs: { inProcess: paired('inProcessMs'), wall: paired('wallMs') },
  };
  console.log(`\n### Codec entry cold start (${runs} pairs of fresh processes; import + first gzip + first aead encryption of 1 KiB)\n`);
  console.log(table(['mode', 'start → done, in process (ms)', 'process wall clock (ms)'], [
    ...Object.keys(samples).map((m) => [m, result.medians[m].inProcessMs.toFixed(1), result.medians[m].wallMs.toFixed(1)]),
    ['added (median of paired codec − native)', result.addedMs.inProcess.toFixed(1), result.addedMs.wall.toFixed(1)],
  ]));
  return result;
}

if (isMain(import.meta.url)) writeResult('codec-cold-start', run({ smoke: process.argv.includes('--smoke') }));
