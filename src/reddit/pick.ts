import type { Post } from './listing';

/** How many served post ids travel in the follow-up context (oldest dropped first). */
export const MAX_SERVED_IDS = 50;

/** A random post the user has not heard yet, or undefined when every one was served. */
export function pickUnserved(posts: readonly Post[], served: ReadonlySet<string>, random: () => number): Post | undefined {
  const fresh = posts.filter((post) => !served.has(post.id));
  if (fresh.length === 0) return undefined;
  return fresh[Math.min(fresh.length - 1, Math.floor(random() * fresh.length))];
}

/** Appends an id, keeping the list unique and bounded. */
export function rememberServed(served: readonly string[], id: string): string[] {
  return [...served.filter((known) => known !== id), id].slice(-MAX_SERVED_IDS);
}
