// pynamodb's UTCDateTimeAttribute text: `YYYY-MM-DDTHH:MM:SS.ffffff+0000`.
import { codecError } from '../errors/make.mjs';
import { core } from '../runtime/core.mjs';
import { inputError, string } from './input.mjs';

/** Accepts a Date or `{ epochMicros: bigint }` (microseconds, which a Date cannot hold). */
export function formatDatetime(value) {
  if (value instanceof Date) {
    const ms = value.getTime();
    if (Number.isNaN(ms)) throw codecError('E_DATETIME', 'the Date is invalid');
    return core.formatDatetime(BigInt(ms) * 1000n);
  }
  const micros = value?.epochMicros;
  if (typeof micros !== 'bigint') throw inputError('value', 'a Date or { epochMicros: bigint }', value);
  // The core takes an i64; the glue would wrap a larger BigInt silently.
  if (BigInt.asIntN(64, micros) !== micros) throw codecError('E_DATETIME', 'epochMicros is out of range');
  return core.formatDatetime(micros);
}

/** `{ date, epochMicros }`; `date` drops the microseconds below the millisecond (rounding down). */
export function parseDatetime(text) {
  const epochMicros = core.parseDatetime(string('text', text));
  // BigInt division truncates towards zero; dates before 1970 need floor.
  const ms = epochMicros / 1000n - (epochMicros % 1000n < 0n ? 1n : 0n);
  return { date: new Date(Number(ms)), epochMicros };
}
