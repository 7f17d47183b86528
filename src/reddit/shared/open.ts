import type { Logger } from '../../log';
import { GuardedStore } from './guard';
import { RedisStore } from './redis-store';

/** ioredis' own limit for a command; the guard gives up long before, this only frees stuck commands. */
const COMMAND_TIMEOUT_MS = 1_000;

/**
 * The shared store for REDIS_URL: Redis behind the guard, so every call is
 * time-boxed and trouble means "use per-instance memory". Connects in the
 * background; start-up never waits for Redis.
 */
export function openSharedStore(url: string, log: Logger): GuardedStore {
  let lastError: string | undefined;
  const redis = new RedisStore(url, {
    commandTimeoutMs: COMMAND_TIMEOUT_MS,
    // Every failed reconnect reports an error; the guard logs the degrade once (naming the last one), these go to debug.
    onError: (error) => {
      lastError = error.message.slice(0, 200);
      log.debug({ reason: lastError }, 'redis connection error');
    },
  });
  return new GuardedStore(redis, { log, lastError: () => lastError });
}
