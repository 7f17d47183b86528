import { kindById } from '../src/catalog';
import { acceptable, candidatePosts, rejectReason } from '../src/reddit/filters';
import { ListingFormatError, parseListing, PostSchema, type Post } from '../src/reddit/listing';
import { pickUnserved, rememberServed } from '../src/reddit/pick';
import { listing, redditPost, tellablePosts } from './support/reddit';

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
    ['removed', { selftext: ' [ Removed by Reddit ] ' }],
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
    expect(tellablePosts(posts, joke, strict).map((p) => p.id)).toEqual(['1', '3']);
  });

  it('filters one listing again for other kinds and options, and hands out copies', () => {
    // The same array is what a cache hit returns; results are kept per array, kind and options.
    const posts = [post({ id: '1' }), post({ id: 'n', over_18: true }), post({ id: 'l', title: 'TIL a thing', is_self: false, selftext: '' })];
    expect(tellablePosts(posts, joke, strict).map((p) => p.id)).toEqual(['1']);
    expect(tellablePosts(posts, joke, { allowNsfw: true }).map((p) => p.id)).toEqual(['1', 'n']);
    expect(tellablePosts(posts, fact, strict).map((p) => p.id)).toEqual(['1', 'l']);
    expect(tellablePosts(posts, joke, { allowNsfw: false, maxChars: 5 }).map((p) => p.id)).toEqual([]);
    const first = tellablePosts(posts, joke, strict);
    first.length = 0;
    expect(tellablePosts(posts, joke, strict).map((p) => p.id)).toEqual(['1']);
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

  it('draws again when the drawn post is refused, judging only the posts drawn', () => {
    const judged: string[] = [];
    const accept = (p: Post) => (judged.push(p.id), p.id !== 'a');
    expect(pickUnserved(posts, new Set(), () => 0, accept)?.id).toBe('b');
    expect(judged).toEqual(['a', 'b']);
  });

  it('returns undefined when every unserved post is refused', () => {
    expect(pickUnserved(posts, new Set(['c']), () => 0, (p) => p.id === 'c')).toBeUndefined();
  });
});

describe('candidatePosts and acceptable: the content filter judges only what is picked', () => {
  const clean = post({ id: 'clean', title: 'What do you call a fish with no eyes?', selftext: 'A fsh.' });
  const crude = post({ id: 'crude', title: 'Why did the couple stop having sex?', selftext: 'They ran out of batteries.' });
  const sticky = post({ id: 'sticky', stickied: true });

  it('candidates pass every check but the content filter; the posts told pass that too', () => {
    expect(candidatePosts([clean, crude, sticky], joke, strict).map((p) => p.id)).toEqual(['clean', 'crude']);
    expect(tellablePosts([clean, crude, sticky], joke, strict).map((p) => p.id)).toEqual(['clean']);
  });

  it('acceptable is the content filter at the level asked, standard when none is', () => {
    expect(acceptable(clean, joke, strict)).toBe(true);
    expect(acceptable(crude, joke, strict)).toBe(false);
    expect(acceptable(crude, joke, { allowNsfw: false, contentFilter: 'off' })).toBe(true);
    expect(acceptable(crude, joke, strict)).toBe(false);
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
