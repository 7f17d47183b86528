import nock from 'nock';
import { silentLogger } from '../../src/log';
import { HostCooldown } from '../../src/reddit/cooldown';
import { RedditError } from '../../src/reddit/errors';
import { createUpstream } from '../../src/reddit/http';
import { jokes } from '../support/reddit';

afterEach(() => nock.cleanAll());

/** An upstream on a fake clock whose gate takes `gateMs` of that clock. */
function gated(gateMs: number, admit: () => Promise<void> = async () => undefined) {
  let clock = 1_000_000;
  const upstream = createUpstream({
    baseUrl: 'http://reddit.test',
    userAgent: 'test',
    cooldown: new HostCooldown(),
    log: silentLogger,
    now: () => clock,
    gate: {
      admit: async () => {
        clock += gateMs;
        await admit();
      },
    },
  });
  return upstream;
}

describe('createUpstream with a gate', () => {
  it('asks the gate first: a refusal keeps the request from going out', async () => {
    const unused = nock('http://reddit.test').get('/r/Jokes/top.json').reply(200, jokes(1));
    const upstream = gated(0, async () => {
      throw new RedditError('rate-limited', 'Shared Reddit budget of 60 requests a minute used up', 429);
    });
    await expect(upstream.request({ url: '/r/Jokes/top.json' }, 1000)).rejects.toThrow('Shared Reddit budget of 60 requests a minute used up');
    expect(unused.isDone()).toBe(false);
  });

  it('takes the time spent at the gate off the budget', async () => {
    nock('http://reddit.test').get('/r/Jokes/top.json').delay(300).reply(200, jokes(1));
    // 1000 ms budget, 950 spent at the gate: 50 ms left, less than Reddit's 300 ms
    await expect(gated(950).request({ url: '/r/Jokes/top.json' }, 1000)).rejects.toMatchObject({ reason: 'timeout' });
  });

  it('still sends when the gate leaves time', async () => {
    nock('http://reddit.test').get('/r/Jokes/top.json').reply(200, jokes(1));
    const response = await gated(100).request({ url: '/r/Jokes/top.json' }, 1000);
    expect(response.status).toBe(200);
  });
});

describe('createUpstream on a fake clock', () => {
  it('reads a Retry-After date against the injected clock, not the real one', async () => {
    const retryAt = 'Wed, 21 Oct 2015 07:28:00 GMT';
    const clock = Date.parse(retryAt) - 120_000;
    const cooldown = new HostCooldown(() => clock);
    const upstream = createUpstream({ baseUrl: 'http://reddit.test', userAgent: 'test', cooldown, log: silentLogger, now: () => clock });
    nock('http://reddit.test').get('/r/Jokes/top.json').reply(429, {}, { 'Retry-After': retryAt });
    await expect(upstream.request({ url: '/r/Jokes/top.json' }, 1000)).rejects.toMatchObject({ reason: 'rate-limited' });
    // Two minutes on the fake clock; the real clock, years past that date, would have made it no wait at all.
    expect(cooldown.remainingMs('reddit.test')).toBe(120_000);
  });
});
