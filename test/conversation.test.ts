/**
 * Whole conversations: the local agent matches what the user says against
 * agent/, the real webhook answers over HTTP, Reddit is nock'd with the
 * fixture listings.
 */
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import nock from 'nock';
import { INTENTS } from '../src/dialogflow/names';
import { loadAgent, type Agent } from '../scripts/local-agent/agent';
import { fixturePosts, listingJson, searchPosts } from '../scripts/local-agent/reddit-fixtures';
import { answerText, parseScript, runScript, scriptLanguage } from '../scripts/local-agent/script';
import { LocalSession } from '../scripts/local-agent/session';
import { REDDIT, startWebhook, type RunningWebhook } from './support/server';

let agent: Agent;
let webhook: RunningWebhook;
beforeAll(async () => {
  agent = await loadAgent(join(__dirname, '..', 'agent'));
  webhook = await startWebhook();
});
afterAll(() => webhook.close());

/** Reddit with the fixture listings; returns the paths asked for. */
function mockReddit(): string[] {
  const asked: string[] = [];
  nock(REDDIT)
    .persist()
    .get(/^\/r\/\w+\/top\.json/)
    .query(true)
    .reply(200, (uri) => {
      asked.push(new URL(uri, REDDIT).pathname);
      const subreddit = /^\/r\/(\w+)\//.exec(uri)![1]!;
      return listingJson(subreddit, fixturePosts(subreddit));
    })
    .get(/^\/r\/\w+\/search\.json/)
    .query(true)
    .reply(200, (uri) => {
      const url = new URL(uri, REDDIT);
      asked.push(url.pathname);
      const subreddit = /^\/r\/(\w+)\//.exec(url.pathname)![1]!;
      return listingJson(subreddit, searchPosts(fixturePosts(subreddit), url.searchParams.get('q') ?? ''));
    });
  return asked;
}

const newSession = (on: Agent = agent) => new LocalSession(on, { webhook: { url: webhook.url } });
const SCRIPTS = join(__dirname, 'conversations');
const SCRIPT = join(SCRIPTS, 'joke-fact-bye.chat');

/** The script's conversation runs in its `lang:` (the agent read in that language). */
async function replay(file: string) {
  const text = await readFile(file, 'utf8');
  const lang = scriptLanguage(text);
  const session = newSession(lang ? await loadAgent(join(__dirname, '..', 'agent'), lang) : agent);
  const steps = parseScript(text, file);
  const report = await runScript(steps, (input) => ('text' in input ? session.say(input.text) : session.event(input.event)));
  return { session, report };
}

describe('scripted conversations', () => {
  it('replays joke-fact-bye.chat: welcome, joke, another joke, fact, another fact, bye', async () => {
    const asked = mockReddit();
    const { session, report } = await replay(SCRIPT);

    expect(report.turns.flatMap((turn) => turn.failures)).toEqual([]);
    expect(report.passed).toBe(true);
    const intents = report.turns.map((turn) => turn.result.intent);
    expect(intents).toEqual([
      INTENTS.welcome,
      INTENTS.sayContent,
      INTENTS.sayContentMore,
      INTENTS.sayContent,
      INTENTS.sayContentMore,
      INTENTS.bye,
    ]);
    const [, joke, moreJoke, fact, moreFact] = report.turns.map((turn) => answerText(turn.result));
    expect(moreJoke).not.toBe(joke);
    expect(moreFact).not.toBe(fact);
    expect(report.turns.every((turn) => turn.result.webhookStatus?.ok)).toBe(true);
    expect(session.contexts.size).toBe(0);
    expect([...new Set(asked)]).toEqual(['/r/Jokes/top.json', '/r/todayilearned/top.json']);
  });

  it('passes every script in test/conversations/, one in each language at least', async () => {
    const files = (await readdir(SCRIPTS)).filter((name) => name.endsWith('.chat'));
    expect(files.length).toBeGreaterThanOrEqual(5);
    const languages = await Promise.all(files.map(async (name) => scriptLanguage(await readFile(join(SCRIPTS, name), 'utf8')) ?? 'en'));
    expect([...new Set(languages)].sort()).toEqual(['de', 'en', 'es', 'fr']);
    for (const name of files) {
      mockReddit();
      const { report } = await replay(join(SCRIPTS, name));
      expect({ name, failures: report.turns.flatMap((turn) => turn.failures) }).toEqual({ name, failures: [] });
      expect(report.passed).toBe(true);
    }
  });

  it('reports a wrong expectation with its line number instead of passing', async () => {
    mockReddit();
    const session = newSession();
    const steps = parseScript('> hi\n< a joke or a fact\n\n> something funny\n< here is a poem\nintent: bye\n', 'broken.chat');
    const report = await runScript(steps, (input) => ('text' in input ? session.say(input.text) : session.event(input.event)));
    expect(report.passed).toBe(false);
    expect(report.turns[0]!.failures).toEqual([]);
    expect(report.turns[1]!.failures).toEqual([
      'line 5: expected the answer to match /here is a poem/',
      'line 6: expected intent "bye", matched "say-content"',
    ]);
  });
});

