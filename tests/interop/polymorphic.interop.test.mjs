// pynamodb 6.1 polymorphic models and maps (DiscriminatorAttribute, tests/interop/pm_polymorphic.py
// run in .venv-pm6) and attr.discriminator() with defineSubclass and attr.map({ subclasses }) share
// tables on DynamoDB Local: each side writes a Cat, a Dog and a Lion (a Cat's subclass), and
// drawings of circles and squares; the other reads every item and map as its class, and the stored
// items are the same attribute values byte for byte.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { test } from 'node:test';
import { ScanCommand } from '@aws-sdk/client-dynamodb';
import { backends, uniqueName } from '../support/endpoints.mjs';
import { attr, defineModel } from '../../js/node.mjs';
import { animals } from '../../js/testing/animals.mjs';

const root = new URL('../../', import.meta.url).pathname;
const python = (...args) => execFileSync(`${root}.venv-pm6/bin/python`, [`${root}tests/interop/pm_polymorphic.py`, ...args], { encoding: 'utf8' });

/** What both sides write for `owner`, with the class each item must be read as. */
const ITEMS = (owner) => [
  { class: 'Cat', kind: 'cat', owner, id: '1', name: 'Tom', lives: 9 },
  { class: 'Dog', kind: 'dog', owner, id: '2', name: 'Rex', tricks: ['sit', 'roll'] },
  { class: 'Lion', kind: 'lion', owner, id: '3', name: 'Leo', lives: 8, pride: 'north' },
];

const collect = async (iterable) => {
  const out = [];
  for await (const x of iterable) out.push(x.constructor.name);
  return out.sort();
};

test('pynamodb 6.1 and dynamodb-mate read each other\'s polymorphic items [dynamodb-local]', async () => {
  const { dynamodb } = backends().find((b) => b.name === 'dynamodb-local');
  const table = uniqueName('interop-poly');
  python('create', table);
  const models = animals(table, dynamodb);
  const { Animal, Cat, Lion, Dog } = models;
  try {
    // Python writes, JS reads every item as its class, through every read.
    python('write', table, 'py');
    for (const want of ITEMS('py')) {
      const got = await Animal.get('py', want.id, { consistentRead: true });
      const { class: name, ...values } = want;
      assert.equal(got.constructor.name, name);
      assert.ok(got instanceof models[name]);
      assert.deepEqual({ ...got }, values);
    }
    assert.deepEqual(await collect(Animal.query('py', { consistentRead: true })), ['Cat', 'Dog', 'Lion']);
    assert.deepEqual(await collect(Cat.query('py', { consistentRead: true })), ['Cat', 'Lion']);
    assert.deepEqual(await collect(Dog.scan({ filter: Dog.attr.owner.eq('py'), consistentRead: true })), ['Dog']);
    assert.equal(await Lion.count('py', { consistentRead: true }), 1);
    assert.deepEqual((await Animal.batchGet([['py', '1'], ['py', '2'], ['py', '3']])).map((a) => a.constructor.name).sort(), ['Cat', 'Dog', 'Lion']);
    await assert.rejects(Dog.get('py', '1'), (e) => e.code === 'E_ITEM_STORED' && /the item is a Cat/.test(e.message));

    // JS writes the same items, Python reads every one as its class.
    const [tom, rex, leo] = ITEMS('js').map(({ class: name, kind, ...values }) => models[name].create(values));
    await Promise.all([tom.save(), rex.save(), leo.save()]);
    const read = JSON.parse(python('read', table, 'js'));
    assert.deepEqual(read, {
      get: ITEMS('js'),
      query: ['Cat', 'Dog', 'Lion'],
      cat_query: ['Cat', 'Lion'],
      dog_scan: ['Dog'],
      lion_count: 1,
      batch_get: ['Cat', 'Dog', 'Lion'],
      dog_get_cat: 'Cannot instantiate a Dog from the returned class: Cat',
    });

    // The stored items, compared raw: the same attribute values under each owner.
    const { Items } = await dynamodb.send(new ScanCommand({ TableName: table, ConsistentRead: true }));
    const byOwner = (owner) => Items.filter((i) => i.owner.S === owner).map(({ owner: _, ...rest }) => rest)
      .sort((a, b) => a.id.S.localeCompare(b.id.S));
    assert.equal(byOwner('js').length, 3);
    assert.deepEqual(byOwner('js'), byOwner('py'));
  } finally {
    await Animal.deleteTable();
  }
});

/** pm_polymorphic.py's Shape map (Circle, Square) in a Drawing: top level, as list elements, in a typed map. */
function drawings(table, client) {
  const shape = () => attr.map({
    attributes: { kind: attr.discriminator({ attrName: 'cls' }), color: attr.string({ nullable: true }) },
    subclasses: { circle: { radius: attr.number() }, square: { side: attr.number(), rounded: attr.boolean({ nullable: true }) } },
  });
  return defineModel({
    table,
    client,
    attributes: { id: attr.string({ hashKey: true }), main: shape(), shapes: attr.list({ of: shape(), nullable: true }), frame: attr.map({ nullable: true, attributes: { inner: shape() } }) },
  });
}

/** What both sides write: the maps' values here, and the classes and fields pynamodb reads. */
const DRAWING = {
  main: { kind: 'circle', color: 'red', radius: 2 },
  shapes: [{ kind: 'square', side: 3 }, { kind: 'circle', radius: 1.5 }],
  frame: { inner: { kind: 'square', side: 1, rounded: true } },
};
const READ_BY_PYTHON = {
  main: { class: 'Circle', ...DRAWING.main },
  shapes: [{ class: 'Square', ...DRAWING.shapes[0] }, { class: 'Circle', ...DRAWING.shapes[1] }],
  inner: { class: 'Square', ...DRAWING.frame.inner },
};

test('pynamodb 6.1 and dynamodb-mate read each other\'s polymorphic maps [dynamodb-local]', async () => {
  const { dynamodb } = backends().find((b) => b.name === 'dynamodb-local');
  const table = uniqueName('interop-shapes');
  python('create-drawings', table);
  const Drawing = drawings(table, dynamodb);
  try {
    python('write-drawing', table, 'py');
    const fromPython = await Drawing.get('py', { consistentRead: true });
    assert.deepEqual({ ...fromPython }, { id: 'py', ...DRAWING });

    await Drawing.create({ id: 'js', ...DRAWING }).save();
    assert.deepEqual(JSON.parse(python('read-drawing', table, 'js')), READ_BY_PYTHON);

    const { Items } = await dynamodb.send(new ScanCommand({ TableName: table, ConsistentRead: true }));
    const [js, py] = ['js', 'py'].map((id) => {
      const { id: _, ...rest } = Items.find((i) => i.id.S === id);
      return rest;
    });
    assert.deepEqual(js, py);
  } finally {
    await Drawing.deleteTable();
  }
});
