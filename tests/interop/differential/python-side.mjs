// The pynamodb side of the differential test: one long-lived tests/interop/differential.py process
// in .venv-pm6, spoken to in JSON lines (a request, then its answer), so that an operation costs a
// round trip, not a Python start.
import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';

const root = new URL('../../../', import.meta.url).pathname;

export function pythonSide() {
  const child = spawn(`${root}.venv-pm6/bin/python`, [`${root}tests/interop/differential.py`], { stdio: ['pipe', 'pipe', 'pipe'], env: process.env });
  let stderr = '';
  child.stderr.on('data', (chunk) => { stderr += chunk; });
  const answers = createInterface({ input: child.stdout })[Symbol.asyncIterator]();
  const ask = async (request) => {
    child.stdin.write(`${JSON.stringify(request)}\n`);
    const { value, done } = await answers.next();
    if (done) throw new Error(`the Python driver ended:\n${stderr}`);
    return JSON.parse(value);
  };
  return {
    ask,
    close: () => {
      child.stdin.end();
      return new Promise((resolve) => (child.exitCode === null ? child.on('close', resolve) : resolve()));
    },
  };
}
