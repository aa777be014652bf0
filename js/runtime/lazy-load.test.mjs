// Node compiles the wasm only when something needs it (issue 15): importing the package, defining
// a model of plain attributes and saving and reading its items run on the JS fast paths alone;
// the first compressed value loads the module, once. Each case runs in a fresh process that counts
// WebAssembly.Instance constructions (the glue's initSync makes one per load).
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { test } from 'node:test';

const entry = JSON.stringify(new URL('../node.mjs', import.meta.url).href);

/** Runs `body` (ESM, after the import of the Node entry) in a fresh process; its printed JSON. */
function fresh(body) {
  const script = `
    let instances = 0;
    WebAssembly.Instance = new Proxy(WebAssembly.Instance, { construct: (target, args) => { instances++; return Reflect.construct(target, args); } });
    const { attr, defineModel } = await import(${entry});
    const sent = [];
    let stored; // the item of the last PutItem, which a GetItem returns
    const client = { send: async (command) => {
      sent.push(command.constructor.name);
      if (command.constructor.name === 'PutItemCommand') stored = command.input.Item;
      return command.constructor.name === 'GetItemCommand' ? { Item: stored } : {};
    } };
    ${body}`;
  return JSON.parse(execFileSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8' }));
}

const PLAIN = `
    const User = defineModel({ table: 'users', client, attributes: {
      id: attr.string({ hashKey: true }), at: attr.number({ rangeKey: true }), name: attr.string(), tags: attr.stringSet({ nullable: true }),
      meta: attr.map({ nullable: true, attributes: { since: attr.datetime(), scores: attr.list({ of: attr.number() }) } }),
      blob: attr.binary({ nullable: true }), any: attr.dynamic({ nullable: true }), v: attr.version() } });
    const afterDefine = instances;
    const user = User.create({ id: 'u1', at: 1, name: 'Ann', tags: new Set(['a']), meta: { since: new Date(0), scores: [1, 2.5] }, blob: new Uint8Array([1]), any: { k: [1, 'x'] } });
    await user.save();
    const afterSave = instances;
    const read = await User.get('u1', 1);`;

test('import, a plain model defined, an item saved and read: the wasm is never instantiated', () => {
  const out = fresh(`${PLAIN}
    process.stdout.write(JSON.stringify({ afterDefine, afterSave, instances, sent, name: read.name, scores: read.meta.scores }));`);
  assert.deepEqual(out, { afterDefine: 0, afterSave: 0, instances: 0, sent: ['PutItemCommand', 'GetItemCommand'], name: 'Ann', scores: [1, 2.5] });
});

test('the first compressed value instantiates the wasm, once', () => {
  const out = fresh(`${PLAIN}
    const before = instances;
    const Doc = defineModel({ table: 'docs', client, attributes: { id: attr.string({ hashKey: true }), body: attr.compressedString() } });
    await Doc.create({ id: 'd1', body: 'x'.repeat(100) }).save();
    await Doc.create({ id: 'd2', body: 'y'.repeat(100) }).save();
    process.stdout.write(JSON.stringify({ before, instances }));`);
  assert.deepEqual(out, { before: 0, instances: 1 });
});
