// What the package weighs: every shipped .wasm raw, gzip -9 and brotli (what a browser or a Lambda
// bundle carries), the JS bundles (core-node.mjs is the part node.mjs shares with codec.mjs), and
// `npm pack` of pkg/ (tarball and unpacked size).
//
//   node bench/sizes.mjs [--smoke]      (needs scripts/build.sh; writes bench/results/sizes.json)
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import { machine, table } from './harness.mjs';
import { isMain, writeResult } from './results.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const DIST = new URL('../pkg/dist/', import.meta.url);
const BUNDLES = ['core-node.mjs', 'node.mjs', 'node.cjs', 'web.mjs', 'codec.mjs'];

function weigh(file) {
  const bytes = readFileSync(new URL(file, DIST));
  return {
    raw: bytes.length,
    gzip: gzipSync(bytes, { level: 9 }).length,
    brotli: brotliCompressSync(bytes, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length,
  };
}

export function run({ smoke = false } = {}) {
  const FILES = [...readdirSync(DIST).filter((f) => f.endsWith('.wasm')).sort(), ...BUNDLES];
  const files = Object.fromEntries(FILES.map((f) => [f, weigh(f)]));
  const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
  const [pack] = JSON.parse(execFileSync(npm, ['pack', './pkg', '--dry-run', '--json'], { cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }));
  const result = { machine: machine(), smoke, files, pack: { tarball: pack.size, unpacked: pack.unpackedSize, files: pack.entryCount } };
  console.log('\n### Package size (bytes)\n');
  console.log(table(['file', 'raw', 'gzip -9', 'brotli 11'], FILES.map((f) => [f, files[f].raw, files[f].gzip, files[f].brotli])));
  console.log(`\nnpm pack pkg/: ${pack.size} bytes tarball, ${pack.unpackedSize} bytes unpacked, ${pack.entryCount} files`);
  return result;
}

if (isMain(import.meta.url)) writeResult('sizes', run({ smoke: process.argv.includes('--smoke') }));
