import { silentLogger } from '../../src/log';
import { RedisStore } from '../../src/reddit/shared/redis-store';
import { MemoryStore, type SharedStore } from '../../src/reddit/shared/store';
import { describeRedis, startRedis, type RedisServer } from '../support/redis';

/** The memory store must behave like Redis: the shared logic is unit-tested on it. */
function contract(name: string, open: () => SharedStore) {
  describe(name, () => {
    let store: SharedStore;
    beforeEach(() => {
      store = open();
    });
    afterEach(() => store.close());

    it('get/set with expiry', async () => {
      expect(await store.get('c:a')).toBeUndefined();
      await store.set('c:a', 'one', 60_000);
      expect(await store.get('c:a')).toBe('one');
      await store.set('c:short', 'x', 30);
      await new Promise((resolve) => setTimeout(resolve, 200));
      expect(await store.get('c:short')).toBeUndefined();
    });

    it('claim succeeds once; release frees only the holder’s lock', async () => {
      expect(await store.claim('c:lock', 'me', 60_000)).toBe(true);
      expect(await store.claim('c:lock', 'you', 60_000)).toBe(false);
      await store.release('c:lock', 'you');
      expect(await store.claim('c:lock', 'you', 60_000)).toBe(false);
      await store.release('c:lock', 'me');
      expect(await store.claim('c:lock', 'you', 60_000)).toBe(true);
    });

    it('increment counts from one and the window expires with the first increment', async () => {
      expect(await store.increment('c:n', 150)).toBe(1);
      expect(await store.increment('c:n', 150)).toBe(2);
      expect(await store.increment('c:n', 150)).toBe(3);
      await new Promise((resolve) => setTimeout(resolve, 400));
      expect(await store.increment('c:n', 150)).toBe(1);
    });
  });
}

contract('MemoryStore', () => new MemoryStore());

describeRedis('RedisStore against redis-server', () => {
  let redis: RedisServer;
  const opened: RedisStore[] = [];
  beforeAll(async () => {
    redis = await startRedis();
  });
  afterEach(async () => {
    await redis.command(['FLUSHALL']);
  });
  afterAll(async () => {
    await Promise.all(opened.map((store) => store.close()));
    await (redis as RedisServer | undefined)?.stop(); // unset when beforeAll failed
  });
  contract('RedisStore', () => {
    const store = new RedisStore(redis.url, { commandTimeoutMs: 1000, onError: () => silentLogger.debug({}, '') });
    opened.push(store);
    return store;
  });
});
