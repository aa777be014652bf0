// The write plans alone (js/model/writes.mjs): synchronous, no I/O (clients that throw if called),
// every value encoded and checked, every expression built and the S3 objects computed, so that an
// invalid write fails while planning.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { attr, codec, defineModel, errors } from '../node.mjs';
import { attributeValues, planConditionCheck, planDelete, planPut, planUpdate } from './writes.mjs';
import { ExpressionBuilder } from '../expressions/index.mjs';
import { resolveDefinition } from './definition.mjs';
import { s3Storage } from '../s3.mjs';

const noRequests = { send: () => { throw new Error('no request may be sent'); } };
const BUCKET = 'plan-bucket';
const TEXT = 'large text é '.repeat(1_000);

const definition = () => ({
  name: 'Doc',
  table: 'docs',
  client: noRequests,
  s3: s3Storage(noRequests),
  attributes: {
    id: attr.string({ hashKey: true }),
    sk: attr.string({ rangeKey: true }),
    group: attr.string({ nullable: true }),
    text: attr.s3Text({ bucket: BUCKET, layout: 'item', prefix: 'large', nullable: true }),
    shared: attr.s3Text({ bucket: BUCKET, nullable: true }),
    n: attr.number({ nullable: true }),
    v: attr.version(),
  },
  indexes: { byGroup: { type: 'global', hashKey: 'group', rangeKey: 'sk' } },
});
const Doc = defineModel(definition());
const m = resolveDefinition(definition());
const doc = (values = {}) => Doc.create({ id: 'd1', sk: 's', text: TEXT, shared: TEXT, ...values });
const refuses = (run, code, text) => assert.throws(run, (e) => e instanceof errors.DynamoDBMateError && e.code === code && e.message.includes(text), `${code} naming ${text}`);

test('a put plan holds the request with every expression built and the S3 objects to upload', () => {
  const instance = doc({ n: 1 });
  const plan = planPut(m, Doc.attr, instance, { condition: Doc.attr.n.eq(1) });
  assert.ok(!(plan instanceof Promise), 'synchronous');
  const textKey = `large/pk=d1/sk=s/attr=text/md5=${codec.md5Hex(TEXT)}`;
  const sharedKey = `pynamodb-mate/bigtext/${codec.sha256Hex(TEXT)}.txt`;
  assert.deepEqual(plan.objects.map((o) => [o.name, o.bucket, o.key, o.uri]), [
    ['text', BUCKET, textKey, `s3://${BUCKET}/${textKey}`],
    ['shared', BUCKET, sharedKey, `s3://${BUCKET}/${sharedKey}`],
  ]);
  assert.deepEqual(codec.gunzip(plan.objects[1].body), new TextEncoder().encode(TEXT), "'content' objects are gzip");
  assert.equal(new TextDecoder().decode(plan.objects[0].body), TEXT, "'item' objects are raw");
  assert.equal(plan.objects[0].extra.Metadata.pk, 'd1');
  assert.equal(plan.params.Item.text.S, `s3://${BUCKET}/${textKey}`);
  assert.equal(plan.params.Item.v.N, '1');
  assert.equal(plan.params.ConditionExpression, '#n0 = :v0 AND attribute_not_exists(#n1)');
  assert.deepEqual(plan.params.ExpressionAttributeNames, { '#n0': 'n', '#n1': 'v' });
  assert.deepEqual(plan.itemKey, { id: 'd1', sk: 's' });
  assert.deepEqual([...plan.s3.stored], [['text', `s3://${BUCKET}/${textKey}`]], 'the S3 cleanup knows what the item will store');
  assert.equal(instance.v, undefined, 'the version moves on only when the write is committed');
  plan.commit();
  assert.equal(instance.v, 1);
});

