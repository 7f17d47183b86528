import type { CacheOutcome, FetchReport, ListingQuery, PostSource } from '../reddit/client';

/** `projects/p/agent/sessions/abc` → `abc`: enough to follow a conversation, without the project path. */
export function sessionId(session: string): string {
  return session.slice(session.lastIndexOf('/') + 1);
}

// One answer can need two listings (a topic search, then the day's top): the
// line shows the worst of them, so "cache: hit" means nothing waited on Reddit.
const CACHE_RANK: Record<CacheOutcome, number> = { hit: 0, stale: 1, miss: 2 };

/** What the Reddit side reported during one request, summed up for its log line. */
export class RequestFacts {
  private fetches = 0;
  private upstreamMs = 0;
  private upstreamCalls = 0;
  private cache: CacheOutcome | undefined;
  private readonly subreddits = new Set<string>();

  record(query: ListingQuery, report: FetchReport): void {
    this.subreddits.add(query.subreddit);
    if (report.upstreamMs !== undefined) {
      this.upstreamMs += report.upstreamMs;
      this.upstreamCalls += 1;
    }
    if (report.cache && (this.cache === undefined || CACHE_RANK[report.cache] > CACHE_RANK[this.cache])) {
      this.cache = report.cache;
    }
  }

  /** `source` for one request: counts its fetches and collects what it reports. */
  observe(source: PostSource): PostSource {
    return {
      fetchPosts: (query, deadline, observe) => {
        this.fetches += 1;
        this.subreddits.add(query.subreddit);
        return source.fetchPosts(query, deadline, (report) => {
          this.record(query, report);
          observe?.(report);
        });
      },
    };
  }

  fields(): Record<string, unknown> {
    if (this.fetches === 0) return {};
    return {
      fetches: this.fetches,
      ...(this.cache ? { cache: this.cache } : {}),
      ...(this.upstreamCalls > 0 ? { upstreamMs: this.upstreamMs } : {}),
      // Never empty here: each counted fetch added its subreddit.
      fetched: [...this.subreddits].join(','),
    };
  }
}
