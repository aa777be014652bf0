// Cold start of the Lambda example (examples/lambda/): the dynamodb-mate handler (a model with a
// compressed and an encrypted attribute; its bundle compiles the .wasm at load) next to the same
// handler on the bare SDK. Each sample is a fresh node process, as a Lambda cold start, run the way
// tests/package/lambda-runtime.mjs runs it (read-only directory): `import` is the require() of the
// bundle, `first get` the first invocation (a GetItem on DynamoDB Local: SDK set-up, connection,
// decoding), `process` the whole process from spawn to exit (node's own start included). The two
// handlers alternate so that drift hits both. "Added" is the median of the paired differences
// handler − bare-handler (same round) of require + first invocation (issue 15: ≤ 5 ms). The bundles
// are built as the package README says (esbuild, nothing external): their sizes, raw and gzip, are
// what a deployment uploads. Prints medians and writes bench/results/lambda-cold.json.
//
//   scripts/build.sh; scripts/servers.sh start; set -a; . target/servers.env; set +a
//   node bench/lambda-cold.mjs [--runs N | --smoke]   (default 11 runs; --smoke: 1, nothing written)
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { CreateTableCommand, DeleteTableCommand, DynamoDBClient, waitUntilTableExists } from '@aws-sdk/client-dynamodb';
import { buildLambda } from '../examples/lambda/build.mjs';
import { invokeFresh } from '../tests/package/lambda-runtime.mjs';

const endpoint = process.env.DDB_LOCAL_ENDPOINT;
if (!endpoint) throw new Error('DDB_LOCAL_ENDPOINT is not set (scripts/servers.sh start; set -a; . target/servers.env; set +a)');
const smoke = process.argv.includes('--smoke'); // one run each, nothing written: checks that it runs
const runsAt = process.argv.indexOf('--runs');
const RUNS = smoke ? 1 : runsAt > 0 ? Number(process.argv[runsAt + 1]) : 11;
const HANDLERS = ['handler', 'bare-handler'];
const root = new URL('../', import.meta.url).pathname;

const tmp = mkdtempSync(join(tmpdir(), 'dmate-lambda-cold-'));
const table = `bench-lambda-${Date.now().toString(36)}`;
const client = new DynamoDBClient({ region: 'us-east-1', endpoint, credentials: { accessKeyId: 'test', secretAccessKey: 'test' } });
const env = {
  AWS_REGION: 'us-east-1',
  AWS_ACCESS_KEY_ID: 'test',
  AWS_SECRET_ACCESS_KEY: 'test',
  AWS_ENDPOINT_URL_DYNAMODB: endpoint,
  AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
  NOTES_TABLE: table,
  NOTES_PASSWORD: 'bench-password',
};
const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
const size = (file) => {
  const bytes = readFileSync(file);
  return { raw: bytes.length, gzip: gzipSync(bytes, { level: 9 }).length };
};

try {
  await client.send(new CreateTableCommand({
    TableName: table,
    KeySchema: [{ AttributeName: 'id', KeyType: 'HASH' }],
    AttributeDefinitions: [{ AttributeName: 'id', AttributeType: 'S' }],
    BillingMode: 'PAY_PER_REQUEST',
  }));
  await waitUntilTableExists({ client, maxWaitTime: 30 }, { TableName: table });

  const results = {};
  for (const name of HANDLERS) {
    const dir = join(tmp, name);
    await buildLambda(join(root, `examples/lambda/${name}.mjs`), dir, { fromRepo: true });
    const files = { bundle: size(join(dir, 'index.js')) };
    if (name === 'handler') files.wasm = size(join(dir, 'dynamodb_mate_bg.wasm'));
    results[name] = { dir, files, samples: [] };
    // The item each sample reads (and a warm-up of the page cache, not counted).
    invokeFresh(dir, { action: 'put', id: name, body: 'Cold start. '.repeat(200), owner: 'ann@example.com' }, env);
  }
  for (let i = 0; i < RUNS; i++) {
    for (const name of i % 2 ? [...HANDLERS].reverse() : HANDLERS) {
      const t0 = performance.now();
      const r = invokeFresh(results[name].dir, { action: 'get', id: name }, env);
      const processMs = performance.now() - t0;
      if (r.result?.id !== name) throw new Error(`${name}: unexpected result ${JSON.stringify(r.result)}`);
      results[name].samples.push({ importMs: r.importMs, invokeMs: r.invokeMs, processMs });
    }
  }

  const summary = Object.fromEntries(HANDLERS.map((name) => {
    const { files, samples } = results[name];
    const med = (k) => Math.round(median(samples.map((s) => s[k])) * 10) / 10;
    return [name, { files, runs: RUNS, importMs: med('importMs'), firstGetMs: med('invokeMs'), processMs: med('processMs') }];
  }));
  const ours = results.handler.samples;
  const bare = results['bare-handler'].samples;
  const paired = (f) => Math.round(median(ours.map((s, i) => f(s) - f(bare[i]))) * 10) / 10;
  summary.addedMs = { importAndFirstGet: paired((s) => s.importMs + s.invokeMs), process: paired((s) => s.processMs) };
  console.log(`Lambda cold start, median of ${RUNS} fresh processes (node ${process.version}), DynamoDB Local`);
  console.log('| handler | bundle (gzip) | .wasm (gzip) | import | first get | process |');
  console.log('| --- | --- | --- | --- | --- | --- |');
  for (const name of HANDLERS) {
    const s = summary[name];
    const kb = (f) => (f ? `${(f.raw / 1024).toFixed(0)} KiB (${(f.gzip / 1024).toFixed(0)} KiB)` : '-');
    console.log(`| ${name} | ${kb(s.files.bundle)} | ${kb(s.files.wasm)} | ${s.importMs} ms | ${s.firstGetMs} ms | ${s.processMs} ms |`);
  }
  console.log(`| added by dynamodb-mate (median of paired differences) | | | import + first get: ${summary.addedMs.importAndFirstGet} ms | | ${summary.addedMs.process} ms |`);
  if (!smoke) {
    mkdirSync(join(root, 'bench/results'), { recursive: true });
    const out = { date: new Date().toISOString(), node: process.version, cpu: `${cpus().length} x ${cpus()[0]?.model}`, summary };
    writeFileSync(join(root, 'bench/results/lambda-cold.json'), `${JSON.stringify(out, null, 2)}\n`);
  }
} finally {
  await client.send(new DeleteTableCommand({ TableName: table })).catch(() => {});
  client.destroy();
  rmSync(tmp, { recursive: true, force: true });
}
