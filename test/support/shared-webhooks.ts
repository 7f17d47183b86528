import type { Logger } from '../../src/log';
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