test('an update plan holds the actions with the URIs in place of the values, and the objects to upload', () => {
  const plan = planUpdate(m, Doc.attr, doc({ v: 3 }), [Doc.attr.text.set('new text'), Doc.attr.n.add(1)]);
  const key = `large/pk=d1/sk=s/attr=text/md5=${codec.md5Hex('new text')}`;
  assert.deepEqual(plan.objects.map((o) => o.key), [key]);
  assert.ok(Object.values(plan.params.ExpressionAttributeValues).some((v) => v.S === `s3://${BUCKET}/${key}`));
  assert.match(plan.params.UpdateExpression, /^SET .* ADD /);
  assert.deepEqual(plan.params.Key, { id: { S: 'd1' }, sk: { S: 's' } });
  assert.deepEqual(planDelete(m, Doc.attr, doc()).objects, []);
  assert.deepEqual(planConditionCheck(m, { id: 'd1', sk: 's' }, Doc.attr.n.exists()).params.Key, { id: { S: 'd1' }, sk: { S: 's' } });
});

test('every way a write is invalid fails while planning', () => {
  const tooLong = 'é'.repeat(1025); // 2050 bytes
  const edited = (change) => Object.assign(doc(), change);
  refuses(() => planPut(m, Doc.attr, doc(), { condition: 'id = :x' }), 'E_EXPRESSION', 'condition');
  refuses(() => planPut(m, Doc.attr, edited({ id: tooLong })), 'E_ITEM_VALUE', 'Doc.id');
  refuses(() => planPut(m, Doc.attr, edited({ id: '' })), 'E_ITEM_VALUE', 'Doc.id');
  refuses(() => planPut(m, Doc.attr, edited({ sk: 'x'.repeat(1025) })), 'E_ITEM_VALUE', 'Doc.sk');
  refuses(() => planPut(m, Doc.attr, edited({ group: '' })), 'E_ITEM_VALUE', 'Doc.group');
  refuses(() => planPut(m, Doc.attr, edited({ n: Number.NaN })), 'E_ITEM_VALUE', 'Doc.n');
  refuses(() => planPut(m, Doc.attr, edited({ text: 5 })), 'E_ITEM_TYPE', 'Doc.text');
  refuses(() => planPut(m, Doc.attr, edited({ group: 'g'.repeat(400 * 1024) })), 'E_ITEM_TOO_LARGE', 'group');
  refuses(() => planUpdate(m, Doc.attr, doc(), [Doc.attr.text.set('a'), Doc.attr.text.remove()]), 'E_EXPRESSION', 'text');
  refuses(() => planUpdate(m, Doc.attr, doc(), [Doc.attr.text.set('a'), 'n = n + 1']), 'E_EXPRESSION', 'action 2');
  refuses(() => planUpdate(m, Doc.attr, doc(), [Doc.attr.text.set('a')], { condition: {} }), 'E_EXPRESSION', 'condition');
  refuses(() => planUpdate(m, Doc.attr, doc(), [Doc.attr.group.set('')]), 'E_ITEM_VALUE', 'Doc.group');
  refuses(() => planUpdate(m, Doc.attr, doc(), [Doc.attr.group.ifNotExists('')]), 'E_ITEM_VALUE', 'Doc.group');
  refuses(() => planUpdate(m, Doc.attr, doc(), [Doc.attr.group.set(Doc.attr.group.ifNotExists('g'.repeat(2049)))]), 'E_ITEM_VALUE', 'Doc.group');
  refuses(() => planUpdate(m, Doc.attr, edited({ sk: 'x'.repeat(1025) }), [Doc.attr.n.set(1)]), 'E_ITEM_VALUE', 'Doc.sk');
  refuses(() => planDelete(m, Doc.attr, edited({ id: tooLong })), 'E_ITEM_VALUE', 'Doc.id');
  refuses(() => planConditionCheck(m, { id: 'd1', sk: '' }, Doc.attr.n.exists()), 'E_ITEM_VALUE', 'Doc.sk');
});

