import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { englishDataset } from 'obscenity';
import { kindById } from '../src/catalog';
import { ConfigError, loadConfig } from '../src/config';
import { EXTRA_WORDS, judgeText, LIBRARY_WORDS, offensiveTerms, unmask, type ContentFilterLevel } from '../src/content-filter';
import { rejectReason } from '../src/reddit/filters';
import { PostSchema, type Post } from '../src/reddit/listing';
import { OFFLINE } from '../src/reddit/offline';
import { CLEAN, CORPUS, GROUP_JOKES, MILD, PROFANE, SEXUAL, SLURS, TRAGEDY_JOKES, type CorpusPost } from './support/content-corpus';
import { redditPost, tellablePosts } from './support/reddit';

const joke = kindById('joke')!;
const text = (entry: CorpusPost) => `${entry.title}\n${entry.selftext}`;
const toPost = (entry: CorpusPost, index: number): Post =>
  PostSchema.parse(redditPost({ id: `c${index}`, title: entry.title, selftext: entry.selftext }));

/** What each level lets through, by rating. */
const ALLOWED: Record<ContentFilterLevel, ReadonlySet<CorpusPost['rating']>> = {
  strict: new Set(['clean']),
  standard: new Set(['clean', 'mild']),
  off: new Set(['clean', 'mild', 'profanity', 'sexual', 'slur', 'derogatory', 'tragedy']),
};

describe('content filter: the corpus, level by level', () => {
  it.each(['strict', 'standard', 'off'] as const)('%s lets through exactly what it should', (level) => {
    const wrong = CORPUS.filter((entry) => judgeText(text(entry), level).allowed !== ALLOWED[level].has(entry.rating));
    expect(wrong.map((entry) => `${entry.rating}: ${entry.title}`)).toEqual([]);
  });

  it('has enough of each rating to mean something', () => {
    expect([CLEAN.length, PROFANE.length, SEXUAL.length, SLURS.length].every((count) => count >= 8)).toBe(true);
    expect([MILD.length, GROUP_JOKES.length, TRAGEDY_JOKES.length].every((count) => count >= 5)).toBe(true);
  });

  it.each([
    ...PROFANE.map((entry) => ['profanity', entry] as const),
    ...SEXUAL.map((entry) => ['sexual', entry] as const),
    ...SLURS.map((entry) => ['slur', entry] as const),
    ...GROUP_JOKES.map((entry) => ['derogatory', entry] as const),
    ...TRAGEDY_JOKES.map((entry) => ['tragedy', entry] as const),
  ])('names the category (%s) of "%s.title"', (category, entry) => {
    expect(offensiveTerms(text(entry))[0]?.category).toBe(category);
  });

  it('reports the worst category first and says which word it was', () => {
    expect(judgeText('shit, a horny retard', 'standard')).toEqual({ allowed: false, category: 'slur', term: 'retard' });
    expect(judgeText('damn, he was horny', 'strict')).toEqual({ allowed: false, category: 'sexual', term: 'horny' });
    expect(judgeText('shit happens', 'standard')).toEqual({ allowed: false, category: 'profanity', term: 'shit' });
    expect(judgeText('damn happens', 'strict')).toEqual({ allowed: false, category: 'profanity', term: 'damn' });
    expect(judgeText('damn happens', 'standard')).toEqual({ allowed: true });
  });

  it('allows empty text at every level', () => {
    expect(judgeText('', 'strict')).toEqual({ allowed: true });
  });
});

describe('content filter: obfuscations', () => {
  it('joins letters spelled out one by one, and only those', () => {
    expect(unmask('f u c k you')).toBe('fuck you');
    expect(unmask('s.h.i.t happens')).toBe('shit happens');
    expect(unmask('f-u-c-k')).toBe('fuck');
    // Two single letters are not a spelled-out word; a letter next to a word is not one either.
    expect(unmask('a b test')).toBe('a b test');
    expect(unmask('I am a b c')).toBe('I am abc');
  });

  it('drops invisible characters', () => {
    expect(unmask('sh\u200bi\u00adt')).toBe('shit');
  });

  it('reads masks of at least four characters as a hidden word, not arithmetic', () => {
    expect(offensiveTerms('f**k')).toEqual([{ term: 'f**k', category: 'profanity', from: 'standard' }]);
    expect(offensiveTerms('a*b and 2*3')).toEqual([]);
    expect(offensiveTerms('n***a')[0]?.category).toBe('slur');
  });
});

describe('content filter: word lists', () => {
  it('classifies every word of the library, so a new one cannot slip in unnoticed', () => {
    // The dataset keeps its phrases privately; this reads them to compare with our classification.
    const containers = (englishDataset as unknown as { containers: Array<{ metadata?: { originalWord: string } }> }).containers;
    const libraryWords = containers.map((container) => container.metadata?.originalWord).sort();
    const classified = Object.values(LIBRARY_WORDS).flat().sort();
    expect(libraryWords.length).toBeGreaterThan(60);
    expect(classified).toEqual(libraryWords);
  });

  it('uses the pattern syntax of the library for every extra word', () => {
    // A typo in a pattern would throw when the matcher is built; judging once builds it.
    expect(Object.keys(EXTRA_WORDS.slur).length + Object.keys(EXTRA_WORDS.sexual).length).toBeGreaterThan(20);
    expect(judgeText('what a tard', 'standard')).toMatchObject({ allowed: false, category: 'slur', term: 'tard' });
    expect(judgeText('wetback', 'standard')).toMatchObject({ allowed: false, category: 'slur', term: 'wetback' });
    expect(judgeText('naked mole rats are naked', 'standard')).toMatchObject({ allowed: false, term: 'naked' });
    expect(judgeText('seen with the naked eye', 'strict')).toEqual({ allowed: true });
  });

  it("keeps an extra word's innocent phrase", () => {
    expect(judgeText('spic and span', 'strict')).toEqual({ allowed: true });
    expect(judgeText('a spic', 'standard')).toMatchObject({ allowed: false, category: 'slur' });
  });
});

