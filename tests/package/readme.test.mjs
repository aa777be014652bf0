// Every ```js block of README.md and of docs/*.md runs, as written, against the built package and
// moto: the `dynamodb-mate` imports are pointed at pkg/, and the SDK finds moto through
// AWS_ENDPOINT_URL_DYNAMODB (so the docs need no test-only code).
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { test } from 'node:test';
import { backends } from '../support/endpoints.mjs';

const root = new URL('../../', import.meta.url).pathname;
const files = ['README.md', ...readdirSync(`${root}docs`).filter((f) => f.endsWith('.md')).sort().map((f) => `docs/${f}`)];
const jsBlocks = (file) => [...readFileSync(`${root}${file}`, 'utf8').matchAll(/^```js\n([\s\S]*?)^```$/gm)].map((m) => m[1]);

// What each block prints, per file in block order (the values its comments promise).
const OUTPUT = {
  'README.md': [
    '/ 1 2\n',
    'u1 1600\n',
    '1200000\n',
    '{"price": 1.0, "name": "\\u00e9"}\n',
    'fetched succeeded\n',
    'https://us-east-1.console.aws.amazon.com/dynamodbv2/home?region=us-east-1#table?initialTagKey=&name=orders&tab=overview\n',
  ],
  'docs/adapters.md': [
    'ann@example.com 1\n',
    'ann@example.com 1\n',
    'only for u1\nonly for u2\n',
  ],
  'docs/attributes.md': [
    'u1 078-05-1120 1600 1234\nE_EXPRESSION\n',
    '{ pin: 1234 }\nscanned 1\n1 undefined\nE_LEGACY_LENGTH\n',
  ],
  'docs/codecs.md': ['alice@example.com\nE_GZIP_HEADER\n'],
  'docs/console-urls.md': [
    'https://eu-west-1.console.aws.amazon.com/dynamodbv2/home?region=eu-west-1#item-explorer?initialTagKey=&maximize=true&table=orders\n'
      + 'https://eu-west-1.console.aws.amazon.com/dynamodbv2/home?region=eu-west-1#edit-item?table=orders&itemMode=2&pk=Tom%20%26%20Jerry&sk=1700000000&ref=%23item-explorer%3Ftable%3Dorders&route=ROUTE_ITEM_EXPLORER\n'
      + 'https://us-east-1.console.aws.amazon.com/dynamodbv2/home?region=us-east-1#table?initialTagKey=&name=orders&tab=overview\n',
  ],
  'docs/migrating-from-pynamodb-mate.md': ['u1 dark <p>hello</p>\n'],
  'docs/migrating-from-pynamodb.md': ['/ 1\n'],
  'docs/models.md': ['1 2\n/ Home\n', 'Dog Rex 1\nCat Tom 9\n1\n'],
  'docs/s3.md': [
    '1200000 en\ns3://quickstart-pages/pynamodb-mate/bigbinary/….dat\n4\n',
    'v2  300000\n2 1 1\n1\n',
  ],
  'docs/tracker.md': ["fetched succeeded\nE_TASK_ALREADY_SUCCEEDED\nfailed 1 Error('timeout')\n2 3\npage-1\n"],
};

/** The block as a module of target/readme: the package imports point at pkg/, KMS at a fake. */
function runnable(code) {
  return code.replace(/from 'dynamodb-mate(\/toolbox|\/electrodb|\/s3)?'/g, (_, sub) => `from '${root}pkg/dist/${sub ? sub.slice(1) : 'node'}.mjs'`)
    // The KMS example runs with a fake KMS client (tests/package/fixtures/fake-kms.mjs).
    .replaceAll("from '@aws-sdk/client-kms'", `from '${root}tests/package/fixtures/fake-kms.mjs'`);
}

test('every js block of the docs has its expected output here', () => {
  for (const file of files) assert.equal(jsBlocks(file).length, (OUTPUT[file] ?? []).length, `${file}: a new js block needs its expected output here`);
  assert.deepEqual(Object.keys(OUTPUT).filter((f) => !files.includes(f)), [], 'outputs of a file that is gone');
});

for (const file of files) {
  jsBlocks(file).forEach((code, i) => {
    test(`${file} js block ${i + 1} runs`, { timeout: 60_000 }, () => {
      const moto = backends().find((b) => b.name === 'moto');
      // Inside the repo, so that the AWS SDK resolves from its node_modules.
      const dir = `${root}target/readme`;
      mkdirSync(dir, { recursive: true });
      const script = `${dir}/${file.replace(/[/.]/g, '-')}-block-${i + 1}.mjs`;
      writeFileSync(script, runnable(code));
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
        stdout = execFileSync(process.execPath, [script], { env, encoding: 'utf8', stdio: 'pipe' });
      } catch (error) {
        assert.fail(`${file} js block ${i + 1} failed:\n${error.stdout}${error.stderr}`);
      }
      assert.equal(stdout, OUTPUT[file][i]);
    });
  });
}
