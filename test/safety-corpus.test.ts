/**
 * The labelled safety corpus (test/fixtures/safety-corpus) and `npm run bench:safety`,
 * which walks it through the bot's own choosing and filtering code.
 */
import { readFileSync } from 'node:fs';
import { kindById } from '../src/catalog';
import { PostSchema } from '../src/reddit/listing';
import { heldOut, JUDGES, measure, walk, type Judge } from '../scripts/bench-safety';
import { CORPUS_FILE, postOf, postsOf } from '../scripts/safety-corpus';
import { CorpusSchema, type Source } from './fixtures/safety-corpus/schema';
import { redditPost } from './support/reddit';
import { runScript } from './support/run-script';

const corpus = CorpusSchema.parse(JSON.parse(readFileSync(CORPUS_FILE, 'utf8')));

describe('the safety corpus', () => {
  it('holds at least 1,000 real posts of every kind the bot tells in English, each with a unique key', () => {
    expect(corpus.posts.length).toBeGreaterThanOrEqual(1000);
    const subreddits = new Set(corpus.posts.map((entry) => entry.post.subreddit));
    expect([...subreddits].sort()).toEqual(['Jokes', 'LifeProTips', 'Showerthoughts', 'cleanjokes', 'dadjokes', 'news', 'todayilearned']);
    expect(new Set(corpus.posts.map((entry) => entry.key)).size).toBe(corpus.posts.length);
  });

  it('names a source for every post and uses none of the sets kept for evaluation', () => {
    const sources = new Set(corpus.sources.map((source) => source.name));
    expect(corpus.posts.filter((entry) => !sources.has(entry.key.split(':')[0]!))).toEqual([]);
    const reserved = /umbrae\/reddit-top-2\.5-million|joke-dataset|supvolume\/reddit_jokes|johncalab\/deepShowerThoughts/i;
    expect(corpus.sources.filter((source) => reserved.test(source.repo))).toEqual([]);
  });

  it('has offensive posts of several categories to measure against', () => {
    const categories = new Set(corpus.posts.flatMap((entry) => (entry.verdict.label === 'offensive' ? [entry.verdict.category] : [])));
    expect([...categories].sort()).toEqual(['derogatory', 'profanity', 'sexual', 'tragedy', 'violent']);
  });
});

describe('building the corpus from a source', () => {
  const source: Source = { name: 'jokes', repo: 'a/b', commit: 'f'.repeat(40), path: 'x.csv', subreddit: 'Jokes', take: 2 };
  const row = (fields: Record<string, string>) => ({ subreddit: 'Jokes', title: 'Why?', selftext: 'Because.', ...fields });

  it('keeps a post as Reddit gives it, with the flags the dataset kept', () => {
    expect(postOf(row({ id: 'abc', over_18: 'False', is_self: 'True' }), source, 'jokes:0')).toEqual({
      id: 'abc', title: 'Why?', selftext: 'Because.', subreddit: 'Jokes', over_18: false, is_self: true,
    });
    expect(postOf(row({}), source, 'jokes:7')).toEqual({ id: 'jokes:7', title: 'Why?', selftext: 'Because.', subreddit: 'Jokes' });
  });

  it.each([
    ['removed', row({ selftext: '[removed]' })],
    ['deleted title', row({ title: '[deleted]' })],
    ['removed by a moderator', row({ removed_by_category: 'moderator' })],
    ['a link post', row({ is_self: 'False' })],
    ['another subreddit', row({ subreddit: 'funny' })],
    ['too long to read aloud', row({ selftext: 'x'.repeat(476) })],
  ])('skips a row the bot could never read: %s', (_why, skipped) => {
    expect(postOf(skipped, source, 'jokes:0')).toBeUndefined();
  });

  it('reads a post exactly at the length limit', () => {
    expect(postOf(row({ selftext: 'x'.repeat(475) }), source, 'jokes:0')).toBeDefined();
  });

  it('takes the first readable rows in file order, without repeats', () => {
    const rows = [row({ selftext: '[removed]' }), row({ id: 'a' }), row({ id: 'b' }), row({ id: 'c', title: 'Other' }), row({ id: 'd', title: 'More' })];
    expect(postsOf(rows, source).map((entry) => `${entry.key}=${entry.post.id}`)).toEqual(['jokes:1=a', 'jokes:3=c']);
  });
});

describe('npm run bench:safety', () => {
  const results = measure(corpus.posts);
  const row = (level: string) => results.find((result) => result.judge.level === level)!.tallies.all;
  const okOff = row('off').ok;

  it('meets the targets of issue #25 with the local filter', () => {
    const share = (level: string) => row(level).offensive / row(level).told;
    expect(share('standard')).toBeLessThanOrEqual(0.03);
    expect(row('standard').ok / okOff).toBeGreaterThanOrEqual(0.85);
    expect(share('strict')).toBeLessThanOrEqual(0.01);
    expect(row('strict').ok / okOff).toBeGreaterThanOrEqual(0.6);
  });

  it('takes another judge as one more row: a judge that knows the labels tells nothing offensive and keeps every ok post', () => {
    const labels = new Map(corpus.posts.map((entry) => [entry.post.id, entry.verdict.label]));
    const oracle: Judge = { name: 'labels', level: 'off', accept: (post) => labels.get(post.id) === 'ok' };
    const [tally] = measure(corpus.posts, [oracle]).map((result) => result.tallies.all);
    expect(tally).toEqual({ told: okOff, offensive: 0, ok: okOff });
  });

  it('holds out the same 30% or so of the posts on every run', () => {
    const held = corpus.posts.filter((entry) => heldOut(entry.key)).length / corpus.posts.length;
    expect(held).toBeGreaterThan(0.25);
    expect(held).toBeLessThan(0.35);
    expect(heldOut('jokes:1')).toBe(heldOut('jokes:1'));
  });

  it('walks a listing the way a user does: every acceptable post once, then nothing new', () => {
    const joke = kindById('joke')!;
    const listing = ['a', 'b', 'c', 'd'].map((id) => PostSchema.parse(redditPost({ id, title: `Joke ${id}`, selftext: 'Punchline.' })));
    const judge: Judge = { name: 'no b', level: 'standard', accept: (post) => post.id !== 'b' };
    expect(walk(listing, joke, judge).map((post) => post.id).sort()).toEqual(['a', 'c', 'd']);
    expect(JUDGES.map((each) => each.level)).toEqual(['off', 'standard', 'strict']);
  });
});

describe('the corpus scripts\' command lines', () => {
  it.each(['bench-safety.ts', 'safety-corpus.ts'])('%s --help prints the usage and exits 0', async (script) => {
    const run = await runScript(script, ['--help']);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^usage: npm run (bench|corpus):safety/);
  }, 30_000);

  it.each(['bench-safety.ts', 'safety-corpus.ts'])('%s refuses an unknown option with exit 2', async (script) => {
    const run = await runScript(script, ['--qiuck']);
    expect(run.code).toBe(2);
    expect(run.stderr.split('\n')[0]).toBe("Unknown option '--qiuck'");
  }, 30_000);

  it('corpus:safety needs --clones, and says which clone is missing', async () => {
    const missing = await runScript('safety-corpus.ts', []);
    expect(missing.code).toBe(2);
    expect(missing.stderr.split('\n')[0]).toBe('--clones is required');
    const empty = await runScript('safety-corpus.ts', ['--clones', __dirname]);
    expect(empty.code).toBe(1);
    expect(empty.stderr).toMatch(/^no clone of mollycbaird\/DistinguishingJokes in /);
  }, 30_000);
});