describe('content filter on posts', () => {
  const posts = CORPUS.map(toPost);
  const ids = (level: ContentFilterLevel) => tellablePosts(posts, joke, { allowNsfw: false, contentFilter: level }).map((p) => p.id);
  const expected = (level: ContentFilterLevel) => CORPUS.flatMap((entry, i) => (ALLOWED[level].has(entry.rating) ? [`c${i}`] : []));

  it.each(['strict', 'standard', 'off'] as const)('%s keeps exactly the allowed posts of a listing', (level) => {
    expect(ids(level)).toEqual(expected(level));
  });

  it('defaults to standard when no level is given', () => {
    expect(tellablePosts(posts, joke, { allowNsfw: false }).map((p) => p.id)).toEqual(expected('standard'));
  });

  it("judges the punchline too, and says why a post was rejected", () => {
    const punchline = PostSchema.parse(redditPost({ id: 'p', title: 'Why did the man cross the road?', selftext: 'To get to the n1gg3r.' }));
    expect(rejectReason(punchline, joke, { allowNsfw: false })).toBe('offensive');
    expect(rejectReason(punchline, joke, { allowNsfw: false, contentFilter: 'off' })).toBeUndefined();
  });

  it('judges only what is read aloud: a title kind ignores a body it never reads', () => {
    const fact = kindById('fact')!;
    const post = PostSchema.parse(redditPost({ id: 'f', subreddit: 'todayilearned', title: 'TIL octopuses have three hearts', selftext: 'shit' }));
    expect(rejectReason(post, fact, { allowNsfw: false, contentFilter: 'strict' })).toBeUndefined();
    expect(rejectReason(post, joke, { allowNsfw: false, contentFilter: 'strict' })).toBe('offensive');
  });

  it('keeps levels apart in the memo: strict after standard on the same listing still drops profanity', () => {
    expect(ids('standard')).toEqual(expected('standard'));
    expect(ids('strict')).toEqual(expected('strict'));
    expect(ids('off')).toEqual(expected('off'));
  });

  it("passes every item of the bot's own collection at the strictest level", () => {
    const refused = Object.values(OFFLINE)
      .flat()
      .filter((item) => !judgeText(item.text, 'strict', { tone: item.set === 'fact' ? 'info' : 'humor' }).allowed)
      .map((item) => item.id);
    expect(refused).toEqual([]);
  });
});

describe('content filter: cost', () => {
  it('loads the library only when a level that filters judges a text', () => {
    // A fresh process, since this one loaded the library above.
    const script = `
      const filter = require('./src/content-filter');
      const loaded = () => Object.keys(require.cache).some((path) => path.includes('node_modules/obscenity/'));
      const atStart = loaded();
      filter.judgeText('shit', 'off');
      const afterOff = loaded();
      filter.judgeText('shit', 'strict');
      console.log(JSON.stringify([atStart, afterOff, loaded()]));`;
    const out = execFileSync(process.execPath, ['--import', 'tsx', '-e', script], { cwd: join(__dirname, '..'), encoding: 'utf8' });
    expect(JSON.parse(out)).toEqual([false, false, true]);
  });

  it('loads a language\'s LDNOOBW list only when a text in that language is judged', () => {
    const script = `
      const filter = require('./src/content-filter');
      const loaded = (lang) => Object.keys(require.cache).some((path) => path.includes('node_modules/naughty-words/' + lang + '.json'));
      filter.judgeText('shit', 'strict');
      const afterEnglish = loaded('de');
      filter.judgeText('Scheiße', 'strict', { lang: 'de-AT' });
      console.log(JSON.stringify([afterEnglish, loaded('de'), loaded('fr')]));`;
    const out = execFileSync(process.execPath, ['--import', 'tsx', '-e', script], { cwd: join(__dirname, '..'), encoding: 'utf8' });
    expect(JSON.parse(out)).toEqual([false, true, false]);
  });
});

describe('CONTENT_FILTER setting', () => {
  it('defaults to standard', () => {
    expect(loadConfig({}).contentFilter).toBe('standard');
    expect(loadConfig({ CONTENT_FILTER: '' }).contentFilter).toBe('standard');
  });

  it.each(['strict', 'standard', 'off'])('reads %s', (value) => {
    expect(loadConfig({ CONTENT_FILTER: value }).contentFilter).toBe(value);
  });

  it.each(['STRICT', 'none', 'true', 'standard '])('stops start-up on %p, naming the variable and the choices', (value) => {
    expect(() => loadConfig({ CONTENT_FILTER: value })).toThrow(ConfigError);
    expect(() => loadConfig({ CONTENT_FILTER: value })).toThrow(`CONTENT_FILTER=${JSON.stringify(value)}: must be one of strict, standard, off`);
  });
});
