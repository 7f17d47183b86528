import * as z from 'zod';
import type { Logger } from '../log';
import { RedditError } from './errors';
import type { Upstream } from './http';
import type { HeldToken, SharedTokens } from './shared/tokens';

/** Reddit's answer to a client_credentials grant. */
const TokenResponseSchema = z.object({
  access_token: z.string().min(1),
  token_type: z.string().optional(),
  expires_in: z.coerce.number().positive(),
});

/** Renew this long before Reddit's expiry, so a token never dies mid-request. */
export const TOKEN_REFRESH_MARGIN_MS = 60_000;

export const TOKEN_PATH = '/api/v1/access_token';

/** Wrong credentials do not fix themselves: ask again only after this pause. */
export const REFUSED_CREDENTIALS_PAUSE_MS = 60_000;

/** An installed app's token request: Reddit's grant for apps that cannot keep a secret. */
export const INSTALLED_CLIENT_GRANT = 'https://oauth.reddit.com/grants/installed_client';

/**
 * The installed_client grant's device id (20-30 characters). Reddit documents this value for
 * clients that do not want a device tracked; a server that shares one token across instances
 * has no device to tell apart anyway, and the same id is sent on every renewal, as Reddit asks.
 */
export const DEVICE_ID = 'DO_NOT_TRACK_THIS_DEVICE';

/** A script or web app has a secret (client credentials); an installed app has only its id. */
export interface Credentials {
  clientId: string;
  clientSecret?: string;
}

/** The token request's form body for these credentials. */
export function grantBody(credentials: Credentials): string {
  const fields: Record<string, string> =
    credentials.clientSecret === undefined
      ? { grant_type: INSTALLED_CLIENT_GRANT, device_id: DEVICE_ID }
      : { grant_type: 'client_credentials' };
  return new URLSearchParams(fields).toString();
}

/** How long a token may be used: its lifetime minus a margin (half the lifetime for very short ones). */
export function usableForMs(expiresInSeconds: number): number {
  const lifetime = expiresInSeconds * 1000;
  return Math.max(0, lifetime - Math.min(TOKEN_REFRESH_MARGIN_MS, lifetime / 2));
}

/**
 * App-only OAuth (client credentials, or installed_client for an app without a secret): one token for all listings, fetched
 * once and shared by concurrent callers, renewed shortly before it expires or
 * when Reddit rejects it. The secret goes out only in the Basic auth header of
 * the token request; neither it nor the token is ever logged.
 */
export class TokenProvider {
  private current?: { token: string; expiresAt: number };
  private pending?: Promise<string>;

  constructor(
    private readonly upstream: Upstream,
    private readonly credentials: Credentials,
    private readonly log: Logger,
    private readonly now: () => number = Date.now,
    /** All instances' one token (REDIS_URL); absent: this instance fetches its own. */
    private readonly shared?: SharedTokens,
  ) {}

  /** A valid bearer token; concurrent callers share one token request. */
  token(budgetMs: number): Promise<string> {
    if (this.current && this.now() < this.current.expiresAt) return Promise.resolve(this.current.token);
    this.pending ??= this.obtain(budgetMs).finally(() => {
      this.pending = undefined;
    });
    return this.pending;
  }

  /** Forgets `token` after Reddit rejected it; a newer token fetched meanwhile is kept. */
  invalidate(token: string): void {
    if (this.current?.token === token) this.current = undefined;
    this.shared?.forget(token);
  }

  private async obtain(budgetMs: number): Promise<string> {
    const endsAt = this.now() + budgetMs;
    const held = this.shared
      ? await this.shared.obtain(() => this.requestToken(endsAt - this.now()), budgetMs)
      : await this.requestToken(budgetMs);
    this.current = held;
    return held.token;
  }

  private async requestToken(budgetMs: number): Promise<HeldToken> {
    let response;
    try {
      response = await this.sendTokenRequest(budgetMs);
    } catch (error) {
      if (error instanceof RedditError && error.reason === 'blocked') {
        this.upstream.pause(REFUSED_CREDENTIALS_PAUSE_MS);
        const variables = this.credentials.clientSecret === undefined ? 'REDDIT_CLIENT_ID (an installed app)' : 'REDDIT_CLIENT_ID and REDDIT_CLIENT_SECRET';
        this.log.error({ status: error.status }, `reddit refused the app's credentials; check ${variables} and that Reddit approved the app`);
      }
      throw error;
    }
    const parsed = TokenResponseSchema.safeParse(response.data);
    if (!parsed.success) throw new RedditError('format', 'Reddit answered the token request without a usable token');
    const expiresAt = this.now() + usableForMs(parsed.data.expires_in);
    this.log.info({ expiresInSeconds: parsed.data.expires_in }, 'reddit oauth token obtained');
    return { token: parsed.data.access_token, expiresAt };
  }

  private sendTokenRequest(budgetMs: number) {
    return this.upstream.request(
      {
        method: 'POST',
        url: TOKEN_PATH,
        // An installed app sends its id with an empty password, as Reddit's OAuth docs ask.
        auth: { username: this.credentials.clientId, password: this.credentials.clientSecret ?? '' },
        headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
        data: grantBody(this.credentials),
      },
      budgetMs,
    );
  }
}
