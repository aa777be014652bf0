// The benchmark suite in one command. Each area is its own script, run in a fresh Node process
// (so one area's JIT state, heap and loaded modules do not leak into another's numbers); each
// prints its tables and writes bench/results/<area>.json. A full run ends with the summary table,
// also written into docs/benchmarks.md (bench/summary.mjs); `--smoke` runs every area on tiny
// inputs, once, without writing results: what scripts/test.sh runs so that the suite cannot rot.
//
//   node bench/run.mjs [--smoke] [--only codecs,cold-start,...]      (npm run bench)
// Areas that need DynamoDB Local are skipped unless DDB_LOCAL_ENDPOINT is set:
//   scripts/servers.sh start; set -a; . target/servers.env; set +a
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { option } from './results.mjs';
import { publishSummary } from './summary.mjs';

const AREAS = [
  { name: 'codecs', script: 'codecs.mjs' },
  { name: 'item', script: 'item.mjs' },
  { name: 'cold-start', script: 'cold-start.mjs' },
  { name: 'codec-cold-start', script: 'codec-cold-start.mjs' },
  { name: 'sizes', script: 'sizes.mjs' },
  { name: 'e2e', script: 'e2e.mjs', needs: 'DDB_LOCAL_ENDPOINT' },
  { name: 'tracker', script: 'tracker.mjs', needs: 'DDB_LOCAL_ENDPOINT' },
  { name: 'lambda-cold', script: 'lambda-cold.mjs', needs: 'DDB_LOCAL_ENDPOINT' },
];

const smoke = process.argv.includes('--smoke');
const only = option('--only')?.split(',');
const counts = { passed: 0, failed: 0, skipped: 0 };
const started = performance.now();
for (const area of AREAS) {
  if (only && !only.includes(area.name)) continue;
  if (area.needs && !process.env[area.needs]) {
    console.log(`\n== ${area.name}: skipped (${area.needs} is not set)`);
    counts.skipped++;
    continue;
  }
  console.log(`\n== ${area.name}`);
  const t0 = performance.now();
  const r = spawnSync(process.execPath, [fileURLToPath(new URL(area.script, import.meta.url)), ...(smoke ? ['--smoke'] : [])], { stdio: 'inherit' });
  const ok = r.status === 0;
  counts[ok ? 'passed' : 'failed']++;
  console.log(`-- ${area.name}: ${ok ? 'ok' : `FAILED (exit ${r.status ?? r.signal})`} in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
}
if (!smoke && counts.failed === 0) {
  console.log('');
  publishSummary();
}
console.log(`\nbench ${smoke ? 'smoke' : 'run'} took ${((performance.now() - started) / 1000).toFixed(0)} s`);
console.log(`bench: ${counts.passed} passed, ${counts.failed} failed, ${counts.skipped} skipped`);
process.exitCode = counts.failed > 0 ? 1 : 0;
