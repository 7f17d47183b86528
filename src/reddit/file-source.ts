import type { Deadline } from '../deadline';
import type { FetchObserver, ListingQuery, PostSource } from './client';
import type { Post } from './listing';
import { mentions, topicWords } from './offline';
import type { PostsFile } from './posts-file';

/**
 * POSTS_FILE as a PostSource: a subreddit's posts from the file, a search the
 * posts that mention the topic (the collection's rule: content words at word
 * starts). The intents treat them like Reddit's: same filters, no repeats.
 * Answers at once, and with the same array for the same query, so the
 * filters' per-listing memo works as it does for a cached Reddit listing.
 */
export class FilePostSource implements PostSource {
  private readonly searches = new Map<string, readonly Post[]>();

  constructor(private readonly file: PostsFile) {}

  posts(query: ListingQuery): readonly Post[] {
    const all = this.file.listings.get(query.subreddit.toLowerCase()) ?? [];
    if (!query.topic) return all;
    const key = `${query.subreddit.toLowerCase()}\n${query.topic.toLowerCase()}`;
    let hits = this.searches.get(key);
    if (!hits) {
      const words = topicWords(query.topic);
      hits = all.filter((post) => mentions(`${post.title}\n${post.selftext}`, words));
      // Topics are user input: keep a bounded number of searches.
      if (this.searches.size >= MAX_FILE_SEARCHES) this.searches.clear();
      this.searches.set(key, hits);
    }
    return hits;
  }

  fetchPosts(query: ListingQuery, _deadline: Deadline, observe?: FetchObserver): Promise<Post[]> {
    observe?.({ cache: 'hit' });
    return Promise.resolve(this.posts(query) as Post[]);
  }
}

/** Searches of the file kept at most. */
export const MAX_FILE_SEARCHES = 500;

/**
 * Reddit's posts with the file's after them (a post in both counts once). When
 * Reddit fails, the file's posts alone, if it has any for the listing; else
 * Reddit's failure, so the intents fall back as they would without a file.
 */
export class MergedPostSource implements PostSource {
  /** Per Reddit array (a cached listing is the same array on every hit): the merged array, kept as long as Reddit's. */
  private readonly merged = new WeakMap<readonly Post[], Post[]>();

  constructor(
    private readonly reddit: PostSource,
    private readonly file: FilePostSource,
  ) {}

  async fetchPosts(query: ListingQuery, deadline: Deadline, observe?: FetchObserver): Promise<Post[]> {
    const extra = this.file.posts(query);
    let live: Post[];
    try {
      live = await this.reddit.fetchPosts(query, deadline, observe);
    } catch (error) {
      if (extra.length === 0) throw error;
      return extra as Post[];
    }
    if (extra.length === 0) return live;
    let both = this.merged.get(live);
    if (!both) {
      const ids = new Set(live.map((post) => post.id));
      both = [...live, ...extra.filter((post) => !ids.has(post.id))];
      this.merged.set(live, both);
    }
    return both;
  }
}

/** No credentials and reddit.com: every listing is empty, at once, and Reddit is never asked. */
export const NO_REDDIT: PostSource = {
  fetchPosts: () => Promise.resolve([]),
};
