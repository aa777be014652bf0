// The benchmark summary of docs/benchmarks.md ("Latest results") from the latest
// bench/results/*.json: codec ratios by size, the issues' targets with the measured value and whether
// each is met. `node bench/summary.mjs` prints it and writes it into docs/benchmarks.md, and the
// targets into the README, without re-measuring (bench/run.mjs does both after a full run).
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { sizeName } from './data.mjs';
import { isMain } from './results.mjs';
import { ratio, table } from './harness.mjs';

const load = (name) => {
  const file = new URL(`./results/${name}.json`, import.meta.url);
  return existsSync(file) ? JSON.parse(readFileSync(file, 'utf8')) : undefined;
};

/** The worst cell of `key` over all rows that have it: `{ value, op, size }`. */
function worst(rows, key) {
  return rows.filter((r) => Number.isFinite(r[key])).reduce((w, r) => (w && w.value <= r[key] ? w : { value: r[key], op: r.op, size: r.size }), undefined);
}


const mark = (ok) => (ok ? 'met' : '**not met**');

const MODEL = 'dynamodb-mate model';
const FAST_OFF = 'dynamodb-mate model, JS fast paths off';

/** The model-path rows of bench/item.mjs: per case, ours ÷ the SDK, with the fast decode path and without. */
function itemTable(rows) {
  const cases = [...new Set(rows.filter((r) => r.bench === 'item-model').map((r) => r.case))];
  const cell = (c, impl) => rows.find((r) => r.case === c && r.impl === impl);
  return table(['case (plain 20-attribute item; ~1 MB query page)', 'this library ÷ the SDK', 'µs CPU, ours vs the SDK', 'without the JS fast paths'], cases.map((c) => {
    const ours = cell(c, MODEL);
    const sdk = rows.find((r) => r.case === c && r.impl.startsWith('the SDK'));
    return [c, ratio(ours.vsSdk), `${ours.cpuUs.toFixed(1)} vs ${sdk.cpuUs.toFixed(1)}`, cell(c, FAST_OFF) ? ratio(cell(c, FAST_OFF).vsSdk) : ''];
  }));
}

/** Issue 14's targets: the item codec at or below the SDK doing the same work. */
function itemTargets(rows) {
  const targets = [];
  const realistic = rows.find((r) => r.bench === 'item' && r.case === 'encode + decode' && r.impl.startsWith('dynamodb-mate'));
  if (realistic) {
    const share = 1 / realistic.ratio;
    targets.push(['Item (issue 14): the realistic item at or below the SDK + node:zlib/node:crypto by hand', `${ratio(share)} (encode + decode, CPU)`, mark(share <= 1)]);
  }
  for (const [title, c] of [['the plain item, save() + get()', 'plain item: save() + get()'], ['a 1,000-item query page into model instances vs the DocumentClient', 'queryPage of 1000 items']]) {
    const ours = rows.find((r) => r.case === c && r.impl === MODEL);
    if (ours) targets.push([`Item (issue 14): ${title} at or below the SDK`, `${ratio(ours.vsSdk)} (CPU)`, mark(ours.vsSdk <= 1)]);
  }
  return targets;
}

/**
 * Issue 14's targets against what a user would write by hand (`oursVsHand`, bench/codecs.mjs):
 * [target, op ids, key, smallest size, largest size, wanted ratio].
 */
const HAND_TARGETS = [
  ['aead randomized (GCM) ≥ 0.9× plain node:crypto AES-256-GCM, encrypt and decrypt, 64 B–256 KiB', ['gcmEncrypt', 'gcmDecrypt'], 'oursVsHand', 0, 256 * 1024, 0.9],
  ['aead deterministic (GCM-SIV) ≥ 0.9× HMAC-nonce AES-256-GCM by hand, encrypt and decrypt, 64 B–256 KiB', ['gcmSivEncrypt', 'gcmSivDecrypt'], 'oursVsHand', 0, 256 * 1024, 0.9],
  ['pynamodb_mate CTR decrypt ≥ 0.9× JSON.parse + table base85 + node:crypto AES-CTR, 1–256 KiB', ['ctrDecrypt'], 'oursVsHand', 1024, 256 * 1024, 0.9],
  ['pynamodb_mate CTR decrypt ≥ 2× the same with @noble, 1–256 KiB', ['ctrDecrypt'], 'oursVsJs', 1024, 256 * 1024, 2],
  ['pynamodb_mate ECB encrypt ≥ 0.9× node:crypto AES-256-ECB at 1 KiB', ['ecbEncrypt'], 'oursVsHand', 1024, 1024, 0.9],
];

