import { execFileSync } from 'node:child_process';
import { assertBundleBuilt, BUNDLE } from '../support/server';

/**
 * The Redis client costs a cold instance nothing unless REDIS_URL is set: the
 * bundle keeps ioredis external and requires it only when the store is opened.
 */
function loadsIoredis(env: Record<string, string>): boolean {
  const script = [
    `require(${JSON.stringify(BUNDLE)});`,
    'setImmediate(() => {',
    "  process.stdout.write(String(Object.keys(require.cache).some((path) => path.includes('/node_modules/ioredis/'))));",
    '  process.exit(0);',
    '});',
  ].join('\n');
  const output = execFileSync(process.execPath, ['-e', script], {
    env: { PATH: process.env.PATH ?? '/usr/bin:/bin', LOG_LEVEL: 'silent', ...env },
    encoding: 'utf8',
    timeout: 30_000,
  });
  return output.trim() === 'true';
}

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