describe('dialogues', () => {
  it('asks for the missing kind, then tells it', async () => {
    mockReddit();
    const session = newSession();
    await session.event('WELCOME');
    const asked = await session.say('tell me something');
    expect(asked.source).toBe('prompt');
    expect(asked.webhookStatus).toBeUndefined();
    expect(answerText(asked)).toMatch(/a joke or a fact\?/i);

    const told = await session.say('joke');
    expect(told.intent).toBe(INTENTS.sayContent);
    expect(told.parameters).toEqual({ content: 'joke' });
    expect(answerText(told)).toMatch(/^Here's a joke:/);
  });

  it('searches the topic and tells the post about it', async () => {
    mockReddit();
    const session = newSession();
    const told = await session.say('tell me a joke about cats');
    expect(told.parameters).toEqual({ content: 'joke', topic: 'cats' });
    expect(answerText(told)).toContain('I told my cat a joke about dogs.');
    expect(told.display.card?.url).toContain('/r/Jokes/comments/jk2/');
  });

  it('says when nothing matches the topic and tells a random one', async () => {
    mockReddit();
    const told = await newSession().say('a fact about volcanoes');
    expect(answerText(told)).toMatch(/^I couldn't find a fact about volcanoes, so here's another one:\n\n/);
  });

  it('falls back on nonsense, offers the kinds, and recovers when a chip is clicked', async () => {
    mockReddit();
    const session = newSession();
    const lost = await session.say('purple monkey dishwasher');
    expect(lost.intent).toBe(INTENTS.fallback);
    expect(answerText(lost)).toMatch(/^Sorry, I didn't get that/);
    expect(lost.display.chips).toContain('Dad joke');

    const recovered = await session.say(lost.display.chips.find((chip) => chip === 'Dad joke')!);
    expect(recovered.intent).toBe(INTENTS.sayContent);
    expect(answerText(recovered)).toMatch(/^Here's a dad joke:/);
    expect(recovered.display.card?.subtitle).toBe('r/dadjokes on Reddit');
  });

  it('does not understand "another one" once bye has cleared the follow-up context', async () => {
    mockReddit();
    const session = newSession();
    await session.say('a joke');
    await session.say('bye');
    expect((await session.say('another one')).intent).toBe(INTENTS.fallback);
  });

  it("says the intent's own reply when the webhook fails, like Dialogflow", async () => {
    const locked = await startWebhook({ WEBHOOK_USERNAME: 'admin', WEBHOOK_PASSWORD: 'secret' });
    try {
      const failing = new LocalSession(agent, { webhook: { url: locked.url } });
      const result = await failing.say('hi');
      expect(result.source).toBe('static');
      expect(result.webhookStatus).toMatchObject({ ok: false, status: 401 });
      expect(answerText(result)).toBe('Hi! Do you want to hear a joke or a fact?');

      const allowed = new LocalSession(agent, { webhook: { url: locked.url, auth: { username: 'admin', password: 'secret' } } });
      expect((await allowed.say('hi')).webhookStatus).toMatchObject({ ok: true, status: 200 });
    } finally {
      await locked.close();
    }
  });
});
