import type { Post } from '../../src/reddit/listing';

let counter = 0;

/** A Reddit post (the `data` of a t3 child) that passes every filter unless overridden. */
export function redditPost(overrides: Partial<Post> = {}): Post {
  counter += 1;
  const id = overrides.id ?? `p${counter}`;
  return {
    id,
    name: `t3_${id}`,
    title: `Why did test post ${id} cross the road?`,
    selftext: 'To get to the other side.',
    permalink: `/r/Jokes/comments/${id}/test_post/`,
    url: `https://www.reddit.com/r/Jokes/comments/${id}/test_post/`,
    author: 'someone',
    subreddit: 'Jokes',
    over_18: false,
    stickied: false,
    spoiler: false,
    is_self: true,
    locked: false,
    score: 100,
    removed_by_category: null,
    post_hint: null,
    ...overrides,
  };
}

/** Listing JSON as Reddit sends it from /r/{sub}/top.json and /search.json. */
export function listing(posts: readonly Partial<Post>[]): { kind: 'Listing'; data: Record<string, unknown> } {
  return {
    kind: 'Listing',
    data: {
      after: null,
      before: null,
      dist: posts.length,
      children: posts.map((post) => ({ kind: 't3', data: redditPost(post) })),
    },
  };
}

/** `n` good posts for one subreddit. */
export function goodListing(n: number, subreddit = 'Jokes'): ReturnType<typeof listing> {
  return listing(Array.from({ length: n }, () => ({ subreddit })));
}
