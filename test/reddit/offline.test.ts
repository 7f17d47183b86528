import { CATALOG, resolveKind } from '../../src/catalog';
import { en } from '../../src/languages/en';
import { OFFLINE, offlineSetFor, pickOffline, topicWords } from '../../src/reddit/offline';
import { cleanText } from '../../src/speech/clean';
import { offlineSpeech } from '../../src/speech/phrases';

const { jokes: OFFLINE_JOKES, facts: OFFLINE_FACTS } = en.offline;
const first = () => 0;

describe('offline collection', () => {
  it('has at least 30 jokes and 30 facts, none twice', () => {
    expect(OFFLINE_JOKES.length).toBeGreaterThanOrEqual(30);
    expect(OFFLINE_FACTS.length).toBeGreaterThanOrEqual(30);
    expect(new Set(OFFLINE_JOKES.map((joke) => joke.setup.toLowerCase())).size).toBe(OFFLINE_JOKES.length);
    expect(new Set(OFFLINE_FACTS.map((fact) => fact.toLowerCase())).size).toBe(OFFLINE_FACTS.length);
  });

  it('reads aloud as it is: plain text, short, ends like a sentence', () => {
    for (const item of [...OFFLINE.joke, ...OFFLINE.fact]) {
      expect(cleanText(item.text)).toBe(item.text);
      expect(item.text.length).toBeLessThanOrEqual(480); // what the filters let through from Reddit
      expect(item.text).toMatch(/[.!?]$/);
      expect(item.text).not.toMatch(/https?:|[*_#[\]]/);
    }
  });

  it('has ids that fit the follow-up context (max 40 chars) and are unique', () => {
    const ids = [...OFFLINE.joke, ...OFFLINE.fact].map((item) => item.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids) {
      expect(id).toMatch(/^offline:(joke|fact):\d+$/);
      expect(id.length).toBeLessThanOrEqual(40);
    }
  });
});

describe('offlineSetFor', () => {
  it('gives jokes to joke kinds and facts to fact-like kinds', () => {
    expect(offlineSetFor('joke')).toBe('joke');
    expect(offlineSetFor('dad joke')).toBe('joke');
    expect(offlineSetFor('one-liner')).toBe('joke');
    expect(offlineSetFor('fact')).toBe('fact');
  });

  it('leaves only news without a stand-in (a decision to make when a kind is added)', () => {
    const without = CATALOG.filter((kind) => offlineSetFor(kind.id) === undefined).map((kind) => kind.id);
    expect(without).toEqual(['news']);
  });
});

describe('pickOffline', () => {
  it('skips served items', () => {
    const served = new Set(OFFLINE.joke.slice(0, 5).map((item) => item.id));
    const pick = pickOffline('joke', served, first)!;
    expect(pick.item.id).toBe(OFFLINE.joke[5]?.id);
    expect(pick.repeated).toBe(false);
  });

  it('repeats only when every item was served', () => {
    const served = new Set(OFFLINE.fact.map((item) => item.id));
    const pick = pickOffline('fact', served, first)!;
    expect(pick.repeated).toBe(true);
    expect(OFFLINE.fact).toContainEqual(pick.item);
  });

  it('prefers an item about the topic', () => {
    const pick = pickOffline('fact', new Set(), () => 0.99, 'about the Moon')!;
    expect(pick.onTopic).toBe(true);
    expect(pick.item.text).toMatch(/moon/i);
  });

  it('matches a plural topic to the singular', () => {
    expect(pickOffline('fact', new Set(), first, 'cats')!.item.text).toBe('Cats cannot taste sweetness.');
  });

  it('falls back to any item when nothing is about the topic', () => {
    const pick = pickOffline('joke', new Set(), first, 'quantum chromodynamics')!;
    expect(pick.onTopic).toBe(false);
    expect(pick.item).toBe(OFFLINE.joke[0]);
  });
});

describe('offlineSpeech', () => {
  const joke = OFFLINE.joke[0]!;
  const fact = OFFLINE.fact[0]!;

  it('says honestly that Reddit is not answering', () => {
    const speech = offlineSpeech(resolveKind('joke')!, joke, 'unavailable', { repeated: false, onTopic: false }).speech;
    expect(speech).toMatch(/^Reddit isn't answering right now, so here's one from my own collection:\n\n/);
    expect(speech).toContain(joke.text);
  });

  it('says what it gives instead when the kind has no collection of its own', () => {
    const speech = offlineSpeech(resolveKind('shower thought')!, fact, 'nothing-usable', { repeated: false, onTopic: false }).speech;
    expect(speech).toMatch(/^Reddit has no shower thoughts I can read out right now, so here's a fact from my own collection instead:/);
  });

  it('admits when the topic was not found or the item is a repeat', () => {
    const speech = offlineSpeech(resolveKind('joke')!, joke, 'all-heard', { repeated: true, onTopic: false }, 'cats').speech;
    expect(speech).toContain("You've heard all of today's jokes from Reddit");
    expect(speech).toContain("though it's not about cats");
    expect(speech).toContain("one you've heard before");
  });
});

describe('topicWords', () => {
  it('keeps content words and drops plurals and filler', () => {
    expect(topicWords('about the cats')).toEqual(['cat']);
    expect(topicWords('Moon and Sun')).toEqual(['moon', 'sun']);
  });
});
