import { CATALOG, featuredChoices, followUpPrompt, kindById, normalizePhrase, resolveKind, subredditFor } from '../src/catalog';
import { languageFor } from '../src/languages';

describe('catalog', () => {
  it('maps the core kinds to their subreddits', () => {
    expect(resolveKind('joke')?.subreddit).toBe('Jokes');
    expect(resolveKind('fact')?.subreddit).toBe('todayilearned');
  });

  it('has at least six kinds, each with synonyms and a chip', () => {
    expect(CATALOG.length).toBeGreaterThanOrEqual(6);
    for (const kind of CATALOG) {
      expect(kind.synonyms.length).toBeGreaterThan(0);
      expect(kind.chip).not.toBe('');
      expect(kind.subreddit).toMatch(/^[A-Za-z0-9_]{3,21}$/);
    }
  });

  it.each(CATALOG.flatMap((kind) => [kind.id, ...kind.synonyms].map((phrase) => [phrase, kind.id] as const)))(
    'resolves "%s" to %s',
    (phrase, id) => {
      expect(resolveKind(phrase)?.id).toBe(id);
    },
  );

  it('resolves regardless of case, punctuation and a leading article', () => {
    expect(resolveKind('  Something FUNNY! ')?.id).toBe('joke');
    expect(resolveKind('a joke')?.id).toBe('joke');
    expect(resolveKind('the news')?.id).toBe('news');
    expect(resolveKind('Dad Joke')?.id).toBe('dad joke');
  });

  it('returns undefined for unknown kinds', () => {
    expect(resolveKind('recipe')).toBeUndefined();
    expect(resolveKind('')).toBeUndefined();
    expect(resolveKind('jokes about')).toBeUndefined();
  });

  it('never gives one phrase to two kinds', () => {
    const seen = new Map<string, string>();
    for (const kind of CATALOG) {
      for (const phrase of [kind.id, ...kind.synonyms]) {
        const key = normalizePhrase(phrase);
        expect(seen.get(key) ?? kind.id).toBe(kind.id);
        seen.set(key, kind.id);
      }
    }
  });

  it('builds the follow-up question from the featured kinds', () => {
    expect(featuredChoices()).toBe('a joke or a fact');
    expect(followUpPrompt()).toBe('What do you want to hear next, a joke or a fact?');
    expect(kindById('one-liner')?.a).toBe('a one-liner');
    expect(kindById('news')?.plural).toBe('news headlines');
  });
});

describe('subredditFor: a clean-by-rule subreddit under strict', () => {
  it('reads r/cleanjokes for English jokes under strict only', () => {
    const joke = kindById('joke')!;
    expect(subredditFor(joke, 'strict')).toBe('cleanjokes');
    expect(subredditFor(joke, 'standard')).toBe('Jokes');
    expect(subredditFor(joke, 'off')).toBe('Jokes');
    expect(subredditFor(joke, undefined)).toBe('Jokes');
  });

  it('keeps the usual subreddit where no clean one serves the kind', () => {
    expect(subredditFor(kindById('dad joke')!, 'strict')).toBe('dadjokes');
    expect(subredditFor(kindById('joke', languageFor('de'))!, 'strict')).toBe('Witze');
  });
});
