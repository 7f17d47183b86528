import { KEY_PREFIX, type SharedStore } from './store';

/**
 * Moderation verdicts by post id in the shared store, so every instance asks
 * the model once per post rather than once per instance. The judge
 * (src/moderation/judge.ts) sees only get/set by id; the store (Redis behind
 * its guard) times out and degrades on its own.
 */
export class SharedVerdicts {
  constructor(private readonly store: SharedStore) {}

  get(id: string): Promise<string | undefined> {
    return this.store.get(`${KEY_PREFIX}moderation:${id}`);
  }

  set(id: string, value: string, ttlMs: number): Promise<void> {
    return this.store.set(`${KEY_PREFIX}moderation:${id}`, value, ttlMs);
  }
}
