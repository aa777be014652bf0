// Model hierarchies on one table (attr.discriminator + defineSubclass) against the local servers:
// every read picks the class the stored value names, queries and scans of a class see its items
// and its subclasses' only, and items of another class or of an unknown value are refused.
import assert from 'node:assert/strict';
import { PutItemCommand } from '@aws-sdk/client-dynamodb';
import { eachBackend, uniqueName } from '../../tests/support/endpoints.mjs';
import { attr, cond, defineModel, errors } from '../node.mjs';
import { animals } from '../testing/animals.mjs';

const names = (items) => items.map((i) => `${i.constructor.name}:${i.name}`).sort();

eachBackend('polymorphic models: each read makes the stored class', async ({ dynamodb }) => {
  const { Animal, Cat, Lion, Dog } = animals(uniqueName('animals'), dynamodb);
  await Animal.createTable({ wait: true });
  try {
    const tom = Cat.create({ owner: 'ann', id: '1', name: 'Tom' });
    assert.equal(tom.kind, 'cat');
    assert.equal(tom.lives, 9);
    await tom.save();
    await Dog.create({ owner: 'ann', id: '2', name: 'Rex', tricks: ['sit'] }).save();
    await Lion.create({ owner: 'ann', id: '3', name: 'Leo', pride: 'north' }).save();
    assert.deepEqual((await Cat.getOneOrNone('ann', '1')).toJSON(), {
      owner: { S: 'ann' }, id: { S: '1' }, cls: { S: 'cat' }, name: { S: 'Tom' }, lives: { N: '9' },
    });

    await Animal.batchWrite({ put: [Cat.create({ owner: 'bob', id: '1', name: 'Kit' }), Lion.create({ owner: 'bob', id: '2', name: 'Sim', pride: 'x' })] });
    assert.deepEqual(names(await Animal.batchGet([['bob', '1'], ['bob', '2']], { consistentRead: true })), ['Cat:Kit', 'Lion:Sim'], 'a batch of a model puts its subclasses\' instances');
    await assert.rejects(Cat.batchWrite({ put: [Dog.create({ owner: 'bob', id: '3', name: 'No', tricks: [] })] }), (e) => e.code === 'E_ARGUMENT' && /put\[0\] is not a Cat instance/.test(e.message));
    await Animal.batchWrite({ delete: [['bob', '1'], ['bob', '2']] });

    await new Dog({ owner: 'ann', id: '4', name: 'Fido', tricks: [] }).save();
    assert.equal((await Animal.get('ann', '4', { consistentRead: true })).constructor, Dog, 'new Dog() saves its class value too');
    await (await Dog.get('ann', '4')).delete();

    const leo = await Animal.get('ann', '3', { consistentRead: true });
    assert.ok(leo instanceof Lion && leo instanceof Cat && leo instanceof Animal);
    assert.equal(leo.pride, 'north');
    assert.deepEqual(names(await Animal.batchGet([['ann', '1'], ['ann', '2'], ['ann', '3']])), ['Cat:Tom', 'Dog:Rex', 'Lion:Leo']);
    const [got] = await Animal.transactGet([Animal.getOp('ann', '2')]);
    assert.ok(got instanceof Dog);
    assert.deepEqual(got.tricks, ['sit']);

    const all = [];
    for await (const a of Animal.query('ann', { consistentRead: true })) all.push(a);
    assert.deepEqual(names(all), ['Cat:Tom', 'Dog:Rex', 'Lion:Leo']);
    const cats = [];
    for await (const c of Cat.scan({ consistentRead: true })) cats.push(c);
    assert.deepEqual(names(cats), ['Cat:Tom', 'Lion:Leo'], 'a class scans its items and its subclasses\'');
    assert.deepEqual(names((await Dog.queryPage('ann', { consistentRead: true })).items), ['Dog:Rex']);
    assert.equal(await Lion.count('ann', { consistentRead: true }), 1);
    const filtered = [];
    for await (const c of Cat.query('ann', { filter: Cat.attr.lives.gt(1), consistentRead: true })) filtered.push(c);
    assert.deepEqual(names(filtered), ['Cat:Tom', 'Lion:Leo'], 'the class filter and the user filter combine');

    await leo.update([Lion.attr.pride.set('south')]);
    assert.equal(leo.pride, 'south');
    await leo.refresh();
    assert.ok(leo instanceof Lion);

    await assert.rejects(Dog.get('ann', '1'), (e) => e instanceof errors.ItemError && e.code === 'E_ITEM_STORED'
      && /Dog: the item is a Cat \(attribute kind\), not a Dog/.test(e.message) && e.itemKey.id === '1');
    await assert.rejects(Lion.batchGet([['ann', '1']]), (e) => e.code === 'E_ITEM_STORED');
  } finally {
    await Animal.deleteTable();
  }
});

