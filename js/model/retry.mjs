// Retrying what DynamoDB left unprocessed (batch operations), with capped exponential backoff and
// full jitter, as the AWS SDKs do for throttling.
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

export const DEFAULT_RETRY = { attempts: 8, baseMs: 50, maxMs: 5000 };

/**
 * Calls `attempt(pending)` until it returns nothing left, at most `attempts` times.
 * @returns what was still unprocessed after the last attempt (empty when all succeeded)
 */
export async function retryUnprocessed(pending, attempt, options = {}) {
  const retry = { ...DEFAULT_RETRY, ...options };
  let left = pending;
  for (let i = 0; i < retry.attempts && left.length > 0; i++) {
    if (i > 0) await sleep(Math.random() * Math.min(retry.maxMs, retry.baseMs * 2 ** i));
    left = await attempt(left);
  }
  return left;
}
