// The CLI as an operator runs it: `node js/cli/bin.mjs ...` in a child process, against DynamoDB
// Local (DynamoDB) and moto (S3), with a models module written into a temp dir that makes its
// clients from the environment (AWS_ENDPOINT_URL_DYNAMODB / AWS_ENDPOINT_URL_S3), as users' do.
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { GetItemCommand } from '@aws-sdk/client-dynamodb';
import { CreateBucketCommand, PutObjectCommand } from '@aws-sdk/client-s3';
import { backends, uniqueName } from '../../tests/support/endpoints.mjs';

const BIN = fileURLToPath(new URL('./bin.mjs', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'dmate-cli-'));
const MODELS = join(dir, 'models.mjs');
const tables = { page: uniqueName('cli-pages'), event: uniqueName('cli-events'), member: uniqueName('cli-members'), doc: uniqueName('cli-docs'), tasks: uniqueName('cli-tasks') };
const bucket = uniqueName('cli-bucket').toLowerCase();
const COUNT = 150;

const env = {
  ...process.env,
  AWS_REGION: 'us-east-1',
  AWS_ACCESS_KEY_ID: 'test',
  AWS_SECRET_ACCESS_KEY: 'test',
  AWS_ENDPOINT_URL_DYNAMODB: process.env.DDB_LOCAL_ENDPOINT,
  AWS_ENDPOINT_URL_S3: process.env.MOTO_ENDPOINT,
  NODE_NO_WARNINGS: '1', // the SDK's warning about Node 20 would mix with the output asserted
};

// The models module: a keyring whose current id comes from KEY_ID (k1 when the test writes, k2
// for the CLI), an S3-backed model and a status tracker.
writeFileSync(MODELS, `
import { DynamoDBClient } from ${JSON.stringify(import.meta.resolve('@aws-sdk/client-dynamodb'))};
import { S3Client } from ${JSON.stringify(import.meta.resolve('@aws-sdk/client-s3'))};
import { attr, defineModel, StatusTracker } from ${JSON.stringify(new URL('../node.mjs', import.meta.url).href)};
import { s3Storage } from ${JSON.stringify(new URL('../s3.mjs', import.meta.url).href)};
const dynamodb = new DynamoDBClient({ maxAttempts: 2 });
const s3 = s3Storage(new S3Client({ forcePathStyle: true, maxAttempts: 2 }));
const keys = { k1: Buffer.from('${randomBytes(32).toString('hex')}', 'hex'), k2: Buffer.from('${randomBytes(32).toString('hex')}', 'hex') };
export const Member = defineModel({ name: 'Member', table: '${tables.member}', client: dynamodb, attributes: {
  id: attr.string({ hashKey: true }),
  n: attr.number(),
  email: attr.encryptedString({ key: { current: process.env.KEY_ID ?? 'k2', keys } }),
  tags: attr.stringSet({ nullable: true }),
} });
export const Doc = defineModel({ name: 'Doc', table: '${tables.doc}', client: dynamodb, s3, attributes: {
  id: attr.string({ hashKey: true }),
  body: attr.s3Text({ bucket: '${bucket}', layout: 'item', prefix: 'large' }),
} });
// Another table whose objects share Doc's bucket and prefix.
export const Page = defineModel({ name: 'Page', table: '${tables.page}', client: dynamodb, s3, attributes: {
  id: attr.string({ hashKey: true }),
  body: attr.s3Text({ bucket: '${bucket}', layout: 'item', prefix: 'large' }),
} });
export const Event = defineModel({ name: 'Event', table: '${tables.event}', client: dynamodb, attributes: {
  source: attr.string({ hashKey: true, attrName: 'src' }),
  at: attr.datetime({ rangeKey: true }),
  body: attr.compressedString(),
} });
export const tasks = new StatusTracker({ client: dynamodb, table: '${tables.tasks}', useCaseId: 'cli', shards: { pending: 2 }, maxRetry: 3 });
export const notAModel = 42;
`);

/** Runs the CLI; `{ status, stdout, stderr }`. */
function cli(args, extraEnv = {}) {
  const r = spawnSync(process.execPath, [BIN, ...args], { env: { ...env, ...extraEnv }, encoding: 'utf8', cwd: dir });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}
const ok = (args) => {
  const r = cli(args);
  assert.equal(r.status, 0, r.stderr);
  return r.stdout;
};

