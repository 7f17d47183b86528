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
 * requests go out in any 60 s (a sliding-window estimate over two
 * minutes' counts, see slidingWaitMs), counted in the store (token requests
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
      const elapsedMs = now - window * BUDGET_WINDOW_MS;
      const count = async (w: number) => Number((await this.store.get(budgetKey(w))) ?? 0);
      const previous = await count(window - 1);
      // Refused before counting: a request that never goes out must not use up the budget.
      let waitMs = slidingWaitMs(this.qpm, previous, (await count(window)) + 1, elapsedMs);
      if (waitMs === 0) {
        // Kept for two windows: the next window's estimate reads this one's count. Instances
        // racing past the check above are caught here, by the count the store returns.
        const used = await this.store.increment(budgetKey(window), 2 * BUDGET_WINDOW_MS + 5_000);
        waitMs = slidingWaitMs(this.qpm, previous, used, elapsedMs);
      }
      if (waitMs > 0) {
        // Nobody gets more until the estimate is under the budget again: stop asking the store too until then.
        this.cooldown.start(host, waitMs, { shared: true });
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
const budgetKey = (window: number) => `${KEY_PREFIX}budget:${window}`;

/**
 * How long to wait before the request that made this window's count `used` may go out: 0 to send
 * it now. A fixed window per clock minute lets up to twice the budget out around a minute's turn
 * (all of one minute's at its end, all of the next one's at its start). This is the
 * sliding-window estimate instead: the previous minute's count weighs by the share of it that
 * still lies in the last 60 s, `previous × (1 − elapsed/60 s) + used`, and must stay within qpm.
 */
export function slidingWaitMs(qpm: number, previous: number, used: number, elapsedMs: number): number {
  if (used > qpm) return BUDGET_WINDOW_MS - elapsedMs; // this minute alone is over: until the next one
  const estimate = previous * (1 - elapsedMs / BUDGET_WINDOW_MS) + used;
  if (estimate <= qpm) return 0;
  // The previous minute's weight falls until previous × (1 − t/60 s) = qpm − used.
  const enoughAt = ((previous - (qpm - used)) * BUDGET_WINDOW_MS) / previous; // multiplied first: no rounding error
  return Math.max(1, Math.ceil(enoughAt - elapsedMs));
}
