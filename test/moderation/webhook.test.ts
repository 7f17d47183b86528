import { createGoogleModerator } from '../../src/moderation/google';
import { COOL_DOWN_MS, ModerationJudge } from '../../src/moderation/judge';
import { listing, redditPost } from '../support/reddit';
import { moreRequest, sayRequest } from '../support/requests';
import { startWebhook, type RunningWebhook } from '../support/server';
import { FakeReddit } from '../support/turns';
import { capturedJsonLog } from '../support/json-log';
import { scores, startFakeModeration, type FakeModeration } from '../support/fake-moderation';
import { expectValidV2Response } from '../support/v2-proto';

/**
 * MODERATION=google in whole HTTP requests: the real function, the real REST
 * path, the local fake moderateText. A post is told only once judged; a cold
 * cache judges the picked post on the spot; a failing API means the local
 * filter at strict, never a 5xx.
 */

const CLEAN = redditPost({ id: 'clean', title: 'Why did the scarecrow win an award?', selftext: 'Because he was outstanding in his field.' });
const OTHER = redditPost({ id: 'other', title: 'I told my wife she was drawing her eyebrows too high.', selftext: 'She looked surprised.' });
const DAMN = redditPost({ id: 'damn', title: 'My wife said I never listen to her.', selftext: 'Or something like that, damn.' });
const RUDE = redditPost({ id: 'rude', title: 'A joke the fake calls an insult', selftext: 'and it is not told.' });

const model = (text: string) => scores(text.includes('insult') ? { Insult: 0.95 } : {});
const servedIds = (json: { outputContexts?: Array<{ parameters?: Record<string, unknown> }> }) =>
  (json.outputContexts?.[0]?.parameters?.servedIds as string[] | undefined) ?? [];

// The first request of the file loads functions-framework and the response library: slow on a busy machine, not a bound.
jest.setTimeout(20_000);

describe('moderation in the webhook', () => {
  let fake: FakeModeration;
  let webhook: RunningWebhook | undefined;
  let judge: ModerationJudge | undefined;
  let clock: number;
  let log: ReturnType<typeof capturedJsonLog>;
  const judgeFor = () =>
    (judge = new ModerationJudge({
      moderator: async () => createGoogleModerator({ endpoint: fake.url }),
      log: log.log,
      now: () => clock,
      sleep: async () => undefined,
    }));

  beforeEach(async () => {
    fake = await startFakeModeration(model);
    clock = 1_000_000;
    log = capturedJsonLog();
  });
  afterEach(async () => {
    await webhook?.close();
    webhook = undefined;
    await fake.close();
    await judge?.settled();
    judge = undefined;
  });

  it('MODERATION=google from the environment: a cold instance judges the post it picked on the spot, through the fake', async () => {
    const reddit = new FakeReddit({ Jokes: listing([CLEAN]) });
    webhook = await startWebhook({ MODERATION: 'google', MODERATION_ENDPOINT: fake.url }, { posts: reddit });
    const { status, json } = await webhook.post(sayRequest('joke'));
    expect(status).toBe(200);
    expectValidV2Response(json);
    expect(servedIds(json)).toEqual(['clean']);
    expect(fake.calls[0]?.text).toBe('Why did the scarecrow win an award?\nBecause he was outstanding in his field.');
    expect(fake.calls[0]?.authorization).toBeUndefined();
  });

  it('a cold instance does not tell a post the model refuses: the next is its own collection', async () => {
    const reddit = new FakeReddit({ Jokes: listing([RUDE]) });
    webhook = await startWebhook({ MODERATION: 'google', MODERATION_ENDPOINT: fake.url }, { posts: reddit });
    const { json } = await webhook.post(sayRequest('joke'));
    expect(json.fulfillmentText).toMatch(/^Reddit has no jokes I can read out right now, so here's one from my own collection:/);
  });

  it('never tells a post not judged yet, and tells the judged ones', async () => {
    judgeFor();
    judge!.feed([{ id: 'clean', text: 'Why did the scarecrow win an award?\nBecause he was outstanding in his field.' }]);
    await judge!.settled();
    // From now on the model does not answer: OTHER and DAMN stay unjudged.
    fake.trouble('hang');
    const reddit = new FakeReddit({ Jokes: listing([CLEAN, OTHER, DAMN]) });
    webhook = await startWebhook({}, { posts: reddit, judge });
    let previous = (await webhook.post(sayRequest('joke'))).json;
    const told = [servedIds(previous).at(-1)];
    for (let turn = 0; turn < 3; turn++) {
      const next = await webhook.post(moreRequest(previous));
      expect(next.status).toBe(200);
      previous = next.json;
      told.push(servedIds(previous).at(-1));
    }
    expect(told[0]).toBe('clean');
    expect(told.slice(1).every((id) => id !== 'other' && id !== 'damn')).toBe(true);
    expect(previous.fulfillmentText).toMatch(/from my own collection/);
  });

  it('503: the local filter at strict judges (even at standard), one line when degraded, one when recovered, always 200', async () => {
    fake.trouble({ status: 503 });
    judgeFor();
    const reddit = new FakeReddit({ Jokes: listing([DAMN, CLEAN]) });
    webhook = await startWebhook({ CONTENT_FILTER: 'standard' }, { posts: reddit, judge, random: () => 0 });
    // The cold request judges DAMN on the spot: 503, so strict refuses it; then nothing else is judged.
    const first = await webhook.post(sayRequest('joke'));
    expect(first.status).toBe(200);
    await judge!.settled();
    const told: string[] = [];
    for (let turn = 0; turn < 3; turn++) {
      const { status, json } = await webhook.post(sayRequest('joke'));
      expect(status).toBe(200);
      told.push(...servedIds(json).slice(-1));
    }
    expect(told).toEqual(['clean', 'clean', 'clean']);
    // Recovered: past the cool-down the model judges again and lets DAMN pass at standard.
    fake.trouble(undefined);
    clock += COOL_DOWN_MS + 1;
    await webhook.post(sayRequest('joke'));
    await judge!.settled();
    const after = await webhook.post(sayRequest('joke'));
    expect(servedIds(after.json)).toEqual(['damn']);
    expect(log.records().filter((line) => String(line.message).startsWith('moderation')).map((line) => [line.message, line.reason])).toEqual([
      ['moderation degraded: posts are judged by the local filter at strict', 'unavailable'],
      ['moderation recovered', undefined],
    ]);
  });

  it('a model that does not answer in time: the picked post is judged locally at strict within the deadline, 200', async () => {
    fake.trouble('hang');
    judgeFor();
    const reddit = new FakeReddit({ Jokes: listing([DAMN, CLEAN]) });
    webhook = await startWebhook({ WEBHOOK_DEADLINE_MS: '400' }, { posts: reddit, judge, random: () => 0 });
    const { status, json } = await webhook.post(sayRequest('joke'));
    expect(status).toBe(200);
    expectValidV2Response(json);
    // DAMN was picked, strict refused it; CLEAN is not judged yet, so not told: the collection answers.
    expect(json.fulfillmentText).toMatch(/from my own collection/);
  });
});
