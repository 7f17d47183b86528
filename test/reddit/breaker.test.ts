/**
 * A silent Reddit is remembered: timeouts and connection failures count toward
 * a cool-down like a 429's, a background probe finds out when Reddit answers
 * again, and users never wait for it in between. Which requests waited is
 * counted from what fake Reddit received (a user's listing asks for 50 posts, a
 * probe for 1), never from wall-clock bounds.
 */
import nock from 'nock';
import { freePort } from '../../scripts/bench/processes';
import { SILENCE_COOLDOWN_MS, SilenceBreaker, type ProbeOutcome } from '../../src/reddit/breaker';
import { HostCooldown } from '../../src/reddit/cooldown';
import { silentLogger } from '../../src/log';
import { jokes, redditEnv, TEST_USER_AGENT as UA } from '../support/reddit';
import { sayRequest } from '../support/requests';
import { REDDIT, startWebhook, type RunningWebhook } from '../support/server';
import { memoryLogger } from '../support/shared-webhooks';
import { expectValidV2Response } from '../support/v2-proto';

const DEADLINE_MS = 600;
/** Far beyond the deadline: an answer that waited for this reply could not be a 200 in time. */
const HANG_MS = 30_000;

const running: RunningWebhook[] = [];
afterEach(async () => {
  await Promise.all(running.splice(0).map((webhook) => webhook.close()));
});

async function webhook(env: Record<string, string> = {}) {
  const log = memoryLogger();
  const started = await startWebhook(redditEnv({ WEBHOOK_DEADLINE_MS: String(DEADLINE_MS), ...env }), { log, random: () => 0 });
  running.push(started);
  return { webhook: started, log };
}

interface Call {
  /** 50: a user's listing; 1: a probe. */
  limit: number;
  /** Which of the user's requests was being answered when Reddit got the call. */
  during: number;
}

/** Fake r/Jokes that records every call; `answer(n)` says what the n-th call (from 0) gets. */
function fakeJokes(state: { current: number }, answer: (n: number) => 'hang' | 'answer') {
  const calls: Call[] = [];
  nock(REDDIT, { reqheaders: { 'user-agent': UA } })
    .get('/r/Jokes/top.json')
    .query(true)
    .times(100)
    .reply((uri) => {
      const n = calls.length;
      calls.push({ limit: Number(new URL(uri, REDDIT).searchParams.get('limit')), during: state.current });
      if (answer(n) === 'answer') return [200, jokes(5)];
      // unref'd: a finished test does not wait for it (test/setup.ts aborts the request itself)
      return new Promise((resolve) => setTimeout(() => resolve([200, jokes(5)]), HANG_MS).unref()) as never;
    });
  return calls;
}

async function askJoke(instance: RunningWebhook) {
  const { status, json } = await instance.post(sayRequest('joke'));
  expect(status).toBe(200);
  expectValidV2Response(json);
  const servedIds: string[] = json.outputContexts?.[0]?.parameters?.servedIds ?? [];
  return { speech: String(json.fulfillmentText), last: servedIds.at(-1) ?? '' };
}

async function eventually(check: () => boolean, what: string): Promise<void> {
  for (let i = 0; i < 500 && !check(); i++) await new Promise((resolve) => setTimeout(resolve, 10));
  if (!check()) throw new Error(`never happened: ${what}`);
}

