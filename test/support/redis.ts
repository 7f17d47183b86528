export * from './redis-server';

/** `describe` for the Redis tests: skipped only when asked for outside CI, else they run (and fail loudly without redis-server). */
export const describeRedis: jest.Describe =
  process.env.SKIP_REDIS_TESTS === '1' && !process.env.CI ? (describe.skip as jest.Describe) : describe;
