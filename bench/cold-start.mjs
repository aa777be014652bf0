// Cold start of the model path: fresh Node processes, run in rounds (one process per mode, the order
// alternating), each timing itself from process start (performance.now(), whose origin is the
// process's) to the end of its work:
//   bare:  nothing imported (Node's own start-up);
//   sdk:   the SDK client created, then by hand: node:zlib + node:crypto + marshall imported, one item
//          with a gzip body and an AES-256-GCM sealed email marshalled into a PutItemCommand;
//   ours:  the SDK client created, the built package (pkg/) imported, a model with a compressed and
//          an encrypted attribute defined, the same item saved: the model builds its PutItemCommand,
//          which a stand-in for the client keeps instead of sending;
//   wasm:  the SDK client created, the package's .wasm read and compiled (WebAssembly.Module), no
//          more: the share of the wasm compile in `ours`'s library import;
//   sdk plain, plain: as sdk and ours with a plain item (strings only: no gzip, no encryption), the
//          model's attributes plain too: the path on which Node never loads the wasm.
// "Added" is the median of the paired differences ours − sdk (and plain − sdk plain) of the same
// round: what this library adds to a service that uses the SDK anyway (issue 15: ≤ 5 ms); also
// after the SDK client, the same code in both modes, whose 100+ ms dominate the noise of a shared
// machine. The modes also report where their time goes (phases: SDK client, library import,
// defineModel, first encode).
//
//   node bench/cold-start.mjs [--smoke]      (needs scripts/build.sh; writes bench/results/cold-start.json)
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { machine, median, table } from './harness.mjs';
import { isMain, writeResult } from './results.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const pkg = JSON.stringify(new URL('../pkg/dist/node.mjs', import.meta.url).href);
const wasmFile = JSON.stringify(new URL('../pkg/dist/dynamodb_mate_bg.wasm', import.meta.url).href);

// The item of both modes: a 2 KiB body (compressed) and an email (encrypted, authenticated).
const ITEM = `const body = 'Cold start. '.repeat(170);
    const key = new Uint8Array(32).fill(7);`;
const CLIENT = `const { DynamoDBClient, PutItemCommand } = await import('@aws-sdk/client-dynamodb');
    const client = new DynamoDBClient({ region: 'us-east-1' });
    mark('sdk client');`;

// Run after the timing (so not counted): both modes made the same item, its body gzip of the text
// (plain: the text).
const SHAPE = `const shape = Object.entries(put.input.Item).map(([k, v]) => k + ':' + Object.keys(v)[0]).sort().join();`;
const SAME_ITEM = `
    const { gunzipSync } = await import('node:zlib');
    ${SHAPE}
    if (shape !== 'body:B,email:B,id:S' || gunzipSync(put.input.Item.body.B).toString() !== body) throw new Error('unexpected item ' + shape);`;
const SAME_PLAIN_ITEM = `
    ${SHAPE}
    if (shape !== 'body:S,email:S,id:S' || put.input.Item.body.S !== body) throw new Error('unexpected item ' + shape);`;

/** The package imported, a model of `attributes` defined, the item saved into a PutItemCommand kept by a stand-in client. */
const modelSaves = (attributes) => `
    ${CLIENT}
    const { attr, defineModel } = await import(${pkg});
    mark('library import');
    ${ITEM}
    let put;
    const User = defineModel({
      table: 'users',
      client: { send: async (command) => { put = command; return {}; } },
      attributes: { id: attr.string({ hashKey: true }), ${attributes} },
    });
    mark('defineModel');
    await User.create({ id: 'u1', body, email: 'ann@example.com' }).save();
    if (!(put instanceof PutItemCommand)) throw new Error('no PutItemCommand');
    mark('first encode');`;

const SCRIPTS = {
  bare: '',
  sdk: `
    ${CLIENT}
    const { marshall } = await import('@aws-sdk/util-dynamodb');
    const { gzipSync } = await import('node:zlib');
    const { createCipheriv, randomBytes } = await import('node:crypto');
    mark('helpers import');
    ${ITEM}
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', key, iv);
    const email = Buffer.concat([iv, cipher.update('ann@example.com'), cipher.final(), cipher.getAuthTag()]);
    const put = new PutItemCommand({ TableName: 'users', Item: marshall({ id: 'u1', body: gzipSync(body), email }) });
    mark('first encode');`,
  ours: modelSaves('body: attr.compressedString(), email: attr.encryptedString({ key })'),
  wasm: `
    ${CLIENT}
    const { readFileSync } = await import('node:fs');
    if (!WebAssembly.Module.exports(new WebAssembly.Module(readFileSync(new URL(${wasmFile})))).length) throw new Error('no exports');
    mark('wasm compile');`,
  'sdk plain': `
    ${CLIENT}
    const { marshall } = await import('@aws-sdk/util-dynamodb');
    mark('helpers import');
    ${ITEM}
    const put = new PutItemCommand({ TableName: 'users', Item: marshall({ id: 'u1', body, email: 'ann@example.com' }) });
    mark('first encode');`,
  plain: modelSaves('body: attr.string(), email: attr.string()'),
};
/** The check after the timing of each mode that makes an item. */
const CHECKS = { sdk: SAME_ITEM, ours: SAME_ITEM, 'sdk plain': SAME_PLAIN_ITEM, plain: SAME_PLAIN_ITEM };