let M;
const ddb = () => backends().find((b) => b.name === 'dynamodb-local').dynamodb;
const moto = () => backends().find((b) => b.name === 'moto');

/** The key id of each member's stored email. */
async function keyIds() {
  const ids = new Set();
  for (let i = 0; i < COUNT; i++) {
    const { Item } = await ddb().send(new GetItemCommand({ TableName: tables.member, Key: { id: { S: `m${i}` } }, ConsistentRead: true }));
    ids.add(Buffer.from(Item.email.B.subarray(5, 5 + Item.email.B[4])).toString());
  }
  return [...ids];
}

before(async () => {
  Object.assign(process.env, { ...env, KEY_ID: 'k1' });
  M = await import(MODELS);
  delete process.env.KEY_ID;
  await Promise.all([M.Page.createTable({ wait: true }), M.Event.createTable({ wait: true }), M.Member.createTable({ wait: true }), M.Doc.createTable({ wait: true }), M.tasks.createTable({ wait: true })]);
  await M.Member.batchWrite({ put: Array.from({ length: COUNT }, (_, i) => M.Member.create({ id: `m${i}`, n: i, email: `m${i}@example.com` })) });
  await moto().s3.send(new CreateBucketCommand({ Bucket: bucket }));
});
after(async () => {
  await Promise.all([M?.Page.deleteTable(), M?.Event.deleteTable(), M?.Member.deleteTable(), M?.Doc.deleteTable(), M?.tasks.deleteTable()]);
  rmSync(dir, { recursive: true, force: true });
});

test('--help on every command, with the exit codes', () => {
  for (const args of [['--help'], ...['orphans', 'reencrypt', 'tracker', 'console', 'get'].map((c) => [c, '--help'])]) {
    const out = ok(args);
    assert.match(out, /^Usage: dynamodb-mate/, args.join(' '));
    assert.match(out, /130 {2}interrupted by Ctrl-C/);
  }
});

test('usage errors exit with 2: unknown flag, command or action, missing --models, missing model, a foreign cursor file', () => {
  writeFileSync(join(dir, 'other.cursor'), JSON.stringify({ table: 'another-table', cursor: 'eyJ9' }));
  writeFileSync(join(dir, 'junk.cursor'), 'not json');
  const cases = [
    [['get', '--models', MODELS, '--bogus', 'x'], /Unknown option '--bogus'/],
    [['frobnicate'], /unknown command "frobnicate"/],
    [['get', 'x'], /--models is required/],
    [['get', '--models', join(dir, 'nope.mjs'), 'x'], /cannot load --models/],
    [['get', '--models', MODELS, '--model', 'Nope', 'x'], /exports no model named Nope \(models: Doc, Event, Member, Page\)/],
    [['get', '--models', MODELS, 'x'], /--model is required: .* exports the models Doc, Event, Member, Page/],
    [['tracker', 'explode', '--models', MODELS], /tracker has no action "explode"/],
    [['tracker', 'retry', '--models', MODELS], /tracker retry needs a TASK_ID/],
    [['reencrypt', '--models', MODELS, '--model', 'Member', '--page-size', '0'], /--page-size must be an integer >= 1/],
    [['orphans', '--models', MODELS, '--model', 'Member'], /Member.collectS3Orphans\(\): the model has no S3-backed attribute/],
    [['orphans', '--models', MODELS, '--model', 'Doc', '--delete'], /--delete needs --with NAME,NAME \(the models of the other tables .*\) or --only-this-table/],
    [['orphans', '--models', MODELS, '--model', 'Doc', '--delete', '--with', 'Page', '--only-this-table'], /--with and --only-this-table exclude each other/],
    [['orphans', '--models', MODELS, '--model', 'Doc', '--delete', '--with', ','], /--with needs model names/],
    [['reencrypt', '--models', MODELS, '--model', 'Member', '--cursor-file', 'other.cursor'], /other.cursor holds the cursor of table another-table, not of cli-members-/],
    [['reencrypt', '--models', MODELS, '--model', 'Member', '--cursor-file', 'junk.cursor'], /junk.cursor is not a cursor file of dynamodb-mate reencrypt/],
  ];
  for (const [args, message] of cases) {
    const r = cli(args);
    assert.equal(r.status, 2, `${args.join(' ')}\n${r.stderr}`);
    assert.match(r.stderr, message);
    assert.equal(r.stdout, '');
  }
});

