/**
 * Reddit's X-Ratelimit-* headers obeyed across instances through a real
 * redis-server: once Reddit says the window's budget is used up
 * (X-Ratelimit-Remaining 0), no instance calls it again until X-Ratelimit-Reset,
 * and the users still get answers.
 */
import { describeRedis } from '../support/redis';
import { sayRequest } from '../support/requests';
import { sharedRig, startInstances, until, type Instance } from '../support/shared-webhooks';
import { expectValidV2Response } from '../support/v2-proto';

const DEADLINE_MS = 3000;

describeRedis('X-Ratelimit-* shared through Redis', () => {
  const rig = sharedRig(DEADLINE_MS);

  async function ask(instance: Instance, content: string) {
    const answer = await instance.webhook.post(sayRequest(content));
    expect(answer.status).toBe(200);
    expectValidV2Response(answer.json);
    return (answer.json.outputContexts[0].parameters.servedIds as string[]).at(-1) ?? '';
  }
  const cooldownKey = () => `rdw:cooldown:${new URL(rig.stub.url).host}`;

  it('remaining 0: no instance calls Reddit before the reset, and all still answer', async () => {
    rig.instances = await startInstances(2, rig.redis.url, rig.env());
    const [a, b] = rig.instances as [Instance, Instance];
    rig.stub.setHeaders({ 'x-ratelimit-remaining': '0.0', 'x-ratelimit-used': '100', 'x-ratelimit-reset': '40' });
    expect(await ask(a, 'joke')).not.toMatch(/^offline:/);
    expect(rig.stub.requests()).toBe(1);
    // Another listing, on the other instance and on the same one: neither goes out.
    expect(await ask(b, 'fact')).toMatch(/^offline:fact:\d+$/);
    expect(await ask(a, 'fact')).toMatch(/^offline:fact:\d+$/);
    expect(rig.stub.requests()).toBe(1);
    // Shared until the reset: 40 s from Reddit's answer (the key expires with the cool-down).
    const ttl = Number(await rig.redis.command(['PTTL', cooldownKey()]).then((reply) => reply.replace(/^:/, '')));
    expect(ttl).toBeGreaterThan(20_000);
    expect(ttl).toBeLessThanOrEqual(40_000);
  });

  it('after the reset, Reddit is called again', async () => {
    rig.instances = await startInstances(2, rig.redis.url, rig.env());
    const [a, b] = rig.instances as [Instance, Instance];
    rig.stub.setHeaders({ 'x-ratelimit-remaining': '0', 'x-ratelimit-used': '100', 'x-ratelimit-reset': '1' });
    await ask(a, 'joke');
    expect(rig.stub.requests()).toBe(1);
    rig.stub.setHeaders({ 'x-ratelimit-remaining': '99', 'x-ratelimit-used': '1', 'x-ratelimit-reset': '600' });
    // Waiting longer than the reset is always fine; this checks no cool-down outlives it.
    const endsAt = Number((await rig.redis.command(['GET', cooldownKey()])).replace(/^\$\d+\r\n/, '').trim() || 0);
    await until(() => Date.now() > Math.max(endsAt, 0) + 50, 'the reset');
    expect(await ask(b, 'fact')).not.toMatch(/^offline:/);
    expect(await ask(a, 'fact')).not.toMatch(/^offline:/);
    expect(rig.stub.requests()).toBe(2);
  });
});
