// The Lambda example (examples/lambda/): handler.mjs, a model with a compressed and an encrypted
// attribute, and bare-handler.mjs, the same with the bare SDK, bundled by examples/lambda/build.mjs
// into one file each (dynamodb-mate's .wasm beside its bundle), then run as the Lambda runtime runs
// them (a fresh process per invocation, read-only directory, configuration in the environment)
// against DynamoDB Local. Cold-start numbers: bench/lambda-cold.mjs. Needs scripts/build.sh to have run.
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { CreateTableCommand, DeleteTableCommand, GetItemCommand, waitUntilTableExists } from '@aws-sdk/client-dynamodb';
import { codec } from '../../pkg/dist/node.mjs';
import { buildLambda } from '../../examples/lambda/build.mjs';
import { backends, uniqueName } from '../support/endpoints.mjs';
import { invokeFresh } from './lambda-runtime.mjs';

const root = fileURLToPath(new URL('../../', import.meta.url));
const tmp = mkdtempSync(join(tmpdir(), 'dmate-lambda-'));
after(() => rmSync(tmp, { recursive: true, force: true }));

const PASSWORD = 'lambda-example-password';
const BODY = 'Notes from a Lambda function, é 😀. '.repeat(400);
const OWNER = 'ann@example.com';

const builds = {};
let local;
let table;
let env;
before(async () => {
  assert.ok(existsSync(join(root, 'pkg/dist/node.mjs')), 'pkg/ is not built: run scripts/build.sh');
  for (const name of ['handler', 'bare-handler']) {
    const dir = join(tmp, name);
    const result = await buildLambda(join(root, `examples/lambda/${name}.mjs`), dir, { fromRepo: true });
    builds[name] = { dir, result };
  }
  local = backends().find((b) => b.name === 'dynamodb-local');
  table = uniqueName('lambda-notes');
  await local.dynamodb.send(new CreateTableCommand({
    TableName: table,
    KeySchema: [{ AttributeName: 'id', KeyType: 'HASH' }],
    AttributeDefinitions: [{ AttributeName: 'id', AttributeType: 'S' }],
    BillingMode: 'PAY_PER_REQUEST',
  }));
  await waitUntilTableExists({ client: local.dynamodb, maxWaitTime: 30 }, { TableName: table });
  // What a Lambda function's environment holds, and nothing else of this process's.
  env = {
    AWS_REGION: 'us-east-1',
    AWS_ACCESS_KEY_ID: 'test',
    AWS_SECRET_ACCESS_KEY: 'test',
    AWS_ENDPOINT_URL_DYNAMODB: local.endpoint,
    AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
    NOTES_TABLE: table,
    NOTES_PASSWORD: PASSWORD,
  };
});
after(() => local?.dynamodb.send(new DeleteTableCommand({ TableName: table })));

test('each handler is one bundle file; the dynamodb-mate one has its .wasm beside it', () => {
  for (const { result } of Object.values(builds)) assert.deepEqual([...result.errors, ...result.warnings], []);
  assert.deepEqual(readdirSync(builds.handler.dir).sort(), ['dynamodb_mate_bg.wasm', 'index.js']);
  assert.deepEqual(readdirSync(builds['bare-handler'].dir), ['index.js']);
});

test('the dynamodb-mate handler stores a note compressed and encrypted, and reads it back in another process', async () => {
  const { dir } = builds.handler;
  const put = invokeFresh(dir, { action: 'put', id: 'note-1', body: BODY, owner: OWNER }, env);
  assert.deepEqual(put.result, { id: 'note-1' });
  assert.equal(put.write, 'ERR_ACCESS_DENIED');
  assert.deepEqual(invokeFresh(dir, { action: 'get', id: 'note-1' }, env).result, { id: 'note-1', body: BODY, owner: OWNER });
  assert.equal(invokeFresh(dir, { action: 'get', id: 'missing' }, env).result, null);
  assert.throws(() => invokeFresh(dir, { action: 'drop' }, env), /unknown action "drop"/);

  // As stored: gzip (much smaller than the text) and an authenticated envelope bound to table + attribute.
  const { Item } = await local.dynamodb.send(new GetItemCommand({ TableName: table, Key: { id: { S: 'note-1' } } }));
  assert.deepEqual(Object.keys(Item).sort(), ['body', 'id', 'owner']);
  assert.deepEqual([...Item.body.B.subarray(0, 2)], [0x1f, 0x8b]);
  assert.ok(Item.body.B.length < new TextEncoder().encode(BODY).length / 20);
  assert.equal(new TextDecoder().decode(codec.gunzip(Item.body.B)), BODY);
  assert.ok(!Buffer.from(Item.owner.B).includes(OWNER));
  assert.equal(codec.decrypt(Item.owner.B, { key: PASSWORD, table, attribute: 'owner', kind: 'string' }), OWNER);
});

test('the bare-SDK handler round-trips the same note as plain strings', async () => {
  const { dir } = builds['bare-handler'];
  assert.deepEqual(invokeFresh(dir, { action: 'put', id: 'note-2', body: BODY, owner: OWNER }, env).result, { id: 'note-2' });
  assert.deepEqual(invokeFresh(dir, { action: 'get', id: 'note-2' }, env).result, { id: 'note-2', body: BODY, owner: OWNER });
  const { Item } = await local.dynamodb.send(new GetItemCommand({ TableName: table, Key: { id: { S: 'note-2' } } }));
  assert.deepEqual(Item, { id: { S: 'note-2' }, body: { S: BODY }, owner: { S: OWNER } });
});
