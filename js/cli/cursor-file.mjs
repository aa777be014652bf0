// reencrypt's cursor file: `{"table": ..., "cursor": ...}` as JSON, written to a temporary file then
// renamed (a crash never leaves half a cursor). The table name guards against resuming one table's
// scan on another.
import { existsSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { UsageError } from './args.mjs';

/** The cursor kept in `file` for `table`, or undefined when there is no file. */
export function readCursor(file, table) {
  if (!existsSync(file)) return undefined;
  let saved;
  try {
    saved = JSON.parse(readFileSync(file, 'utf8'));
  } catch {
    saved = undefined;
  }
  if (typeof saved?.table !== 'string' || typeof saved.cursor !== 'string') {
    throw new UsageError(`${file} is not a cursor file of dynamodb-mate reencrypt; remove it to start over`);
  }
  if (saved.table !== table) throw new UsageError(`${file} holds the cursor of table ${saved.table}, not of ${table}`);
  return saved.cursor;
}

export function saveCursor(file, table, cursor) {
  writeFileSync(`${file}.tmp`, `${JSON.stringify({ table, cursor })}\n`);
  renameSync(`${file}.tmp`, file);
}

export const removeCursor = (file) => rmSync(file, { force: true });
