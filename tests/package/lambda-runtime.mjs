// Test helper: what the Lambda Node runtime does with a bundle (examples/lambda/build.mjs): a fresh
// process requires DIR/index.js and calls its handler with one event. The process may read DIR only,
// as /var/task is read-only on Lambda (Node's permission model; writes are denied). Used by the
// package tests and bench/lambda-cold.mjs.
import { spawnSync } from 'node:child_process';

// Node 20 spells it --experimental-permission, later versions --permission.
const PERMISSION = process.allowedNodeEnvironmentFlags.has('--permission') ? '--permission' : '--experimental-permission';

// Runs in the fresh process. `write` probes that the bundle's directory is read-only.
const RUNNER = `
  const { performance } = require('node:perf_hooks');
  const t0 = performance.now();
  const { handler } = require(require('node:path').join(process.cwd(), 'index.js'));
  const t1 = performance.now();
  handler(JSON.parse(process.argv[1])).then((result) => {
    const t2 = performance.now();
    let write;
    try { require('node:fs').writeFileSync('probe', 'x'); write = 'allowed'; } catch (e) { write = e.code; }
    console.log(JSON.stringify({ result, write, importMs: t1 - t0, invokeMs: t2 - t1 }));
  });
`;

/**
 * Invokes `dir`'s handler with `event` in a fresh node process with `env`: `{ result, write,
 * importMs, invokeMs }` (`write`: what writing into `dir` gave). Throws with the process's stderr
 * when it fails.
 */
export function invokeFresh(dir, event, env) {
  const r = spawnSync(process.execPath, [PERMISSION, `--allow-fs-read=${dir}`, '-e', RUNNER, JSON.stringify(event)], {
    cwd: dir,
    env,
    encoding: 'utf8',
  });
  if (r.status !== 0) throw new Error(`the handler in ${dir} failed (exit ${r.status}):\n${r.stderr}`);
  return JSON.parse(r.stdout);
}
