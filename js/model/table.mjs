// Table lifecycle: create (idempotent, then TTL), describe, delete.
import {
  CreateTableCommand, DeleteTableCommand, DescribeTableCommand, UpdateTimeToLiveCommand,
  waitUntilTableExists, waitUntilTableNotExists,
} from '@aws-sdk/client-dynamodb';
import { dynamodbError, send } from './send.mjs';

const WAIT = { minDelay: 1, maxDelay: 5, maxWaitTime: 300 };

const keySchema = (hash, range) => [
  { AttributeName: hash, KeyType: 'HASH' },
  ...(range ? [{ AttributeName: range, KeyType: 'RANGE' }] : []),
];

function projection(m, index) {
  if (index.projection === 'ALL' || index.projection === 'KEYS_ONLY') return { ProjectionType: index.projection };
  return { ProjectionType: 'INCLUDE', NonKeyAttributes: index.projection.map(m.dbName) };
}

/** The CreateTable input: key schema, attribute definitions of every key, indexes, billing. */
export function createTableInput(m) {
  const keyNames = new Set([m.hashKey, m.rangeKey]);
  for (const index of m.indexes.values()) keyNames.add(index.hashKey).add(index.rangeKey);
  keyNames.delete(undefined);
  const indexes = [...m.indexes.values()];
  const described = (type) => indexes.filter((i) => i.type === type).map((i) => ({
    IndexName: i.name,
    KeySchema: keySchema(m.dbName(i.hashKey), i.rangeKey && m.dbName(i.rangeKey)),
    Projection: projection(m, i),
    ...(i.throughput ? { ProvisionedThroughput: i.throughput } : {}),
  }));
  const gsi = described('global');
  const lsi = described('local');
  return {
    TableName: m.table,
    KeySchema: keySchema(m.dbName(m.hashKey), m.rangeKey && m.dbName(m.rangeKey)),
    AttributeDefinitions: [...keyNames].map((n) => ({ AttributeName: m.dbName(n), AttributeType: m.attributes.get(n).keyType })),
    BillingMode: m.billingMode,
    ...(m.throughput ? { ProvisionedThroughput: m.throughput } : {}),
    ...(gsi.length ? { GlobalSecondaryIndexes: gsi } : {}),
    ...(lsi.length ? { LocalSecondaryIndexes: lsi } : {}),
  };
}

/**
 * Runs an SDK waiter (`waitUntilTableExists`/`NotExists`) until the table is there or gone. The call's
 * `abortSignal` ends the wait at once; an aborted or timed-out wait is the typed error of a failed
 * DescribeTable (AbortError E_ABORTED, E_DYNAMODB_TIMEOUT), not the waiter's bare Error.
 */
async function waitFor(m, waiter, abortSignal) {
  try {
    await waiter({ client: m.client, ...WAIT, ...(abortSignal ? { abortSignal } : {}) }, { TableName: m.table });
  } catch (error) {
    throw dynamodbError(error, { operation: 'DescribeTable', tables: [m.table], model: m.name });
  }
}

/** The table description, or null when the table does not exist. */
export async function describeTable(m, { abortSignal } = {}) {
  try {
    return (await send(m, DescribeTableCommand, { TableName: m.table }, { abortSignal })).Table;
  } catch (error) {
    if (error.code === 'E_DYNAMODB_NOT_FOUND') return null;
    throw error;
  }
}

/**
 * Creates the table unless it exists (then it is a no-op), and enables TTL on the TTL attribute.
 * `wait`: resolve only once the table is ACTIVE (TTL can only be enabled then, so TTL implies it).
 * `abortSignal` cancels the requests and the wait.
 */
export async function createTable(m, { wait = false, abortSignal } = {}) {
  const io = { abortSignal };
  const existing = await describeTable(m, io);
  if (existing) return existing;
  try {
    await send(m, CreateTableCommand, createTableInput(m), io);
  } catch (error) {
    // Another process created it between our describe and create.
    if (error.cause?.name !== 'ResourceInUseException') throw error;
  }
  if (wait || m.ttl) await waitFor(m, waitUntilTableExists, abortSignal);
  if (m.ttl) {
    await send(m, UpdateTimeToLiveCommand, {
      TableName: m.table,
      TimeToLiveSpecification: { AttributeName: m.dbName(m.ttl), Enabled: true },
    }, io);
  }
  return describeTable(m, io);
}

/** Deletes the table; a no-op when it does not exist. `abortSignal` cancels the request and the wait. */
export async function deleteTable(m, { wait = false, abortSignal } = {}) {
  try {
    await send(m, DeleteTableCommand, { TableName: m.table }, { abortSignal });
  } catch (error) {
    if (error.code === 'E_DYNAMODB_NOT_FOUND') return;
    throw error;
  }
  if (wait) await waitFor(m, waitUntilTableNotExists, abortSignal);
}
