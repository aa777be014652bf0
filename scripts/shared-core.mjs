// One copy of the modules that several entries share (the wasm glue and its runtime, the codecs,
// the errors): each set goes into a core bundle (dist/core-node.*, dist/core-web.*) which the entry
// bundles import by relative path. So `dynamodb-mate` and `dynamodb-mate/codec` imported together
// hold one wasm instance and one set of error classes, while the codec entry loads no AWS SDK.
import { relative, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { build } from 'esbuild';

/** The source files the bundle of `entry` is made of, except `entry` itself. */
export async function sourcesOf(entry, options) {
  const { metafile } = await build({ ...options, entryPoints: [entry], write: false, metafile: true, format: 'esm' });
  const cwd = options.absWorkingDir ?? process.cwd();
  return Object.keys(metafile.inputs).map((p) => resolve(cwd, p)).filter((p) => p !== entry);
}

/** The source of the core bundle: each shared file's exports as namespace `s<index>`. */
export function coreSource(files) {
  return files.map((file, i) => `export * as s${i} from ${JSON.stringify(file)};`).join('\n');
}

/**
 * An esbuild plugin that replaces every import of a shared file by a stub re-exporting that
 * file's namespace from `coreFile` (a path relative to the output, marked external); `root` only
 * shortens the paths in the bundle's comments.
 */
export function useCore(files, coreFile, root) {
  const index = new Map(files.map((file, i) => [file, i]));
  return {
    name: 'dynamodb-mate-core',
    setup(b) {
      b.onResolve({ filter: /.*/, namespace: 'core-stub' }, (args) => ({ path: args.path, external: true }));
      b.onResolve({ filter: /^\./ }, (args) => {
        const file = resolve(args.resolveDir, args.path);
        if (args.kind === 'entry-point' || !index.has(file)) return undefined;
        return { path: relative(root, file), namespace: 'core-stub', pluginData: file };
      });
      b.onLoad({ filter: /.*/, namespace: 'core-stub' }, async (args) => {
        const name = `s${index.get(args.pluginData)}`;
        const names = Object.keys(await import(pathToFileURL(args.pluginData)));
        const named = names.filter((n) => n !== 'default');
        const lines = [`import { ${name} } from ${JSON.stringify(coreFile)};`];
        if (named.length) lines.push(`export const { ${named.join(', ')} } = ${name};`);
        if (names.includes('default')) lines.push(`export default ${name}.default;`);
        return { contents: lines.join('\n') };
      });
    },
  };
}
