// Sending DynamoDB requests. Every request of the models and of the status tracker goes through
// `send`, so that a failure always reaches the caller in one typed form (errors.DynamoDBError and
// its subclasses, js/errors/index.mjs) naming the operation, the table, the model and the item,
// never a value; the SDK's error stays reachable as `cause` ($metadata, attempts, request id).
import {
  BatchGetItemCommand, BatchWriteItemCommand, CreateTableCommand, DeleteItemCommand, DeleteTableCommand,
  DescribeTableCommand, GetItemCommand, PutItemCommand, QueryCommand, ScanCommand, TransactGetItemsCommand,
  TransactWriteItemsCommand, UpdateItemCommand, UpdateTimeToLiveCommand,
} from '@aws-sdk/client-dynamodb';
import {
  AbortError, ConditionFailedError, DynamoDBError, DynamoDBMateError, TransactionCanceledError,
} from '../errors/index.mjs';
import { itemSuffix } from '../errors/item-key.mjs';

// Operation names by command class (a bundler may rename the classes themselves).
const OPERATIONS = new Map(Object.entries({
  BatchGetItem: BatchGetItemCommand,
  BatchWriteItem: BatchWriteItemCommand,
  CreateTable: CreateTableCommand,
  DeleteItem: DeleteItemCommand,
  DeleteTable: DeleteTableCommand,
  DescribeTable: DescribeTableCommand,
  GetItem: GetItemCommand,
  PutItem: PutItemCommand,
  Query: QueryCommand,
  Scan: ScanCommand,
  TransactGetItems: TransactGetItemsCommand,
  TransactWriteItems: TransactWriteItemsCommand,
  UpdateItem: UpdateItemCommand,
  UpdateTimeToLive: UpdateTimeToLiveCommand,
}).map(([name, Command]) => [Command, name]));

// Throttling: DynamoDB's names, and generic ones the SDK's retry strategy also treats as throttling.
const THROTTLING = new Set([
  'ProvisionedThroughputExceededException', 'ThrottlingException', 'RequestLimitExceeded', 'LimitExceededException',
  'Throttling', 'TooManyRequestsException',
]);
const TIMEOUTS = new Set(['TimeoutError', 'RequestTimeout', 'RequestTimeoutException']);
const TIMEOUT_CODES = new Set(['ETIMEDOUT', 'ESOCKETTIMEDOUT']);

/** The tables a request names: its TableName, its batch's tables, or its transaction's. */
function tablesOf(input) {
  if (typeof input?.TableName === 'string') return [input.TableName];
  if (input?.RequestItems) return Object.keys(input.RequestItems);
  const items = input?.TransactItems ?? [];
  return [...new Set(items.map((op) => Object.values(op)[0]?.TableName).filter(Boolean))];
}

/** DynamoDB's text, cut (it names parameters and placeholders; the values it was sent are ciphertext or keys already in the message). */
const said = (error) => {
  const text = typeof error?.message === 'string' && error.message ? error.message : String(error);
  return text.length > 300 ? `${text.slice(0, 300)}…` : text;
};

function transactionReasons(error) {
  return (error.CancellationReasons ?? []).map((r) => ({ code: r.Code ?? 'None', message: r.Message }));
}

/**
 * The typed error for `error`, thrown by the SDK for `operation` on `tables`; `model` and `itemKey`
 * name the model and the one item it concerns (both optional). Errors of this library pass through.
 */
export function dynamodbError(error, { operation, tables = [], model, itemKey }) {
  if (error instanceof DynamoDBMateError) return error;
  const name = typeof error?.name === 'string' ? error.name : 'Error';
  const attempts = error?.$metadata?.attempts;
  const status = error?.$metadata?.httpStatusCode;
  const where = {
    operation,
    table: tables.length === 1 ? tables[0] : undefined,
    model,
    itemKey,
    cause: error,
  };
  const on = tables.length === 0 ? operation : `${operation} on ${tables.length === 1 ? 'table' : 'tables'} ${tables.map((t) => JSON.stringify(t)).join(', ')}`;
  const after = (always) => (attempts > 1 || (always && attempts === 1) ? ` after ${attempts} attempt${attempts > 1 ? 's' : ''}` : '');
  const end = itemSuffix(itemKey);

  if (name === 'AbortError') return new AbortError(`${on} was aborted${end}`, where);
  if (name === 'ConditionalCheckFailedException') {
    return new ConditionFailedError(`${on}: the condition failed${after(false)}${end}`, { ...where, item: error.Item });
  }
  if (name === 'TransactionCanceledException') {
    const reasons = transactionReasons(error);
    const failed = reasons.map((r, i) => (r.code === 'None' ? null : `#${i} ${r.code}`)).filter(Boolean);
    return new TransactionCanceledError(`${on} was cancelled: ${failed.join(', ') || 'no reason given'}${after(false)}`, { ...where, reasons });
  }
  const typed = (code, text) => new DynamoDBError(code, `${on}${text}${end}`, where);
  if (THROTTLING.has(name) || error?.$retryable?.throttling === true || status === 429) {
    return typed('E_DYNAMODB_THROTTLED', ` was throttled${after(true)} (${name})`);
  }
  if (TIMEOUTS.has(name) || TIMEOUT_CODES.has(error?.code)) return typed('E_DYNAMODB_TIMEOUT', ` timed out${after(true)} (${name})`);
  if (name === 'ResourceNotFoundException') {
    return typed('E_DYNAMODB_NOT_FOUND', `: the table or index does not exist${after(false)} (${name}: ${said(error)})`);
  }
  if (name === 'ValidationException') return typed('E_DYNAMODB_VALIDATION', ` was refused as invalid${after(false)} (${name}: ${said(error)})`);
  if (error?.$fault === 'server' || status >= 500) {
    return typed('E_DYNAMODB_SERVICE', ` failed with a DynamoDB server error${after(true)} (${name}${status ? `, HTTP ${status}` : ''})`);
  }
  return typed('E_DYNAMODB', ` failed${after(true)} (${name}: ${said(error)})`);
}

const operationOf = (Command) => OPERATIONS.get(Command) ?? Command.name.replace(/Command$/, '');

/**
 * Sends `Command(input)` with the client of `m` (a model's definition, or `{ client, name }`); a
 * failure is thrown as the typed error of dynamodbError(). `itemKey`: the one item the request is
 * about, for the message; `abortSignal`: cancels the request (the SDK's option of that name).
 */
export async function send(m, Command, input, { itemKey, abortSignal } = {}) {
  const command = new Command(input);
  try {
    return await (abortSignal === undefined ? m.client.send(command) : m.client.send(command, { abortSignal }));
  } catch (error) {
    throw dynamodbError(error, { operation: operationOf(Command), tables: tablesOf(input), model: m.name, itemKey });
  }
}

/**
 * Throws AbortError when `abortSignal` is already aborted: checked before an operation uploads or
 * sends anything (`m`: a model's definition, or `{ name }` for a transaction).
 */
export function notAborted(m, Command, { itemKey, abortSignal } = {}) {
  if (!abortSignal?.aborted) return;
  const reason = Object.assign(new Error('This operation was aborted'), { name: 'AbortError', cause: abortSignal.reason });
  throw dynamodbError(reason, { operation: operationOf(Command), tables: m.table ? [m.table] : [], model: m.name, itemKey });
}
