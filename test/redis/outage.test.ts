import { CATALOG } from '../../src/catalog';
import { startRedditStub, stubIdPrefix, type RedditStub } from '../../scripts/bench/reddit-stub';
import { describeRedis, startRedis, type RedisServer } from '../support/redis';
import { sayRequest, welcomeRequest } from '../support/requests';
import { startInstances, stopInstances, until, type Instance } from '../support/shared-webhooks';
import { expectValidV2Response } from '../support/v2-proto';

/**
 * Redis trouble never reaches the user: killed, paused (SIGSTOP) or refusing
 * the password, every answer is a valid 200 within WEBHOOK_DEADLINE_MS, each
 * instance logs one line when it degrades and one when Redis is back, and
 * once back the instances share again.
 */

const SUBREDDITS = [...new Set(CATALOG.map((kind) => kind.subreddit))];
const DEADLINE_MS = 2000;
const DEGRADED = /^redis unavailable/;
const RECOVERED = /^redis is back/;

describeRedis('Redis trouble', () => {
  let redis: RedisServer;
  let stub: RedditStub;
  let instances: Instance[] = [];

  beforeAll(async () => {
    redis = await startRedis();
    stub = await startRedditStub({ subreddits: SUBREDDITS });
  });
  afterEach(async () => {
    redis.resume();
    await stopInstances(instances);
    instances = [];
    if (redis) await redis.command(['FLUSHALL']).catch(() => undefined);
    stub.reset();
  });
  afterAll(async () => {
    await redis?.stop();
    await stub?.close();
  });

  const start = (n: number, url = redis.url) =>
    startInstances(n, url, { REDDIT_BASE_URL: stub.url, WEBHOOK_DEADLINE_MS: String(DEADLINE_MS) });

  /** Many turns on every instance: cached kinds, new kinds, topics and welcomes. Every answer: 200, valid, in time. */
  async function conversation(round: number): Promise<void> {
    const bodies = [
      welcomeRequest(),
      sayRequest('joke'),
      sayRequest('fact'),
      sayRequest(CATALOG[2 + (round % (CATALOG.length - 2))]?.id ?? 'joke'),
      sayRequest('joke', `topic${round}`),
    ];
    await Promise.all(
      instances.flatMap((instance) =>
        bodies.map(async (body) => {
          const started = Date.now();
          const answer = await instance.webhook.post(body);
          const tookMs = Date.now() - started;
          expect(answer.status).toBe(200);
          expectValidV2Response(answer.json);
          expect(tookMs).toBeLessThan(DEADLINE_MS);
        }),
      ),
    );
  }

  /** Sends turns until every instance has logged that Redis is back (a probe runs at most once a second). */
  async function untilRecovered(): Promise<void> {
    let round = 100;
    await until(async () => {
      await conversation(round++);
      return instances.every((instance) => instance.log.count(RECOVERED) === 1);
    }, 'every instance to see Redis back');
  }

  /** After recovery the instances share again: a new listing is fetched once for all. */
  async function expectSharingAgain(topic: string): Promise<void> {
    for (const instance of instances) {
      const answer = await instance.webhook.post(sayRequest('fact', topic));
      expect(answer.json.outputContexts[0].parameters.servedIds[0]).toMatch(new RegExp(`^${stubIdPrefix()}`));
    }
    expect(stub.byPath().get(`/r/todayilearned/search.json?q=${topic}`)).toBe(1);
  }

  function expectOneDegradeEach(): void {
    expect(instances.map((instance) => instance.log.count(DEGRADED))).toEqual(instances.map(() => 1));
  }

  it('killed mid-run: answers keep coming, one log line each way, sharing resumes after a restart', async () => {
    instances = await start(2);
    await conversation(0);
    expect(instances.map((instance) => instance.log.count(DEGRADED))).toEqual([0, 0]);
    await redis.kill();
    for (let round = 1; round <= 5; round++) await conversation(round);
    expectOneDegradeEach();
    await redis.restart();
    await untilRecovered();
    expectOneDegradeEach();
    stub.reset();
    await expectSharingAgain('killed');
  });

  it('paused with SIGSTOP: every Redis call gives up in time, and the instances pick it up again after SIGCONT', async () => {
    instances = await start(2);
    await conversation(0);
    redis.pause();
    for (let round = 1; round <= 5; round++) await conversation(round);
    expectOneDegradeEach();
    redis.resume();
    await untilRecovered();
    expectOneDegradeEach();
    stub.reset();
    await expectSharingAgain('paused');
  });

  it('a wrong password: per-instance memory, one line naming the refusal, and recovery once the password matches', async () => {
    instances = await start(2, redis.urlWithPassword('not-the-password'));
    for (let round = 0; round < 5; round++) await conversation(round);
    expectOneDegradeEach();
    const degraded = instances[0]?.log.lines.find((line) => DEGRADED.test(line.message));
    expect(String(degraded?.fields.connection)).toMatch(/WRONGPASS/);
    expect(JSON.stringify(instances.map((instance) => instance.log.lines))).not.toContain('not-the-password');
    // The server's password is rotated to what the instances have (as after fixing the secret).
    await redis.command(['CONFIG', 'SET', 'requirepass', 'not-the-password']);
    await untilRecovered();
    stub.reset();
    await expectSharingAgain('password');
  });
});
