// Starting the fleet's worker processes (Node: worker.mjs; Python: tests/interop/status_tracker.py)
// and collecting what they print.
import { spawn } from 'node:child_process';

const root = new URL('../../../', import.meta.url).pathname;

/** Output lines as they come, and the whole run: `{ lines (async iterator), done (Promise of { code, stdout, stderr }) }`. */
function collect(child) {
  let stdout = '';
  let stderr = '';
  const waiting = [];
  const seen = [];
  child.stdout.setEncoding('utf8').on('data', (chunk) => {
    stdout += chunk;
    for (const line of chunk.split('\n').filter(Boolean)) {
      seen.push(line);
      waiting.splice(0).forEach((w) => w());
    }
  });
  child.stderr.setEncoding('utf8').on('data', (chunk) => { stderr += chunk; });
  const done = new Promise((resolve) => child.on('close', (code, signal) => {
    waiting.splice(0).forEach((w) => w());
    resolve({ code, signal, stdout, stderr });
  }));
  /** The first output line matching `pattern` (rejects if the process ends first). */
  const line = async (pattern) => {
    for (;;) {
      const found = seen.find((l) => pattern.test(l));
      if (found) return found;
      if (child.exitCode !== null || child.signalCode !== null) throw new Error(`worker ended without printing ${pattern}:\n${stdout}${stderr}`);
      await new Promise((r) => waiting.push(r));
    }
  };
  return { child, done, line };
}

/** A Node worker (see worker.mjs for `spec`). */
export function nodeWorker(spec) {
  return collect(spawn(process.execPath, [`${root}js/tracker/fleet/worker.mjs`, JSON.stringify(spec)], {
    env: { ...process.env, AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true' },
  }));
}

/** A pynamodb_mate 6.0.1.1 worker: status_tracker.py's `work` op on `spec` (stdin). */
export function pythonWorker(spec, endpoint) {
  const child = spawn(`${root}.venv-pm6/bin/python`, [`${root}tests/interop/status_tracker.py`, 'v6'], { env: { ...process.env, ENDPOINT: endpoint } });
  child.stdin.end(JSON.stringify(spec));
  return collect(child);
}

/** Resolves to the worker's last output line as JSON (its stats); rejects when it failed. */
export async function finished(worker) {
  const { code, stdout, stderr } = await worker.done;
  if (code !== 0) throw new Error(`worker exited with ${code}:\n${stdout}${stderr}`);
  return JSON.parse(stdout.trim().split('\n').at(-1));
}
