import { CATALOG } from '../../src/catalog';
import { stubIdPrefix } from '../../scripts/bench/reddit-stub';
import { describeRedis } from '../support/redis';
import { sayRequest, welcomeRequest } from '../support/requests';
import { deadlineHits, sharedRig, startInstances, until } from '../support/shared-webhooks';
import { expectValidV2Response } from '../support/v2-proto';

/**
 * Redis trouble never reaches the user: killed, paused (SIGSTOP) or refusing
 * the password, every answer is a valid 200 and none is the apology sent at
 * WEBHOOK_DEADLINE_MS (a Redis call that outlived the guard's time box), each
 * instance logs one line when it degrades and one when Redis is back, and
 * once back the instances share again.
 */

const DEADLINE_MS = 2000;
const DEGRADED = /^redis unavailable/;
const RECOVERED = /^redis is back/;

describeRedis('Redis trouble', () => {
  const rig = sharedRig(DEADLINE_MS);

  const start = (n: number, url = rig.redis.url) =>
    startInstances(n, url, rig.env());

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
      rig.instances.flatMap((instance) =>
        bodies.map(async (body) => {
          const answer = await instance.webhook.post(body);
          expect(answer.status).toBe(200);
          expectValidV2Response(answer.json);
        }),
      ),
    );
    expect(rig.instances.map(deadlineHits)).toEqual(rig.instances.map(() => 0));
  }

  /** Sends turns until every instance has noticed the trouble (calls failing for 200 ms), then a few more. */
  async function untilDegraded(): Promise<void> {
    let round = 1;
    await until(async () => {
      await conversation(round++);
      return rig.instances.every((instance) => instance.log.count(DEGRADED) === 1);
    }, 'every instance to notice Redis is away');
    for (const extra of [1, 2, 3]) await conversation(round + extra);
  }

  /** Sends turns until every instance has logged that Redis is back (a probe runs at most once a second). */
  async function untilRecovered(): Promise<void> {
    let round = 100;
    await until(async () => {
      await conversation(round++);
      return rig.instances.every((instance) => instance.log.count(RECOVERED) === 1);
    }, 'every instance to see Redis back');
  }

  /** After recovery the instances share again: a new listing is fetched once for all. */
  async function expectSharingAgain(topic: string): Promise<void> {
    for (const instance of rig.instances) {
      const answer = await instance.webhook.post(sayRequest('fact', topic));
      expect(answer.json.outputContexts[0].parameters.servedIds[0]).toMatch(new RegExp(`^${stubIdPrefix()}`));
    }
    expect(rig.stub.byPath().get(`/r/todayilearned/search.json?q=${topic}`)).toBe(1);
  }

  /** The Redis lines of every instance so far (a failure shows the whole sequence, with reasons). */
  const redisLines = () =>
    rig.instances.map((instance) =>
      instance.log.lines.filter((line) => /^redis (unavailable|is back)/.test(line.message)).map((line) => `${line.message} ${(line.fields.reason as string | undefined) ?? ''}`),
    );

  function expectOneDegradeEach(): void {
    expect(redisLines().map((lines) => lines.filter((line) => DEGRADED.test(line)))).toEqual(rig.instances.map(() => [expect.stringMatching(DEGRADED)]));
  }

  it('killed mid-run: answers keep coming, one log line each way, sharing resumes after a restart', async () => {
    rig.instances = await start(2);
    await conversation(0);
    expect(redisLines()).toEqual([[], []]);
    await rig.redis.kill();
    await untilDegraded();
    expectOneDegradeEach();
    await rig.redis.restart();
    await untilRecovered();
    expectOneDegradeEach();
    rig.stub.reset();
    await expectSharingAgain('killed');
    // Two instance start-ups, a kill, a restart and a recovery: several seconds on a loaded 2-core machine.
  }, 30_000);

  it('paused with SIGSTOP: every Redis call gives up in time, and the rig.instances pick it up again after SIGCONT', async () => {
    rig.instances = await start(2);
    await conversation(0);
    rig.redis.pause();
    await untilDegraded();
    expectOneDegradeEach();
    rig.redis.resume();
    await untilRecovered();
    expectOneDegradeEach();
    rig.stub.reset();
    await expectSharingAgain('paused');
    // Two instance start-ups, a degrade and a recovery: several seconds on a loaded 2-core machine.
  }, 30_000);

  it('a wrong password: per-instance memory, one line naming the refusal, and recovery once the password matches', async () => {
    rig.instances = await start(2, rig.redis.urlWithPassword('not-the-password'));
    await untilDegraded();
    expectOneDegradeEach();
    const degraded = rig.instances[0]?.log.lines.find((line) => DEGRADED.test(line.message));
    expect(String(degraded?.fields.connection)).toMatch(/WRONGPASS/);
    expect(JSON.stringify(rig.instances.map((instance) => instance.log.lines))).not.toContain('not-the-password');
    // The server's password is rotated to what the rig.instances have (as after fixing the secret).
    await rig.redis.command(['CONFIG', 'SET', 'requirepass', 'not-the-password']);
    await untilRecovered();
    rig.stub.reset();
    await expectSharingAgain('password');
    // Two instance start-ups, a degrade and a recovery: several seconds on a loaded 2-core machine.
  }, 30_000);
});
