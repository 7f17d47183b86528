/**
 * Every intent over Dialogflow CX, in English and German: one conversation per
 * language through the CX adapter, the session parameters carried from answer
 * to answer the way CX merges them (null removes one). Every answer is checked
 * strictly against the cx.v3 protos (answerCx).
 */
import { CX_SESSION_PARAMS, CX_TAGS } from '../../src/dialogflow/cx-tags';
import { answerCx, applySessionParameters, cxRequest, cxRichContent, cxTexts } from '../support/cx-requests';
import { listing, redditPost } from '../support/reddit';
import { FakeReddit } from '../support/turns';

const reddit = () =>
  new FakeReddit({
    Jokes: listing([redditPost({ id: 'j1', title: 'Setup one', selftext: 'Punchline one' }), redditPost({ id: 'j2', title: 'Setup two', selftext: 'Punchline two' })]),
    'Jokes?cats': listing([redditPost({ id: 'c1', title: 'A cat walks into a bar', selftext: 'And orders a mouse.' })]),
    todayilearned: listing([redditPost({ id: 'f1', subreddit: 'todayilearned', title: 'TIL that sloths can hold their breath for 40 minutes', is_self: false, selftext: '' })]),
    Witze: listing([redditPost({ id: 'w1', subreddit: 'Witze', title: 'Witz eins', selftext: 'Pointe eins' }), redditPost({ id: 'w2', subreddit: 'Witze', title: 'Witz zwei', selftext: 'Pointe zwei' })]),
    'Witze?Katzen': listing([redditPost({ id: 'k1', subreddit: 'Witze', title: 'Eine Katze geht in eine Bar', selftext: 'Und bestellt eine Maus.' })]),
    HeuteLernteIch: listing([redditPost({ id: 'h1', subreddit: 'HeuteLernteIch', title: 'Faultiere können 40 Minuten die Luft anhalten', is_self: false, selftext: '' })]),
  });

const chips = (...texts: string[]) => [{ type: 'chips', options: texts.map((text) => ({ text })) }];
const card = (title: string, subreddit: string, sub: string, id: string) => [
  { type: 'info', title, subtitle: sub, actionLink: `https://www.reddit.com/r/${subreddit}/comments/${id}/slug/` },
];
/** The five state parameters as an answer writes them. */
const state = (content: string | null, servedIds: string[] | null, asked: number | null, topic: string | null = null) => ({
  followup_content: content,
  followup_topic: topic,
  followup_served_ids: servedIds,
  followup_asked: asked,
  followup_noted: null,
});
const CLEARED = state(null, null, null);

interface Step {
  tag: string;
  parameters?: Record<string, unknown>;
  texts: string[];
  rich: unknown[];
  /** What the answer writes into the session; undefined: no sessionInfo at all. */
  session?: Record<string, unknown>;
}

const EN_KINDS = ['Joke', 'Fact', 'Dad joke', 'Shower thought', 'Life pro tip', 'News', 'One-liner'];
const EN_MORE = ['Another one', ...EN_KINDS, 'Bye'];
const EN_NEXT = 'What do you want to hear next, a joke or a fact?';
const EN_NEXT_2 = 'Want another one? Or maybe a joke or a fact?';

const ENGLISH: Step[] = [
  {
    tag: CX_TAGS.welcome,
    texts: ["Hi! I tell jokes and facts from today's top posts on Reddit. What do you want to hear, a joke or a fact?"],
    rich: [chips(...EN_KINDS)],
  },
  {
    tag: CX_TAGS.sayContent,
    parameters: { content: 'joke' },
    texts: ["Here's a joke:\n\nSetup one", `Punchline one\n\n${EN_NEXT}`],
    rich: [card('Setup one', 'Jokes', 'r/Jokes on Reddit', 'j1'), chips(...EN_MORE)],
    session: state('joke', ['j1'], 0),
  },
  {
    tag: CX_TAGS.more,
    texts: ["Here's a joke:\n\nSetup two", `Punchline two\n\n${EN_NEXT_2}`],
    rich: [card('Setup two', 'Jokes', 'r/Jokes on Reddit', 'j2'), chips(...EN_MORE)],
    session: state('joke', ['j1', 'j2'], 1),
  },
  {
    tag: CX_TAGS.repeat,
    texts: ['Sure, here it is again:\n\nSetup two', `Punchline two\n\n${EN_NEXT}`],
    rich: [card('Setup two', 'Jokes', 'r/Jokes on Reddit', 'j2'), chips(...EN_MORE)],
    session: state('joke', ['j1', 'j2'], 0),
  },
  { tag: CX_TAGS.feedback, parameters: { sentiment: 'positive' }, texts: ['Glad you liked it!'], rich: [chips(...EN_MORE)], session: state('joke', ['j1', 'j2'], 0) },
  {
    tag: CX_TAGS.topic,
    parameters: { topic: 'cats' },
    texts: ["Here's a joke:\n\nA cat walks into a bar", `And orders a mouse.\n\n${EN_NEXT_2}`],
    rich: [card('A cat walks into a bar', 'Jokes', 'r/Jokes on Reddit', 'c1'), chips(...EN_MORE)],
    session: state('joke', ['j1', 'j2', 'c1'], 1, 'cats'),
  },
  {
    tag: CX_TAGS.help,
    texts: [
      "I read out the best of today's Reddit: a joke, a fact, a dad joke, a shower thought, a life pro tip, a news headline or a one-liner. " +
        'Ask for one, add a topic ("a joke about cats"), say "another one" for more, "say that again" to hear it again, or "surprise me". ' +
        'What would you like, a joke or a fact?',
    ],
    rich: [chips(...EN_MORE)],
  },
  {
    tag: CX_TAGS.surprise,
    texts: [`Surprise! Here's a fact:\n\nSloths can hold their breath for 40 minutes\n\n${EN_NEXT}`],
    rich: [card('Sloths can hold their breath for 40 minutes', 'todayilearned', 'r/todayilearned on Reddit', 'f1'), chips(...EN_MORE)],
    session: state('fact', ['j1', 'j2', 'c1', 'f1'], 0),
  },
  { tag: CX_TAGS.bye, texts: ['Bye! Come back any time for another joke or fact.'], rich: [], session: CLEARED },
  {
    tag: CX_TAGS.fallback,
    texts: [
      "Sorry, I didn't get that. I can tell you a joke, a fact, a dad joke, a shower thought, a life pro tip, a news headline or a one-liner. " +
        'What would you like, a joke or a fact?',
    ],
    // After bye: no "Another one" any more.
    rich: [chips(...EN_KINDS)],
  },
];

