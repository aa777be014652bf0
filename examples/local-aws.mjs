// The demo's AWS: the endpoints given in the environment (AWS_ENDPOINT_URL_DYNAMODB and
// AWS_ENDPOINT_URL_S3, the SDK's own variable names), or else an embedded moto_server (DynamoDB + S3 in
// one process, from the .venv-moto that scripts/setup-python.sh makes) on a free 127.0.0.1 port,
// stopped when the demo ends however it ends.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';

const MOTO = fileURLToPath(new URL('../.venv-moto/bin/moto_server', import.meta.url));
const START_TIMEOUT_MS = 60_000;

function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
    server.on('error', reject);
  });
}

async function waitReady(endpoint, child) {
  const deadline = Date.now() + START_TIMEOUT_MS;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`moto_server exited with status ${child.exitCode}`);
    try {
      if ((await fetch(`${endpoint}/moto-api/`)).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`moto_server did not answer within ${START_TIMEOUT_MS / 1000} s`);
}

/** Starts moto_server in its own process group; `stop()` ends the group (also on exit and signals). */
async function startMoto() {
  if (!existsSync(MOTO)) throw new Error('.venv-moto is missing: run scripts/setup-python.sh moto (scripts/demo.sh does)');
  const port = await freePort();
  const child = spawn(MOTO, ['-H', '127.0.0.1', '-p', String(port)], { detached: true, stdio: 'ignore' });
  const exited = new Promise((resolve) => child.once('exit', resolve));
  const signal = (name) => {
    try {
      process.kill(-child.pid, name);
    } catch {
      // already gone
    }
  };
  /** SIGTERM, then waits for the exit (SIGKILL after 5 s), so no process or zombie is left. */
  const stop = async () => {
    signal('SIGTERM');
    const timer = setTimeout(() => signal('SIGKILL'), 5000);
    await exited;
    clearTimeout(timer);
  };
  process.once('exit', () => signal('SIGTERM')); // the fallback when the demo ends abruptly
  // Ended by a signal: exit as a shell reports it (128 + the signal's number), which runs the 'exit' hook.
  process.once('SIGINT', () => process.exit(130));
  process.once('SIGTERM', () => process.exit(143));
  const endpoint = `http://127.0.0.1:${port}`;
  try {
    await waitReady(endpoint, child);
  } catch (error) {
    await stop();
    throw error;
  }
  return { endpoint, stop };
}

/**
 * `{ dynamodb, s3, embedded, stop }`: client options for each service. Embedded servers get fake
 * credentials; given endpoints use the SDK's usual credential chain.
 */
export async function localAws() {
  const given = { dynamodb: process.env.AWS_ENDPOINT_URL_DYNAMODB, s3: process.env.AWS_ENDPOINT_URL_S3 };
  const moto = given.dynamodb && given.s3 ? null : await startMoto();
  const region = process.env.AWS_REGION ?? 'us-east-1';
  const options = (endpoint) => ({
    region,
    endpoint: endpoint ?? moto.endpoint,
    ...(endpoint ? {} : { credentials: { accessKeyId: 'demo', secretAccessKey: 'demo' } }),
  });
  return {
    dynamodb: options(given.dynamodb),
    s3: { ...options(given.s3), forcePathStyle: true },
    embedded: moto?.endpoint,
    stop: async () => moto?.stop(),
  };
}
