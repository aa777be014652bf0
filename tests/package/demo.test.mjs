// The README's first command runs examples/demo.mjs: here it runs as a newcomer would (no endpoints
// in the environment, so on its own embedded moto_server), must tell the whole scenario, exit 0 and
// leave no server behind.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { connect } from 'node:net';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';

const DEMO = fileURLToPath(new URL('../../examples/demo.mjs', import.meta.url));

/** Whether something accepts connections on 127.0.0.1:port. */
function listening(port) {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    socket.once('connect', () => socket.destroy() || resolve(true));
    socket.once('error', () => resolve(false));
  });
}

test('the demo runs the crawler scenario on an embedded server and leaves nothing running', async () => {
  const env = { ...process.env };
  delete env.AWS_ENDPOINT_URL_DYNAMODB;
  delete env.AWS_ENDPOINT_URL_S3;
  const run = spawnSync(process.execPath, [DEMO], { env, encoding: 'utf8', timeout: 120_000 });
  assert.equal(run.status, 0, run.stderr);
  const out = run.stdout;
  assert.match(out, /embedded moto_server\s+yes/);
  assert.match(out, /page-07: fetch failed \(simulated timeout\), will be retried/);
  assert.match(out, /page-07: stored \(\d+\/12\) after 1 failure/);
  assert.match(out, /succeeded \/ failed runs\s+12 \/ 1/);
  assert.match(out, /tasks by status\s+\{"succeeded":12,"failed":0\}/);
  assert.match(out, /pages of team-b\s+page-02 page-05 page-08 page-11\n/);
  assert.match(out, /S3 URI in the item\s+s3:\/\/demo-crawler-[0-9a-f]{6}\/pynamodb-mate\/bigtext\/[0-9a-f]{64}\.txt/);
  assert.match(out, /objects in the bucket\s+12 /);
  assert.match(out, /this page\s+https:\/\/us-east-1\.console\.aws\.amazon\.com\/dynamodbv2\/home\?region=us-east-1#edit-item\?table=demo-pages-[0-9a-f]{6}&itemMode=2&pk=https%3A%2F%2Fexample\.com%2Fpage-07&sk&ref=%23item-explorer%3Ftable%3Ddemo-pages-[0-9a-f]{6}&route=ROUTE_ITEM_EXPLORER\n/);
  assert.match(out, /Done\.\n$/);
  const [raw, zipped] = /html\s+([\d.]+) KiB of HTML -> ([\d.]+) KiB gzip in S3/.exec(out).slice(1).map(Number);
  assert.ok(raw > 200 && zipped < raw / 2, `HTML of ${raw} KiB stored as ${zipped} KiB`);
  const port = Number(/DynamoDB\s+http:\/\/127\.0\.0\.1:(\d+)/.exec(out)[1]);
  assert.equal(await listening(port), false, 'the embedded moto_server still listens after the demo');
});
