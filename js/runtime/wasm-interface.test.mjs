// docs/wasm-interface.md's export table is the glue's export list: every function the generated
// glue (from src/wasm.rs and src/console.rs) exports is documented with its parameters in order
// (camelCased; a trailing size such as `key32` and a `: type` allowed; `?` exactly on the optional
// ones), and the table names nothing the glue lacks.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';

const read = (path) => readFileSync(new URL(path, import.meta.url), 'utf8');

/** name -> parameters (`name?` when its JSDoc says optional) of the glue's exported functions. */
function glueExports() {
  const out = new Map();
  const glue = read('../generated/dynamodb_mate.js');
  for (const [, doc = '', name, signature] of glue.matchAll(/(?:\/\*\*((?:(?!\*\/)[\s\S])*)\*\/\s*)?export function (\w+)\(([^)]*)\)/g)) {
    const optional = new Set([...doc.matchAll(/@param \{[^}]*\} \[(\w+)\]/g)].map((m) => m[1]));
    const params = signature.split(',').map((p) => p.trim()).filter(Boolean)
      .map((param) => param.replace(/_(\w)/g, (_, c) => c.toUpperCase()) + (optional.has(param) ? '?' : ''));
    out.set(name, params);
  }
  assert.equal(out.size, [...glue.matchAll(/^export function /gm)].length, 'every exported function was read');
  return out;
}

/** name -> parameters of each `name(params)` written in the first column of the Exports table. */
function documentedExports() {
  const section = read('../../docs/wasm-interface.md').split('\n## Exports')[1].split('\n## ')[0];
  const out = new Map();
  for (const row of section.split('\n').filter((line) => line.startsWith('| `'))) {
    const cell = row.split(' | ')[0];
    for (const [, name, params] of cell.matchAll(/`(\w+)\(([^)]*)\)/g)) {
      const names = params.split(',').map((p) => p.trim()).filter(Boolean)
        .map((p) => p.replace(/:.*$/, '').replace(/^(\w+?)\d+(\??)$/, '$1$2'));
      assert.ok(!out.has(name), `${name} is documented twice`);
      out.set(name, names);
    }
  }
  return out;
}

test('every wasm export is documented with its parameters, and nothing else is', () => {
  const glue = glueExports();
  const documented = documentedExports();
  assert.ok(glue.size > 30, 'the glue exports were found');
  assert.deepEqual([...documented.keys()].sort(), [...glue.keys()].sort());
  for (const [name, params] of glue) {
    assert.deepEqual(documented.get(name), params, name);
  }
});
