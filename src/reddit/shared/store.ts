/**
 * The few operations instances need to act as one client of Reddit. Two
 * implementations: MemoryStore (one process; the tests of the shared logic)
 * and RedisStore (all instances; loaded only when REDIS_URL is set). Values
 * are strings; callers own the encoding.
 */
export interface SharedStore {
  get(key: string): Promise<string | undefined>;
  set(key: string, value: string, ttlMs: number): Promise<void>;
  /** Sets `key` to `value` only when absent (a lock); true when this caller got it. */
  claim(key: string, value: string, ttlMs: number): Promise<boolean>;
  /** Deletes `key` only while it still holds `value` (releases this caller's lock, never a successor's). */
  release(key: string, value: string): Promise<void>;
  /** Adds one to a counter that expires `ttlMs` after its first increment; returns the new count. */
  increment(key: string, ttlMs: number): Promise<number>;
  /** While the first connection is being made: settles when it is up or has failed. Undefined after that. */
  connecting?(): Promise<void> | undefined;
  close(): Promise<void>;
}

/** Keys of this app, so a shared Memorystore instance can hold other data too. */
export const KEY_PREFIX = 'rdw:';

/** A SharedStore in one process's memory, with the same expiry semantics as Redis. */
export class MemoryStore implements SharedStore {
  private readonly entries = new Map<string, { value: string; expiresAt: number }>();

  constructor(private readonly now: () => number = Date.now) {}

  private live(key: string): string | undefined {
    const entry = this.entries.get(key);
    if (!entry) return undefined;
    if (entry.expiresAt <= this.now()) {
      this.entries.delete(key);
      return undefined;
    }
    return entry.value;
  }

  async get(key: string): Promise<string | undefined> {
    return this.live(key);
  }

  async set(key: string, value: string, ttlMs: number): Promise<void> {
    this.entries.set(key, { value, expiresAt: this.now() + ttlMs });
  }

  async claim(key: string, value: string, ttlMs: number): Promise<boolean> {
    if (this.live(key) !== undefined) return false;
    this.entries.set(key, { value, expiresAt: this.now() + ttlMs });
    return true;
  }

  async release(key: string, value: string): Promise<void> {
    if (this.live(key) === value) this.entries.delete(key);
  }

  async increment(key: string, ttlMs: number): Promise<number> {
    const count = Number(this.live(key) ?? 0) + 1;
    const expiresAt = this.entries.get(key)?.expiresAt ?? this.now() + ttlMs;
    this.entries.set(key, { value: String(count), expiresAt: count === 1 ? this.now() + ttlMs : expiresAt });
    return count;
  }

  async close(): Promise<void> {
    this.entries.clear();
  }
}
