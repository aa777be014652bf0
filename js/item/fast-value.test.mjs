// The JS fast path of ItemCodec.encodeValue (js/item/fast-value.mjs) against the Rust core: for
// random string and number attributes (every number mode, nullable or not) and random values
// (strings with lone surrogates or a leading U+0000, edge numbers, BigInts, PythonFloats, null,
// undefined, objects), the same AttributeValue or the same error. FAST_VALUE_SEED=<seed> replays.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { PythonFloat } from '../codec/tagged-json.mjs';
import { outcome, randomness, sameOutcome, seedFrom } from '../testing/fast-paths.mjs';
import { ItemCodec } from './codec.mjs';

const SEED = seedFrom('FAST_VALUE_SEED');
const { rand, pick } = randomness(SEED);

const VALUES = [
  '', 'a', 'héllo', '\u0000x', '\u0000s', '\ud83d\ude00', 'lone \ud800', '\udc00', ' 1', '1',
  0, -0, 1, -1, 42, 1.5, -2.25, 1e21, 1e-7, 2 ** 53, 2 ** 53 - 1, -(2 ** 53 - 1), -(2 ** 53), NaN, Infinity, -Infinity,
  10n, -0n, 2n ** 80n, new PythonFloat(1), new PythonFloat(1.5), null, undefined, true, {}, [], new Uint8Array(1), new Date(0),
];
const randomValue = () => (rand() < 0.3 ? Math.floor((rand() - 0.5) * 2 ** (1 + Math.floor(rand() * 60))) : pick(VALUES));

test(`encodeValue's fast path gives the core's AttributeValues and errors (FAST_VALUE_SEED=${SEED})`, () => {
  console.log(`FAST_VALUE_SEED=${SEED}`);
  const specs = [
    { name: 's', type: 'string', nullable: false }, { name: 'sn', type: 'string', nullable: true },
    ...['auto', 'int', 'float'].flatMap((number) => [false, true].map((nullable) => ({ name: `n${number}${nullable}`, type: 'number', number, nullable }))),
    { name: 'v', type: 'version', nullable: true },
  ];
  const codec = new ItemCodec('V', specs, 'table', { hashKey: 's' });
  let fastOnes = 0;
  for (let i = 0; i < 3000; i++) {
    const { name } = pick(specs);
    const value = randomValue();
    const call = () => codec.encodeValue(name, value);
    sameOutcome(outcome(call, false), outcome(call, true), `seed ${SEED}, case ${i}: ${name} ${typeof value} ${String(value)}`);
    const eligible = typeof value === 'string' ? name.startsWith('s') : Number.isSafeInteger(value) && !name.startsWith('nfloat') && !name.startsWith('s');
    if (eligible) fastOnes++;
  }
  assert.ok(fastOnes > 300, `only ${fastOnes} values took the fast path`);
});
