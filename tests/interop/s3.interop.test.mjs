// The real pynamodb_mate 6.0.1.1 (wheel-only S3BackedAttribute subclasses) and 5.3.4.4
// (S3BackedBig{Text,Binary}Attribute) share a table and a bucket on moto with attr.s3*: each side
// reads the other's item, both put the same content under the same key with the same body, and an
// upload the other side already made is skipped. Python runs tests/interop/pm_s3.py.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { test } from 'node:test';
import { GetItemCommand } from '@aws-sdk/client-dynamodb';
import { CreateBucketCommand, GetObjectCommand } from '@aws-sdk/client-s3';
import { backends, uniqueName } from '../support/endpoints.mjs';
import { attr, codec, defineModel } from '../../js/node.mjs';

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
      s3,
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
