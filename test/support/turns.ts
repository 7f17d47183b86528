import type { ContentFilterLevel } from '../../src/content-filter';
import { Deadline } from '../../src/deadline';
import { toWebhookResponse, type WebhookResponse } from '../../src/dialogflow/response';
import { route } from '../../src/intents/router';
import { silentLogger, type Logger } from '../../src/log';
import { RedditError, type ListingQuery, type PostSource } from '../../src/reddit/client';
import { parseListing, type Post } from '../../src/reddit/listing';
import { parseWebhookRequest } from '../../src/http/validate';
import { toTurn } from '../../src/dialogflow/request';
import type { Reply } from '../../src/reply';
import { expectValidV2Response } from './v2-proto';

/** In-memory Reddit: listings by "subreddit" or "subreddit?topic", recording every query. */
export class FakeReddit implements PostSource {
  readonly queries: ListingQuery[] = [];
  constructor(
    private readonly listings: Record<string, unknown> = {},
    private readonly failure?: RedditError,
  ) {}

  async fetchPosts(query: ListingQuery): Promise<Post[]> {
    this.queries.push(query);
    if (this.failure) throw this.failure;
    const key = query.topic ? `${query.subreddit}?${query.topic}` : query.subreddit;
    const body = this.listings[key];
    return body ? parseListing(body) : [];
  }
}

/** One turn through validation, routing, the handler and the response adapter (checked against the v2 protos). */
export async function answer(
  request: Record<string, unknown>,
  posts: PostSource,
  options: { random?: () => number; allowNsfw?: boolean; contentFilter?: ContentFilterLevel; log?: Logger } = {},
): Promise<{ reply: Reply; response: WebhookResponse }> {
  const parsed = parseWebhookRequest(request);
  const turn = toTurn(parsed);
  const reply = await route(turn)({
    turn,
    posts,
    deadline: new Deadline(4000),
    allowNsfw: options.allowNsfw ?? false,
    contentFilter: options.contentFilter,
    random: options.random ?? Math.random,
    log: options.log ?? silentLogger,
  });
  const response = await toWebhookResponse(parsed, reply);
  expectValidV2Response(response);
  return { reply, response };
}
