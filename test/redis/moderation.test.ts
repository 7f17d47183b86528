import { silentLogger } from '../../src/log';
import { createGoogleModerator } from '../../src/moderation/google';
import { ModerationJudge, VERDICT_TTL_MS } from '../../src/moderation/judge';
import { RedisStore } from '../../src/reddit/shared/redis-store';
import { SharedVerdicts } from '../../src/reddit/shared/verdicts';
import { scores, startFakeModeration, type FakeModeration } from '../support/fake-moderation';
import { describeRedis, startRedis, type RedisServer } from '../support/redis';

/** Verdicts shared through a real redis-server: the second instance asks Redis, not the model. */

const RUDE = { id: 'rude', text: 'A joke the fake calls an insult' };
const CLEAN = { id: 'clean', text: 'Why did the scarecrow win an award?\nBecause he was outstanding in his field.' };

describeRedis('moderation verdicts in Redis', () => {
  let redis: RedisServer;
  let fake: FakeModeration;
  const stores: RedisStore[] = [];
  const open = () => {
    const store = new RedisStore(redis.url, { commandTimeoutMs: 1000, onError: () => undefined });
    stores.push(store);
    return store;
  };
  const instance = (store: RedisStore) =>
    new ModerationJudge({
      moderator: async () => createGoogleModerator({ endpoint: fake.url }),
      shared: new SharedVerdicts(store),
      log: silentLogger,
      sleep: async () => undefined,
    });

  beforeAll(async () => {
    redis = await startRedis();
    fake = await startFakeModeration((text) => scores(text.includes('insult') ? { Insult: 0.95 } : {}));
  });
  afterAll(async () => {
    for (const store of stores) await store.close();
    await fake.close();
    await redis.stop();
  });

  it('one call per post across instances, kept for a month', async () => {
    const first = instance(open());
    first.feed([RUDE, CLEAN]);
    await first.settled();
    const second = instance(open());
    second.feed([RUDE, CLEAN]);
    await second.settled();
    expect([second.verdict(RUDE, 'standard'), second.verdict(CLEAN, 'strict')]).toEqual([false, true]);
    expect(fake.calls.map((call) => call.text).sort()).toEqual([RUDE.text, CLEAN.text].sort());
    const reply = await redis.command(['PTTL', 'rdw:moderation:rude'], redis.password);
    const ttl = Number(/:(\d+)/.exec(reply)?.[1]);
    expect(ttl).toBeGreaterThan(VERDICT_TTL_MS - 60_000);
    expect(ttl).toBeLessThanOrEqual(VERDICT_TTL_MS);
  });
});
