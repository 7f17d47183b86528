import { kindById, type ContentKind } from '../../src/catalog';
import { acceptable, candidatePosts } from '../../src/reddit/filters';
import { PostSchema, type Post } from '../../src/reddit/listing';
import { redditPost } from '../support/reddit';

/*
 * Verdicts and candidate lists are kept per post (or listing), kind and options, because
 * cleaning and judging text is most of a warm request. What a user relies on is that a kept
 * answer is never the answer to a different question: each test below asks in an order where
 * an answer kept under the wrong key would be wrong.
 */
const post = (id: string, fields: Record<string, unknown> = {}): Post => PostSchema.parse(redditPost({ id, ...fields }));
const joke = kindById('joke') as ContentKind;
const fact = kindById('fact') as ContentKind;
const ids = (list: readonly Post[]) => list.map((p) => p.id);

describe('acceptable: one verdict per post, kind and level', () => {
  it('a post with mild profanity: allowed at standard, refused at strict, whichever was asked first', () => {
    const p = post('p', { title: 'Why did the printer stop?', selftext: 'It was tired of this crap.' });
    expect(acceptable(p, joke, { allowNsfw: false, contentFilter: 'strict' })).toBe(false);
    expect(acceptable(p, joke, { allowNsfw: false })).toBe(true);
    expect(acceptable(p, joke, { allowNsfw: false, contentFilter: 'strict' })).toBe(false);
    expect(acceptable(p, joke, { allowNsfw: false, contentFilter: 'off' })).toBe(true);
  });

  it('the same post read as a fact (its title only) and as a joke (title and body) is judged for each', () => {
    const p = post('q', { title: 'TIL printers get tired', selftext: 'Of this crap.' });
    const strict = { allowNsfw: false, contentFilter: 'strict' } as const;
    expect(acceptable(p, fact, strict)).toBe(true);
    expect(acceptable(p, joke, strict)).toBe(false);
    expect(acceptable(p, fact, strict)).toBe(true);
  });
});

describe('candidatePosts: one list per listing, kind and options', () => {
  it('an NSFW post is a candidate only where NSFW is allowed, in either order', () => {
    const posts = [post('safe'), post('nsfw', { over_18: true })];
    expect(ids(candidatePosts(posts, joke, { allowNsfw: true }))).toEqual(['safe', 'nsfw']);
    expect(ids(candidatePosts(posts, joke, { allowNsfw: false }))).toEqual(['safe']);
    expect(ids(candidatePosts(posts, joke, { allowNsfw: true }))).toEqual(['safe', 'nsfw']);
  });

  it('a link post is a candidate for a kind read from its title, not for one that reads the body', () => {
    const posts = [post('link', { title: 'TIL a link post', is_self: false, selftext: '' })];
    expect(ids(candidatePosts(posts, joke, { allowNsfw: false }))).toEqual([]);
    expect(ids(candidatePosts(posts, fact, { allowNsfw: false }))).toEqual(['link']);
    expect(ids(candidatePosts(posts, joke, { allowNsfw: false }))).toEqual([]);
  });

  it('tells an explicit maxChars apart from the default 480 and from another limit', () => {
    const posts = [post('long', { title: 'Q', selftext: 'x'.repeat(200) })];
    expect(ids(candidatePosts(posts, joke, { allowNsfw: false, maxChars: 100 }))).toEqual([]);
    expect(ids(candidatePosts(posts, joke, { allowNsfw: false, maxChars: 480 }))).toEqual(['long']);
    expect(ids(candidatePosts(posts, joke, { allowNsfw: false }))).toEqual(['long']);
    const other = [post('long', { title: 'Q', selftext: 'x'.repeat(200) })];
    expect(ids(candidatePosts(other, joke, { allowNsfw: false }))).toEqual(['long']);
    expect(ids(candidatePosts(other, joke, { allowNsfw: false, maxChars: 100 }))).toEqual([]);
  });

  it('a caller that trims its list does not change what the next caller gets', () => {
    const posts = [post('1'), post('2')];
    candidatePosts(posts, joke, { allowNsfw: false }).splice(0);
    expect(ids(candidatePosts(posts, joke, { allowNsfw: false }))).toEqual(['1', '2']);
  });
});
