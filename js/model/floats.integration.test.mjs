// A get then save (or update of another attribute) leaves the whole floats a Python service wrote
// exactly as stored: DynamoDB Local and moto keep `1.0` as sent inside lists and maps and after an
// update's SET, JSON text is never normalised, so reading them as ints would turn floats into ints.
// Equality conditions and filters, toJSON/fromJSON work with the PythonFloat values read.
import assert from 'node:assert/strict';
import { GetItemCommand, PutItemCommand, UpdateItemCommand } from '@aws-sdk/client-dynamodb';
import { eachBackend, supports, uniqueName } from '../../tests/support/endpoints.mjs';
import { attr, codec, defineModel } from '../node.mjs';

const { PythonFloat } = codec;
const pf = (n) => new PythonFloat(n);
const KEY = new Uint8Array(32).fill(5);
const PASSWORD = 'python-password';

eachBackend('whole floats stay floats through get, save and update', async (backend) => {
  const { dynamodb } = backend;
  const table = uniqueName('floats');
  const Price = defineModel({
    table,
    client: dynamodb,
    attributes: {
      id: attr.string({ hashKey: true }),
      n: attr.number(),
      lst: attr.list(),
      meta: attr.map({ price: attr.number() }),
      raw: attr.dynamic(),
      doc: attr.json(),
      zdoc: attr.compressedJson(),
      edoc: attr.encryptedJson({ key: KEY }),
      enum: attr.encryptedNumber({ key: KEY }),
      pdoc: attr.encryptedJson({ key: PASSWORD, format: 'pynamodb_mate' }),
      pnum: attr.encryptedNumber({ key: PASSWORD, format: 'pynamodb_mate' }),
      note: attr.string({ nullable: true }),
    },
  });
  await Price.createTable({ wait: true });
  try {
    const Key = { id: { S: 'a' } };
    const raw = async () => (await dynamodb.send(new GetItemCommand({ TableName: table, Key, ConsistentRead: true }))).Item;
    const aead = (value, attribute) => codec.encrypt(value, { key: KEY, table, attribute });
    const python = (text) => codec.encrypt(text, { key: PASSWORD, format: 'pynamodb_mate' });
    await dynamodb.send(new PutItemCommand({
      TableName: table,
      Item: {
        ...Key,
        lst: { L: [{ N: '1.0' }, { N: '2' }, { NS: ['3.0', '4'] }, { M: { p: { N: '1e+16' } } }] },
        meta: { M: { price: { N: '10.0' } } },
        raw: { M: { p: { N: '0.0' } } },
        doc: { S: '{"price": 10.0, "n": 10}' },
        zdoc: { B: codec.gzip('{"price": 10.0}') },
        edoc: { B: aead({ price: pf(10) }, 'edoc') },
        enum: { B: aead(pf(5), 'enum') },
        pdoc: { B: python('{"price": 10.0}') },
        pnum: { B: python('5.0') },
      },
    }));
    // A PutItem's top-level numbers are normalised by DynamoDB Local ("1.0" -> "1"); a SET's are not.
    await dynamodb.send(new UpdateItemCommand({ TableName: table, Key, UpdateExpression: 'SET n = :n', ExpressionAttributeValues: { ':n': { N: '1.0' } } }));
    const before = await raw();
    assert.deepEqual(before.n, { N: '1.0' });

    const item = await Price.get('a', { consistentRead: true });
    assert.deepEqual(
      { n: item.n, lst: item.lst, meta: item.meta, raw: item.raw, doc: item.doc, zdoc: item.zdoc, edoc: item.edoc, enum: item.enum, pdoc: item.pdoc, pnum: item.pnum },
      { n: pf(1), lst: [pf(1), 2, new Set([pf(3), 4]), { p: pf(1e16) }], meta: { price: pf(10) }, raw: { p: pf(0) }, doc: { price: pf(10), n: 10 }, zdoc: { price: pf(10) }, edoc: { price: pf(10) }, enum: pf(5), pdoc: { price: pf(10) }, pnum: pf(5) },
    );
    assert.equal(item.meta.price * 2, 20, 'arithmetic on a PythonFloat');

    await item.save();
    // What a save (PutItem) of `1.0` stores: DynamoDB Local normalises top-level numbers, for
    // pynamodb's save as for ours; everything else is byte for byte as before.
    const saved = supports(backend, 'numberNormalization') ? { ...before, n: { N: '1' } } : before;
    assert.deepEqual(await raw(), saved, 'save');
    assert.deepEqual(item.n, pf(1));
    await item.update([Price.attr.note.set('x'), Price.attr.n.set(item.n)]);
    assert.deepEqual(await raw(), { ...before, note: { S: 'x' } }, 'update: a SET keeps 1.0 at the top level too');
    assert.deepEqual(item.lst[0], pf(1), 'the item read back by update keeps its floats');

    // Conditions and filters take the values read: DynamoDB compares numbers by value.
    await item.update([Price.attr.note.set('y')], { condition: Price.attr.n.eq(item.n) });
    await item.update([Price.attr.note.set('x')], { condition: Price.attr.meta.price.eq(10) });
    const found = [];
    for await (const p of Price.scan({ filter: Price.attr.enum.eq(item.enum) })) found.push(p.id);
    assert.deepEqual(found, ['a']);

    // toJSON is the stored form; fromJSON reads it back with the same types.
    const json = item.toJSON();
    assert.deepEqual(json.lst.L[0], { N: '1.0' });
    const back = Price.fromJSON(json);
    assert.deepEqual(back.toJSON(), json);
    assert.deepEqual(back.doc, { price: pf(10), n: 10 });
    await back.save();
    assert.deepEqual(await raw(), { ...saved, note: { S: 'x' } });
  } finally {
    await Price.deleteTable();
  }
});
