// The declarations users compile against (pkg-template/*.d.ts) name exactly what the package entries
// export at runtime: each entry's exports, and the members of its namespaces (codec, errors, cond)
// and objects (attr, consoleUrls). Checked by tsc both ways on generated assertions, so that a
// diagnostic names the member that is on one side only. The browser entry exports what Node's does.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { nonEmptySets } from './testing/typecheck.mjs';

/** Entry module → the declaration file (pkg-template/<name>.d.ts) of its package export. */
const ENTRIES = {
  './node.mjs': 'index',
  './codec-node.mjs': 'codec',
  './adapters/toolbox.mjs': 'toolbox',
  './adapters/electrodb.mjs': 'electrodb',
  './s3.mjs': 's3',
};

/** `[path, names]` of an entry's exports and of the members of its namespaces and plain objects. */
function surfacesOf(module) {
  const found = [['M', Object.keys(module)]];
  for (const [name, value] of Object.entries(module)) {
    const namespace = Object.prototype.toString.call(value) === '[object Module]';
    const plain = value !== null && typeof value === 'object' && Object.getPrototypeOf(value) === Object.prototype;
    if (namespace || plain) found.push([`M.${name}`, Object.keys(value)]);
  }
  return found;
}

/** The two sets of a surface that must be empty: `[what, TypeScript type]`. */
function oneSided(path, names) {
  const runtime = names.map((n) => JSON.stringify(n)).join(' | ');
  const declared = `keyof typeof ${path} & string`;
  return [
    [`${path}: exported at runtime, not declared`, `Exclude<${runtime}, ${declared}>`],
    [`${path}: declared, not exported at runtime`, `Exclude<${declared}, ${runtime}>`],
  ];
}

for (const [entry, declarations] of Object.entries(ENTRIES)) {
  test(`${entry} and pkg-template/${declarations}.d.ts name the same exports and members`, async () => {
    const module = await import(entry);
    const surfaces = surfacesOf(module);
    for (const [path, names] of surfaces) assert.ok(names.length > 0, `${path} exports something`);
    assert.deepEqual(nonEmptySets(surfaces.flatMap(([path, names]) => oneSided(path, names)), declarations), []);
  });
}

for (const [nodeEntry, webEntry] of [['./node.mjs', './web.mjs'], ['./codec-node.mjs', './codec-web.mjs']]) {
  test(`the browser entry ${webEntry} exports what the Node entry ${nodeEntry} does`, async () => {
    const [node, web] = await Promise.all([import(nodeEntry), import(webEntry)]);
    assert.deepEqual(surfacesOf(web).map(([path, names]) => [path, names.sort()]), surfacesOf(node).map(([path, names]) => [path, names.sort()]));
  });
}
