// docs/layout.md against the tree: the Rust modules and the scripts it names exist, and every one
// there is is named (a new module or script gets its line in the same change).
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../../', import.meta.url));
const rows = new Map(readFileSync(join(root, 'docs/layout.md'), 'utf8').split('\n')
  .filter((line) => line.startsWith('| `'))
  .map((line) => [/^\| `([^`]+)`/.exec(line)[1], line.split(' | ').slice(1).join(' | ')]));

/** The backticked names a row mentions (a trailing `/` dropped). */
const named = (row) => [...rows.get(row).matchAll(/`([\w.-]+)\/?`/g)].map((m) => m[1]);

test('the src/ row names every top-level Rust module, and only modules that exist', () => {
  const modules = readdirSync(join(root, 'src'), { withFileTypes: true })
    .map((e) => (e.isDirectory() ? e.name : e.name.replace(/\.rs$/, '')))
    .filter((name) => name !== 'lib');
  const listed = named('src/').filter((name) => /^[a-z0-9_]+$/.test(name)); // module names, not crates or files
  for (const name of modules) assert.ok(listed.includes(name), `src/${name} is not in docs/layout.md`);
  // Names in the row that are not top-level modules are submodules of one that is.
  for (const name of listed.filter((n) => !modules.includes(n))) {
    assert.ok(modules.some((m) => existsSync(join(root, 'src', m, `${name}.rs`)) || existsSync(join(root, 'src', m, name))), `src: ${name}`);
  }
});

test('the scripts/ row names every script, and only scripts that exist', () => {
  const scripts = readdirSync(join(root, 'scripts'));
  const listed = named('scripts/').filter((name) => /\.(sh|mjs)$/.test(name));
  assert.deepEqual([...listed].sort(), [...scripts].sort());
});

test('every path the table starts a row with exists', () => {
  for (const path of rows.keys()) assert.ok(existsSync(join(root, path)), path);
});
