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
    if (this.now() - this.failingSince < (this.options.degradeAfterMs ?? DEGRADE_AFTER_MS)) return;
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

  private recovered(): void {
    this.failingSince = undefined;
    if (this.degradedSince === undefined) return;
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
  claim(key: string, value: string, ttlMs: number) {
    return this.call('claim', () => this.store.claim(key, value, ttlMs));
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
