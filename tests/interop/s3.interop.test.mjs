// The real pynamodb_mate 6.0.1.1 (wheel-only S3BackedAttribute subclasses) and 5.3.4.4
// (S3BackedBig{Text,Binary}Attribute) share a table and a bucket on moto with attr.s3*: each side
// reads the other's item, both put the same content under the same key with the same body, and an
// upload the other side already made is skipped; and 6.0.1.1's large-attribute pattern shares items
// and objects with layout 'item', each side updating and deleting the other's. Python runs
// tests/interop/pm_s3.py.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { test } from 'node:test';
import { GetItemCommand } from '@aws-sdk/client-dynamodb';
import { CreateBucketCommand, GetObjectCommand, ListObjectsV2Command } from '@aws-sdk/client-s3';
import { backends, uniqueName } from '../support/endpoints.mjs';
import { attr, codec, defineModel } from '../../js/node.mjs';
import { s3Storage } from '../../js/s3.mjs';

const root = new URL('../../', import.meta.url).pathname;
const utf8 = (s) => new TextEncoder().encode(s);

/** pm_s3.py's values(key). */
function values(key, v6) {
  const binary = new Uint8Array(4000 + key.length);
  for (let i = 0; i < 4000; i += 4) binary.set([0, 1, 0, 255], i);
  binary.set(utf8(key), 4000);
  const made = { text: `${key} héllo 😀 `.repeat(100_000), empty: '', binary };
  if (v6) {
    made.doc = { key, é: [1, 2.5, null, true], emoji: '😀', big: 12345678901234567890n };
    made.raw_doc = { key, n: -5 };
  }
  return made;
}

/** What pynamodb_mate uploads for `value` of attribute `name`: the fingerprinted bytes. */
const BYTES = { text: utf8, empty: utf8, binary: (b) => b, doc: (v) => utf8(codec.pythonJsonDumps(v)), raw_doc: (v) => utf8(codec.pythonJsonDumps(v)) };

for (const version of ['6.0.1.1', '5.3.4.4']) {
  const v6 = version.startsWith('6.');
  const python = (...args) => {
    try {
      return execFileSync(`${root}.venv-pm${version[0]}/bin/python`, [`${root}tests/interop/pm_s3.py`, ...args], { encoding: 'utf8', maxBuffer: 1 << 26 });
    } catch (error) {
      assert.fail(`pm_s3.py ${args[0]} (pynamodb_mate ${version}) failed:\n${error.stdout}${error.stderr}`);
    }
  };

  test(`pynamodb_mate ${version} and dynamodb-mate share S3-backed attributes [moto]`, { timeout: 120_000 }, async () => {
    const moto = backends().find((b) => b.name === 'moto');
    const table = uniqueName(`interop-s3-${version[0]}`);
    const bucket = uniqueName(`interop-s3-${version[0]}`);
    await moto.s3.send(new CreateBucketCommand({ Bucket: bucket }));
    python('create', table);
    // 6.x keys have no extension (one template for all); 5.x's are this library's defaults.
    const keyTemplate = v6 ? 'pynamodb-mate/s3backed/{fingerprint}' : undefined;
    const template = { text: 'pynamodb-mate/bigtext/{fingerprint}.txt', binary: 'pynamodb-mate/bigbinary/{fingerprint}.dat' };
    template.empty = template.text;
    const s3 = { sent: [], send(command) { this.sent.push(command.constructor.name); return moto.s3.send(command); } };
    const Docs = defineModel({
      table,
      client: moto.dynamodb,
      s3: s3Storage(s3),
      attributes: {
        pk: attr.string({ hashKey: true }),
        text: attr.s3Text({ bucket, keyTemplate, nullable: true }),
        empty: attr.s3Text({ bucket, keyTemplate, nullable: true }),
        binary: attr.s3Binary({ bucket, keyTemplate, nullable: true }),
        ...(v6 ? { doc: attr.s3Json({ bucket, nullable: true }), raw_doc: attr.s3Json({ bucket, compress: false, nullable: true }) } : {}),
      },
    });
    const compressed = (name) => name !== 'raw_doc';
    const raw = async (pk) => (await moto.dynamodb.send(new GetItemCommand({ TableName: table, Key: { pk: { S: pk } }, ConsistentRead: true }))).Item;
    const body = async (key) => (await moto.s3.send(new GetObjectCommand({ Bucket: bucket, Key: key }))).Body.transformToByteArray();
    /** Every attribute of item `pk` points at the key pynamodb_mate derives, holding its body. */
    const sameKeysAndBodies = async (pk) => {
      const item = await raw(pk);
      for (const [name, value] of Object.entries(values(pk, v6))) {
        const bytes = BYTES[name](value);
        const key = (keyTemplate ?? template[name]).replace('{fingerprint}', codec.sha256Hex(bytes));
        assert.equal(item[name].S, `s3://${bucket}/${key}`, `${pk}.${name}: key`);
        const stored = await body(key);
        assert.deepEqual(compressed(name) ? codec.gunzip(stored) : stored, bytes, `${pk}.${name}: body`);
      }
    };
    try {
      python('write', table, bucket, 'py-1');
      const fromPython = await Docs.get('py-1', { consistentRead: true });
      for (const [name, want] of Object.entries(values('py-1', v6))) assert.deepEqual(fromPython[name], want, name);
      await sameKeysAndBodies('py-1');

      await Docs.create({ pk: 'js-1', ...values('js-1', v6) }).save();
      assert.match(python('check', table, bucket, 'js-1'), new RegExp(`^pm-s3-readable: ${v6 ? 5 : 3} passed, 0 failed$`, 'm'));
      await sameKeysAndBodies('js-1');

      // Python's content, written again from JS: every object is found, none uploaded.
      s3.sent.length = 0;
      await Docs.create({ pk: 'py-1', ...values('py-1', v6) }).save();
      assert.deepEqual(new Set(s3.sent), new Set(['HeadObjectCommand']));
    } finally {
      await Docs.deleteTable();
    }
  });
}

