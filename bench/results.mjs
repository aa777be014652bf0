// Shared by the bench scripts: where results go, and how a module tells it is run as a script.
import { mkdirSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** Writes bench/results/<name>.json (full runs only: smoke runs check, their numbers mean nothing). */
export function writeResult(name, result) {
  if (result.smoke) return;
  const dir = new URL('./results/', import.meta.url);
  mkdirSync(dir, { recursive: true });
  writeFileSync(new URL(`${name}.json`, dir), `${JSON.stringify(result, null, 2)}\n`);
}

/** True when the module at `url` is the script node was started with. */
export const isMain = (url) => process.argv[1] !== undefined && fileURLToPath(url) === resolve(process.argv[1]);

/** The value after `--name` on the command line. */
export function option(name) {
  const at = process.argv.indexOf(name);
  return at < 0 ? undefined : process.argv[at + 1];
}
