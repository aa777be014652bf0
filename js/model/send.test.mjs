// How SDK failures become typed errors (js/model/send.mjs), with the SDK's own exception classes and
// errors shaped as its retry strategy and request handler throw them; no server involved. The same
// codes against the real servers and the fault proxy: errors.integration.test.mjs and
// tests/reliability/faults-retry.test.mjs.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  ConditionalCheckFailedException, GetItemCommand, InternalServerError, ProvisionedThroughputExceededException,
  PutItemCommand, QueryCommand, ResourceNotFoundException, TransactionCanceledException, TransactWriteItemsCommand,
} from '@aws-sdk/client-dynamodb';
import * as errors from '../errors/index.mjs';
import { dynamodbError, notAborted, send } from './send.mjs';
import { outcomeOf } from './s3-writes.mjs';

const where = { operation: 'PutItem', tables: ['pages'], model: 'Page', itemKey: { site: 'example.com', path: '/a' } };
const meta = (attempts, httpStatusCode = 400) => ({ $metadata: { httpStatusCode, attempts, requestId: 'req-1' } });
const named = (name, message, extra = {}) => Object.assign(new Error(message), { name, ...extra });
const SECRET = 'stored value 4111-1111';

const CASES = [
  ['throttled', new ProvisionedThroughputExceededException({ message: 'Rate exceeded', ...meta(3) }), errors.DynamoDBError, 'E_DYNAMODB_THROTTLED',
    'PutItem on table "pages" was throttled after 3 attempts (ProvisionedThroughputExceededException), item site="example.com", path="/a"'],
  ['throttled, one attempt', named('ThrottlingException', 'slow down', meta(1)), errors.DynamoDBError, 'E_DYNAMODB_THROTTLED',
    'PutItem on table "pages" was throttled after 1 attempt (ThrottlingException), item site="example.com", path="/a"'],
  ['timed out', named('TimeoutError', 'Connection timed out after 300 ms', meta(3)), errors.DynamoDBError, 'E_DYNAMODB_TIMEOUT',
    'PutItem on table "pages" timed out after 3 attempts (TimeoutError), item site="example.com", path="/a"'],
  ['socket timeout', named('Error', 'read ETIMEDOUT', { code: 'ETIMEDOUT' }), errors.DynamoDBError, 'E_DYNAMODB_TIMEOUT',
    'PutItem on table "pages" timed out (Error), item site="example.com", path="/a"'],
  ['5xx', new InternalServerError({ message: 'Internal server error', ...meta(3, 500) }), errors.DynamoDBError, 'E_DYNAMODB_SERVICE',
    'PutItem on table "pages" failed with a DynamoDB server error after 3 attempts (InternalServerError, HTTP 500), item site="example.com", path="/a"'],
  ['unmodelled 503', named('ServiceUnavailable', 'injected', { $fault: 'server', ...meta(2, 503) }), errors.DynamoDBError, 'E_DYNAMODB_SERVICE',
    'PutItem on table "pages" failed with a DynamoDB server error after 2 attempts (ServiceUnavailable, HTTP 503), item site="example.com", path="/a"'],
  ['no table', new ResourceNotFoundException({ message: 'Requested resource not found', ...meta(1) }), errors.DynamoDBError, 'E_DYNAMODB_NOT_FOUND',
    'PutItem on table "pages": the table or index does not exist (ResourceNotFoundException: Requested resource not found), item site="example.com", path="/a"'],
  ['invalid', named('ValidationException', 'One or more parameter values were invalid: Type mismatch for key', meta(1)), errors.DynamoDBError, 'E_DYNAMODB_VALIDATION',
    'PutItem on table "pages" was refused as invalid (ValidationException: One or more parameter values were invalid: Type mismatch for key), item site="example.com", path="/a"'],
  ['condition', new ConditionalCheckFailedException({ message: 'The conditional request failed', ...meta(1), Item: { body: { S: SECRET } } }), errors.ConditionFailedError, 'E_DYNAMODB_CONDITION',
    'PutItem on table "pages": the condition failed, item site="example.com", path="/a"'],
  ['condition after a retry', new ConditionalCheckFailedException({ message: 'The conditional request failed', ...meta(2) }), errors.ConditionFailedError, 'E_DYNAMODB_CONDITION',
    'PutItem on table "pages": the condition failed after 2 attempts, item site="example.com", path="/a"'],
  ['aborted', named('AbortError', 'Request aborted'), errors.AbortError, 'E_ABORTED',
    'PutItem on table "pages" was aborted, item site="example.com", path="/a"'],
  ['access denied', named('AccessDeniedException', 'User is not authorized', { $fault: 'client', ...meta(1) }), errors.DynamoDBError, 'E_DYNAMODB',
    'PutItem on table "pages" failed after 1 attempt (AccessDeniedException: User is not authorized), item site="example.com", path="/a"'],
  ['connection refused', named('Error', 'connect ECONNREFUSED 127.0.0.1:1', { code: 'ECONNREFUSED', ...meta(3, undefined) }), errors.DynamoDBError, 'E_DYNAMODB',
    'PutItem on table "pages" failed after 3 attempts (Error: connect ECONNREFUSED 127.0.0.1:1), item site="example.com", path="/a"'],
];

