/**
 * Retries with exponential backoff and full jitter, but only while the
 * caller's time budget still allows a useful attempt after the pause.
 *
 * Hand-written on purpose: p-retry (v5+) and cockatiel (v4) are ESM-only, and
 * the CommonJS candidates (exponential-backoff, async-retry) cannot be told
 * "stop when the next pause would not leave time for another attempt".
 */

import { sleep as realSleep } from '../sleep';

export interface RetryOptions {
  /** Retries after the first attempt. */
  retries: number;
  /** First backoff ceiling; doubles per retry up to `capMs`. */
  baseMs: number;
  capMs: number;
  /** An attempt with less time than this left is not worth starting. */
  minAttemptMs: number;
  /** Milliseconds left for work (the caller's deadline minus its reserve). */
  budgetMs: () => number;
  retryable: (error: unknown) => boolean;
  random?: () => number;
  sleep?: (ms: number) => Promise<void>;
  onRetry?: (info: { attempt: number; delayMs: number; error: unknown }) => void;
}

/** "Full jitter" (AWS Architecture Blog): uniform in [0, min(cap, base·2^attempt)). */
export function fullJitterDelay(attempt: number, baseMs: number, capMs: number, random: () => number): number {
  const ceiling = Math.min(capMs, baseMs * 2 ** attempt);
  return Math.floor(Math.min(0.999999, Math.max(0, random())) * ceiling);
}

export async function retryWithinBudget<T>(work: (attempt: number) => Promise<T>, options: RetryOptions): Promise<T> {
  const random = options.random ?? Math.random;
  const sleep = options.sleep ?? realSleep;
  for (let attempt = 0; ; attempt++) {
    try {
      return await work(attempt);
    } catch (error) {
      if (attempt >= options.retries || !options.retryable(error)) throw error;
      const delayMs = fullJitterDelay(attempt, options.baseMs, options.capMs, random);
      if (options.budgetMs() < delayMs + options.minAttemptMs) throw error;
      options.onRetry?.({ attempt: attempt + 1, delayMs, error });
      await sleep(delayMs);
    }
  }
}
