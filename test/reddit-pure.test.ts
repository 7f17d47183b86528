import { kindById } from '../src/catalog';
import { eligiblePosts, rejectReason } from '../src/reddit/filters';
import { ListingFormatError, parseListing, PostSchema, type Post } from '../src/reddit/listing';
import { pickUnserved, rememberServed } from '../src/reddit/pick';
import { listing, redditPost } from './support/reddit';

const joke = kindById('joke')!;
const fact = kindById('fact')!;
const post = (fields: Parameters<typeof redditPost>[0]): Post => PostSchema.parse(redditPost(fields));
const strict = { allowNsfw: false };

describe('parseListing', () => {
  it('reads the posts of a listing', () => {
    const posts = parseListing(listing([redditPost({ id: 'a' }), redditPost({ id: 'b' })]));
    expect(posts.map((p) => p.id)).toEqual(['a', 'b']);
  });

  it('drops children that are not posts or lack required fields, keeps the rest', () => {
    const body = listing([redditPost({ id: 'ok' })]) as any;
    body.data.children.push({ kind: 't1', data: { id: 'comment' } });
    body.data.children.push({ kind: 't3', data: { title: 'no id', permalink: '/r/x/' } });
    body.data.children.push({ kind: 't3', data: null });
    body.data.children.push('garbage');
    expect(parseListing(body).map((p) => p.id)).toEqual(['ok']);
  });

  it('defaults garbled optional fields instead of failing', () => {
    const [parsed] = parseListing(listing([redditPost({ id: 'x', over_18: 'yes' as any, selftext: 42 as any, score: null })]));
    expect(parsed).toMatchObject({ id: 'x', over_18: false, selftext: '', score: 0 });
  });

  it('accepts an empty listing', () => {
    expect(parseListing(listing([]))).toEqual([]);
  });

  it.each([null, 'not json', [], { kind: 'Listing' }, { error: 403, message: 'Forbidden' }])('rejects %p', (body) => {
    expect(() => parseListing(body)).toThrow(ListingFormatError);
  });
});

describe('filters', () => {
  it('passes a normal text joke', () => {
    expect(rejectReason(post({ id: 'a' }), joke, strict)).toBeUndefined();
  });

  it.each([
    ['stickied', { stickied: true }],
    ['nsfw', { over_18: true }],
    ['removed', { removed_by_category: 'moderator' }],
    ['removed', { selftext: '[removed]' }],
    ['removed', { selftext: '[deleted]' }],
    ['removed', { title: '[deleted by user]' }],
    ['spoiler', { spoiler: true }],
    ['not-text', { is_self: false, selftext: '' }],
    ['empty', { title: '&#x200B;', selftext: '' }],
    ['too-long', { selftext: 'word '.repeat(200) }],
  ] as const)('rejects %s posts', (reason, fields) => {
    expect(rejectReason(post({ id: 'z', ...fields }), joke, strict)).toBe(reason);
  });

  it('serves NSFW only when allowed', () => {
    expect(rejectReason(post({ id: 'n', over_18: true }), joke, { allowNsfw: true })).toBeUndefined();
  });

  it('accepts link posts for kinds that only read the title', () => {
    expect(rejectReason(post({ id: 'l', title: 'TIL a thing', is_self: false, selftext: '' }), fact, strict)).toBeUndefined();
  });

  it('keeps only eligible posts, in order', () => {
    const posts = [post({ id: '1' }), post({ id: '2', stickied: true }), post({ id: '3' })];
    expect(eligiblePosts(posts, joke, strict).map((p) => p.id)).toEqual(['1', '3']);
  });

  it('filters one listing again for other kinds and options, and hands out copies', () => {
    // The same array is what a cache hit returns; results are kept per array, kind and options.
    const posts = [post({ id: '1' }), post({ id: 'n', over_18: true }), post({ id: 'l', title: 'TIL a thing', is_self: false, selftext: '' })];
    expect(eligiblePosts(posts, joke, strict).map((p) => p.id)).toEqual(['1']);
    expect(eligiblePosts(posts, joke, { allowNsfw: true }).map((p) => p.id)).toEqual(['1', 'n']);
    expect(eligiblePosts(posts, fact, strict).map((p) => p.id)).toEqual(['1', 'l']);
    expect(eligiblePosts(posts, joke, { allowNsfw: false, maxChars: 5 }).map((p) => p.id)).toEqual([]);
    const first = eligiblePosts(posts, joke, strict);
    first.length = 0;
    expect(eligiblePosts(posts, joke, strict).map((p) => p.id)).toEqual(['1']);
  });
});

describe('pickUnserved', () => {
  const posts = ['a', 'b', 'c'].map((id) => post({ id }));

  it('picks among the posts not served yet', () => {
    expect(pickUnserved(posts, new Set(['a', 'b']), () => 0)?.id).toBe('c');
    expect(pickUnserved(posts, new Set(), () => 0.99)?.id).toBe('c');
    expect(pickUnserved(posts, new Set(), () => 0)?.id).toBe('a');
  });

  it('returns undefined when all were served or there are none (the seed crashed here)', () => {
    expect(pickUnserved(posts, new Set(['a', 'b', 'c']), Math.random)).toBeUndefined();
    expect(pickUnserved([], new Set(), Math.random)).toBeUndefined();
  });

  it('tolerates a random source that returns 1', () => {
    expect(pickUnserved(posts, new Set(), () => 1)?.id).toBe('c');
  });
});

describe('rememberServed', () => {
  it('appends without duplicates and keeps the newest ids within the bound', () => {
    expect(rememberServed(['a', 'b'], 'a')).toEqual(['b', 'a']);
    const many = Array.from({ length: 50 }, (_, i) => `id${i}`);
    const next = rememberServed(many, 'new');
    expect(next).toHaveLength(50);
    expect(next[0]).toBe('id1');
    expect(next.at(-1)).toBe('new');
  });
});
