// Times as pynamodb_mate writes them: UTC with microseconds (pynamodb's datetime attribute) and
// Python's `datetime.isoformat()` inside the error history.
import { formatDatetime } from '../codec/datetime.mjs';
import { UtcDateTime } from '../item/utc-datetime.mjs';

/** pynamodb_mate's `lock_time` default: the epoch. */
export const EPOCH = new UtcDateTime(0n);

/** Now, to the microsecond where the platform's clock has them (performance.now() is sub-millisecond). */
export function utcNow() {
  return new UtcDateTime(BigInt(Math.floor((performance.timeOrigin + performance.now()) * 1000)));
}

/** `time` minus `seconds` (fractional seconds allowed). */
export const minusSeconds = (time, seconds) => new UtcDateTime(time.epochMicros - BigInt(Math.round(seconds * 1e6)));

/** Python's `datetime.isoformat()` of an aware UTC datetime: `+00:00`, no fraction when it is zero. */
export function pythonIsoformat(time) {
  // As `{ epochMicros }`: formatDatetime reads a Date (which a UtcDateTime is) to the millisecond only.
  const text = formatDatetime({ epochMicros: time.epochMicros }).replace(/\+0000$/, '+00:00');
  return time.microsecond === 0 ? text.replace('.000000', '') : text;
}