/**
 * Runs `script` (ESM) in a fresh Node process, with `env` added to the environment: ms from process
 * start to its end, in process and by wall clock, the process's CPU time (all threads; steadier than
 * either when the machine is busy), `phases`: the ms between the script's `mark(name)` calls (the
 * first from its start), and `at`: the time of each mark. `check` runs after the timing; the run
 * fails if it throws.
 */
export function timeFresh(script, what, { check = '', env = {} } = {}) {
  const prelude = 'const marks = []; const mark = (name) => marks.push([name, performance.now()]); mark(\'start\');';
  const report = 'const cpu = process.cpuUsage(); process.stdout.write(JSON.stringify({ end: performance.now(), cpuMs: (cpu.user + cpu.system) / 1e3, marks }));';
  const t0 = process.hrtime.bigint();
  const r = spawnSync(process.execPath, ['--input-type=module', '-e', `${prelude}\n${script}\n${report}\n${check}`], {
    cwd: root,
    encoding: 'utf8',
    env: { ...process.env, AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true', ...env },
  });
  const wallMs = Number(process.hrtime.bigint() - t0) / 1e6;
  if (r.status !== 0) throw new Error(`${what} failed: ${r.stderr}`);
  const { end, cpuMs, marks } = JSON.parse(r.stdout);
  const phases = Object.fromEntries(marks.slice(1).map(([name, at], i) => [name, at - marks[i][1]]));
  return { inProcessMs: end, cpuMs, wallMs, phases, at: Object.fromEntries(marks) };
}

const once = (mode) => timeFresh(SCRIPTS[mode], `cold start '${mode}'`, { check: CHECKS[mode] ?? '' });

export function run({ smoke = false } = {}) {
  const runs = smoke ? 1 : 21;
  const modes = Object.keys(SCRIPTS);
  const samples = Object.fromEntries(modes.map((m) => [m, []]));
  for (let i = 0; i < runs; i++) for (const m of i % 2 ? [...modes].reverse() : modes) samples[m].push(once(m));
  const stat = (m, k) => median(samples[m].map((s) => s[k]));
  const afterClient = (s) => s.inProcessMs - s.at['sdk client'];
  /** The medians of the paired differences `ours` − `peer` (same round). */
  const added = (ours, peer) => {
    const paired = (f) => median(samples[ours].map((s, i) => f(s) - f(samples[peer][i])));
    return { inProcess: paired((s) => s.inProcessMs), wall: paired((s) => s.wallMs), afterSdkClient: paired(afterClient) };
  };
  const phases = (m) => Object.fromEntries(Object.keys(samples[m][0].phases).map((p) => [p, median(samples[m].map((s) => s.phases[p]))]));
  const result = {
    machine: machine(), smoke, runs,
    medians: Object.fromEntries(modes.map((m) => [m, { inProcessMs: stat(m, 'inProcessMs'), wallMs: stat(m, 'wallMs') }])),
    phases: Object.fromEntries(['sdk', 'ours', 'wasm', 'sdk plain', 'plain'].map((m) => [m, phases(m)])),
    addedMs: added('ours', 'sdk'),
    plainAddedMs: added('plain', 'sdk plain'),
  };
  console.log(`\n### Cold start of the model path (${runs} rounds of fresh processes)\n`);
  console.log(table(['mode', 'start → done, in process (ms)', 'process wall clock (ms)'], [
    ...modes.map((m) => [m, result.medians[m].inProcessMs.toFixed(1), result.medians[m].wallMs.toFixed(1)]),
    ...[['ours', 'sdk', result.addedMs], ['plain', 'sdk plain', result.plainAddedMs]].flatMap(([ours, peer, ms]) => [
      [`added by dynamodb-mate (median of paired ${ours} − ${peer})`, ms.inProcess.toFixed(1), ms.wall.toFixed(1)],
      ['the same, after the SDK client (the same code in both)', ms.afterSdkClient.toFixed(1), ''],
    ]),
  ]));
  console.log('\nWhere the time goes (median ms per phase, from the previous mark):\n');
  console.log(table(['mode', 'phases'], Object.entries(result.phases).map(([m, ph]) => [m, Object.entries(ph).map(([p, ms]) => `${p} ${ms.toFixed(1)}`).join(', ')])));
  return result;
}

if (isMain(import.meta.url)) writeResult('cold-start', run({ smoke: process.argv.includes('--smoke') }));