for (const [label, cause, type, code, message] of CASES) {
  test(`${label}: ${type.name} ${code}, naming the operation, table, model and item; the SDK's error is the cause`, () => {
    const error = dynamodbError(cause, where);
    assert.ok(error instanceof type && error instanceof errors.DynamoDBError && error instanceof errors.DynamoDBMateError, String(error));
    assert.deepEqual([error.name, error.code, error.message], [type.name, code, message]);
    assert.deepEqual([error.operation, error.table, error.model, error.itemKey], ['PutItem', 'pages', 'Page', where.itemKey]);
    assert.equal(error.cause, cause);
    assert.ok(!error.message.includes(SECRET) && !error.stack.includes(SECRET));
  });
}

test('a condition failure carries the stored item when DynamoDB returned it, else undefined', () => {
  const item = { id: { S: 'a' }, n: { N: '1' } };
  assert.deepEqual(dynamodbError(new ConditionalCheckFailedException({ message: 'x', ...meta(1), Item: item }), where).item, item);
  assert.equal(dynamodbError(new ConditionalCheckFailedException({ message: 'x', ...meta(1) }), where).item, undefined);
});

test('a cancelled transaction: TransactionCanceledError (a DynamoDBError) with the reasons, the tables named, no single table', () => {
  const cause = new TransactionCanceledException({
    message: 'Transaction cancelled', ...meta(1),
    CancellationReasons: [{ Code: 'None' }, { Code: 'ConditionalCheckFailed', Message: 'The conditional request failed' }],
  });
  const error = dynamodbError(cause, { operation: 'TransactWriteItems', tables: ['a', 'b'] });
  assert.ok(error instanceof errors.TransactionCanceledError && error instanceof errors.DynamoDBError);
  assert.deepEqual([error.code, error.operation, error.table, error.model], ['E_TRANSACTION_CANCELLED', 'TransactWriteItems', undefined, undefined]);
  assert.equal(error.message, 'TransactWriteItems on tables "a", "b" was cancelled: #1 ConditionalCheckFailed');
  assert.deepEqual(error.reasons, [{ code: 'None', message: undefined }, { code: 'ConditionalCheckFailed', message: 'The conditional request failed' }]);
  assert.equal(error.cause, cause);
});

test("errors of this library pass through; anything thrown that is not an Error is still typed, DynamoDB's long texts are cut", () => {
  const own = new errors.ItemError('E_ITEM_VALUE', 'Page.n: not a number');
  assert.equal(dynamodbError(own, where), own);
  const odd = dynamodbError('socket hang up', where);
  assert.deepEqual([odd.code, odd.cause], ['E_DYNAMODB', 'socket hang up']);
  assert.match(odd.message, /failed \(Error: socket hang up\)/);
  const long = dynamodbError(named('ValidationException', 'x'.repeat(1000)), where);
  assert.ok(long.message.length < 500 && long.message.includes('x'.repeat(300)), long.message);
});

