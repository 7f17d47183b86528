import type { Logger } from '../../log';
import { raceTimeout } from '../../timeout';
import type { SharedStore } from './store';

/** Longest wait for one store call: a healthy Redis in the same region answers in about a millisecond. */
export const STORE_CALL_MS = 50;
/** While degraded, one call in this interval probes the store; the others fail at once. */
export const PROBE_INTERVAL_MS = 1_000;
/**
 * Degraded once calls have kept failing this long without a success in between. One stall of a
 * busy instance fails all calls in flight at once; that costs those requests their store, not a
 * log line and a second of skipping.
 */
export const DEGRADE_AFTER_MS = 200;
/**
 * A Redis that fails every other call never fails for degradeAfterMs in a row, yet costs every
 * second request its time box. So the guard also degrades on the share of failures among the
 * calls of the last RATE_WINDOW_MS: at least MIN_FAILURES of them, at least half the calls, the
 * first of them degradeAfterMs old or more (a burst from one stall is no trend).
 */
export const RATE_WINDOW_MS = 2_000;
export const MIN_FAILURES = 3;
/** The window keeps at most this many outcomes: enough for a share, bounded under any load. */
const MAX_OUTCOMES = 100;
/** At start-up a call waits this long for the first connection (a busy new instance may need more than one call's time box). */
export const FIRST_CONNECTION_WAIT_MS = 250;

/** The shared store cannot be used right now: take the per-instance path. */
export class StoreUnavailable extends Error {
  override name = 'StoreUnavailable';
}

export interface GuardOptions {
  log: Logger;
  callMs?: number;
  probeMs?: number;
  degradeAfterMs?: number;
  firstConnectionWaitMs?: number;
  now?: () => number;
  /** The store's last connection error (e.g. WRONGPASS), for the degrade line. */
  lastError?: () => string | undefined;
}

/**
 * A SharedStore whose calls never take longer than `callMs` and never throw
 * anything but StoreUnavailable. When calls keep failing for `degradeAfterMs`
 * it stops asking (one probe a second) so a dead Redis costs requests nothing;
 * it logs one line when it degrades and one when a probe finds the store back.
 */
export class GuardedStore implements SharedStore {
  private failingSince?: number;
  /** Recent calls, oldest first: when each ended and whether it failed. */
  private outcomes: Array<{ at: number; failed: boolean }> = [];
  private degradedSince?: number;
  private nextProbeAt = 0;
  private readonly callMs: number;
  private readonly probeMs: number;
  private readonly now: () => number;

  constructor(
    private readonly store: SharedStore,
    private readonly options: GuardOptions,
  ) {
    this.callMs = options.callMs ?? STORE_CALL_MS;
    this.probeMs = options.probeMs ?? PROBE_INTERVAL_MS;
    this.now = options.now ?? Date.now;
  }

  /** True while the store is considered down. */
  get degraded(): boolean {
    return this.degradedSince !== undefined;
  }

  private async call<T>(operation: string, work: () => Promise<T>): Promise<T> {
    const connecting = this.store.connecting?.();
    // Start-up is not an outage: until the first connection is up (or has failed), skip the store without a log line.
    if (connecting && !(await settlesWithin(connecting, this.options.firstConnectionWaitMs ?? FIRST_CONNECTION_WAIT_MS))) {
      throw new StoreUnavailable('still connecting');
    }
    if (this.degradedSince !== undefined) {
      if (this.now() < this.nextProbeAt) throw new StoreUnavailable('shared store degraded');
      this.nextProbeAt = this.now() + this.probeMs;
    }
    // setImmediate: after a stall of this process, read the replies already on the socket before calling the store slow.
    const late = () =>
      new Promise<never>((_, reject) => setImmediate(() => reject(new StoreUnavailable(`no answer within ${this.callMs} ms`))));
    try {
      const value = await raceTimeout(work(), this.callMs, late);
      this.recovered();
      return value;
    } catch (error) {
      this.failed(operation, error);
      throw error instanceof StoreUnavailable ? error : new StoreUnavailable('shared store call failed');
    }
  }

  private failed(operation: string, error: unknown): void {
    if (this.degradedSince !== undefined) return;
    this.failingSince ??= this.now();
    this.record(true);
    const degradeAfterMs = this.options.degradeAfterMs ?? DEGRADE_AFTER_MS;
    if (this.now() - this.failingSince < degradeAfterMs && !this.failingOften(degradeAfterMs)) return;
    this.degradedSince = this.now();
    this.nextProbeAt = this.now() + this.probeMs;
    // The message only: ioredis errors carry no URL, but stay on the safe side of the password.
    const reason = error instanceof Error ? error.message.slice(0, 200) : String(error);
    const connection = this.options.lastError?.();
    this.options.log.warn(
      { operation, reason, ...(connection ? { connection } : {}) },
      'redis unavailable, using per-instance memory until it is back',
    );
  }

  private record(failed: boolean): void {
    const now = this.now();
    this.outcomes.push({ at: now, failed });
    while (this.outcomes.length > MAX_OUTCOMES || (this.outcomes[0] && now - this.outcomes[0].at > RATE_WINDOW_MS)) this.outcomes.shift();
  }

  /** At least MIN_FAILURES failures in the window, half its calls or more, the first degradeAfterMs old or more. */
  private failingOften(degradeAfterMs: number): boolean {
    const failures = this.outcomes.filter((outcome) => outcome.failed);
    const first = failures[0];
    return (
      first !== undefined &&
      failures.length >= MIN_FAILURES &&
      failures.length * 2 >= this.outcomes.length &&
      this.now() - first.at >= degradeAfterMs
    );
  }

  private recovered(): void {
    this.failingSince = undefined;
    if (this.degradedSince === undefined) {
      this.record(false);
      return;
    }
    this.outcomes = [];
    const downMs = this.now() - this.degradedSince;
    this.degradedSince = undefined;
    this.options.log.info({ downMs }, 'redis is back, sharing the cache and the reddit budget again');
  }

  get(key: string) {
    return this.call('get', () => this.store.get(key));
  }
  set(key: string, value: string, ttlMs: number) {
    return this.call('set', () => this.store.set(key, value, ttlMs));
  }
  async claim(key: string, value: string, ttlMs: number): Promise<boolean> {
    let sent: Promise<boolean> | undefined;
    try {
      return await this.call('claim', () => (sent = this.store.claim(key, value, ttlMs)));
    } catch (error) {
      // The caller has given up on this lock. Should Redis still grant it, nobody would release
      // it, and every other instance would wait on it for its whole life: release it on the late reply.
      void sent?.then((claimed) => (claimed ? this.store.release(key, value) : undefined)).catch(() => undefined);
      throw error;
    }
  }
  release(key: string, value: string) {
    return this.call('release', () => this.store.release(key, value));
  }
  increment(key: string, ttlMs: number) {
    return this.call('increment', () => this.store.increment(key, ttlMs));
  }
  close() {
    return this.store.close();
  }
}

function settlesWithin(work: Promise<void>, ms: number): Promise<boolean> {
  return raceTimeout(work.then(() => true), ms, () => false);
}
