// Cold start: fresh Node processes, interleaved by mode, each timing itself from process start
// (performance.now(), whose origin is the process's) to the end of its work:
//   bare:  nothing imported (Node's own start-up);
//   sdk:   @aws-sdk/client-dynamodb imported, a client made, a PutItemCommand built by hand;
//   ours:  the built package (pkg/) and the SDK imported, a model with an encrypted attribute
//          defined, its first item encoded (encrypted) as a put would send it.
// "Added" is ours − sdk: what this library adds to a service that uses the SDK anyway.
//
//   node bench/cold-start.mjs [--smoke]      (needs scripts/build.sh; writes bench/results/cold-start.json)
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { machine, median, table } from './harness.mjs';
import { isMain, writeResult } from './results.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const pkg = JSON.stringify(new URL('../pkg/dist/node.mjs', import.meta.url).href);

const SCRIPTS = {
  bare: '',
  sdk: `
    const { DynamoDBClient, PutItemCommand } = await import('@aws-sdk/client-dynamodb');
    const client = new DynamoDBClient({ region: 'us-east-1' });
    new PutItemCommand({ TableName: 'users', Item: { id: { S: 'u1' }, email: { S: 'ann@example.com' } } });`,
  ours: `
    const { DynamoDBClient } = await import('@aws-sdk/client-dynamodb');
    const { attr, defineModel } = await import(${pkg});
    const User = defineModel({
      table: 'users',
      client: new DynamoDBClient({ region: 'us-east-1' }),
      attributes: { id: attr.string({ hashKey: true }), email: attr.encryptedString({ key: new Uint8Array(32).fill(7) }) },
    });
    if (!User.create({ id: 'u1', email: 'ann@example.com' }).toJSON().email.B) throw new Error('not encrypted');`,
};

/**
 * Runs `script` (ESM) in a fresh Node process, with `env` added to the environment: ms from process
 * start to its end, in process and by wall clock, and the process's CPU time (all threads; steadier
 * than either when the machine is busy).
 */
export function timeFresh(script, what, env = {}) {
  const t0 = process.hrtime.bigint();
  const r = spawnSync(process.execPath, ['--input-type=module', '-e', `${script}\nconst cpu = process.cpuUsage();\nprocess.stdout.write(performance.now() + ' ' + (cpu.user + cpu.system) / 1e3);`], {
    cwd: root,
    encoding: 'utf8',
    env: { ...process.env, AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true', ...env },
  });
  const wallMs = Number(process.hrtime.bigint() - t0) / 1e6;
  if (r.status !== 0) throw new Error(`${what} failed: ${r.stderr}`);
  const [inProcessMs, cpuMs] = r.stdout.split(' ').map(Number);
  return { inProcessMs, cpuMs, wallMs };
}

const once = (mode) => timeFresh(SCRIPTS[mode], `cold start '${mode}'`);

export function run({ smoke = false } = {}) {
  const runs = smoke ? 1 : 21;
  const modes = Object.keys(SCRIPTS);
  const samples = Object.fromEntries(modes.map((m) => [m, []]));
  for (let i = 0; i < runs; i++) for (const m of i % 2 ? [...modes].reverse() : modes) samples[m].push(once(m));
  const stat = (m, k) => median(samples[m].map((s) => s[k]));
  const result = {
    machine: machine(), smoke, runs,
    medians: Object.fromEntries(modes.map((m) => [m, { inProcessMs: stat(m, 'inProcessMs'), wallMs: stat(m, 'wallMs') }])),
  };
  result.addedMs = { inProcess: stat('ours', 'inProcessMs') - stat('sdk', 'inProcessMs'), wall: stat('ours', 'wallMs') - stat('sdk', 'wallMs') };
  console.log(`\n### Cold start (median of ${runs} fresh processes per mode)\n`);
  console.log(table(['mode', 'start → done, in process (ms)', 'process wall clock (ms)'], [
    ...modes.map((m) => [m, result.medians[m].inProcessMs.toFixed(1), result.medians[m].wallMs.toFixed(1)]),
    ['added by dynamodb-mate (ours − sdk)', result.addedMs.inProcess.toFixed(1), result.addedMs.wall.toFixed(1)],
  ]));
  return result;
}

if (isMain(import.meta.url)) writeResult('cold-start', run({ smoke: process.argv.includes('--smoke') }));
