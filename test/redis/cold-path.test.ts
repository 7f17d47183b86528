import { bundleLoads } from '../support/bundle-loads';
import { assertBundleBuilt } from '../support/server';

/**
 * The Redis client costs a cold instance nothing unless REDIS_URL is set: the
 * bundle keeps ioredis external and requires it only when the store is opened.
 */
const loadsIoredis = (env: Record<string, string>) => bundleLoads('/node_modules/ioredis/', env);

describe('the production bundle and the Redis client', () => {
  beforeAll(() => assertBundleBuilt());

  it('does not load ioredis without REDIS_URL', () => {
    expect(loadsIoredis({})).toBe(false);
  });

  it('loads it when REDIS_URL is set', () => {
    // Port 1 on loopback: nothing listens, the connection fails in the background and nobody waits for it.
    expect(loadsIoredis({ REDIS_URL: 'redis://:pw@127.0.0.1:1' })).toBe(true);
  });
});
