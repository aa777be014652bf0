// Compiles generated TypeScript lines against the package's declarations with the workspace's tsc,
// for tests that compare the declarations with the runtime: each diagnostic is returned with the
// line it is about, so that a test can say which name or key is on one side only.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const root = fileURLToPath(new URL('../../', import.meta.url));

/** The import line that names `pkg-template/<file>.d.ts` as `M` in a generated file. */
export const importDeclarations = (file = 'index') => `import type * as M from ${JSON.stringify(join(root, `pkg-template/${file}.js`))};`;

/** Type-checks `lines` (strict); returns `{ line, message }` per diagnostic (line 1-based), `{ message }` for the others. */
export function typecheck(lines) {
  const tmp = mkdtempSync(join(tmpdir(), 'dmate-typecheck-'));
  try {
    const file = join(tmp, 'generated.ts');
    writeFileSync(file, `${lines.join('\n')}\n`);
    const tsc = spawnSync(join(root, 'node_modules/.bin/tsc'),
      ['--noEmit', '--strict', '--target', 'es2022', '--module', 'nodenext', '--skipLibCheck', '--pretty', 'false', '--types', 'node', file],
      { encoding: 'utf8', cwd: root });
    const problems = (tsc.stdout + tsc.stderr).split('\n').filter(Boolean).map((text) => {
      const at = /generated\.ts\((\d+),\d+\): (.*)$/.exec(text);
      return at ? { line: Number(at[1]), message: at[2] } : { message: text };
    });
    if (tsc.status !== 0 && problems.length === 0) problems.push({ message: `tsc exited with ${tsc.status}` });
    return problems;
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
}

/**
 * The problems of `sets` (`[what, TypeScript type over M]` pairs, M the declarations of `file`) that
 * are not empty: each compiles only when its set is empty, and tsc's diagnostic ("Type '"none"' is
 * not assignable to type '"a" | "b"'") names the members, prefixed here with `what`.
 */
export function nonEmptySets(sets, file = 'index') {
  const lines = [importDeclarations(file)];
  const where = new Map();
  for (const [what, set] of sets) {
    lines.push(`export const c${lines.length}: [${set}] extends [never] ? 'none' : ${set} = 'none';`);
    where.set(lines.length, what);
  }
  return typecheck(lines).map(({ line, message }) => (line ? `${where.get(line)}: ${message}` : message));
}
