// A Date that keeps microseconds: pynamodb's UTCDateTimeAttribute stores them, a JS Date cannot.
import { codecError } from '../errors/make.mjs';
import { inputError } from '../codec/input.mjs';

const floorDiv = (a, b) => a / b - (a % b < 0n ? 1n : 0n);

/** Python's datetime range, years 1..=9999, in epoch seconds (src/datetime.rs). */
export const MIN_EPOCH_SECONDS = -62_135_596_800;
export const MAX_EPOCH_SECONDS = 253_402_300_799;

/** Epoch microseconds of any Date (a plain Date has millisecond precision). */
export function epochMicrosOf(date) {
  if (date instanceof UtcDateTime) return date.epochMicros;
  const ms = date.getTime();
  if (Number.isNaN(ms)) throw codecError('E_DATETIME', 'the Date is invalid');
  return BigInt(ms) * 1000n;
}

export class UtcDateTime extends Date {
  #epochMicros;

  /** From epoch microseconds (bigint), or anything `epochMicrosOf` takes (a Date). */
  constructor(value) {
    if (typeof value !== 'bigint' && !(value instanceof Date)) {
      throw inputError('new UtcDateTime(value)', 'a bigint of epoch microseconds or a Date', value);
    }
    const micros = typeof value === 'bigint' ? value : epochMicrosOf(value);
    super(Number(floorDiv(micros, 1000n)));
    this.#epochMicros = micros;
  }

  get epochMicros() {
    return this.#epochMicros;
  }

  /** Microseconds within the second, 0..999999 (Python's `datetime.microsecond`). */
  get microsecond() {
    return Number(((this.#epochMicros % 1_000_000n) + 1_000_000n) % 1_000_000n);
  }

  // Date's setters would leave the microseconds stale: a UtcDateTime is immutable.
  static {
    for (const name of Object.getOwnPropertyNames(Date.prototype)) {
      if (name.startsWith('set')) {
        Object.defineProperty(this.prototype, name, {
          value() {
            throw new TypeError(`UtcDateTime is immutable (${name}); make a new one instead`);
          },
        });
      }
    }
  }
}