const DE_KINDS = ['Witz', 'Fakt', 'Duschgedanke'];
const DE_MORE = ['Noch einer', ...DE_KINDS, 'Tschüss'];
const DE_NEXT = 'Was möchtest du als Nächstes hören: einen Witz oder einen Fakt?';
const DE_NEXT_2 = 'Noch einer? Oder lieber einen Witz oder einen Fakt?';

const GERMAN: Step[] = [
  {
    tag: CX_TAGS.welcome,
    texts: ['Hallo! Ich erzähle Witze und Fakten aus den heutigen Top-Beiträgen auf Reddit. Was möchtest du hören: einen Witz oder einen Fakt?'],
    rich: [chips(...DE_KINDS)],
  },
  {
    tag: CX_TAGS.sayContent,
    parameters: { content: 'Witz' },
    texts: ['Hier ist ein Witz:\n\nWitz eins', `Pointe eins\n\n${DE_NEXT}`],
    rich: [card('Witz eins', 'Witze', 'r/Witze auf Reddit', 'w1'), chips(...DE_MORE)],
    session: state('joke', ['w1'], 0),
  },
  {
    tag: CX_TAGS.more,
    texts: ['Hier ist ein Witz:\n\nWitz zwei', `Pointe zwei\n\n${DE_NEXT_2}`],
    rich: [card('Witz zwei', 'Witze', 'r/Witze auf Reddit', 'w2'), chips(...DE_MORE)],
    session: state('joke', ['w1', 'w2'], 1),
  },
  {
    tag: CX_TAGS.repeat,
    texts: ['Gern, hier noch einmal:\n\nWitz zwei', `Pointe zwei\n\n${DE_NEXT}`],
    rich: [card('Witz zwei', 'Witze', 'r/Witze auf Reddit', 'w2'), chips(...DE_MORE)],
    session: state('joke', ['w1', 'w2'], 0),
  },
  { tag: CX_TAGS.feedback, parameters: { sentiment: 'positive' }, texts: ['Freut mich!'], rich: [chips(...DE_MORE)], session: state('joke', ['w1', 'w2'], 0) },
  {
    tag: CX_TAGS.topic,
    parameters: { topic: 'Katzen' },
    texts: ['Hier ist ein Witz:\n\nEine Katze geht in eine Bar', `Und bestellt eine Maus.\n\n${DE_NEXT_2}`],
    rich: [card('Eine Katze geht in eine Bar', 'Witze', 'r/Witze auf Reddit', 'k1'), chips(...DE_MORE)],
    session: state('joke', ['w1', 'w2', 'k1'], 1, 'Katzen'),
  },
  {
    tag: CX_TAGS.help,
    texts: [
      'Ich lese das Beste von Reddit von heute vor: einen Witz, einen Fakt oder einen Duschgedanken. Frag nach einem davon, gern mit Thema ' +
        '(„einen Witz über Katzen“), sag „noch einer“ für mehr, „sag das noch mal“ zum Wiederholen oder „überrasch mich“. Was möchtest du: einen Witz oder einen Fakt?',
    ],
    rich: [chips(...DE_MORE)],
  },
  {
    tag: CX_TAGS.surprise,
    texts: [`Überraschung! Hier ist ein Fakt:\n\nFaultiere können 40 Minuten die Luft anhalten\n\n${DE_NEXT}`],
    rich: [card('Faultiere können 40 Minuten die Luft anhalten', 'HeuteLernteIch', 'r/HeuteLernteIch auf Reddit', 'h1'), chips(...DE_MORE)],
    session: state('fact', ['w1', 'w2', 'k1', 'h1'], 0),
  },
  { tag: CX_TAGS.bye, texts: ['Tschüss! Komm jederzeit wieder für den nächsten Witz oder Fakt.'], rich: [], session: CLEARED },
  {
    tag: CX_TAGS.fallback,
    texts: [
      'Entschuldige, das habe ich nicht verstanden. Ich kann dir einen Witz, einen Fakt oder einen Duschgedanken erzählen. Was hättest du gern: einen Witz oder einen Fakt?',
    ],
    rich: [chips(...DE_KINDS)],
  },
];