/** pm_s3.py's large_values(tag): the bytes of `html` (text) and `image`. */
function largeValues(tag) {
  const image = new Uint8Array(4000 + tag.length);
  for (let i = 0; i < 4000; i += 4) image.set([0, 1, 0, 255], i);
  image.set(utf8(tag), 4000);
  return { html: `<p>${tag} héllo 😀</p>`.repeat(20_000), image };
}

test("pynamodb_mate 6.0.1.1's large-attribute items and layout 'item' share objects: each side reads, updates and deletes the other's [moto]", { timeout: 120_000 }, async () => {
  const moto = backends().find((b) => b.name === 'moto');
  const python = (...args) => {
    try {
      return execFileSync(`${root}.venv-pm6/bin/python`, [`${root}tests/interop/pm_s3.py`, ...args], { encoding: 'utf8', maxBuffer: 1 << 26 });
    } catch (error) {
      assert.fail(`pm_s3.py ${args[0]} failed:\n${error.stdout}${error.stderr}`);
    }
  };
  const table = uniqueName('interop-large');
  const bucket = uniqueName('interop-large');
  await moto.s3.send(new CreateBucketCommand({ Bucket: bucket }));
  const Docs = defineModel({
    table,
    client: moto.dynamodb,
    s3: s3Storage(moto.s3),
    attributes: {
      pk: attr.string({ hashKey: true }),
      html: attr.s3Text({ bucket, layout: 'item', prefix: 'large', nullable: true }),
      image: attr.s3Binary({ bucket, layout: 'item', prefix: 'large', nullable: true }),
    },
  });
  const objects = async (pk) => ((await moto.s3.send(new ListObjectsV2Command({ Bucket: bucket, Prefix: `large/pk=${pk}/` }))).Contents ?? [])
    .map((o) => o.Key).sort();
  const key = (pk, name, bytes) => `large/pk=${pk}/attr=${name}/md5=${codec.md5Hex(bytes)}`;
  const keys = (pk, html, image) => [key(pk, 'html', utf8(html)), key(pk, 'image', image)].sort();
  const read = async (pk) => {
    const got = await Docs.get(pk, { consistentRead: true });
    return [got.html, got.image];
  };
  const [v1, v2, v3] = ['v1', 'v2', 'v3'].map(largeValues);
  await Docs.createTable({ wait: true });
  try {
    // Python creates; we read, update (its old object goes once our UpdateItem succeeded) and Python reads.
    python('large-create', table, bucket, 'py-1', 'v1');
    assert.deepEqual(await read('py-1'), [v1.html, v1.image]);
    assert.deepEqual(await objects('py-1'), keys('py-1', v1.html, v1.image));
    const doc = await Docs.get('py-1', { consistentRead: true });
    await doc.update([Docs.attr.html.set(v2.html)]);
    assert.deepEqual(await objects('py-1'), keys('py-1', v2.html, v1.image));
    assert.match(python('large-check', table, bucket, 'py-1', 'v2', 'v1'), /^pm-s3-readable: 2 passed, 0 failed$/m);
    // Python updates ours (and deletes our object); we read and delete the item with its objects.
    python('large-update', table, bucket, 'py-1', 'v3');
    assert.deepEqual(await read('py-1'), [v3.html, v1.image]);
    assert.deepEqual(await objects('py-1'), keys('py-1', v3.html, v1.image));
    await (await Docs.get('py-1', { consistentRead: true })).delete();
    assert.deepEqual(await objects('py-1'), []);

    // We create; Python reads (same keys as get_s3_key), updates and deletes with its objects.
    await Docs.create({ pk: 'js-1', html: v1.html, image: v1.image }).save();
    assert.match(python('large-check', table, bucket, 'js-1', 'v1', 'v1'), /^pm-s3-readable: 2 passed, 0 failed$/m);
    python('large-update', table, bucket, 'js-1', 'v2');
    assert.deepEqual(await read('js-1'), [v2.html, v1.image]);
    assert.deepEqual(await objects('js-1'), keys('js-1', v2.html, v1.image), 'Python deleted our replaced object');
    const mine = await Docs.get('js-1', { consistentRead: true });
    mine.html = v3.html;
    await mine.save();
    assert.match(python('large-check', table, bucket, 'js-1', 'v3', 'v1'), /^pm-s3-readable: 2 passed, 0 failed$/m);
    python('large-delete', table, bucket, 'js-1');
    assert.equal(await Docs.getOneOrNone('js-1', { consistentRead: true }), null);
    assert.deepEqual(await objects('js-1'), []);
  } finally {
    await Docs.deleteTable();
  }
});
