import { randomUUID } from 'node:crypto';
import * as z from 'zod';
import { sleep as realSleep } from '../../sleep';
import { RedditError } from '../errors';
import { StoreUnavailable } from './guard';
import { KEY_PREFIX, type SharedStore } from './store';

export interface HeldToken {
  token: string;
  expiresAt: number;
}

const TokenSchema = z.object({ token: z.string().min(1), expiresAt: z.number() });

const POLL_MS = 20;

/**
 * One Reddit app token for all instances: the first instance that needs one
 * requests it while holding a lock, the others wait for it in the store.
 * Expires with the token's usable life. Store trouble: each instance fetches
 * its own, as without REDIS_URL.
 */
export class SharedTokens {
  private readonly key: string;
  private readonly lock: string;
  /** What we read or wrote per token, so `forget` removes exactly that value. */
  private readonly raw = new Map<string, string>();

  constructor(
    private readonly store: SharedStore,
    clientId: string,
    private readonly now: () => number = Date.now,
    private readonly sleep: (ms: number) => Promise<void> = realSleep,
  ) {
    this.key = `${KEY_PREFIX}token:${clientId}`;
    this.lock = `${KEY_PREFIX}token-lock:${clientId}`;
  }

  async obtain(request: () => Promise<HeldToken>, budgetMs: number): Promise<HeldToken> {
    const endsAt = this.now() + budgetMs;
    try {
      for (;;) {
        const held = await this.read();
        if (held) return held;
        const owner = randomUUID();
        if (await this.store.claim(this.lock, owner, Math.max(1, endsAt - this.now()))) {
          try {
            // Another instance may have stored one between our read and our claim.
            const stored = await this.read();
            if (stored) return stored;
            const fresh = await request();
            const value = JSON.stringify(fresh);
            this.raw.set(fresh.token, value);
            await this.store.set(this.key, value, fresh.expiresAt - this.now()).catch(() => undefined);
            return fresh;
          } finally {
            await this.store.release(this.lock, owner).catch(() => undefined);
          }
        }
        if (this.now() + POLL_MS >= endsAt) throw new RedditError('timeout', 'No Reddit token in time');
        await this.sleep(POLL_MS);
      }
    } catch (error) {
      if (error instanceof StoreUnavailable) return request();
      throw error;
    }
  }

  /** Reddit rejected `token`: drop it from the store unless a newer one replaced it. */
  forget(token: string): void {
    const value = this.raw.get(token);
    this.raw.delete(token);
    if (value) this.store.release(this.key, value).catch(() => undefined);
  }

  private async read(): Promise<HeldToken | undefined> {
    const value = await this.store.get(this.key);
    if (value === undefined) return undefined;
    let parsed;
    try {
      parsed = TokenSchema.safeParse(JSON.parse(value));
    } catch {
      return undefined;
    }
    if (!parsed.success || parsed.data.expiresAt <= this.now()) return undefined;
    this.raw.set(parsed.data.token, value);
    return parsed.data;
  }
}