describe('a Reddit that never replies', () => {
  it('of 25 requests in a row at most the first 3 wait for it, and all 25 answer 200 from the collection', async () => {
    const state = { current: 0 };
    const calls = fakeJokes(state, () => 'hang');
    const { webhook: instance, log } = await webhook();
    const answers = [];
    for (state.current = 0; state.current < 25; state.current++) answers.push(await askJoke(instance));

    const waited = calls.filter((call) => call.limit === 50).map((call) => call.during);
    expect(waited).toEqual([0, 1, 2]);
    expect(answers.every((answer) => /^offline:joke:\d+$/.test(answer.last))).toBe(true);
    expect(log.count(/reddit is not answering/)).toBe(1);
    // The probe: in the background, one at a time (it hangs too, so there is only the one).
    expect(calls.filter((call) => call.limit === 1)).toEqual([{ limit: 1, during: 3 }]);
    // Three deadlines of waiting by design, then 22 round trips: more than jest's default 5 s on a busy 2-core machine.
  }, 20_000);

  it('resumes when a probe gets an answer: the next request is told a post from Reddit', async () => {
    const state = { current: 0 };
    // The first three user listings hang; from then on Reddit answers.
    const calls = fakeJokes(state, (n) => (n < 3 ? 'hang' : 'answer'));
    const { webhook: instance, log } = await webhook();
    for (state.current = 0; state.current < 4; state.current++) {
      expect((await askJoke(instance)).last).toMatch(/^offline:joke:\d+$/);
    }
    await eventually(() => log.count(/reddit answers again/) === 1, 'the probe found Reddit back');
    expect(calls.map((call) => call.limit)).toEqual([50, 50, 50, 1]);
    const told = await askJoke(instance);
    expect(told.last).toMatch(/^j\d+$/);
    expect(calls.map((call) => call.limit)).toEqual([50, 50, 50, 1, 50]);
  });
});

describe('a Reddit that refuses connections', () => {
  it('is silent after one request (its retries count too), and the rest do not try', async () => {
    const port = await freePort(); // nothing listens there
    const { webhook: instance, log } = await webhook({ REDDIT_BASE_URL: `http://127.0.0.1:${port}` });
    for (let i = 0; i < 5; i++) expect((await askJoke(instance)).last).toMatch(/^offline:joke:\d+$/);
    expect(log.count(/reddit is not answering/)).toBe(1);
    // One request's three attempts, and not one more (the probe goes out on the next request, in the background).
    const attempts = log.lines.filter((line) => line.message === 'retrying reddit').length;
    expect(attempts).toBe(2);
  });
});

describe('SilenceBreaker (injected clock)', () => {
  function rig() {
    const clock = { now: 1_000_000 };
    const cooldown = new HostCooldown(() => clock.now);
    const probes: Array<(outcome: ProbeOutcome) => void> = [];
    const probe = () => new Promise<ProbeOutcome>((resolve) => probes.push(resolve));
    const breaker = new SilenceBreaker('reddit.test', cooldown, probe, silentLogger, () => clock.now);
    return { clock, cooldown, probes, breaker };
  }
  const settle = () => new Promise((resolve) => setImmediate(resolve));

  it('opens at the third failure in a row, not the second; an answer in between starts the count again', () => {
    const { breaker, cooldown } = rig();
    breaker.noAnswer();
    breaker.noAnswer();
    breaker.answered();
    breaker.noAnswer();
    breaker.noAnswer();
    expect(breaker.silent).toBe(false);
    expect(cooldown.remainingMs('reddit.test')).toBe(0);
    breaker.noAnswer();
    expect(breaker.silent).toBe(true);
    expect(cooldown.remainingMs('reddit.test')).toBe(30_000);
    expect(SILENCE_COOLDOWN_MS).toBe(30_000);
  });

  it('probes once at a time, at most once in 5 s; an unanswered probe renews the cool-down, an answer ends it', async () => {
    const { breaker, cooldown, probes, clock } = rig();
    for (let i = 0; i < 3; i++) breaker.noAnswer();
    breaker.refused();
    breaker.refused();
    expect(probes).toHaveLength(1); // one at a time
    clock.now += 4_999;
    probes[0]?.('silent');
    await settle();
    expect(cooldown.remainingMs('reddit.test')).toBe(30_000); // renewed from 25,001
    breaker.refused();
    expect(probes).toHaveLength(1); // 4,999 ms after the last probe went out
    clock.now += 1;
    breaker.refused();
    expect(probes).toHaveLength(2); // 5,000 ms
    probes[1]?.('answered');
    await settle();
    expect(breaker.silent).toBe(false);
    expect(cooldown.remainingMs('reddit.test')).toBe(0);
  });

  it('keeps the host cooling down while silent, even after the cool-down ran out without a probe', () => {
    const { breaker, cooldown, clock, probes } = rig();
    for (let i = 0; i < 3; i++) breaker.noAnswer();
    clock.now += 30_000;
    expect(cooldown.remainingMs('reddit.test')).toBe(0);
    breaker.refused();
    expect(cooldown.remainingMs('reddit.test')).toBe(30_000);
    expect(probes).toHaveLength(1);
  });
});
