// Every defineModel registers an item-codec schema in wasm; a FinalizationRegistry frees it once the
// model's codec is garbage. Defining models in a loop (each one dropped) must therefore keep the wasm
// memory bounded: without the freeing, 10,000 models of this shape grow it by about 36 MB. Run in a
// child process with --expose-gc, so that collection (and with it the finalizers) can be forced.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { test } from 'node:test';

const MODELS = 10_000;
const BOUND = 16 * 1024 * 1024; // measured: 8 MB for 5,000 to 40,000 models (the high-water mark of 1,000 live ones)

const child = `
  const { attr, defineModel } = await import(${JSON.stringify(new URL('../node.mjs', import.meta.url).href)});
  const { wasm } = await import(${JSON.stringify(new URL('../runtime/core.mjs', import.meta.url).href)});
  const client = { send: () => { throw new Error('no request'); } };
  const define = (i) => defineModel({ table: 'table-' + i, client, attributes: {
    id: attr.string({ hashKey: true }), at: attr.number({ rangeKey: true }), title: attr.string(), tags: attr.stringSet(),
    meta: attr.map({ a: attr.string(), b: attr.list({ of: attr.number() }) }), ssn: attr.encryptedString({ key: 'pw' }) } });
  const bytes = () => wasm.wasmMemory().buffer.byteLength;
  // Finalizers run after a collection, on a later turn of the event loop.
  const collect = async () => { globalThis.gc(); await new Promise((resolve) => setImmediate(resolve)); };
  define(0);
  await collect();
  const start = bytes();
  for (let i = 1; i <= ${MODELS}; i++) {
    define(i);
    if (i % 1000 === 0) await collect();
  }
  await collect();
  const kept = define(-1); // a live model still works after thousands of schemas were freed
  process.stdout.write(JSON.stringify({ growth: bytes() - start, encoded: kept.create({ id: 'a', at: 1, title: 't', tags: new Set(['x']), meta: { a: 'b', b: [1] }, ssn: 's' }).toJSON().title }));
`;

test(`defining ${MODELS} models in a loop keeps the wasm memory under ${BOUND / 2 ** 20} MB of growth (schemas are freed)`, () => {
  const out = JSON.parse(execFileSync(process.execPath, ['--expose-gc', '--input-type=module', '-e', child], { encoding: 'utf8' }));
  assert.deepEqual(out.encoded, { S: 't' });
  assert.ok(out.growth < BOUND, `wasm memory grew by ${out.growth} bytes`);
});
