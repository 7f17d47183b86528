import type nock from 'nock';
import type { ContentKind } from '../../src/catalog';
import { acceptable, candidatePosts, type FilterOptions } from '../../src/reddit/filters';
import type { Post } from '../../src/reddit/listing';

/** The posts the webhook may tell, as the request path finds them: the candidates the content filter accepts. */
export function tellablePosts(posts: readonly Post[], kind: ContentKind, options: FilterOptions): Post[] {
  return candidatePosts(posts, kind, options).filter((post) => acceptable(post, kind, options));
}

/** Reddit listing JSON for nock replies. */
export interface PostFields {
  id: string;
  title?: string;
  selftext?: string;
  subreddit?: string;
  over_18?: boolean;
  stickied?: boolean;
  spoiler?: boolean;
  is_self?: boolean;
  removed_by_category?: string | null;
  [key: string]: unknown;
}

export function redditPost(fields: PostFields): Record<string, unknown> {
  const subreddit = fields.subreddit ?? 'Jokes';
  return {
    name: `t3_${fields.id}`,
    title: `Title ${fields.id}`,
    selftext: `Punchline ${fields.id}`,
    permalink: `/r/${subreddit}/comments/${fields.id}/slug/`,
    url: `https://www.reddit.com/r/${subreddit}/comments/${fields.id}/slug/`,
    author: 'someone',
    subreddit,
    over_18: false,
    stickied: false,
    spoiler: false,
    is_self: true,
    locked: false,
    score: 100,
    removed_by_category: null,
    ups: 100,
    thumbnail: 'self',
    ...fields,
  };
}

export function listing(posts: Array<Record<string, unknown>>): Record<string, unknown> {
  return { kind: 'Listing', data: { after: null, dist: posts.length, children: posts.map((data) => ({ kind: 't3', data })) } };
}

export function jokes(count: number, subreddit = 'Jokes'): Record<string, unknown> {
  return listing(Array.from({ length: count }, (_, i) => redditPost({ id: `j${i + 1}`, subreddit })));
}

export const REDDIT_OAUTH = 'http://oauth.reddit.test';
export const TEST_USER_AGENT = 'nodejs:reddit-dialogflow-webhook-test:0.0.0 (by /u/tester)';

/** Environment pointing every Reddit setting at nock's fake hosts, with a User-Agent the tests can check. */
export function redditEnv(env: Record<string, string> = {}): Record<string, string> {
  return {
    REDDIT_BASE_URL: 'http://reddit.test',
    REDDIT_OAUTH_URL: REDDIT_OAUTH,
    REDDIT_USER_AGENT: TEST_USER_AGENT,
    LOG_LEVEL: 'silent',
    ...env,
  };
}

/**
 * Answers a nock interceptor up to `times` times with `answer(call)` and counts
 * the calls, so a test can check how often Reddit was asked.
 */
export function countedReplies(
  interceptor: nock.Interceptor,
  answer: (call: number) => nock.ReplyFnResult | Promise<nock.ReplyFnResult>,
  times: number,
): { calls: number } {
  const counter = { calls: 0 };
  interceptor.times(times).reply(() => {
    counter.calls += 1;
    return answer(counter.calls);
  });
  return counter;
}