eachBackend('polymorphic models: unknown values, missing values and class changes', async ({ dynamodb }) => {
  const { Animal, Cat, Dog } = animals(uniqueName('animals'), dynamodb);
  await Animal.createTable({ wait: true });
  try {
    const put = (Item) => dynamodb.send(new PutItemCommand({ TableName: Animal.tableName, Item }));
    await put({ owner: { S: 'bob' }, id: { S: 'u' }, cls: { S: 'parrot-SECRET' }, name: { S: 'Polly' } });
    await assert.rejects(Animal.get('bob', 'u'), (e) => e instanceof errors.ItemError && e.code === 'E_ITEM_STORED'
      && /attribute kind/.test(e.message) && !e.message.includes('parrot') && e.itemKey.id === 'u');
    const scanned = Animal.scan({ consistentRead: true, filter: Animal.attr.id.eq('u') });
    // The class filter keeps Python's unknown classes out of scans, as pynamodb's does.
    const seen = [];
    for await (const a of scanned) seen.push(a);
    assert.deepEqual(seen, []);

    await put({ owner: { S: 'bob' }, id: { S: 'n' }, name: { S: 'Nobody' }, lives: { N: '3' } });
    const plain = await Cat.get('bob', 'n', { consistentRead: true });
    assert.ok(plain instanceof Cat, 'an item without a discriminator is read as the reading class');
    assert.equal(plain.kind, undefined);

    const tom = Cat.create({ owner: 'bob', id: 'c', name: 'Tom' });
    await tom.save();
    await put({ ...tom.toJSON(), cls: { S: 'lion' }, pride: { S: 'east' } });
    await assert.rejects(tom.refresh(), (e) => e.code === 'E_ITEM_STORED' && /Cat: the item is now a Lion/.test(e.message));
    await assert.rejects(tom.update([Cat.attr.lives.add(1)]), (e) => e.code === 'E_ITEM_STORED' && /Cat: the item is now a Lion/.test(e.message));
    const rex = Dog.create({ owner: 'bob', id: 'd', name: 'Rex', tricks: [] });
    await put({ ...rex.toJSON(), cls: { S: 'cat' }, lives: { N: '1' } });
    await assert.rejects(rex.refresh(), (e) => e.code === 'E_ITEM_STORED' && /Dog: the item is a Cat/.test(e.message));
    assert.throws(() => Dog.attr.kind.set('cat'), (e) => e.code === 'E_EXPRESSION' && /set\(\) on cls/.test(e.message));
  } finally {
    await Animal.deleteTable();
  }
});

eachBackend('polymorphic models: a registered base and its own items', async ({ dynamodb }) => {
  const Shape = defineModel({
    name: 'Shape',
    table: uniqueName('shapes'),
    client: dynamodb,
    discriminatorValue: 'shape',
    attributes: { id: attr.string({ hashKey: true }), type: attr.discriminator() },
  });
  const Circle = Shape.defineSubclass({ name: 'Circle', value: 'circle', attributes: { r: attr.number() } });
  await Shape.createTable({ wait: true });
  try {
    await Shape.create({ id: 's' }).save();
    await Circle.create({ id: 'c', r: 2 }).save();
    const got = await Shape.batchGet(['s', 'c']);
    assert.deepEqual(got.map((x) => x.constructor.name).sort(), ['Circle', 'Shape']);
    assert.equal(await Shape.count(undefined, { filter: cond.not(Shape.attr.id.eq('x')) }), 2);
  } finally {
    await Shape.deleteTable();
  }
});

/** A polymorphic typed map: Shape with the subclasses circle and square. */
const shape = () => attr.map({
  attributes: { kind: attr.discriminator({ attrName: 'cls' }), color: attr.string({ nullable: true }) },
  subclasses: { circle: { radius: attr.number() }, square: { side: attr.number(), rounded: attr.boolean({ nullable: true }) } },
});

function drawings(client) {
  return defineModel({
    name: 'Drawing',
    table: uniqueName('drawings'),
    client,
    attributes: { id: attr.string({ hashKey: true }), main: shape(), shapes: attr.list({ of: shape(), nullable: true }), frame: attr.map({ nullable: true, attributes: { inner: shape() } }) },
  });
}