test('send: the operation named from the command class, the tables from the input, abortSignal passed to the client only when given', async () => {
  const calls = [];
  const failing = new ResourceNotFoundException({ message: 'Requested resource not found', ...meta(1) });
  const m = { name: 'Page', client: { send: async (...args) => { calls.push(args); throw failing; } } };
  const error = await send(m, QueryCommand, { TableName: 'pages' }).then(() => null, (e) => e);
  assert.deepEqual([error.code, error.operation, error.table, error.model, 'itemKey' in error], ['E_DYNAMODB_NOT_FOUND', 'Query', 'pages', 'Page', false]);
  assert.equal(calls[0].length, 1);
  assert.ok(calls[0][0] instanceof QueryCommand);
  const controller = new AbortController();
  await send(m, GetItemCommand, { TableName: 'pages', Key: {} }, { itemKey: { id: 'a' }, abortSignal: controller.signal }).catch(() => {});
  assert.deepEqual(calls[1][1], { abortSignal: controller.signal });

  const batch = await send(m, TransactWriteItemsCommand, { TransactItems: [{ Put: { TableName: 'a' } }, { Delete: { TableName: 'a' } }] }).catch((e) => e);
  assert.deepEqual([batch.operation, batch.table], ['TransactWriteItems', 'a']);
  const ok = { name: 'Page', client: { send: async () => ({ Item: { id: { S: 'a' } } }) } };
  assert.deepEqual(await send(ok, GetItemCommand, { TableName: 'pages', Key: {} }), { Item: { id: { S: 'a' } } });
});

test('notAborted: nothing when the signal is absent or live, AbortError (E_ABORTED) naming the operation when it is aborted', () => {
  const m = { name: 'Page', table: 'pages' };
  notAborted(m, PutItemCommand, {});
  notAborted(m, PutItemCommand, { abortSignal: new AbortController().signal });
  const controller = new AbortController();
  controller.abort(new Error('shutting down'));
  assert.throws(() => notAborted(m, PutItemCommand, { itemKey: { id: 'a' }, abortSignal: controller.signal }), (e) =>
    e instanceof errors.AbortError && e.name === 'AbortError' && e.code === 'E_ABORTED' && e.operation === 'PutItem'
    && e.message === 'PutItem on table "pages" was aborted, item id="a"' && e.cause.cause.message === 'shutting down');
  assert.throws(() => notAborted({ name: undefined }, TransactWriteItemsCommand, { abortSignal: controller.signal }), { message: 'TransactWriteItems was aborted' });
});

test("S3 cleanup: only a condition, validation or cancellation sent once proves a write was refused; aborts, timeouts, 5xx don't", () => {
  const judged = (cause) => outcomeOf(dynamodbError(cause, where));
  assert.equal(judged(new ConditionalCheckFailedException({ message: 'x', ...meta(1) })), 'refused');
  assert.equal(judged(new ConditionalCheckFailedException({ message: 'x', ...meta(2) })), 'unknown');
  assert.equal(judged(named('ValidationException', 'x', meta(1))), 'refused');
  assert.equal(judged(new TransactionCanceledException({ message: 'x', ...meta(1), CancellationReasons: [] })), 'refused');
  for (const cause of [named('AbortError', 'x'), named('TimeoutError', 'x', meta(1)), new InternalServerError({ message: 'x', ...meta(1, 500) })]) {
    assert.equal(judged(cause), 'unknown', cause.name);
  }
  assert.equal(outcomeOf(new errors.ItemError('E_ITEM_VALUE', 'x')), 'refused', 'raised before sending');
  assert.equal(outcomeOf(new TypeError('bug')), 'unknown');
});
