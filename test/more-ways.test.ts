import type { Request, Response } from '@google-cloud/functions-framework';
import { createWebhookHandler } from '../src/http/handler';
import { jsonLogger } from '../src/log';
import { DEFAULT_LANGUAGE } from '../src/languages';
import { OFFLINE } from '../src/reddit/offline';
import { nextFollowUp, tell } from '../src/speech/phrases';
import { jokes, listing, redditPost } from './support/reddit';
import { followupRequest, moreRequest, sayRequest, SESSION, webhookRequest } from './support/requests';
import { answer, FakeReddit, messageTexts } from './support/turns';

const FOLLOWUP = `${SESSION}/contexts/content-followup`;
const FOLLOW_UPS = [
  'What do you want to hear next, a joke or a fact?',
  'Want another one? Or maybe a joke or a fact?',
  'What next, a joke or a fact?',
  'Shall I go on? Say "another one", or pick a joke or a fact.',
  'Ready for more, a joke or a fact?',
  'What would you like now, a joke or a fact?',
];

/** A fixed pseudo-random sequence (LCG), so "random" choices are the same on every run. */
function seeded(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state * 1103515245 + 12345) % 2 ** 31;
    return state / 2 ** 31;
  };
}

const SCARECROW = listing([redditPost({ id: 's1', title: 'Why did the scarecrow win an award?', selftext: 'He was outstanding in his field.' })]);

describe('jokes told like jokes', () => {
  it('sends setup and punchline as two text messages, setup first; the speech reads both in order', async () => {
    const { response } = await answer(sayRequest('joke'), new FakeReddit({ Jokes: SCARECROW }));
    expect(messageTexts(response)).toEqual([
      "Here's a joke:\n\nWhy did the scarecrow win an award?",
      `He was outstanding in his field.\n\n${FOLLOW_UPS[0]!}`,
    ]);
    expect(response.fulfillmentText).toBe(`Here's a joke:\n\nWhy did the scarecrow win an award?\nHe was outstanding in his field.\n\n${FOLLOW_UPS[0]!}`);
  });

  it('does so on Telegram too, in two bubbles of its platform', async () => {
    const request = { ...sayRequest('joke'), originalDetectIntentRequest: { source: 'telegram', payload: {} } };
    const { response } = await answer(request, new FakeReddit({ Jokes: SCARECROW }));
    const telegram = (response.fulfillmentMessages ?? []).filter((message) => 'text' in message && message.platform === 'TELEGRAM');
    expect(telegram).toHaveLength(2);
  });

  it('keeps a fact (no punchline) in one message', async () => {
    const facts = listing([redditPost({ id: 'f1', subreddit: 'todayilearned', title: 'TIL sloths hold their breath for 40 minutes', is_self: false, selftext: '' })]);
    const { response } = await answer(sayRequest('fact'), new FakeReddit({ todayilearned: facts }));
    expect(messageTexts(response)).toEqual([response.fulfillmentText]);
  });

  it("splits a joke of the bot's own collection the same way", async () => {
    const { response } = await answer(sayRequest('joke'), new FakeReddit({ Jokes: listing([]) }), { random: () => 0 });
    const joke = OFFLINE.joke[0]!.text.split('\n');
    expect(messageTexts(response)).toHaveLength(2);
    expect(messageTexts(response)[0]!.endsWith(joke[0]!)).toBe(true);
    expect(messageTexts(response)[1]!.startsWith(joke[1]!)).toBe(true);
  });

  it('keeps a joke in one message when the punchline is missing or the text had to be cut', () => {
    expect(tell('Intro:', 'Just a title', 'Next?', true).texts).toEqual(['Intro:\n\nJust a title\n\nNext?']);
    const long = tell('Intro:', `Setup\n${'word '.repeat(200)}`, 'Next?', true);
    expect(long.texts).toEqual([long.speech]);
    expect(tell('Intro:', 'Setup\nPunchline', 'Next?', false).texts).toHaveLength(1);
  });
});

