import { CATALOG } from '../../src/catalog';
import type { Logger } from '../../src/log';
import { startRedditStub, type RedditStub } from '../../scripts/bench/reddit-stub';
import { startRedis, type RedisServer } from './redis-server';
import { openSharedStore } from '../../src/reddit/shared/open';
import type { GuardedStore } from '../../src/reddit/shared/guard';
import { startWebhook, type RunningWebhook } from './server';

/** A log line as the tests read it. */
export interface Line {
  level: 'debug' | 'info' | 'warn' | 'error';
  message: string;
  fields: Record<string, unknown>;
}

/** A Logger that keeps its lines in memory (the tests print nothing). */
export function memoryLogger(): Logger & { lines: Line[]; count(message: RegExp): number } {
  const lines: Line[] = [];
  const at = (level: Line['level']) => (fields: Record<string, unknown>, message: string) => {
    lines.push({ level, message, fields });
  };
  const log = {
    lines,
    debug: at('debug'),
    info: at('info'),
    warn: at('warn'),
    error: at('error'),
    count: (message: RegExp) => lines.filter((line) => message.test(line.message)).length,
  };
  return log;
}

export interface Instance {
  webhook: RunningWebhook;
  log: ReturnType<typeof memoryLogger>;
  store: GuardedStore;
}

/**
 * `n` webhook instances in this process, each with its own Redis connection
 * (as separate Cloud Run instances have), all configured from `env`.
 */
export async function startInstances(n: number, redisUrl: string, env: Record<string, string>, warmUp = false): Promise<Instance[]> {
  const instances: Instance[] = [];
  for (let i = 0; i < n; i++) {
    const log = memoryLogger();
    const store = openSharedStore(redisUrl, log);
    const webhook = await startWebhook({ ...env, REDIS_URL: redisUrl }, { log, store, warmUp, random: () => 0 });
    instances.push({ webhook, log, store });
  }
  return instances;
}

/**
 * How many of an instance's answers were the apology sent because its deadline came first
 * (its request log line says `deadlineHit`). A Redis call that waited past the guard's
 * time box shows here, whatever the load on the machine; a wall-clock bound would show the load.
 */
export function deadlineHits(instance: Instance): number {
  return instance.log.lines.filter((line) => line.message === 'webhook request' && line.fields.deadlineHit === true).length;
}

export async function stopInstances(instances: readonly Instance[]): Promise<void> {
  await Promise.all(instances.map(async ({ webhook, store }) => {
    await webhook.close();
    await store.close();
  }));
}

/** Polls `check` every 20 ms for up to `timeoutMs` (generous: the machine may be busy), failing with `what`. */
export async function until(check: () => boolean | Promise<boolean>, what: string, timeoutMs = 15_000): Promise<void> {
  const started = Date.now();
  while (!(await check())) {
    if (Date.now() - started > timeoutMs) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

export interface Rig {
  readonly redis: RedisServer;
  /** Counts Reddit's listing and token requests (loopback). */
  readonly stub: RedditStub;
  /** Stopped after each test. */
  instances: Instance[];
  /** Environment for the instances: Reddit is the stub, answers due within `deadlineMs`. */
  env(extra?: Record<string, string>): Record<string, string>;
}

/**
 * For a describe block: one redis-server and one Reddit stub for all its
 * tests; after each test the instances are stopped, Redis is resumed (if a
 * test paused it) and emptied, the stub's counters are reset and its OAuth is off.
 */
export function sharedRig(deadlineMs: number): Rig {
  let redis: RedisServer | undefined;
  let stub: RedditStub | undefined;
  const started = <T>(value: T | undefined): T => {
    if (value === undefined) throw new Error('the rig starts in beforeAll: use it inside tests');
    return value;
  };
  const rig: Rig = {
    get redis() {
      return started(redis);
    },
    get stub() {
      return started(stub);
    },
    instances: [],
    env: (extra = {}) => ({ REDDIT_BASE_URL: rig.stub.url, WEBHOOK_DEADLINE_MS: String(deadlineMs), ...extra }),
  };
  // Each test starts two or three webhooks, each with its own Redis connection, and has them talk to
  // Reddit and to each other: a second of CPU that a starved 2-CPU machine (npm run test:stress) spreads
  // over several seconds of wall time, past jest's default 5 s. Nothing here waits on a clock that
  // long by design: the bounds that matter are in the assertions (deadlines, TTLs, request counts).
  jest.setTimeout(30_000);
  beforeAll(async () => {
    redis = await startRedis();
    stub = await startRedditStub({ subreddits: [...new Set(CATALOG.map((kind) => kind.subreddit))] });
  });
  afterEach(async () => {
    rig.redis.resume();
    await stopInstances(rig.instances);
    rig.instances = [];
    await rig.redis.command(['FLUSHALL']).catch(() => undefined);
    rig.stub.reset();
    rig.stub.setDelay(0);
    rig.stub.setOAuth(undefined);
    rig.stub.setHeaders({});
  });
  afterAll(async () => {
    await redis?.stop();
    await stub?.close();
  });
  return rig;
}
