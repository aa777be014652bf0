// The codecs of the public API (`codec.*`) at 64 B to 4 MiB: this library as Node runs it (wasm,
// with large inputs dispatched to node:zlib / node:crypto), its wasm path alone (what browsers
// run), and the same work hand-written with node:zlib / node:crypto and with pako / @noble
// (bench/peers.mjs); the encryption rows also against what a user would write instead of this
// library with node:crypto, in a format of their own ("by hand": `byHand` in bench/peers.mjs, or
// the native peer where the bytes are pynamodb_mate's). Every output is checked against the others
// (or, in another format, by round trips) before timing; each row is timed in this process with
// its implementations interleaved (bench/harness.mjs).
//
//   node bench/codecs.mjs [--smoke] [--only gzip,sha256,...] [--rounds N] [--cpu]
// (writes bench/results/codecs.json; --cpu times in process CPU time, for a machine shared with
// other work, --rounds takes the median of more rounds than the default 7)
import assert from 'node:assert/strict';
import { gunzipSync } from 'node:zlib';
import { codec } from '../js/node.mjs';
import { useNative } from '../js/codec/node-native.mjs';
import { random, sizeName, text, KiB, MiB } from './data.mjs';
import { compare, FULL, machine, ratio, SMOKE, table } from './harness.mjs';
import { byHand, js, native } from './peers.mjs';
import { isMain, option, writeResult } from './results.mjs';

export const SIZES = [64, KiB, 16 * KiB, 256 * KiB, 4 * MiB];
const SMOKE_SIZES = [64, 64 * KiB];

const KEY = random(32);
const TABLE = 'bench';
const ATTRIBUTE = 'value';
const aead = { key: KEY, table: TABLE, attribute: ATTRIBUTE };
const aeadRandom = { ...aead, deterministic: false };
const legacy = { key: KEY, format: 'pynamodb_mate' };
const legacyRandom = { ...legacy, deterministic: false };
const asBinary = (opts) => ({ ...opts, kind: 'binary' });
const same = (outputs) => outputs.forEach((o) => assert.deepEqual(o, outputs[0]));
const HAND_AAD = byHand.aad(TABLE, ATTRIBUTE);
const HAND_KEYS = byHand.deterministicKeys(KEY);
/** Checks of a by-hand output: it opens to the input, or it is the plaintext ours gave. */
const opensTo = (open) => (out, d) => assert.deepEqual(new Uint8Array(open(out)), d);
const sameAsOurs = (out, d, outs) => assert.deepEqual(new Uint8Array(out), outs[0]);

/**
 * One row per codec operation: `input(size)`, then `ours(input)` (the public API) and the peers'
 * calls (`null`: the peer has no such operation), and `check(outputs, input)` over every output.
 * `byHand`: what a user would write instead, `run` on `input(size)` (or its own `input(size)`),
 * its output checked by `check(out, input, outputs)`; `nativeIsByHand`: the native peer is that.
 */