describe('the follow-up question', () => {
  it('has at least five phrasings, the usual one first', () => {
    const lang = DEFAULT_LANGUAGE;
    expect([lang.phrases.followUp, ...lang.phrases.followUpVariants]).toHaveLength(FOLLOW_UPS.length);
    expect(nextFollowUp(lang, undefined, () => 0.99)).toEqual({ index: 0, text: FOLLOW_UPS[0] });
  });

  it('never picks the previous one: every random value, just inside and outside each boundary', () => {
    for (let previous = 0; previous < FOLLOW_UPS.length; previous++) {
      for (const r of [0, 0.1999, 0.2, 0.2001, 0.5, 0.7999, 0.8, 0.9999]) {
        const { index, text } = nextFollowUp(DEFAULT_LANGUAGE, previous, () => r);
        expect(index).not.toBe(previous);
        expect(text).toBe(FOLLOW_UPS[index]);
      }
    }
  });

  it('ten answers in a row never ask the same question twice in a row, and vary', async () => {
    const reddit = new FakeReddit({ Jokes: jokes(12) });
    const random = seeded(7);
    let previous = (await answer(sayRequest('joke'), reddit, { random })).response;
    const asked = [FOLLOW_UPS.findIndex((question) => previous.fulfillmentText.endsWith(question))];
    for (let i = 0; i < 9; i++) {
      previous = (await answer(moreRequest(previous), reddit, { random })).response;
      asked.push(FOLLOW_UPS.findIndex((question) => previous.fulfillmentText.endsWith(question)));
      expect(previous.outputContexts![0]!.parameters!.asked).toBe(asked.at(-1));
    }
    expect(asked).toHaveLength(10);
    expect(asked.every((index) => index >= 0)).toBe(true);
    expect(asked.filter((index, i) => i > 0 && index === asked[i - 1])).toEqual([]);
    expect(new Set(asked).size).toBeGreaterThanOrEqual(3);
  });
});

