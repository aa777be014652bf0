// Assembles the npm package in pkg/ from js/ (with the wasm-bindgen output in js/generated/) and
// pkg-template/. Run by scripts/build.sh after the wasm is built.
import { cpSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { build } from 'esbuild';
import { coreSource, sourcesOf, useCore } from './shared-core.mjs';

const root = new URL('../', import.meta.url);
const path = (p) => new URL(p, root).pathname;
const WASM = 'dynamodb_mate_bg.wasm';

const cargoToml = readFileSync(path('Cargo.toml'), 'utf8');
const version = /^\[package\][^[]*?^version\s*=\s*"([^"]+)"/m.exec(cargoToml)?.[1];
if (!version) throw new Error('no [package] version in Cargo.toml');

rmSync(path('pkg'), { recursive: true, force: true });
mkdirSync(path('pkg/dist'), { recursive: true });

// The runtimes look for the .wasm next to the bundle instead of in js/generated/ (see js/runtime/).
// The AWS SDK is a peer dependency: the application brings (and bundles) its own copy.
const common = {
  bundle: true,
  external: ['@aws-sdk/*', '@smithy/*'],
  logLevel: 'warning',
  define: {
    DYNAMODB_MATE_WASM_FILE: JSON.stringify(`./${WASM}`),
    DYNAMODB_MATE_VERSION: JSON.stringify(version),
  },
};
// The adapters (dynamodb-mate/toolbox, dynamodb-mate/electrodb) and the CLI import the package
// itself, so that they share its wasm instance and error classes (with the models module of the
// user, which imports 'dynamodb-mate', for the CLI), and the adapters their library, which the
// application brings.
const selfImport = {
  name: 'dynamodb-mate-self-import',
  setup(b) {
    b.onResolve({ filter: /^\.\.\/node\.mjs$/ }, () => ({ path: 'dynamodb-mate', external: true }));
  },
};
// The shared core of each platform is what its codec entry is made of (scripts/shared-core.mjs).
const platforms = {
  node: { platform: 'node', target: 'node20', codecEntry: 'js/codec-node.mjs' },
  web: { platform: 'browser', target: 'es2022', codecEntry: 'js/codec-web.mjs' },
};
const formats = { esm: 'mjs', cjs: 'cjs' };
// Expected in CJS: the runtimes fall back to __dirname (node) or to a given .wasm (web) when
// import.meta.url is empty.
const quietCjs = { logOverride: { 'empty-import-meta': 'silent' } };
const shared = Object.fromEntries(await Promise.all(Object.entries(platforms).map(async ([name, p]) => [
  name, await sourcesOf(path(p.codecEntry), { ...common, platform: p.platform, write: false, logLevel: 'silent' }),
])));

/** One bundle of `entry` for platform `on`, in `format`, importing the shared modules from its core. */
function bundle(entry, outName, on, format, extra = {}) {
  const ext = formats[format];
  const { platform, target } = platforms[on];
  return build({
    ...common,
    ...(format === 'cjs' ? quietCjs : {}),
    ...extra,
    plugins: [...(extra.plugins ?? []), useCore(shared[on], `./core-${on}.${ext}`, path(''))],
    entryPoints: [path(entry)],
    outfile: path(`pkg/dist/${outName}.${ext}`),
    platform,
    format,
    target,
  });
}
const coreBuilds = Object.entries(platforms).flatMap(([on, { platform, target }]) => Object.entries(formats).map(([format, ext]) => build({
  ...common,
  ...(format === 'cjs' ? quietCjs : {}),
  stdin: { contents: coreSource(shared[on]), resolveDir: path('js'), sourcefile: `core-${on}.mjs` },
  outfile: path(`pkg/dist/core-${on}.${ext}`),
  platform,
  format,
  target,
})));
const adapter = { external: [...common.external, 'dynamodb-toolbox', 'electrodb'], plugins: [selfImport] };
await Promise.all([
  ...coreBuilds,
  ...['toolbox', 'electrodb'].flatMap((name) => ['esm', 'cjs'].map((format) => bundle(`js/adapters/${name}.mjs`, name, 'node', format, adapter))),
  bundle('js/cli/bin.mjs', 'cli', 'node', 'esm', { plugins: [selfImport] }),
  bundle('js/node.mjs', 'node', 'node', 'esm'),
  bundle('js/node.mjs', 'node', 'node', 'cjs'),
  bundle('js/codec-node.mjs', 'codec', 'node', 'esm'),
  bundle('js/codec-node.mjs', 'codec', 'node', 'cjs'),
  bundle('js/web.mjs', 'web', 'web', 'esm'),
  // For require('dynamodb-mate/web'): init() then needs the .wasm given (js/runtime/web.mjs).
  bundle('js/web.mjs', 'web', 'web', 'cjs'),
  bundle('js/codec-web.mjs', 'codec-web', 'web', 'esm'),
  // dynamodb-mate/s3: the only bundle that imports @aws-sdk/client-s3; its errors come from the core.
  bundle('js/s3.mjs', 's3', 'node', 'esm'),
  bundle('js/s3.mjs', 's3', 'node', 'cjs'),
  bundle('js/s3.mjs', 's3-web', 'web', 'esm'),
]);

cpSync(path(`js/generated/${WASM}`), path(`pkg/dist/${WASM}`));
// One declaration file, twice: the package is "type": "commonjs", so index.d.ts is read as CommonJS
// (the `require` conditions and old resolvers) and index.d.mts as ESM (`import`, `browser`).
cpSync(path('pkg-template/index.d.ts'), path('pkg/dist/index.d.ts'));
cpSync(path('pkg-template/index.d.ts'), path('pkg/dist/index.d.mts'));
for (const name of ['codec', 'toolbox', 'electrodb', 's3']) {
  cpSync(path(`pkg-template/${name}.d.ts`), path(`pkg/dist/${name}.d.ts`));
  cpSync(path(`pkg-template/${name}.d.ts`), path(`pkg/dist/${name}.d.mts`));
}
cpSync(path('pkg-template/README.md'), path('pkg/README.md'));
const { name, ...manifest } = JSON.parse(readFileSync(path('pkg-template/package.json'), 'utf8'));
writeFileSync(path('pkg/package.json'), `${JSON.stringify({ name, version, ...manifest }, null, 2)}\n`);
console.log(`pkg/: dynamodb-mate ${version}`);
