// While a task body runs longer than the lock expiry, other workers would take the task over; a
// heartbeat moves lock_time forward every `intervalMs` so that only a dead worker's lock expires.
import { extendLock } from './finish.mjs';

export class Heartbeat {
  #t;
  #held;
  #intervalMs;
  #onLost;
  #timer;
  #inFlight = Promise.resolve();
  #stopped = false;

  /** `onLost(lockLost)`: called once when a beat finds the lock taken over. */
  constructor(t, held, intervalMs, onLost) {
    this.#t = t;
    this.#held = held;
    this.#intervalMs = intervalMs;
    this.#onLost = onLost;
  }

  start() {
    if (this.#intervalMs > 0) this.#schedule();
  }

  #schedule() {
    this.#timer = setTimeout(() => {
      this.#inFlight = this.beat().then(
        () => this.#stopped || this.#schedule(),
        // A transient failure (network, throttling) is retried at the next beat; the lock still has
        // the rest of its expiry to go.
        (error) => (error.code === 'E_LOCK_LOST' ? undefined : this.#stopped || this.#schedule()),
      );
    }, this.#intervalMs);
  }

  /** One beat now; throws LockLost (after reporting it) when the lock is gone. */
  async beat() {
    try {
      await extendLock(this.#t, this.#held);
    } catch (error) {
      if (error.code === 'E_LOCK_LOST' && !this.#stopped) {
        this.#stopped = true;
        clearTimeout(this.#timer);
        this.#onLost(error);
      }
      throw error;
    }
  }

  /** Stops beating; resolves once no beat is in flight, so none lands after the final write. */
  async stop() {
    this.#stopped = true;
    clearTimeout(this.#timer);
    await this.#inFlight;
  }
}