export const OPS = [
  {
    id: 'gzip9', title: 'gzip, level 9 (the default)', input: text,
    ours: (d) => codec.gzip(d, { level: 9 }), native: (d) => native.gzip(d, 9), js: (d) => js.gzip(d, 9),
    check: (outs, d) => outs.forEach((o) => {
      assert.deepEqual(codec.gunzip(o), d);
      assert.deepEqual(new Uint8Array(gunzipSync(o)), d);
    }),
  },
  {
    id: 'gzip6', title: 'gzip, level 6', input: text,
    ours: (d) => codec.gzip(d, { level: 6 }), native: (d) => native.gzip(d, 6), js: (d) => js.gzip(d, 6),
    check: (outs, d) => outs.forEach((o) => assert.deepEqual(codec.gunzip(o), d)),
  },
  {
    id: 'gunzip', title: 'gunzip', input: (n) => codec.gzip(text(n)),
    ours: (gz) => codec.gunzip(gz), native: (gz) => native.gunzip(gz), js: (gz) => js.gunzip(gz),
    check: (outs) => same(outs.map((o) => new Uint8Array(o))),
  },
  {
    id: 'gcmSivEncrypt', title: 'AES-256-GCM-SIV envelope, encrypt (deterministic aead)', input: random,
    ours: (d) => codec.encrypt(d, aead), native: null,
    js: (d) => js.aeadEncrypt(KEY, 'default', TABLE, ATTRIBUTE, d, true),
    check: same,
    byHand: {
      run: (d) => byHand.deterministicEncrypt(HAND_KEYS, HAND_AAD, d),
      check: (out, d) => {
        opensTo((o) => byHand.deterministicDecrypt(HAND_KEYS, HAND_AAD, o))(out, d);
        assert.deepEqual(byHand.deterministicEncrypt(HAND_KEYS, HAND_AAD, d), out);
      },
    },
  },
  {
    id: 'gcmSivDecrypt', title: 'AES-256-GCM-SIV envelope, decrypt', input: (n) => codec.encrypt(random(n), aead),
    ours: (s) => codec.decrypt(s, asBinary(aead)), native: null,
    js: (s) => js.aeadDecrypt(KEY, TABLE, ATTRIBUTE, s),
    check: same,
    byHand: {
      input: (n) => byHand.deterministicEncrypt(HAND_KEYS, HAND_AAD, random(n)),
      run: (s) => byHand.deterministicDecrypt(HAND_KEYS, HAND_AAD, s),
      check: sameAsOurs,
    },
  },
  {
    id: 'gcmEncrypt', title: 'AES-256-GCM envelope, encrypt (randomized aead)', input: random,
    ours: (d) => codec.encrypt(d, aeadRandom),
    native: (d) => native.aeadEncrypt(KEY, 'default', TABLE, ATTRIBUTE, d, false),
    js: (d) => js.aeadEncrypt(KEY, 'default', TABLE, ATTRIBUTE, d, false),
    check: (outs, d) => outs.forEach((o) => {
      assert.deepEqual(codec.decrypt(o, asBinary(aeadRandom)), d);
      assert.deepEqual(native.aeadDecrypt(KEY, TABLE, ATTRIBUTE, o), d);
    }),
    byHand: {
      run: (d) => byHand.gcmEncrypt(KEY, HAND_AAD, d),
      check: opensTo((o) => byHand.gcmDecrypt(KEY, HAND_AAD, o)),
    },
  },
  {
    id: 'gcmDecrypt', title: 'AES-256-GCM envelope, decrypt', input: (n) => codec.encrypt(random(n), aeadRandom),
    ours: (s) => codec.decrypt(s, asBinary(aeadRandom)),
    native: (s) => native.aeadDecrypt(KEY, TABLE, ATTRIBUTE, s),
    js: (s) => js.aeadDecrypt(KEY, TABLE, ATTRIBUTE, s),
    check: same,
    byHand: {
      input: (n) => byHand.gcmEncrypt(KEY, HAND_AAD, random(n)),
      run: (s) => byHand.gcmDecrypt(KEY, HAND_AAD, s),
      check: sameAsOurs,
    },
  },
  {
    id: 'ecbEncrypt', title: 'AES-256-ECB, encrypt (pynamodb_mate deterministic)', input: random,
    ours: (d) => codec.encrypt(d, legacy), native: (d) => native.ecbEncrypt(KEY, d), js: (d) => js.ecbEncrypt(KEY, d),
    check: same,
    nativeIsByHand: true,
  },
  {
    id: 'ecbDecrypt', title: 'AES-256-ECB, decrypt', input: (n) => codec.encrypt(random(n), legacy),
    ours: (s) => codec.decrypt(s, asBinary(legacy)), native: (s) => native.ecbDecrypt(KEY, s), js: (s) => js.ecbDecrypt(KEY, s),
    check: same,
    nativeIsByHand: true,
  },
  {
    id: 'ctrEncrypt', title: 'AES-256-CTR JSON envelope, encrypt (pynamodb_mate random)', input: random,
    ours: (d) => codec.encrypt(d, legacyRandom), native: (d) => native.ctrEncrypt(KEY, d), js: (d) => js.ctrEncrypt(KEY, d),
    check: (outs, d) => outs.forEach((o) => {
      assert.deepEqual(codec.decrypt(o, asBinary(legacyRandom)), d);
      assert.deepEqual(native.ctrDecrypt(KEY, o), d);
    }),
    nativeIsByHand: true,
  },
  {
    id: 'ctrDecrypt', title: 'AES-256-CTR JSON envelope, decrypt', input: (n) => codec.encrypt(random(n), legacyRandom),
    ours: (s) => codec.decrypt(s, asBinary(legacyRandom)), native: (s) => native.ctrDecrypt(KEY, s), js: (s) => js.ctrDecrypt(KEY, s),
    check: same,
    nativeIsByHand: true,
  },
  {
    id: 'sha256', title: 'SHA-256, hex', input: random,
    ours: (d) => codec.sha256Hex(d), native: (d) => native.sha256Hex(d), js: (d) => js.sha256Hex(d),
    check: same,
  },
  {
    id: 'md5', title: 'MD5, hex', input: random,
    ours: (d) => codec.md5Hex(d), native: (d) => native.md5Hex(d), js: (d) => js.md5Hex(d),
    check: same,
  },
];

