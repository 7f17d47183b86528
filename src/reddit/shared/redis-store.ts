import type { Redis, RedisOptions } from 'ioredis';
import type { SharedStore } from './store';

/** A lost connection is retried this often at most; the guard in front never waits for it. */
const RECONNECT_CAP_MS = 2_000;

/**
 * Wait before reconnect attempt `attempt` (1, 2, ...): 100 ms more each time, at most RECONNECT_CAP_MS.
 * Never gives up, so a refused password (rotation) or a restarted server is picked up again.
 */
const reconnectDelay = (attempt: number): number => Math.min(attempt * 100, RECONNECT_CAP_MS);

// Atomic on the server: a lock is released only by its holder, a counter gets its expiry with its first increment.
const RELEASE = "if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('del', KEYS[1]) end return 0";
const INCREMENT = "local n = redis.call('incr', KEYS[1]) if n == 1 then redis.call('pexpire', KEYS[1], ARGV[1]) end return n";

type ScriptedRedis = Redis & {
  releaseIfHeld(key: string, value: string): Promise<number>;
  incrementWindow(key: string, ttlMs: number): Promise<number>;
};

/**
 * ioredis, required here and only here, so a configuration without REDIS_URL
 * never loads it (the bundle keeps it external: see package.json "bundle").
 */
function ioredis(): typeof import('ioredis').Redis {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- loaded only with REDIS_URL (see above)
  return (require('ioredis') as typeof import('ioredis')).Redis;
}

export interface RedisStoreOptions {
  /** Server-side limit for one command; the guard's own time box is shorter. */
  commandTimeoutMs: number;
  /** Reported (without the URL, which holds the password) when the connection fails. */
  onError?: (error: Error) => void;
}

/** SharedStore on Redis or Valkey (Memorystore): `redis://` or `rediss://` (TLS), AUTH string in the URL. */
export class RedisStore implements SharedStore {
  private readonly client: ScriptedRedis;
  private firstConnection?: Promise<void>;

  constructor(url: string, options: RedisStoreOptions) {
    const settings: RedisOptions = {
      // Each command rejects after this instead of waiting for a paused or unreachable server.
      commandTimeout: options.commandTimeoutMs,
      connectTimeout: 2_000,
      // Queued commands fail after one failed reconnect instead of piling up while Redis is away.
      maxRetriesPerRequest: 1,
      // An error reply to a command keeps the connection (ioredis' default `reconnectOnError`, none).
      retryStrategy: reconnectDelay,
    };
    const Client = ioredis();
    this.client = new Client(url, settings) as ScriptedRedis;
    this.client.defineCommand('releaseIfHeld', { numberOfKeys: 1, lua: RELEASE });
    this.client.defineCommand('incrementWindow', { numberOfKeys: 1, lua: INCREMENT });
    // Without a listener ioredis prints every connection error to the console.
    this.client.on('error', (error: Error) => options.onError?.(error));
    this.firstConnection = new Promise<void>((resolve) => {
      const settle = () => {
        this.client.off('ready', settle).off('error', settle);
        this.firstConnection = undefined;
        resolve();
      };
      this.client.on('ready', settle).on('error', settle);
    });
  }

  connecting(): Promise<void> | undefined {
    return this.firstConnection;
  }

  async get(key: string): Promise<string | undefined> {
    return (await this.client.get(key)) ?? undefined;
  }

  async set(key: string, value: string, ttlMs: number): Promise<void> {
    await this.client.set(key, value, 'PX', Math.max(1, Math.ceil(ttlMs)));
  }

  async claim(key: string, value: string, ttlMs: number): Promise<boolean> {
    return (await this.client.set(key, value, 'PX', Math.max(1, Math.ceil(ttlMs)), 'NX')) === 'OK';
  }

  async release(key: string, value: string): Promise<void> {
    await this.client.releaseIfHeld(key, value);
  }

  async increment(key: string, ttlMs: number): Promise<number> {
    return this.client.incrementWindow(key, Math.max(1, Math.ceil(ttlMs)));
  }

  async close(): Promise<void> {
    this.client.disconnect();
  }
}
