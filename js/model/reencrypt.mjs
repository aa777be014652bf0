// `Model.reencrypt()`: rewrites every encrypted value that is not under its attribute's current key
// (an older key id of a keyring, or pynamodb_mate bytes read through the `legacy` option) with the
// current key. It scans the table, in parallel segments if asked; each rewrite is an UpdateItem
// conditional on the old bytes still being stored, so a concurrent write is never overwritten. The
// cursor reported after every page resumes the run (pages done again are harmless: current values
// are left alone). Two ways to stop: `stopSignal` lets the pages under way finish and returns the
// cursor (what the CLI's Ctrl-C does); `abortSignal`, as on every other call, cancels the requests in
// flight and rejects with AbortError (the last `onProgress` cursor resumes).
import { ScanCommand, UpdateItemCommand } from '@aws-sdk/client-dynamodb';
import { EncryptedAttribute } from '../attributes/encrypted.mjs';
import { envelopeKeyId, looksLikeEnvelope } from '../codec/formats.mjs';
import { codecError } from '../errors/make.mjs';
import { decodeCursor, encodeCursor } from './cursor.mjs';
import { rawItemKey } from './keys.mjs';
import { prepare } from './prepare.mjs';
import { notAborted, send } from './send.mjs';

const argument = (m, message) => codecError('E_ARGUMENT', `${m.name}.reencrypt(): ${message}`);

/** The attributes to migrate: the named ones, or every aead-encrypted one. */
function targets(m, names) {
  const aead = [...m.attributes].filter(([, a]) => a instanceof EncryptedAttribute && a.format === 'aead').map(([n]) => n);
  const chosen = names ?? aead;
  if (!Array.isArray(chosen) || chosen.length === 0) throw argument(m, 'attributes must be a non-empty array of attribute names');
  const other = chosen.find((n) => !aead.includes(n));
  if (other !== undefined) throw argument(m, `${other} is not an attribute encrypted with format 'aead'`);
  return chosen;
}

/** Whether stored bytes are an envelope under key id `current`. */
function isCurrent(bytes, current) {
  if (!looksLikeEnvelope(bytes)) return false;
  try {
    return envelopeKeyId(bytes) === current;
  } catch {
    return false;
  }
}

// Per segment: 0 not started, 1 done, or the LastEvaluatedKey to continue from.
const DONE = 1;

function startState(m, cursor, segments) {
  if (segments !== undefined && (!Number.isInteger(segments) || segments < 1 || segments > 1_000_000)) {
    throw argument(m, 'segments must be an integer from 1 to 1000000');
  }
  if (cursor === undefined || cursor === null) return Array(segments ?? 1).fill(0);
  const state = decodeCursor(cursor).reencrypt;
  if (!Array.isArray(state) || state.length === 0) throw argument(m, 'cursor is not a cursor returned by reencrypt()');
  if (segments !== undefined && segments !== state.length) throw argument(m, `the cursor is for ${state.length} segments, not ${segments}`);
  return state;
}

const cursorOf = (state) => (state.every((s) => s === DONE) ? undefined : encodeCursor({ reencrypt: state }));

export async function reencrypt(m, { attributes, cursor, segments, pageSize, stopSignal, abortSignal, onProgress } = {}) {
  const names = targets(m, attributes);
  const state = startState(m, cursor, segments);
  notAborted(m, ScanCommand, { abortSignal });
  await prepare(m);
  const keyNames = [m.hashKey, m.rangeKey].filter(Boolean);
  const projected = [...new Set([...keyNames, ...names])];
  const scan = {
    TableName: m.table,
    ConsistentRead: true,
    ProjectionExpression: projected.map((_, i) => `#p${i}`).join(', '),
    ExpressionAttributeNames: Object.fromEntries(projected.map((n, i) => [`#p${i}`, m.dbName(n)])),
    ...(pageSize !== undefined ? { Limit: pageSize } : {}),
  };
  const totals = { scanned: 0, updated: 0, unchanged: 0, conflicts: 0 };

  async function migrate(item) {
    totals.scanned += 1;
    const stale = names.filter((n) => {
      const stored = item[m.dbName(n)]?.B;
      return stored !== undefined && !isCurrent(stored, m.attributes.get(n).ring.current);
    });
    if (stale.length === 0) {
      totals.unchanged += 1;
      return;
    }
    const values = m.codec.decode(item);
    const Key = Object.fromEntries(keyNames.map((n) => [m.dbName(n), item[m.dbName(n)]]));
    const input = {
      TableName: m.table,
      Key,
      UpdateExpression: `SET ${stale.map((_, i) => `#a${i} = :n${i}`).join(', ')}`,
      ConditionExpression: stale.map((_, i) => `#a${i} = :o${i}`).join(' AND '),
      ExpressionAttributeNames: Object.fromEntries(stale.map((n, i) => [`#a${i}`, m.dbName(n)])),
      ExpressionAttributeValues: Object.fromEntries(stale.flatMap((n, i) => [
        [`:n${i}`, m.codec.encodeValue(n, values[n], false, Key)],
        [`:o${i}`, item[m.dbName(n)]],
      ])),
    };
    try {
      await send(m, UpdateItemCommand, input, { itemKey: rawItemKey(m, item), abortSignal });
      totals.updated += 1;
    } catch (error) {
      if (error.code !== 'E_DYNAMODB_CONDITION') throw error;
      totals.conflicts += 1; // written meanwhile (or deleted): that writer's bytes stay
    }
  }

  await Promise.all(state.map(async (_, segment) => {
    while (state[segment] !== DONE && !stopSignal?.aborted) {
      const input = { ...scan };
      if (state.length > 1) Object.assign(input, { Segment: segment, TotalSegments: state.length });
      if (state[segment] !== 0) input.ExclusiveStartKey = state[segment];
      const out = await send(m, ScanCommand, input, { abortSignal });
      for (const item of out.Items ?? []) await migrate(item);
      state[segment] = out.LastEvaluatedKey ?? DONE;
      onProgress?.({ ...totals, cursor: cursorOf(state) });
    }
  }));
  return { ...totals, cursor: cursorOf(state) };
}