/** The "by hand" table of the codec results (none in results older than it). */
function byHandTable(codecs, sizes) {
  const ops = Object.keys(codecs.titles).filter((op) => codecs.rows.some((r) => r.op === op && Number.isFinite(r.oursVsHand)));
  if (ops.length === 0) return [];
  const cell = (op, s) => ratio(codecs.rows.find((r) => r.op === op && r.size === s)?.oursVsHand);
  return [
    '\nthis library in Node ÷ what a user would write instead with node:crypto (plain AES-256-GCM in a format of their own; for pynamodb_mate, the same bytes by hand; ≥ 0.9× wanted):\n',
    table(['codec', ...sizes.map(sizeName)], ops.map((op) => [codecs.titles[op], ...sizes.map((s) => cell(op, s))])),
  ];
}

/** Issue 14's codec targets against code by hand, as target rows. */
function handTargets(codecs, where) {
  if (!codecs.rows.some((r) => Number.isFinite(r.oursVsHand))) return [];
  return HAND_TARGETS.map(([title, ids, key, from, to, wanted]) => {
    const w = worst(codecs.rows.filter((r) => ids.includes(r.op) && r.size >= from && r.size <= to), key);
    return w ? [title, `worst ${where(w)}`, mark(w.value >= wanted)] : [title, 'not measured', ''];
  });
}

/** Every table of the latest results, and the targets with what was measured. */
function results() {
  const codecs = load('codecs');
  const where = (w) => `${ratio(w.value)} (${codecs.titles[w.op]}, ${sizeName(w.size)})`;
  const cold = load('cold-start');
  const codecCold = load('codec-cold-start');
  const sizes = load('sizes');
  const item = load('item');
  const tracker = load('tracker');
  const e2e = load('e2e');
  const lambda = load('lambda-cold');
  const out = [];
  if (codecs) {
    const { cpu, cpus, node, date } = codecs.machine;
    out.push(`Measured ${date.slice(0, 10)} on ${cpu} (${cpus} vCPU), Node ${node}: \`node bench/run.mjs\`.`);
    const sizesMeasured = [...new Set(codecs.rows.map((r) => r.size))];
    for (const [key, title] of [
      ['oursVsNative', 'this library in Node ÷ node:zlib / node:crypto doing the same work (≥ 0.9× wanted; — : Node has no GCM-SIV)'],
      ['oursVsJs', 'this library in Node ÷ pako / @noble doing the same work (≥ 2× wanted)'],
      ['wasmVsJs', 'the wasm path alone (what browsers run) ÷ pako / @noble (≥ 2× wanted)'],
    ]) {
      out.push(`\n${title}:\n`);
      out.push(table(['codec', ...sizesMeasured.map(sizeName)], Object.entries(codecs.titles).map(([op, name]) => [
        name, ...sizesMeasured.map((s) => ratio(codecs.rows.find((r) => r.op === op && r.size === s)?.[key])),
      ])));
    }
    out.push(...byHandTable(codecs, sizesMeasured));
  }
  if (item?.rows.some((r) => r.bench === 'item-model')) {
    out.push('\nThe item codec through the model, this library ÷ the SDK (CPU time; ≤ 1.00× wanted; `bench/item.mjs`):\n');
    out.push(itemTable(item.rows));
  }
  const targets = [];
  if (codecs) {
    const n = worst(codecs.rows, 'oursVsNative');
    const j = worst(codecs.rows, 'oursVsJs');
    const w = worst(codecs.rows, 'wasmVsJs');
    targets.push(['Node: every codec ≥ 0.9× native at every size', `worst ${where(n)}`, mark(n.value >= 0.9)]);
    targets.push(['Node: every codec ≥ 2× pure JS at every size', `worst ${where(j)}`, mark(j.value >= 2)]);
    targets.push(['Browsers (wasm path): ≥ 2× pure JS at every size', `worst ${where(w)}`, mark(w.value >= 2)]);
    targets.push(...handTargets(codecs, where));
  }
  if (item) {
    const ours = item.rows.find((r) => r.case === 'encode + decode' && r.impl.startsWith('dynamodb-mate'));
    const cpu = ours?.cpuUs === undefined ? '' : ` (${ours.cpuUs.toFixed(1)} µs CPU)`;
    if (ours) targets.push(['Item: encode + decode of the 20-attribute item ≤ 25 µs', `${ours.us.toFixed(1)} µs${cpu}`, mark(ours.us <= 25)]);
    targets.push(...itemTargets(item.rows));
  }
  for (const op of ['put', 'get']) {
    const row = e2e?.rows.find((r) => r.op === op);
    if (row) targets.push([`End to end: model ${op} within 5% of the raw SDK (DynamoDB Local)`, `${row.modelOps.toFixed(0)} vs ${row.rawOps.toFixed(0)} ops/s: ${row.overheadPct.toFixed(1)}% overhead`, mark(row.overheadPct <= 5)]);
  }
  if (tracker) {
    const share = tracker.runTasksPerSecond / tracker.rawConditionalUpdatesPerSecond;
    targets.push(['Tracker: ≥ 80% of the raw conditional-UpdateItem rate', `run() ${tracker.runTasksPerSecond.toFixed(0)} tasks/s (2 UpdateItems each) vs ${tracker.rawConditionalUpdatesPerSecond.toFixed(0)} UpdateItems/s (the same pair replayed with the SDK): ${(share * 100).toFixed(0)}% per task, ${(share * 200).toFixed(0)}% per UpdateItem`, mark(share * 2 >= 0.8)]);
  }
  if (cold) {
    targets.push(['Cold start of the model path: ≤ 5 ms added over the same work by hand on the SDK', `${cold.addedMs.afterSdkClient.toFixed(1)} ms after the SDK client, ${cold.addedMs.inProcess.toFixed(1)} ms for the whole process (medians of ${cold.runs} paired fresh processes: import + model with a compressed and an encrypted attribute + first item saved)`, mark(cold.addedMs.afterSdkClient <= 5)]);
    if (cold.plainAddedMs) {
      targets.push(['Cold start of the model path, plain attributes (no wasm loaded): ≤ 5 ms added', `${cold.plainAddedMs.afterSdkClient.toFixed(1)} ms after the SDK client, ${cold.plainAddedMs.inProcess.toFixed(1)} ms for the whole process (medians of ${cold.runs} paired fresh processes: import + model of string attributes + first item saved, against marshall by hand)`, mark(cold.plainAddedMs.afterSdkClient <= 5)]);
    }
  }
  if (lambda?.summary.addedMs) {
    const { handler, 'bare-handler': bare, addedMs } = lambda.summary;
    targets.push(['Lambda: the esbuild bundle of the example handler adds ≤ 5 ms to require + first invocation', `${addedMs.importAndFirstGet.toFixed(1)} ms (median of ${handler.runs} paired fresh processes; bundle ${(handler.files.bundle.gzip / 1000).toFixed(0)} KB gzip + the .wasm vs ${(bare.files.bundle.gzip / 1000).toFixed(0)} KB for the bare-SDK handler: \`node bench/lambda-cold.mjs\`)`, mark(addedMs.importAndFirstGet <= 5)]);
  }
  if (codecCold) {
    targets.push(['Codec entry: import + first gzip + first aead encryption of 1 KiB ≤ 5 ms over node:zlib + node:crypto by hand', `${codecCold.addedMs.inProcess.toFixed(1)} ms (median of ${codecCold.runs} paired fresh processes: ${codecCold.medians.codec.inProcessMs.toFixed(0)} ms vs ${codecCold.medians.native.inProcessMs.toFixed(0)} ms)`, mark(codecCold.addedMs.inProcess <= 5)]);
  }
  if (sizes) {
    const wasm = sizes.files['dynamodb_mate_bg.wasm'];
    targets.push(['`.wasm` ≤ 70 KB gzipped', `${(wasm.gzip / 1000).toFixed(1)} KB gzip (${(wasm.raw / 1000).toFixed(1)} KB raw, ${(wasm.brotli / 1000).toFixed(1)} KB brotli); npm pack: ${(sizes.pack.tarball / 1000).toFixed(0)} KB tarball, ${(sizes.pack.unpacked / 1000).toFixed(0)} KB unpacked`, mark(wasm.gzip <= 70_000)]);
  }
  return { measured: out[0], tables: out.slice(1), targets: table(['target', 'measured', ''], targets) };
}