test('get: the decoded item as JSON; a missing item exits with 1', async () => {
  await M.Member.create({ id: 'tagged', n: 2n ** 60n, email: 'a@example.com', tags: new Set(['x', 'y']) }).save();
  const got = JSON.parse(ok(['get', '--models', MODELS, '--model', 'Member', 'tagged']));
  // Beyond 2^53 the number is a bigint, written as a string.
  assert.deepEqual(got, { id: 'tagged', n: '1152921504606846976', email: 'a@example.com', tags: ['x', 'y'] });
  const missing = cli(['get', '--models', MODELS, '--model', 'Member', 'nobody']);
  assert.equal(missing.status, 1);
  assert.match(missing.stderr, /ItemNotFoundError E_NOT_FOUND: Member: no item with this key \(id\)/);
  await M.Member.get('tagged').then((m) => m.delete());
});

test('get: a range key given as stored (a datetime), an attrName, a compressed value', async () => {
  await M.Event.create({ source: 'a&b', at: new Date('2024-05-06T07:08:09.123Z'), body: 'héllo '.repeat(50) }).save();
  const got = JSON.parse(ok(['get', '--models', MODELS, '--model', 'Event', 'a&b', '2024-05-06T07:08:09.123000+0000']));
  assert.deepEqual(got, { source: 'a&b', at: '2024-05-06T07:08:09.123000Z', body: 'héllo '.repeat(50) });
  const wrong = cli(['get', '--models', MODELS, '--model', 'Event', 'a&b']);
  assert.equal(wrong.status, 2);
  assert.match(wrong.stderr, /model Event has a hash and a range key: give 2 key value\(s\), not 1/);
});

test('console: the table URLs, and an item URL', () => {
  const urls = ok(['console', '--models', MODELS, '--model', 'Member', '--region', 'eu-west-1']).trim().split('\n');
  assert.deepEqual(urls, [M.Member.tableOverviewConsoleUrl({ region: 'eu-west-1' }), M.Member.tableItemsConsoleUrl({ region: 'eu-west-1' })]);
  assert.match(urls[0], new RegExp(`^https://eu-west-1\\.console\\.aws\\.amazon\\.com/.*name=${tables.member}`));
  assert.equal(ok(['console', '--models', MODELS, '--model', 'Member', 'm1']).trim(), new M.Member({ id: 'm1' }).itemDetailConsoleUrl({ region: 'us-east-1' }));
});

test('orphans: a dry run by default, other tables named with --with, then --delete (which needs --with or --only-this-table)', async () => {
  await M.Doc.create({ id: 'kept', body: 'text' }).save();
  await M.Page.create({ id: 'p1', body: 'page text' }).save();
  const orphan = 'large/pk=gone/attr=body/md5=00000000000000000000000000000000';
  await moto().s3.send(new PutObjectCommand({ Bucket: bucket, Key: orphan, Body: 'x' }));
  const base = ['orphans', '--models', MODELS, '--model', 'Doc', '--older-than', '0'];
  // Without --with, Page's object under the same prefix looks orphaned.
  const alone = JSON.parse(ok([...base, '--list']));
  assert.equal(alone.orphans, 2);
  assert.ok(alone.uris.includes(`s3://${bucket}/${orphan}`) && alone.uris.some((u) => u.includes('/pk=p1/')), alone.uris.join());

  const dry = cli([...base, '--with', 'Page', '--list']);
  assert.equal(dry.status, 0, dry.stderr);
  const counts = JSON.parse(dry.stdout);
  assert.deepEqual(counts, { scanned: 2, listed: 3, referenced: 2, young: 0, orphans: 1, deleted: 0, errors: 0, failed: [], dryRun: true, uris: [`s3://${bucket}/${orphan}`] });
  // Not a terminal: one JSON line per page on stderr.
  const lines = dry.stderr.trim().split('\n').map((l) => JSON.parse(l));
  assert.ok(lines.length >= 1 && lines.every((l) => l.command === 'orphans'), dry.stderr);
  assert.equal(JSON.parse(ok([...base, '--with', 'Page'])).orphans, 1, 'the dry runs deleted nothing');

  assert.deepEqual(JSON.parse(ok([...base, '--with', 'Page', '--delete'])), { scanned: 2, listed: 3, referenced: 2, young: 0, orphans: 1, deleted: 1, errors: 0, failed: [], dryRun: false });
  assert.deepEqual(JSON.parse(ok([...base, '--with', 'Page'])).orphans, 0);
  assert.equal((await M.Page.get('p1')).body, 'page text', "Page's object is still there");

  // --delete alone is refused (nothing deleted); --only-this-table is the operator's claim that no other table shares the prefix.
  assert.equal(cli([...base, '--delete']).status, 2);
  assert.equal(JSON.parse(ok([...base, '--with', 'Page'])).referenced, 2);
  const only = JSON.parse(ok([...base, '--only-this-table', '--delete', '--list']));
  assert.deepEqual([only.scanned, only.deleted, only.uris.length], [1, 1, 1]);
  assert.ok(only.uris[0].includes('/pk=p1/'), only.uris[0]);
});

