export * from './redis-server';

const skipRedis = process.env.SKIP_REDIS_TESTS === '1' && !process.env.CI;

/**
 * `describe` for the Redis tests: skipped only when asked for outside CI (and then its name says so, for the
 * skip reporter), else they run (and fail loudly without redis-server).
 */
export function describeRedis(name: string, suite: () => void): void {
  if (skipRedis) describe.skip(`${name} (skipped: SKIP_REDIS_TESTS=1)`, suite);
  else describe(name, suite);
}
