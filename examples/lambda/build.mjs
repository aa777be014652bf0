// Bundles a Lambda handler into one CommonJS file with esbuild, dynamodb-mate's .wasm beside it: the
// two files to zip and upload (handler setting `index.handler`).
//
//   node examples/lambda/build.mjs OUTDIR   → OUTDIR/handler/ and OUTDIR/bare-handler/
//
// In an application `dynamodb-mate` is the installed package; here (`fromRepo`) it is the built
// package in pkg/ (run scripts/build.sh first).
import { copyFileSync, existsSync, mkdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const here = dirname(fileURLToPath(import.meta.url));
const pkgDist = join(here, '../../pkg/dist');
const WASM = 'dynamodb_mate_bg.wasm';

/** Bundles `entry` into `outdir/index.js` (+ the .wasm when the bundle uses dynamodb-mate); returns esbuild's result. */
export async function buildLambda(entry, outdir, { fromRepo = false } = {}) {
  mkdirSync(outdir, { recursive: true });
  const result = await build({
    entryPoints: [entry],
    outfile: join(outdir, 'index.js'),
    bundle: true,
    minify: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    // The SDK's ES module builds tree-shake better than its CommonJS ones.
    mainFields: ['module', 'main'],
    ...(fromRepo && {
      alias: { 'dynamodb-mate': join(pkgDist, 'node.mjs') },
      // Expected: in a CommonJS bundle dynamodb-mate finds its .wasm by __dirname (esbuild only
      // reports this outside node_modules).
      logOverride: { 'empty-import-meta': 'silent' },
    }),
    metafile: true,
    logLevel: 'silent',
  });
  // dynamodb-mate's Node bundle, wherever it was resolved from, has the .wasm next to it.
  const bundled = Object.keys(result.metafile.inputs).map((f) => resolve(f)).find((f) => f.endsWith('/dist/node.mjs') && existsSync(join(dirname(f), WASM)));
  if (bundled) copyFileSync(join(dirname(bundled), WASM), join(outdir, WASM));
  return result;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const out = process.argv[2];
  if (!out) throw new Error('usage: node examples/lambda/build.mjs OUTDIR');
  for (const name of ['handler', 'bare-handler']) {
    await buildLambda(join(here, `${name}.mjs`), join(out, name), { fromRepo: true });
    console.log(`${join(out, name)}/index.js`);
  }
}
