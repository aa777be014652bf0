// The model metadata (js/model/meta.mjs): a sealed shape that no module extends, a subclass sharing
// its parent's registry and region, caches computed once, key providers resolved once (again after a
// failure). No I/O: clients that throw if called.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { attr, errors } from '../node.mjs';
import { resolveDefinition } from './definition.mjs';
import { ModelMeta } from './meta.mjs';
import { resolveSubclass } from './polymorphic.mjs';
import { prepare } from './prepare.mjs';
import { s3Storage } from '../s3.mjs';

const noRequests = { send: () => { throw new Error('no request may be sent'); }, config: { region: 'eu-west-1' } };
const KEY = new Uint8Array(32).fill(7);

const definition = (extra = {}) => ({
  name: 'Doc',
  table: 'docs',
  client: noRequests,
  s3: s3Storage(noRequests),
  attributes: {
    id: attr.string({ hashKey: true }),
    kind: attr.discriminator(),
    group: attr.string({ nullable: true }),
    owned: attr.s3Text({ bucket: 'b-1', layout: 'item', nullable: true }),
    shared: attr.s3Text({ bucket: 'b-1', nullable: true }),
    ...extra,
  },
  indexes: { byGroup: { type: 'global', hashKey: 'group', rangeKey: 'id' } },
});

test('the meta is a sealed ModelMeta: a module cannot add a field', () => {
  const m = resolveDefinition(definition());
  assert.ok(m instanceof ModelMeta);
  assert.throws(() => { m.hasS3 = true; }, TypeError);
  assert.equal(Object.hasOwn(m, 'hasS3'), false);
});

test('its caches are computed from the definition, once', () => {
  const m = resolveDefinition(definition());
  assert.deepEqual(m.s3OwnedNames, ['owned']);
  assert.equal(m.s3OwnedNames, m.s3OwnedNames);
  assert.deepEqual([...m.indexKeyRoles], [['group', 'hash'], ['id', 'range']]);
  assert.equal(m.indexKeyRoles, m.indexKeyRoles);
  assert.equal(m.region.region, 'eu-west-1');
  assert.deepEqual(['id', 'owned'].map(m.dbName), ['id', 'owned']);
  assert.deepEqual(m.attributeNames, ['id', 'kind', 'group', 'owned', 'shared']);
  assert.deepEqual(m.tableKey, [{ name: 'id', role: 'hash', dbName: 'id' }]);
  assert.deepEqual(m.keyChecks.map((k) => [k.name, k.role]), [['id', 'hash'], ['group', 'hash'], ['id', 'range']]);
  for (const cache of ['attributeNames', 'tableKey', 'keyChecks']) assert.equal(m[cache], m[cache], `${cache} is computed once`);
});

test('a subclass shares its parent registry and region; register() sets the class value', () => {
  const parent = resolveDefinition(definition());
  const child = resolveSubclass(parent, { value: 'memo', attributes: { note: attr.string({ nullable: true }) } });
  assert.equal(child.parent, parent);
  assert.equal(child.registry, parent.registry);
  assert.equal(child.region, parent.region);
  assert.equal(child.classValue, undefined);
  const Memo = class {};
  child.register('memo', Memo);
  assert.equal(child.classValue, 'memo');
  assert.deepEqual(parent.registry.get('memo'), { Model: Memo, m: child });
  assert.equal(parent.classValue, undefined);
});

test('key providers are resolved once, and again after a failure', async () => {
  let calls = 0;
  let fail = true;
  const key = async () => {
    calls += 1;
    if (fail) throw new errors.KeyError('E_KEY_LENGTH', 'provider failed');
    return KEY;
  };
  const m = resolveDefinition(definition({ secret: attr.encryptedString({ key, nullable: true }) }));
  await assert.rejects(prepare(m), (e) => e.code === 'E_KEY_LENGTH' && e.message.includes('Doc.secret'));
  fail = false;
  await Promise.all([prepare(m), prepare(m)]);
  assert.equal(calls, 2);
  assert.equal(prepare(m), undefined);
  assert.equal(calls, 2);
});