describe('a topic miss', () => {
  it('introduces the answer once, and is said once per topic', async () => {
    const reddit = new FakeReddit({ Jokes: jokes(5) });
    const first = (await answer(sayRequest('joke', 'space'), reddit, { random: () => 0 })).response;
    expect(first.fulfillmentText).toMatch(/^I couldn't find a joke about space, so here's another one:\n\nTitle j1\n/);
    expect(first.fulfillmentText).not.toContain("Here's a joke:");
    expect(first.outputContexts![0]!.parameters).toMatchObject({ topic: 'space', noted: 'space' });

    const second = (await answer(moreRequest(first), reddit, { random: () => 0 })).response;
    expect(second.fulfillmentText).toMatch(/^Here's a joke:\n\nTitle j2\n/);
    const third = (await answer(moreRequest(second), reddit, { random: () => 0 })).response;
    expect(third.fulfillmentText).toMatch(/^Here's a joke:\n\nTitle j3\n/);

    // A new topic is a new miss, said again.
    const other = webhookRequest({ parameters: { content: 'joke', topic: 'mars' }, contexts: third.outputContexts as never });
    expect((await answer(other, reddit, { random: () => 0 })).response.fulfillmentText).toMatch(/^I couldn't find a joke about mars/);
  });
});

describe('help', () => {
  it('says what the bot offers, with the kinds as chips', async () => {
    const { reply, response } = await answer(webhookRequest({ action: 'help', intent: 'help', queryText: 'what can you do?' }), new FakeReddit());
    expect(reply.speech).toBe(
      "I read out the best of today's Reddit: a joke, a fact, a dad joke, a shower thought, a life pro tip, a news headline or a one-liner. " +
        'Ask for one, add a topic ("a joke about cats"), say "another one" for more, "say that again" to hear it again, or "surprise me". ' +
        'What would you like, a joke or a fact?',
    );
    expect(reply.chips).toEqual(['Joke', 'Fact', 'Dad joke', 'Shower thought', 'Life pro tip', 'News', 'One-liner']);
    expect(response.outputContexts).toBeUndefined();
  });

  it('keeps "Another one" on offer in the middle of a conversation', async () => {
    const { reply } = await answer(followupRequest('help', { content: 'joke', servedIds: ['j1'] }), new FakeReddit());
    expect(reply.chips[0]).toBe('Another one');
  });
});

describe('surprise', () => {
  it('tells a random kind, says so, and starts the follow-up context', async () => {
    const reddit = new FakeReddit({ Showerthoughts: listing([redditPost({ id: 't1', subreddit: 'Showerthoughts', title: 'Socks are foot gloves', is_self: true, selftext: '' })]) });
    // 0.45 of the six kinds other than jokes picks the third: a shower thought.
    const { reply, response } = await answer(followupRequest('surprise', { content: 'joke', servedIds: [] }), reddit, { random: () => 0.45 });
    expect(reply.speech).toMatch(/^Surprise! Here's a shower thought:\n\nSocks are foot gloves\n\n/);
    expect(response.outputContexts![0]).toMatchObject({ name: FOLLOWUP, lifespanCount: 5, parameters: { content: 'shower thought', servedIds: ['t1'] } });
  });

  it('never picks the kind just told', async () => {
    for (const r of [0, 0.2, 0.5, 0.99]) {
      const { reply } = await answer(followupRequest('surprise', { content: 'fact', servedIds: [] }), new FakeReddit(), { random: () => r });
      expect(reply.served?.kind ?? reply.conversation?.content).not.toBe('fact');
    }
  });
});

describe('repeat', () => {
  it('tells the last post again, word for word, and serves nothing new', async () => {
    const reddit = new FakeReddit({ Jokes: SCARECROW });
    const told = (await answer(sayRequest('joke'), reddit)).response;
    const again = (await answer(followupRequest('repeat', told.outputContexts![0]!.parameters!), reddit)).response;
    expect(messageTexts(again)[0]).toBe('Sure, here it is again:\n\nWhy did the scarecrow win an award?');
    expect(messageTexts(again)[1]).toMatch(/^He was outstanding in his field\.\n\n/);
    expect(again.outputContexts![0]!.parameters!.servedIds).toEqual(['s1']);
  });

  it("repeats an item of the bot's own collection", async () => {
    const item = OFFLINE.fact[2]!;
    const { reply } = await answer(followupRequest('repeat', { content: 'fact', servedIds: [item.id] }), new FakeReddit());
    expect(reply.speech).toContain(`Sure, here it is again:\n\n${item.text}\n\n`);
  });

  it("says it can't when the post is gone from the listing, or nothing was told yet", async () => {
    const gone = await answer(followupRequest('repeat', { content: 'joke', servedIds: ['zz9'] }), new FakeReddit({ Jokes: jokes(2) }));
    expect(gone.reply.speech).toBe("Sorry, I can't find that one any more. What would you like instead, a joke or a fact?");
    expect(gone.reply.chips[0]).toBe('Another one');
    const nothing = await answer(webhookRequest({ action: 'repeat', intent: 'repeat' }), new FakeReddit());
    expect(nothing.reply.speech).toMatch(/^Sorry, I can't find that one any more\./);
  });

  it('never repeats a post the content filter refuses, even one whose id is in the context', async () => {
    const crude = listing([redditPost({ id: 'x1', title: 'Why did the couple stop having sex?', selftext: 'They ran out of batteries.' })]);
    const { reply } = await answer(followupRequest('repeat', { content: 'joke', servedIds: ['x1'] }), new FakeReddit({ Jokes: crude }));
    expect(reply.speech).toBe("Sorry, I can't find that one any more. What would you like instead, a joke or a fact?");
  });
});

describe('feedback', () => {
  it.each([
    ['positive', /^(Glad you liked it!|Ha, thanks!|I'll tell the Redditors you said so\.|Happy to help!)$/],
    ['negative', /(How about a fact instead\?|Maybe a fact works better\?|let's try something else: a fact\?)$/],
  ])('%s: a short reply, and the follow-up context kept', async (sentiment, reply) => {
    const { reply: answered, response } = await answer(
      followupRequest('feedback', { content: 'joke', servedIds: ['j1'], asked: 2 }, { sentiment }),
      new FakeReddit(),
    );
    expect(answered.speech).toMatch(reply);
    expect(answered.feedback).toEqual({ sentiment, kind: 'joke', postId: 'j1' });
    expect(response.outputContexts).toEqual([
      { name: FOLLOWUP, lifespanCount: 5, parameters: { content: 'joke', topic: '', servedIds: ['j1'], asked: 2 } },
    ]);
  });

  it('varies its reply', async () => {
    const replies = new Set<string>();
    for (const r of [0, 0.3, 0.6, 0.9]) {
      replies.add((await answer(followupRequest('feedback', { content: 'joke', servedIds: ['j1'] }, { sentiment: 'positive' }), new FakeReddit(), { random: () => r })).reply.speech);
    }
    expect(replies.size).toBe(4);
  });

  it('after a negative one, offers another kind with its chip first', async () => {
    const { reply } = await answer(followupRequest('feedback', { content: 'fact', servedIds: ['f1'] }, { sentiment: 'negative' }), new FakeReddit(), { random: () => 0 });
    expect(reply.speech).toBe("Fair enough, that one wasn't great. How about a joke instead?");
    expect(reply.chips.slice(0, 2)).toEqual(['Joke', 'Another one']);
  });

  it('puts a feedback field in the request log line', async () => {
    const lines: string[] = [];
    const handler = createWebhookHandler({ config: { deadlineMs: 4000, allowNsfw: false }, posts: new FakeReddit(), log: jsonLogger('info', (line) => lines.push(line)) });
    const body = followupRequest('feedback', { content: 'joke', servedIds: ['abc12'] }, { sentiment: 'negative' });
    const raw = Buffer.from(JSON.stringify(body));
    const req = { method: 'POST', headers: { 'content-type': 'application/json', 'content-length': String(raw.length) }, rawBody: raw, body };
    const res = { headersSent: false, statusCode: 0, setHeader() {}, end() {} };
    await handler(req as unknown as Request, res as unknown as Response);
    const summary = lines.map((line) => JSON.parse(line)).find((line) => line.message === 'webhook request');
    expect(summary.feedback).toEqual({ sentiment: 'negative', kind: 'joke', postId: 'abc12' });
  });

  it('counts nothing when the sentiment is missing or not one of the two', async () => {
    const { reply } = await answer(followupRequest('feedback', { content: 'joke', servedIds: ['j1'] }, { sentiment: 'ecstatic' }), new FakeReddit());
    expect(reply.feedback).toBeUndefined();
  });
});

describe('repeat with a topic in the context', () => {
  it('finds the post in the cached topic search, and never searches for a topic the filter refuses', async () => {
    const reddit = new FakeReddit({ 'Jokes?cats': listing([redditPost({ id: 'c1', title: 'A cat walks into a bar', selftext: 'It orders a meow-tini.' })]) });
    const { reply } = await answer(followupRequest('repeat', { content: 'joke', topic: 'cats', servedIds: ['c1'] }), reddit);
    expect(reply.speech).toMatch(/^Sure, here it is again:\n\nA cat walks into a bar\nIt orders a meow-tini\./);

    const refused = new FakeReddit({ Jokes: jokes(1) });
    await answer(followupRequest('repeat', { content: 'joke', topic: 'n1gg3rs', servedIds: ['j1'] }), refused);
    expect(refused.queries).toEqual([{ subreddit: 'Jokes' }]);
  });
});
