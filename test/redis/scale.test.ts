import { CATALOG } from '../../src/catalog';
import { BUDGET_WINDOW_MS } from '../../src/reddit/shared/budget';
import { stubIdPrefix } from '../../scripts/bench/reddit-stub';
import { describeRedis } from '../support/redis';
import { sayRequest } from '../support/requests';
import { deadlineHits, sharedRig, startInstances, until, type Instance } from '../support/shared-webhooks';
import { expectValidV2Response } from '../support/v2-proto';

/**
 * Several webhook instances sharing one real redis-server act as one client of
 * Reddit: one fetch per listing, one budget, one token, one warm-up.
 */

const SUBREDDITS = [...new Set(CATALOG.map((kind) => kind.subreddit))];
const DEADLINE_MS = 3000;

describeRedis('instances sharing one Redis', () => {
  const rig = sharedRig(DEADLINE_MS);

  const env = (extra?: Record<string, string>) => rig.env(extra);

  async function ask(instance: Instance, content: string, topic?: string) {
    const answer = await instance.webhook.post(sayRequest(content, topic));
    expect(answer.status).toBe(200);
    expectValidV2Response(answer.json);
    expect(deadlineHits(instance)).toBe(0);
    return answer.json as { fulfillmentText: string; outputContexts: Array<{ parameters: { servedIds: string[] } }> };
  }
  const fromStub = (answer: { outputContexts: Array<{ parameters: { servedIds: string[] } }> }) =>
    answer.outputContexts[0]?.parameters.servedIds.every((id) => id.startsWith(stubIdPrefix()));

  it('simultaneous misses on three instances make one Reddit fetch, and all get the listing', async () => {
    rig.instances = await startInstances(3, rig.redis.url, env());
    rig.stub.setDelay(300); // Reddit slow enough that every request arrives while the first fetch is out
    const answers = await Promise.all(Array.from({ length: 30 }, (_, i) => ask(rig.instances[i % 3] as Instance, 'joke')));
    expect(rig.stub.byPath().get('/r/Jokes/top.json')).toBe(1);
    expect(rig.stub.requests()).toBe(1);
    expect(answers.filter(fromStub)).toHaveLength(30);
  });

  it('a listing another instance fetched is served without asking Reddit', async () => {
    rig.instances = await startInstances(2, rig.redis.url, env());
    await ask(rig.instances[0] as Instance, 'fact');
    expect(fromStub(await ask(rig.instances[1] as Instance, 'fact'))).toBe(true);
    expect(fromStub(await ask(rig.instances[1] as Instance, 'joke', 'cats'))).toBe(true);
    expect(await ask(rig.instances[0] as Instance, 'joke', 'cats')).toBeDefined();
    expect(rig.stub.byPath().get('/r/todayilearned/top.json')).toBe(1);
    expect(rig.stub.requests('search')).toBe(1);
    expect(rig.stub.requests()).toBe(2);
  });

  it('warm-up on a second and third instance fetches nothing the first one already shared', async () => {
    const [first] = (rig.instances = await startInstances(1, rig.redis.url, env(), true));
    await first?.webhook.post(sayRequest('joke'));
    await until(() => (first?.log.count(/warm-up done/) ?? 0) === 1, 'the first warm-up');
    expect(rig.stub.requests()).toBe(SUBREDDITS.length);
    const more = await startInstances(2, rig.redis.url, env(), true);
    rig.instances.push(...more);
    await Promise.all(more.map((instance) => instance.webhook.post(sayRequest('fact'))));
    await until(() => more.every((instance) => instance.log.count(/warm-up done/) === 1), 'the other warm-ups');
    expect(rig.stub.requests()).toBe(SUBREDDITS.length);
  });

  it('a spent budget keeps every instance from calling Reddit, and the answers still come', async () => {
    rig.instances = await startInstances(2, rig.redis.url, env({ REDDIT_QPM: '5' }));
    const window = Math.floor(Date.now() / BUDGET_WINDOW_MS);
    // This minute's and the next one's budget already used up by other rig.instances.
    for (const w of [window, window + 1]) await rig.redis.command(['SET', `rdw:budget:${w}`, '5', 'PX', '120000']);
    const answers = await Promise.all(['joke', 'fact', 'joke', 'fact'].map((content, i) => ask(rig.instances[i % 2] as Instance, content)));
    expect(rig.stub.requests()).toBe(0);
    expect(answers.every((answer) => answer.fulfillmentText.length > 0)).toBe(true);
  });

  it('the budget is counted across rig.instances: REDDIT_QPM=2 lets exactly two listings through', async () => {
    // Deterministic: start at least 10 s before the minute ends, so the whole test sits in one budget window.
    const left = BUDGET_WINDOW_MS - (Date.now() % BUDGET_WINDOW_MS);
    if (left < 10_000) await new Promise((resolve) => setTimeout(resolve, left + 50));
    const window = Math.floor(Date.now() / BUDGET_WINDOW_MS);
    rig.instances = await startInstances(3, rig.redis.url, env({ REDDIT_QPM: '2' }));
    const kinds = CATALOG.slice(0, 4).map((kind) => kind.id);
    for (const [i, kind] of kinds.entries()) await ask(rig.instances[i % 3] as Instance, kind);
    expect(rig.stub.requests()).toBe(2);
    expect(Math.floor(Date.now() / BUDGET_WINDOW_MS)).toBe(window);
    // Up to 10 s of waiting for the next minute, plus the answers themselves.
  }, 30_000);

  it('one app token for all rig.instances, requested once', async () => {
    // Reddit's oauth host: a listing without the bearer token would be refused (401).
    rig.stub.setOAuth({ clientId: 'id', clientSecret: 'secret' });
    rig.instances = await startInstances(3, rig.redis.url, env({ REDDIT_OAUTH_URL: rig.stub.url, REDDIT_CLIENT_ID: 'id', REDDIT_CLIENT_SECRET: 'secret' }));
    const kinds = CATALOG.slice(0, 3).map((kind) => kind.id);
    const answers = await Promise.all(kinds.flatMap((kind) => rig.instances.map((instance) => ask(instance, kind))));
    expect(rig.stub.tokens()).toBe(1);
    expect(rig.stub.unauthorized()).toBe(0);
    expect(rig.stub.requests()).toBe(3);
    expect(answers.filter(fromStub)).toHaveLength(9);
  });
});
