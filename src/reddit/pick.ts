import { randomIndex } from '../random-pick';
import type { Post } from './listing';

/** How many served post ids travel in the follow-up context (oldest dropped first). */
export const MAX_SERVED_IDS = 50;

/**
 * A random post the user has not heard yet that `accept` takes, or undefined
 * when there is none. A refused post is dropped and another drawn, so the
 * choice stays uniform over the accepted ones while only the drawn posts are judged.
 */
export function pickUnserved(
  posts: readonly Post[],
  served: ReadonlySet<string>,
  random: () => number,
  accept: (post: Post) => boolean = () => true,
): Post | undefined {
  const fresh = posts.filter((post) => !served.has(post.id));
  while (fresh.length > 0) {
    const index = randomIndex(fresh.length, random);
    const post = fresh[index] as Post;
    if (accept(post)) return post;
    fresh.splice(index, 1);
  }
  return undefined;
}

/** Appends an id, keeping the list unique and bounded. */
export function rememberServed(served: readonly string[], id: string): string[] {
  return [...served.filter((known) => known !== id), id].slice(-MAX_SERVED_IDS);
}
