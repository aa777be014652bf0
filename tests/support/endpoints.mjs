// Test helper: AWS SDK clients for the local backends that scripts/servers.sh starts (moto_server for
// DynamoDB + S3, AWS's DynamoDB Local for DynamoDB), and the known differences between them.
//
//   import { eachBackend, uniqueName, supports } from '../../tests/support/endpoints.mjs';
//   eachBackend('round trip', async ({ dynamodb, s3, name }) => { ... });
//
// Endpoints come from DDB_LOCAL_ENDPOINT and MOTO_ENDPOINT (scripts/test.sh exports them; by hand:
// `scripts/servers.sh start && set -a && . target/servers.env && set +a`).
import { randomBytes } from 'node:crypto';
import { after, test } from 'node:test';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { S3Client } from '@aws-sdk/client-s3';

export const REGION = 'us-east-1';
const CREDENTIALS = { accessKeyId: 'test', secretAccessKey: 'test' };
// Few retries: a local server either answers or is broken, and retries only hide that.
const MAX_ATTEMPTS = 3;

const ENV = { 'dynamodb-local': 'DDB_LOCAL_ENDPOINT', moto: 'MOTO_ENDPOINT' };

/**
 * Features in which the backends differ, measured against moto 5.2.5 and DynamoDB Local 1.25.1
 * (tests/support/endpoints.test.mjs checks the ones marked `checked`). Real DynamoDB has all of them;
 * DynamoDB Local matches it on every DynamoDB row here.
 */
export const FEATURES = {
  s3: { 'dynamodb-local': false, moto: true, checked: true,
    note: 'DynamoDB Local serves DynamoDB only' },
  transactions: { 'dynamodb-local': true, moto: true, checked: true,
    note: 'TransactWriteItems/TransactGetItems; a cancelled write gives CancellationReasons (with Item under ReturnValuesOnConditionCheckFailure) and writes nothing' },
  ttl: { 'dynamodb-local': true, moto: true, checked: true,
    note: 'UpdateTimeToLive / DescribeTimeToLive (status ENABLED at once)' },
  ttlDeletion: { 'dynamodb-local': true, moto: false,
    note: 'DynamoDB Local deleted an item 2 s past its expiry within 75 s (and, like DynamoDB, not one expired > 5 years ago); moto never deletes. Real DynamoDB takes up to days: never wait for it in tests' },
  ttlUpdateValidation: { 'dynamodb-local': true, moto: false, checked: true,
    note: 'enabling TTL when it is already enabled is a ValidationException; moto accepts it' },
  numberNormalization: { 'dynamodb-local': true, moto: false, checked: true,
    note: 'DynamoDB returns numbers canonically ("1.50" -> "1.5", "1e2" -> "100", "-0" -> "0"); moto returns the text as sent. DynamoDB Local only does so for the top-level N and NS of a PutItem: inside L and M, and after an UpdateItem SET, it keeps "1.0" as sent (js/model/floats.integration.test.mjs)' },
  numberPrecisionLimit: { 'dynamodb-local': true, moto: false, checked: true,
    note: 'more than 38 significant digits is a ValidationException; moto stores them' },
  transactionIdempotency: { 'dynamodb-local': true, moto: false, checked: true,
    note: 'a reused ClientRequestToken with other parameters is IdempotentParameterMismatchException; moto ignores the token and applies the write' },
  overlapCheck: { 'dynamodb-local': true, moto: false,
    note: 'an UpdateExpression with overlapping paths (SET a = :m, a.b = :n) is a ValidationException; moto applies it (asserted in js/expressions/expressions.integration.test.mjs)' },
  indexNameValidation: { 'dynamodb-local': true, moto: false,
    note: 'table/index names need 3-255 characters; moto accepted a 2-character index name' },
  itemSizeLimit: { 'dynamodb-local': true, moto: false, checked: true,
    note: 'DynamoDB stores items up to 409,600 bytes; moto refuses items over 405,000, and in an UpdateItem sizes the item after each SET in turn, counting a replaced value beside its new one (shrink an attribute before growing another in one expression)' },
  cors: { 'dynamodb-local': false, moto: true, checked: true,
    note: 'moto answers CORS preflights for any origin (DynamoDB and S3 paths); DynamoDB Local sends no Access-Control-Allow-Origin, so browser tests use moto' },
};

/** Whether `backend` (a name or a backends() entry) has `feature` (a FEATURES key; a typo throws). */
export function supports(backend, feature) {
  const name = typeof backend === 'string' ? backend : backend?.name;
  const row = FEATURES[feature];
  if (!row) throw new Error(`supports(): unknown feature '${feature}' (known: ${Object.keys(FEATURES).join(', ')})`);
  if (!(name in ENV)) throw new Error(`supports(): unknown backend '${name}'`);
  return row[name];
}

let cached;

/**
 * The backends, each `{ name, endpoint, dynamodb, s3 }` (`s3` is null for DynamoDB Local). Clients
 * are created once per process and destroyed after the tests. Throws when the endpoints are not set.
 */
export function backends() {
  if (cached) return cached;
  const missing = Object.values(ENV).filter((v) => !process.env[v]);
  if (missing.length) {
    throw new Error(`${missing.join(' and ')} not set: run \`scripts/servers.sh start\`, then `
      + '`set -a; . target/servers.env; set +a` (scripts/test.sh does both)');
  }
  const common = { region: REGION, credentials: CREDENTIALS, maxAttempts: MAX_ATTEMPTS };
  cached = Object.entries(ENV).map(([name, variable]) => {
    const endpoint = process.env[variable];
    // Tests talk to this machine only. (DynamoDB Local listens on every interface; use loopback.)
    if (new URL(endpoint).hostname !== '127.0.0.1') {
      throw new Error(`${variable}=${endpoint}: tests may only use http://127.0.0.1:PORT`);
    }
    return {
      name,
      endpoint,
      dynamodb: new DynamoDBClient({ ...common, endpoint }),
      s3: FEATURES.s3[name] ? new S3Client({ ...common, endpoint, forcePathStyle: true }) : null,
    };
  });
  after(() => {
    for (const b of cached) {
      b.dynamodb.destroy();
      b.s3?.destroy();
    }
  });
  return cached;
}

let counter = 0;

/**
 * A name no other test (or earlier run against the same servers) uses, valid as a DynamoDB table
 * name and as an S3 bucket name: `prefix` (lowercase letters, digits, '-') plus time, random, counter.
 */
export function uniqueName(prefix) {
  if (!/^[a-z0-9][a-z0-9-]*$/.test(prefix)) {
    throw new Error(`uniqueName(): prefix '${prefix}' must be lowercase letters, digits and '-'`);
  }
  counter += 1;
  const name = `${prefix}-${Date.now().toString(36)}-${randomBytes(3).toString('hex')}-${counter}`;
  if (name.length > 63) throw new Error(`uniqueName(): '${name}' is longer than an S3 bucket name may be`);
  return name;
}

/**
 * Registers one node:test test per backend, titled `title [backend]`; `fn(backend, t)`.
 * `options.needs`: FEATURES a backend must have; a backend lacking one gets no test (the gap is in
 * FEATURES, which endpoints.test.mjs checks against the servers). Other options go to test().
 */
export function eachBackend(title, fn, { needs = [], ...options } = {}) {
  for (const backend of backends()) {
    if (needs.every((feature) => supports(backend, feature))) {
      test(`${title} [${backend.name}]`, { timeout: 30_000, ...options }, (t) => fn(backend, t));
    }
  }
}
