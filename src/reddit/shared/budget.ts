import type { HostCooldown } from '../cooldown';
import { RedditError } from '../errors';
import { StoreUnavailable } from './guard';
import { KEY_PREFIX, type SharedStore } from './store';

export const BUDGET_WINDOW_MS = 60_000;

/** Reddit allows about 100 queries a minute per OAuth client; stay well under it by default. */
export const DEFAULT_REDDIT_QPM = 60;

/** Asked before every request to Reddit; throws a rate-limited RedditError to keep it from going out. */
export interface RedditGate {
  admit(host: string): Promise<void>;
}

/**
 * One Reddit budget and one cool-down for all instances. Reddit's own signals
 * (a 429, or X-Ratelimit-Remaining used up until X-Ratelimit-Reset) start a
 * cool-down here that every instance adopts; on top of that at most `qpm`
 * requests go out per clock minute, counted in the store (token requests
 * included: Reddit counts them too). A denied request never reaches Reddit:
 * callers serve the stale copy or the built-in collection. When the store is
 * away each instance is on its own again, as without REDIS_URL.
 */
export class SharedBudget implements RedditGate {
  constructor(
    private readonly store: SharedStore,
    private readonly cooldown: HostCooldown,
    private readonly qpm: number,
    private readonly now: () => number = Date.now,
  ) {}

  async admit(host: string): Promise<void> {
    try {
      const until = Number((await this.store.get(cooldownKey(host))) ?? 0);
      const now = this.now();
      if (until > now) {
        this.cooldown.start(host, until - now, { shared: true });
        throw new RedditError('rate-limited', 'Another instance was told to slow down', 429);
      }
      const window = Math.floor(now / BUDGET_WINDOW_MS);
      const used = await this.store.increment(`${KEY_PREFIX}budget:${window}`, BUDGET_WINDOW_MS + 5_000);
      if (used > this.qpm) {
        // Nobody gets more this minute: stop asking the store too until the next one.
        this.cooldown.start(host, (window + 1) * BUDGET_WINDOW_MS - now, { shared: true });
        throw new RedditError('rate-limited', `Shared Reddit budget of ${this.qpm} requests a minute used up`, 429);
      }
    } catch (error) {
      if (!(error instanceof StoreUnavailable)) throw error;
    }
  }

  /** A cool-down this instance started (Reddit said so): every instance keeps away until it ends. */
  share(host: string, endsAt: number): void {
    const ms = endsAt - this.now();
    if (ms <= 0) return;
    this.store.set(cooldownKey(host), String(endsAt), ms).catch(() => undefined);
  }
}

const cooldownKey = (host: string) => `${KEY_PREFIX}cooldown:${host}`;