test('tracker: status by shard, failed tasks with their errors, retry and ignore', async () => {
  await M.tasks.createMany(['a', 'b', 'c', 'd']);
  await M.tasks.run('a', () => { throw new Error('boom'); }).catch(() => {});
  await M.tasks.run('b', () => {});
  const base = ['--models', MODELS];
  const status = JSON.parse(ok(['tracker', 'status', ...base]));
  assert.equal(status.pending.total, 2);
  assert.equal(status.pending.shards.length, 2);
  assert.deepEqual([status.failed, status.succeeded, status.ignored, status.inProgress], [
    { total: 1, shards: [1] }, { total: 1, shards: [1] }, { total: 0, shards: [0] }, { total: 0, shards: [0] },
  ]);
  const [failed, ...more] = JSON.parse(ok(['tracker', 'failed', ...base]));
  assert.deepEqual(more, []);
  assert.deepEqual([failed.taskId, failed.status, failed.retry], ['a', 'failed', 1]);
  assert.equal(failed.errors.history[0].error, "Error('boom')");
  assert.deepEqual(JSON.parse(ok(['tracker', 'retry', ...base, 'a'])).status, 'pending');
  assert.deepEqual(JSON.parse(ok(['tracker', 'ignore', ...base, 'c'])).status, 'ignored');
  const refused = cli(['tracker', 'retry', ...base, 'b']);
  assert.equal(refused.status, 1);
  assert.match(refused.stderr, /TaskAlreadySucceeded E_TASK_ALREADY_SUCCEEDED: Task\(useCaseId="cli", taskId="b"\) has already succeeded/);
  const after = await Promise.all(['a', 'c'].map((id) => M.tasks.get(id)));
  assert.deepEqual(after.map((t) => [t.statusName, t.retry]), [['pending', 0], ['ignored', 0]]);
});

test('reencrypt: Ctrl-C stops after a page (exit 130) and the printed command resumes and finishes', async () => {
  assert.deepEqual(await keyIds(), ['k1']);
  const child = spawn(process.execPath, [BIN, 'reencrypt', '--models', MODELS, '--model', 'Member', '--page-size', '1'], { env, cwd: dir });
  let stderr = '';
  let stdout = '';
  child.stdout.on('data', (d) => { stdout += d; });
  child.stderr.on('data', (d) => {
    const before = stderr.includes('"command":"reencrypt"');
    stderr += d;
    if (!before && stderr.includes('"command":"reencrypt"')) child.kill('SIGINT'); // after the first page
  });
  const code = await new Promise((resolve) => child.on('close', resolve));
  assert.equal(code, 130, stderr);
  const cursorFile = join(dir, `reencrypt-${tables.member}.cursor`);
  assert.ok(existsSync(cursorFile));
  const partial = JSON.parse(stdout);
  assert.ok(partial.updated >= 1 && partial.updated < COUNT, stdout);
  const resume = /To resume:\n {2}(.+)\n/.exec(stderr)?.[1];
  assert.equal(resume, `dynamodb-mate reencrypt --models ${MODELS} --model Member --page-size 1 --cursor-file reencrypt-${tables.member}.cursor`);
  assert.deepEqual((await keyIds()).sort(), ['k1', 'k2']);

  const rest = cli(resume.split(' ').slice(1));
  assert.equal(rest.status, 0, rest.stderr);
  assert.match(rest.stderr, /^resuming from reencrypt-/);
  const totals = JSON.parse(rest.stdout);
  assert.equal(totals.updated, COUNT - partial.updated);
  assert.ok(!existsSync(cursorFile), 'the cursor file is removed when done');
  assert.deepEqual(await keyIds(), ['k2']);
});
