// Assembles the npm package in pkg/ from js/ (with the wasm-bindgen output in js/generated/) and
// pkg-template/. Run by scripts/build.sh after the wasm is built.
import { cpSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { build } from 'esbuild';

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
const adapterBuilds = ['toolbox', 'electrodb'].flatMap((name) => ['esm', 'cjs'].map((format) => build({
  ...common,
  external: [...common.external, 'dynamodb-toolbox', 'electrodb'],
  plugins: [selfImport],
  entryPoints: [path(`js/adapters/${name}.mjs`)],
  outfile: path(`pkg/dist/${name}.${format === 'esm' ? 'mjs' : 'cjs'}`),
  platform: 'node',
  format,
  target: 'node20',
})));
await Promise.all([
  ...adapterBuilds,
  build({
    ...common, plugins: [selfImport], entryPoints: [path('js/cli/bin.mjs')], outfile: path('pkg/dist/cli.mjs'), platform: 'node', format: 'esm', target: 'node20',
  }),
  build({ ...common, entryPoints: [path('js/node.mjs')], outfile: path('pkg/dist/node.mjs'), platform: 'node', format: 'esm', target: 'node20' }),
  build({
    ...common,
    entryPoints: [path('js/node.mjs')],
    outfile: path('pkg/dist/node.cjs'),
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    // Expected: js/runtime/node.mjs falls back to __dirname when import.meta.url is empty.
    logOverride: { 'empty-import-meta': 'silent' },
  }),
  build({ ...common, entryPoints: [path('js/web.mjs')], outfile: path('pkg/dist/web.mjs'), platform: 'browser', format: 'esm', target: 'es2022' }),
  // For require('dynamodb-mate/web'): init() then needs the .wasm given (js/runtime/web.mjs).
  build({
    ...common,
    entryPoints: [path('js/web.mjs')],
    outfile: path('pkg/dist/web.cjs'),
    platform: 'browser',
    format: 'cjs',
    target: 'es2022',
    logOverride: { 'empty-import-meta': 'silent' },
  }),
]);

cpSync(path(`js/generated/${WASM}`), path(`pkg/dist/${WASM}`));
// One declaration file, twice: the package is "type": "commonjs", so index.d.ts is read as CommonJS
// (the `require` conditions and old resolvers) and index.d.mts as ESM (`import`, `browser`).
cpSync(path('pkg-template/index.d.ts'), path('pkg/dist/index.d.ts'));
cpSync(path('pkg-template/index.d.ts'), path('pkg/dist/index.d.mts'));
for (const name of ['toolbox', 'electrodb']) {
  cpSync(path(`pkg-template/${name}.d.ts`), path(`pkg/dist/${name}.d.ts`));
  cpSync(path(`pkg-template/${name}.d.ts`), path(`pkg/dist/${name}.d.mts`));
}
cpSync(path('pkg-template/README.md'), path('pkg/README.md'));
const { name, ...manifest } = JSON.parse(readFileSync(path('pkg-template/package.json'), 'utf8'));
writeFileSync(path('pkg/package.json'), `${JSON.stringify({ name, version, ...manifest }, null, 2)}\n`);
console.log(`pkg/: dynamodb-mate ${version}`);
