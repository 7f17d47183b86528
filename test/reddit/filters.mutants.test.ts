import { kindById, type ContentKind } from '../../src/catalog';
import * as contentFilter from '../../src/content-filter';
import { acceptable, candidatePosts } from '../../src/reddit/filters';
import { PostSchema, type Post } from '../../src/reddit/listing';
import * as speech from '../../src/speech/content';
import { redditPost } from '../support/reddit';

const post = (id: string, fields: Record<string, unknown> = {}): Post => PostSchema.parse(redditPost({ id, ...fields }));
const joke = kindById('joke') as ContentKind;
const fact = kindById('fact') as ContentKind;
const ids = (list: readonly Post[]) => list.map((p) => p.id);

afterEach(() => jest.restoreAllMocks());

describe('acceptable judges each post once per kind and level', () => {
  it('asks the content filter again only for a new kind or level, and keeps the earlier verdicts', () => {
    const judge = jest.spyOn(contentFilter, 'judgeText');
    const p = post('j');
    const calls = () => judge.mock.calls.map(([, level]) => level);
    expect(acceptable(p, joke, { allowNsfw: false })).toBe(true);
    expect(acceptable(p, joke, { allowNsfw: false })).toBe(true);
    expect(calls()).toEqual(['standard']);
    acceptable(p, fact, { allowNsfw: false });
    acceptable(p, joke, { allowNsfw: false, contentFilter: 'strict' });
    acceptable(p, joke, { allowNsfw: false, contentFilter: 'off' });
    expect(calls()).toEqual(['standard', 'standard', 'strict', 'off']);
    // all seen before: nothing is judged again
    acceptable(p, joke, { allowNsfw: false });
    acceptable(p, fact, { allowNsfw: false });
    acceptable(p, joke, { allowNsfw: false, contentFilter: 'strict' });
    acceptable(p, joke, { allowNsfw: false, contentFilter: 'standard' });
    expect(calls()).toEqual(['standard', 'standard', 'strict', 'off']);
  });
});

describe('candidatePosts keeps its result per listing, kind and options', () => {
  it('reads the posts again only for a new kind or options, and keeps the earlier results', () => {
    const read = jest.spyOn(speech, 'contentText');
    const posts = [post('1'), post('2')];
    const reads = () => read.mock.calls.length;
    expect(ids(candidatePosts(posts, joke, { allowNsfw: false }))).toEqual(['1', '2']);
    expect(ids(candidatePosts(posts, joke, { allowNsfw: false }))).toEqual(['1', '2']);
    expect(reads()).toBe(2);
    candidatePosts(posts, fact, { allowNsfw: false });
    candidatePosts(posts, joke, { allowNsfw: true });
    expect(reads()).toBe(6);
    // all seen before: no post is read again
    candidatePosts(posts, joke, { allowNsfw: false });
    candidatePosts(posts, fact, { allowNsfw: false });
    candidatePosts(posts, joke, { allowNsfw: true });
    expect(reads()).toBe(6);
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
});