describe.each([
  ['en', ENGLISH],
  ['de', GERMAN],
])('a CX conversation in %s', (languageCode, steps) => {
  it('routes every tag, carries the state in session parameters and clears it on bye', async () => {
    const posts = reddit();
    let session: Record<string, unknown> = {};
    for (const step of steps) {
      const { response } = await answerCx(cxRequest({ tag: step.tag, languageCode, parameters: step.parameters, session }), posts, { random: () => 0 });
      expect({ tag: step.tag, texts: cxTexts(response) }).toEqual({ tag: step.tag, texts: step.texts });
      expect(cxRichContent(response)).toEqual(step.rich.length > 0 ? step.rich : undefined);
      expect(response.fulfillmentResponse.mergeBehavior).toBe('REPLACE');
      expect(response.sessionInfo?.parameters).toEqual(step.session);
      session = applySessionParameters(session, response);
    }
    // Every tag of the agent was used once.
    expect(steps.map((step) => step.tag).sort()).toEqual(Object.values(CX_TAGS).sort());
    expect(session).toEqual({});
  });
});

describe('CX tags', () => {
  it('are the ten the agent-cx generator uses, and the state parameters are five', () => {
    expect(CX_TAGS).toEqual({
      welcome: 'welcome',
      sayContent: 'say-content',
      more: 'more',
      topic: 'topic',
      repeat: 'repeat',
      help: 'help',
      surprise: 'surprise',
      feedback: 'feedback',
      bye: 'bye',
      fallback: 'fallback',
    });
    expect(Object.values(CX_SESSION_PARAMS)).toEqual(['followup_content', 'followup_topic', 'followup_served_ids', 'followup_asked', 'followup_noted']);
  });

  it.each([
    ['an unknown tag', 'smalltalk.greet'],
    ['an empty tag', ''],
    ['no tag', undefined],
  ])('answer %s politely with the fallback, in the request language', async (_name, tag) => {
    for (const [languageCode, text] of [
      ['en', "Sorry, I didn't get that. I can tell you"],
      ['fr', 'Désolé'],
    ] as const) {
      const { response } = await answerCx(cxRequest({ tag, languageCode, session: state('joke', ['j1'], 0) }), reddit());
      expect(cxTexts(response)[0]!.startsWith(text)).toBe(true);
      // The conversation is left as it is, and "another one" stays on offer.
      expect(response.sessionInfo).toBeUndefined();
      expect(JSON.stringify(cxRichContent(response))).toContain(languageCode === 'en' ? 'Another one' : 'Encore une');
    }
  });

  it('"topic" without a kind in the request or the session asks which kind', async () => {
    const { response } = await answerCx(cxRequest({ tag: CX_TAGS.topic, parameters: { topic: 'cats' } }), reddit());
    expect(cxTexts(response)).toEqual(['I can tell you a joke, a fact, a dad joke, a shower thought, a life pro tip, a news headline or a one-liner. What would you like, a joke or a fact?']);
    expect(response.sessionInfo).toBeUndefined();
  });

  it('"topic" with a kind in the request tells that kind about the topic', async () => {
    const { response } = await answerCx(cxRequest({ tag: CX_TAGS.topic, parameters: { content: 'joke', topic: 'cats' }, session: state('fact', [], 0) }), reddit(), {
      random: () => 0,
    });
    expect(cxTexts(response)[0]).toBe("Here's a joke:\n\nA cat walks into a bar");
    expect(response.sessionInfo?.parameters).toEqual(state('joke', ['c1'], 1, 'cats'));
  });

  it('feedback "negative" offers another kind, chip first', async () => {
    const { response } = await answerCx(cxRequest({ tag: CX_TAGS.feedback, parameters: { sentiment: 'negative' }, session: state('joke', ['j1'], 0) }), reddit(), {
      random: () => 0,
    });
    expect(cxTexts(response)).toEqual(["Fair enough, that one wasn't great. How about a fact instead?"]);
    expect(cxRichContent(response)).toEqual([chips('Fact', 'Another one', 'Joke', 'Dad joke', 'Shower thought', 'Life pro tip', 'News', 'One-liner', 'Bye')]);
  });
});
