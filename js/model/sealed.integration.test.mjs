// Compressed and encrypted attributes against real servers (DynamoDB Local and moto): what is stored,
// equality conditions on ciphertexts, and every way a stored value can be wrong (moved to another
// attribute or table, wrong key, unknown key id, tampered, a gzip bomb) as a typed error naming the
// attribute, never the plaintext.
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { gunzipSync, gzipSync } from 'node:zlib';
import { GetItemCommand, PutItemCommand, UpdateItemCommand } from '@aws-sdk/client-dynamodb';
import { eachBackend, uniqueName } from '../../tests/support/endpoints.mjs';
import { attr, codec, cond, defineModel, errors } from '../node.mjs';

const SECRET = 'alice@example.com';
const K1 = randomBytes(32);
const K2 = randomBytes(32);

function vault(client, table, key = K1, extra = {}) {
  return defineModel({
    name: 'Vault',
    table,
    client,
    attributes: {
      id: attr.string({ hashKey: true }),
      body: attr.compressedString({ nullable: true }),
      blob: attr.compressedBinary({ nullable: true }),
      doc: attr.compressedJson({ nullable: true }),
      small: attr.compressedString({ maxOutput: 64, nullable: true }),
      email: attr.encryptedString({ key, keyId: 'k1', attrName: 'e' }),
      backup: attr.encryptedString({ key, keyId: 'k1', nullable: true }),
      note: attr.encryptedJson({ key, deterministic: false, nullable: true }),
      n: attr.encryptedNumber({ key, integer: true, nullable: true }),
      pm: attr.encryptedString({ key: 'pw', format: 'pynamodb_mate', nullable: true }),
      pmr: attr.encryptedBinary({ key: 'pw', format: 'pynamodb_mate', deterministic: false, nullable: true }),
      ...extra,
    },
  });
}

const raw = async (client, table, id) => (await client.send(new GetItemCommand({ TableName: table, Key: { id: { S: id } }, ConsistentRead: true }))).Item;

eachBackend('sealed attributes: round trip, stored bytes, equality on ciphertexts, updates', async ({ dynamodb }) => {
  const table = uniqueName('vault');
  const Vault = vault(dynamodb, table);
  await Vault.createTable({ wait: true });
  try {
    const values = {
      body: `${SECRET} é😀`.repeat(50),
      blob: new Uint8Array([0, 1, 0, 255]),
      doc: { é: [1, 1.5, null], big: 2n ** 70n },
      email: SECRET,
      note: { card: '4111' },
      n: -(2n ** 60n),
      pm: SECRET,
      pmr: new Uint8Array([0, 0, 7]),
    };
    await Vault.create({ id: 'a', ...values }).save();
    await Vault.create({ id: 'b', email: 'bob@example.com', pm: 'bob', n: 7, body: 'b' }).save();
    const got = await Vault.get('a', { consistentRead: true });
    for (const [name, value] of Object.entries(values)) assert.deepEqual(got[name], value, name);

    const item = await raw(dynamodb, table, 'a');
    assert.equal(gunzipSync(item.body.B).toString(), values.body);
    assert.ok(item.body.B.length < values.body.length / 5, 'compressed');
    assert.deepEqual(item.e.B, codec.encrypt(SECRET, { key: K1, keyId: 'k1', table, attribute: 'e' }), 'bound to table and DynamoDB name');
    assert.deepEqual(item.pm.B, codec.encrypt(SECRET, { key: 'pw', format: 'pynamodb_mate' }), "pynamodb_mate's bytes");
    for (const stored of Object.values(item)) assert.ok(!Buffer.from(stored.B ?? stored.S).includes('alice'), 'no plaintext stored');

    // Deterministic attributes work in conditions, filters and key-free queries.
    const ids = async (filter) => {
      const found = [];
      for await (const v of Vault.scan({ filter, consistentRead: true })) found.push(v.id);
      return found.sort();
    };
    assert.deepEqual(await ids(Vault.attr.email.eq(SECRET)), ['a']);
    assert.deepEqual(await ids(Vault.attr.email.ne(SECRET)), ['b']);
    assert.deepEqual(await ids(Vault.attr.pm.in(['bob', 'carol'])), ['b']);
    assert.deepEqual(await ids(cond.and(Vault.attr.n.eq(7), Vault.attr.blob.notExists())), ['b']);
    // (moto refuses size() of an attribute missing from an item, so every item has a body here.)
    assert.deepEqual(await ids(Vault.attr.body.size().eq(item.body.B.length)), ['a']);
    await assert.rejects(async () => ids(Vault.attr.note.eq({ card: '4111' })), (e) => e.code === 'E_EXPRESSION' && /note/.test(e.message));
    await got.save({ condition: Vault.attr.email.eq(SECRET) });
    await assert.rejects(got.save({ condition: Vault.attr.email.eq('mallory@example.com') }), { name: 'ConditionFailedError', code: 'E_DYNAMODB_CONDITION' });

    // Updates write what a save would.
    await got.update([Vault.attr.email.set('new@example.com'), Vault.attr.body.set('short'), Vault.attr.note.set([1]), Vault.attr.blob.remove()]);
    assert.deepEqual([got.email, got.body, got.note, got.blob], ['new@example.com', 'short', [1], undefined]);
    const again = await Vault.get('a', { consistentRead: true });
    assert.deepEqual([again.email, again.body, again.note], ['new@example.com', 'short', [1]]);
    assert.deepEqual((await Vault.batchGet(['a', 'b'])).map((v) => v.email).sort(), ['bob@example.com', 'new@example.com']);
  } finally {
    await Vault.deleteTable();
  }
});