/** The implementations of one row: ours with and without native dispatch, then the peers. */
function implementations(op, input, handInput) {
  const impls = [
    { name: 'ours', fn: () => op.ours(input), before: () => useNative(true) },
    { name: 'wasm', fn: () => op.ours(input), before: () => useNative(false) },
  ];
  if (op.native) impls.push({ name: 'native', fn: () => op.native(input) });
  impls.push({ name: 'js', fn: () => op.js(input) });
  if (op.byHand) impls.push({ name: 'byHand', fn: () => op.byHand.run(handInput) });
  return impls;
}

/** Every output of `impls` checked by `op.check` against the others and the input. */
function verify(op, impls, input) {
  const outputs = impls.map((impl) => {
    impl.before?.();
    return impl.fn();
  });
  useNative(true);
  const hand = impls.findIndex((impl) => impl.name === 'byHand');
  if (hand >= 0) op.byHand.check(outputs.splice(hand, 1)[0], input, outputs);
  op.check(outputs, input);
}

const MBps = (size, ns) => (size * 1e3) / ns; // 10^6 bytes per second

/** Runs the rows; returns the results and prints one table per operation. */
export function run({ smoke = false, only, rounds, cpu = false } = {}) {
  const settings = smoke ? SMOKE : { ...FULL, rounds: rounds ?? FULL.rounds, clock: cpu ? 'cpu' : 'wall' };
  const sizes = smoke ? SMOKE_SIZES : SIZES;
  const rows = [];
  for (const op of OPS.filter((o) => !only || only.includes(o.id))) {
    const lines = [];
    for (const size of sizes) {
      const input = op.input(size);
      const impls = implementations(op, input, op.byHand?.input?.(size) ?? input);
      verify(op, impls, input);
      // The largest inputs take up to ~0.5 s per call in pure JS: fewer rounds keep the run bounded.
      const r = compare(impls, size >= 4 * MiB && !smoke ? { ...settings, rounds: 5, warmupMs: 0 } : settings);
      useNative(true);
      const ns = Object.fromEntries(Object.entries(r).map(([k, v]) => [k, v.ns]));
      const row = {
        op: op.id, size, ns,
        mbps: Object.fromEntries(Object.entries(ns).map(([k, v]) => [k, MBps(size, v)])),
        oursVsNative: ns.native / ns.ours, oursVsJs: ns.js / ns.ours, wasmVsJs: ns.js / ns.wasm,
        oursVsHand: (op.nativeIsByHand ? ns.native : ns.byHand) / ns.ours,
      };
      rows.push(row);
      const f = (k) => (ns[k] === undefined ? '—' : row.mbps[k].toPrecision(3));
      lines.push([sizeName(size), f('ours'), f('wasm'), f('native'), f('js'), f('byHand'),
        ratio(row.oursVsNative), ratio(row.oursVsJs), ratio(row.wasmVsJs), ratio(row.oursVsHand)]);
    }
    console.log(`\n### ${op.title}\n`);
    console.log(table(['size', 'ours MB/s', 'wasm MB/s', 'native MB/s', 'pure JS MB/s', 'by hand MB/s',
      'ours ÷ native', 'ours ÷ JS', 'wasm ÷ JS', 'ours ÷ by hand'], lines));
  }
  return { machine: machine(), smoke, settings, titles: Object.fromEntries(OPS.map((o) => [o.id, o.title])), rows };
}

if (isMain(import.meta.url)) {
  writeResult('codecs', run({
    smoke: process.argv.includes('--smoke'),
    only: option('--only')?.split(','),
    rounds: option('--rounds') && Number(option('--rounds')),
    cpu: process.argv.includes('--cpu'),
  }));
}