eachBackend('polymorphic maps: each map reads as its subclass, writes are checked against it', async ({ dynamodb }) => {
  const Drawing = drawings(dynamodb);
  await Drawing.createTable({ wait: true });
  try {
    const d = Drawing.create({
      id: 'd',
      main: { kind: 'circle', color: 'red', radius: 2 },
      shapes: [{ kind: 'square', side: 3 }, { kind: 'circle', radius: 1 }],
      frame: { inner: { kind: 'square', side: 1, rounded: true } },
    });
    await d.save();
    const raw = d.toJSON();
    assert.deepEqual(raw.main, { M: { cls: { S: 'circle' }, color: { S: 'red' }, radius: { N: '2' } } });
    assert.deepEqual(raw.shapes.L[0], { M: { cls: { S: 'square' }, side: { N: '3' } } });
    const got = await Drawing.get('d', { consistentRead: true });
    assert.deepEqual({ ...got }, { ...d });

    await got.update([Drawing.attr.shapes.at(0).set({ kind: 'circle', radius: 5 }), Drawing.attr.main.radius.set(4)]);
    assert.deepEqual(got.shapes[0], { kind: 'circle', radius: 5 });
    assert.equal(got.main.radius, 4);
    const cond = await Drawing.count(undefined, { filter: Drawing.attr.main.kind.eq('circle'), consistentRead: true });
    assert.equal(cond, 1);

    // A field another subclass has, stored in a circle (by another writer), is not read (as pynamodb).
    await dynamodb.send(new PutItemCommand({ TableName: Drawing.tableName, Item: { ...raw, id: { S: 'x' }, main: { M: { ...raw.main.M, side: { N: '9' } } } } }));
    assert.deepEqual((await Drawing.get('x', { consistentRead: true })).main, { kind: 'circle', color: 'red', radius: 2 });
    await dynamodb.send(new PutItemCommand({ TableName: Drawing.tableName, Item: { ...raw, id: { S: 'y' }, main: { M: { cls: { S: 'hexagon' }, radius: { N: '1' } } } } }));
    await assert.rejects(Drawing.get('y', { consistentRead: true }), (e) => e.code === 'E_ITEM_STORED' && /Drawing\.main\.kind holds a value no subclass/.test(e.message) && e.itemKey.id === 'y');
    await dynamodb.send(new PutItemCommand({ TableName: Drawing.tableName, Item: { ...raw, id: { S: 'z' }, main: { M: { color: { S: 'blue' }, radius: { N: '1' } } } } }));
    assert.deepEqual((await Drawing.get('z', { consistentRead: true })).main, { color: 'blue' }, 'without a discriminator: the base fields');

    const refused = [
      [() => Drawing.create({ id: 'e', main: { kind: 'circle', side: 1, radius: 1 } }), 'E_ITEM_UNKNOWN', /Drawing\.main: this subclass has no field side/],
      [() => Drawing.create({ id: 'e', main: { kind: 'square' } }), 'E_ITEM_REQUIRED', /Drawing\.main\.side is required/],
      [() => Drawing.create({ id: 'e', main: { radius: 1 } }), 'E_ITEM_REQUIRED', /Drawing\.main\.kind is required/],
      [() => Drawing.create({ id: 'e', main: { kind: 'hexagon' } }), 'E_ITEM_VALUE', /Drawing\.main\.kind is not the value of a subclass/],
      [() => Drawing.create({ id: 'e', main: { kind: 'circle', radius: 1 }, shapes: [{ kind: 'circle' }] }), 'E_ITEM_REQUIRED', /Drawing\.shapes\[0\]\.radius is required/],
      [() => Drawing.attr.shapes.at(1).set({ kind: 'square', radius: 1 }), 'E_ITEM_UNKNOWN', /this subclass has no field radius/],
      [() => Drawing.attr.frame.set({ inner: { kind: 'circle' } }), 'E_ITEM_REQUIRED', /Drawing\.frame\.inner\.radius is required/],
    ];
    for (const [run, code, message] of refused) assert.throws(run, (e) => e.code === code && message.test(e.message), message);
    const edited = Object.assign(await Drawing.get('d', { consistentRead: true }), { main: { kind: 'square', radius: 1 } });
    await assert.rejects(edited.save(), (e) => e.code === 'E_ITEM_UNKNOWN' && e.itemKey.id === 'd');
  } finally {
    await Drawing.deleteTable();
  }
});