eachBackend('sealed attributes: bad stored values are typed errors naming the attribute', async ({ dynamodb }) => {
  const table = uniqueName('vault');
  const other = uniqueName('vault');
  const Vault = vault(dynamodb, table);
  const Other = vault(dynamodb, other);
  await Promise.all([Vault.createTable({ wait: true }), Other.createTable({ wait: true })]);
  try {
    await Vault.create({ id: 'a', email: SECRET }).save();
    const { e } = await raw(dynamodb, table, 'a');
    const put = (Table, item) => dynamodb.send(new PutItemCommand({ TableName: Table.tableName, Item: { id: { S: 'x' }, e, ...item } }));
    const failsWith = async (Model, code, type, where) => {
      const error = await Model.get('x', { consistentRead: true }).then(() => null, (caught) => caught);
      assert.ok(error instanceof type, `${code}: got ${error?.stack}`);
      assert.equal(error.code, code, error.message);
      assert.match(error.message, new RegExp(`^Vault\\.${where}: `));
      assert.ok(!error.message.includes(SECRET));
    };
    // The same ciphertext in another attribute of the same table, and in another table.
    await put(Vault, { backup: e });
    await failsWith(Vault, 'E_AEAD_CONTEXT', errors.DecryptionError, 'backup');
    await put(Other, {});
    await failsWith(Other, 'E_AEAD_CONTEXT', errors.DecryptionError, 'email');
    // Another key under the same id, and a keyring that no longer holds the id.
    await put(Vault, {});
    await failsWith(vault(dynamodb, table, K2), 'E_AEAD_WRONG_KEY', errors.DecryptionError, 'email');
    const Rotated = vault(dynamodb, table, undefined, { email: attr.encryptedString({ key: { current: 'k2', keys: { k2: K2 } }, attrName: 'e' }) });
    await failsWith(Rotated, 'E_AEAD_UNKNOWN_KEY_ID', errors.DecryptionError, 'email');
    const tampered = new Uint8Array(e.B);
    tampered[tampered.length - 1] ^= 1;
    await put(Vault, { e: { B: tampered } });
    await failsWith(Vault, 'E_AEAD_TAMPERED', errors.DecryptionError, 'email');
    await put(Vault, { pm: { B: codec.encrypt(SECRET, { key: 'other', format: 'pynamodb_mate' }) } });
    await failsWith(Vault, 'E_LEGACY_PADDING', errors.DecryptionError, 'pm');
    // A gzip bomb (over the attribute's maxOutput), corrupt gzip, and a JSON attribute holding text.
    await put(Vault, { small: { B: gzipSync(Buffer.alloc(100_000)) } });
    await failsWith(Vault, 'E_GZIP_TOO_LARGE', errors.CompressionError, 'small');
    await put(Vault, { body: { B: gzipSync(SECRET).subarray(0, 15) } });
    await failsWith(Vault, 'E_GZIP_TRUNCATED', errors.CompressionError, 'body');
    await put(Vault, { doc: { B: gzipSync(SECRET) } });
    await failsWith(Vault, 'E_ITEM_STORED', errors.ItemError, 'doc');

    // A value too large for an item is refused before any request, and nothing is written.
    const huge = Vault.create({ id: 'huge', email: SECRET });
    huge.blob = randomBytes(420_000);
    await assert.rejects(huge.save(), (error) => error.code === 'E_ITEM_TOO_LARGE' && /the largest attribute is blob/.test(error.message));
    assert.equal(await raw(dynamodb, table, 'huge'), undefined);
    assert.throws(() => Vault.create({ id: 'y', email: SECRET, doc: { d: new Date() } }), (error) => error.code === 'E_ITEM_TYPE');
  } finally {
    await Promise.all([Vault.deleteTable(), Other.deleteTable()]);
  }
});

eachBackend('sealed attributes: keyring rotation and a KMS-style key provider', async ({ dynamodb }) => {
  const table = uniqueName('vault');
  let kmsCalls = 0;
  const kms = async () => {
    kmsCalls += 1;
    return K2;
  };
  const Old = vault(dynamodb, table, K1);
  const New = vault(dynamodb, table, undefined, {
    email: attr.encryptedString({ key: { current: 'k2', keys: { k1: K1, k2: kms } }, attrName: 'e' }),
  });
  await Old.createTable({ wait: true });
  try {
    await Old.create({ id: 'old', email: 'old@example.com' }).save();
    await New.prepare();
    await New.create({ id: 'new', email: 'new@example.com' }).save();
    assert.equal(kmsCalls, 1);
    assert.equal((await New.get('old', { consistentRead: true })).email, 'old@example.com', 'old key id still read');
    assert.equal((await New.get('new', { consistentRead: true })).email, 'new@example.com');
    const { e } = await raw(dynamodb, table, 'new');
    assert.equal(codec.decrypt(e.B, { key: K2, keyId: 'k2', table, attribute: 'e', kind: 'string' }), 'new@example.com', 'written with k2');
    await assert.rejects(Old.get('new', { consistentRead: true }), (error) => error.code === 'E_AEAD_UNKNOWN_KEY_ID');
    // Equality finds values written under the current key.
    const found = [];
    for await (const v of New.scan({ filter: New.attr.email.eq('new@example.com'), consistentRead: true })) found.push(v.id);
    assert.deepEqual(found, ['new']);
  } finally {
    await Old.deleteTable();
  }
});
