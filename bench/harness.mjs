// Timing shared by the benches. All implementations of one comparison run in this process,
// interleaved round-robin (each round times one batch of each, in a rotating order), so load from
// elsewhere and CPU frequency drift hit them alike; each gets a warm-up first (V8 tiers JS and wasm
// up to TurboFan) and a batch size calibrated to `batchMs`. The result is the median over rounds.
import { cpus } from 'node:os';

/** Timing settings of a full run and of `--smoke` (one call, one round: it checks, not measures). */
export const FULL = { warmupMs: 120, batchMs: 25, rounds: 7, minCalls: 2 };
export const SMOKE = { warmupMs: 0, batchMs: 0, rounds: 1, minCalls: 1 };

const now = () => Number(process.hrtime.bigint());
/** This process's CPU time in ns: on a machine shared with other work, waiting for a core is not counted. */
const cpuNow = () => {
  const { user, system } = process.cpuUsage();
  return (user + system) * 1e3;
};
export const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

let sink; // results land here so that no call can be optimised away

/**
 * Times `impls` ([{ name, fn, before? }]; `before()` runs untimed before each batch, e.g. to switch
 * a dispatch mode) and returns `{ name: { ns, rounds } }`: median nanoseconds per call and the
 * per-round values. `settings.clock: 'cpu'` times the rounds in process CPU time instead of wall time.
 */
export function compare(impls, settings) {
  const { warmupMs, batchMs, rounds, minCalls } = settings;
  const clock = settings.clock === 'cpu' ? cpuNow : now;
  const batch = new Map();
  for (const impl of impls) {
    impl.before?.();
    let calls = 0;
    const t0 = now();
    let elapsed = 0;
    while (calls < minCalls || elapsed < warmupMs * 1e6) {
      sink = impl.fn();
      calls++;
      elapsed = now() - t0;
    }
    batch.set(impl.name, Math.max(1, Math.round((batchMs * 1e6) / (elapsed / calls))));
  }
  const perRound = new Map(impls.map((i) => [i.name, []]));
  for (let r = 0; r < rounds; r++) {
    for (let k = 0; k < impls.length; k++) {
      const impl = impls[(r + k) % impls.length];
      const n = batch.get(impl.name);
      impl.before?.();
      const t0 = clock();
      for (let i = 0; i < n; i++) sink = impl.fn();
      perRound.get(impl.name).push((clock() - t0) / n);
    }
  }
  return Object.fromEntries([...perRound].map(([name, xs]) => [name, { ns: median(xs), rounds: xs }]));
}

/** What the results were measured on. */
export function machine() {
  const c = cpus();
  return { cpu: c[0]?.model.trim(), cpus: c.length, node: process.version, v8: process.versions.v8, date: new Date().toISOString() };
}


/** `1.23×`, or `—` when a side is missing. */
export const ratio = (x) => (x === undefined || !Number.isFinite(x) ? '—' : `${x >= 10 ? x.toFixed(0) : x.toFixed(2)}×`);

/** Prints a Markdown table. */
export function table(header, rows) {
  const lines = [`| ${header.join(' | ')} |`, `| ${header.map((_, i) => (i === 0 ? '---' : '---:')).join(' | ')} |`];
  for (const r of rows) lines.push(`| ${r.join(' | ')} |`);
  return lines.join('\n');
}