test('addVersionCondition false leaves the version condition out, and the version still moves on as in pynamodb', () => {
  const put = planPut(m, Doc.attr, doc({ v: 3 }), { addVersionCondition: false });
  assert.equal(put.params.ConditionExpression, undefined);
  assert.equal(put.params.Item.v.N, '4', "a put stores the instance's version + 1");
  const update = planUpdate(m, Doc.attr, doc({ v: 3 }), [Doc.attr.n.set(5)], { condition: Doc.attr.n.exists(), addVersionCondition: false });
  assert.equal(update.params.ConditionExpression, 'attribute_exists(#n0)', "the caller's condition stays");
  assert.match(update.params.UpdateExpression, /^SET #n0 = :v0 ADD #n1 :v1$/, 'ADD 1 to the stored version');
  assert.deepEqual([update.params.ExpressionAttributeNames['#n1'], update.params.ExpressionAttributeValues[':v1']], ['v', { N: '1' }]);
  const guarded = planUpdate(m, Doc.attr, doc({ v: 3 }), [Doc.attr.n.set(1)]);
  assert.equal(guarded.params.ConditionExpression, '#n1 = :v1', 'the version condition by default');
  assert.equal(planDelete(m, Doc.attr, doc({ v: 3 }), { addVersionCondition: false }).params.ConditionExpression, undefined);
  assert.match(planUpdate(m, Doc.attr, doc(), [Doc.attr.n.set(5)], { addVersionCondition: false }).params.UpdateExpression, /SET #n0 = :v0, #n1 = :v1$/, 'SET 1 when the instance has no version');
});

test("a put or delete whose only condition is the version's sends what the expression builder compiles of it", () => {
  const compiled = (condition) => {
    const builder = new ExpressionBuilder();
    return { ConditionExpression: builder.condition(condition), ...builder.params() };
  };
  for (const [v, condition] of [[undefined, Doc.attr.v.notExists()], [3, Doc.attr.v.eq(3)], [0, Doc.attr.v.eq(0)]]) {
    const put = planPut(m, Doc.attr, doc({ v })).params;
    const del = planDelete(m, Doc.attr, doc({ v })).params;
    const { TableName, Item, ...putConditions } = put;
    const { Key, ...deleteConditions } = del;
    assert.deepEqual(Object.keys(put), ['TableName', 'Item', ...Object.keys(compiled(condition))], 'the same parameters in the same order');
    assert.deepEqual(putConditions, compiled(condition));
    assert.deepEqual(deleteConditions, { TableName, ...compiled(condition) });
    assert.equal(Item.v.N, String((v ?? 0) + 1));
    assert.ok(Key);
  }
  const first = planPut(m, Doc.attr, doc({ v: 1 })).params;
  first.ExpressionAttributeNames['#n0'] = 'changed';
  assert.deepEqual(planPut(m, Doc.attr, doc({ v: 1 })).params.ExpressionAttributeNames, { '#n0': 'v' }, 'each request has its own maps');
  // A held version that is not a number is refused as an eq() operand, before the item is planned.
  refuses(() => planPut(m, Doc.attr, Object.assign(doc(), { v: 'x', id: '' })), 'E_ITEM_TYPE', 'Doc.v');
  refuses(() => planDelete(m, Doc.attr, Object.assign(doc(), { v: 1.5 })), 'E_ITEM_VALUE', 'Doc.v');
  // A BigInt version (an int past 2^53 - 1 reads as one) is compared and moved on as a BigInt.
  const big = planPut(m, Doc.attr, doc({ v: 2n ** 60n })).params;
  assert.deepEqual([big.Item.v.N, big.ExpressionAttributeValues[':v0']], [String(2n ** 60n + 1n), { N: String(2n ** 60n) }]);
});

test("an instance's attribute values are those it holds, in the model's order, whatever else its properties are", () => {
  const instances = [
    new Doc({ id: 'd1', sk: 's', n: 2 }),
    new Doc({ n: 2, sk: 's', id: 'd1' }),
    new Doc({ id: 'd1', other: 1, sk: 's', n: 2 }),
    new Doc({ id: 'd1', sk: 's', group: undefined, n: 2 }),
    Object.defineProperty(new Doc({ id: 'd1', sk: 's' }), 'n', { value: 2, enumerable: false }),
    new (class extends Doc { get n() { return 2; } })({ id: 'd1', sk: 's' }),
  ];
  for (const instance of instances) {
    const values = attributeValues(m, instance);
    assert.deepEqual(Object.entries(values), [['id', 'd1'], ['sk', 's'], ['n', 2]]);
  }
});
