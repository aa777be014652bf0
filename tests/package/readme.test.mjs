// Every ```js block of README.md runs, as written, against the built package and moto: the
// `dynamodb-mate` import is pointed at pkg/, and the SDK finds moto through AWS_ENDPOINT_URL_DYNAMODB
// (so the README needs no test-only code).
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { test } from 'node:test';
import { backends } from '../support/endpoints.mjs';

const root = new URL('../../', import.meta.url).pathname;
const blocks = [...readFileSync(`${root}README.md`, 'utf8').matchAll(/^```js\n([\s\S]*?)^```$/gm)].map((m) => m[1]);
// What each block prints, in README order (the values its comments promise).
const OUTPUT = [
  '1 2\n/ Home\n',
  'Dog Rex 1\nCat Tom 9\n1\n',
  'u1 078-05-1120 1600 1234\nE_EXPRESSION\n',
  '{ pin: 1234 }\nscanned 1\n1 undefined\nE_LEGACY_LENGTH\n',
  '1200000 en\ns3://quickstart-pages/pynamodb-mate/bigbinary/….dat\n4\n',
  'v2  300000\n2 1 1\n1\n',
  'alice@example.com\nE_GZIP_HEADER\n',
  "fetched succeeded\nE_TASK_ALREADY_SUCCEEDED\nfailed 1 Error('timeout')\n2 3\npage-1\n",
  'https://eu-west-1.console.aws.amazon.com/dynamodbv2/home?region=eu-west-1#item-explorer?initialTagKey=&maximize=true&table=orders\n'
    + 'https://eu-west-1.console.aws.amazon.com/dynamodbv2/home?region=eu-west-1#edit-item?table=orders&itemMode=2&pk=Tom%20%26%20Jerry&sk=1700000000&ref=%23item-explorer%3Ftable%3Dorders&route=ROUTE_ITEM_EXPLORER\n'
    + 'https://us-east-1.console.aws.amazon.com/dynamodbv2/home?region=us-east-1#table?initialTagKey=&name=orders&tab=overview\n',
];

test('the README has js blocks to run', () => {
  assert.equal(blocks.length, OUTPUT.length, 'a new README block needs its expected output here');
});

blocks.forEach((code, i) => {
  test(`README js block ${i + 1} runs`, { timeout: 60_000 }, () => {
    const moto = backends().find((b) => b.name === 'moto');
    // Inside the repo, so that the AWS SDK resolves from its node_modules.
    const dir = `${root}target/readme`;
    mkdirSync(dir, { recursive: true });
    const file = `${dir}/block-${i + 1}.mjs`;
    // The KMS example runs with a fake KMS client (tests/package/fixtures/fake-kms.mjs).
    writeFileSync(file, code.replaceAll("from 'dynamodb-mate'", `from '${root}pkg/dist/node.mjs'`)
      .replaceAll("from '@aws-sdk/client-kms'", `from '${root}tests/package/fixtures/fake-kms.mjs'`));
    const env = {
      ...process.env,
      AWS_ENDPOINT_URL_DYNAMODB: moto.endpoint,
      AWS_ENDPOINT_URL_S3: moto.endpoint,
      AWS_REGION: 'us-east-1',
      AWS_ACCESS_KEY_ID: 'test',
      AWS_SECRET_ACCESS_KEY: 'test',
    };
    let stdout;
    try {
      stdout = execFileSync(process.execPath, [file], { env, encoding: 'utf8', stdio: 'pipe' });
    } catch (error) {
      assert.fail(`README js block ${i + 1} failed:\n${error.stdout}${error.stderr}`);
    }
    assert.equal(stdout, OUTPUT[i]);
  });
});