/** The summary of docs/benchmarks.md: where and how it was measured, the ratio tables, the targets. */
export function summary() {
  const { measured, tables, targets } = results();
  return [measured, ...tables, '\nTargets:\n', targets].join('\n');
}

/** The README's part: where and how it was measured, and the targets. */
export function readmeSummary() {
  const { measured, targets } = results();
  return [measured, '', targets].join('\n');
}

const DOC = new URL('../docs/benchmarks.md', import.meta.url);
const README = new URL('../README.md', import.meta.url);
const MARKERS = {
  doc: ['<!-- summary: written by node bench/summary.mjs from bench/results/ -->\n', '\n<!-- end of summary -->'],
  readme: ['<!-- targets: written by node bench/summary.mjs from bench/results/ -->\n', '\n<!-- end of targets -->'],
};

/** `doc` (the text of docs/benchmarks.md, or of the README with `which` 'readme') with `text` between its markers. */
export function withSummary(doc, text, which = 'doc') {
  const [start, end] = MARKERS[which];
  const from = doc.indexOf(start);
  const to = doc.indexOf(end, from);
  if (from < 0 || to < 0) throw new Error(`${which === 'doc' ? 'docs/benchmarks.md' : 'README.md'} has lost its summary markers`);
  return `${doc.slice(0, from + start.length)}\n${text}\n${doc.slice(to)}`;
}

/** Prints the summary and writes it into docs/benchmarks.md, and the targets into the README. */
export function publishSummary() {
  const text = summary();
  console.log(text);
  writeFileSync(DOC, withSummary(readFileSync(DOC, 'utf8'), text));
  writeFileSync(README, withSummary(readFileSync(README, 'utf8'), readmeSummary(), 'readme'));
}

if (isMain(import.meta.url)) publishSummary();
