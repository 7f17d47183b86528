import * as z from 'zod';

/**
 * Reddit listing JSON (`/r/{sub}/top.json`, `/search.json`). Only the fields we
 * read are declared; unknown fields are ignored, and a child whose fields are
 * garbled is dropped instead of failing the whole listing.
 */
const flag = z.boolean().catch(false);
const text = z.string().catch('');

export const PostSchema = z.object({
  id: z.string().min(1),
  name: text,
  title: z.string(),
  selftext: text,
  permalink: z.string().startsWith('/'),
  url: text,
  author: text,
  subreddit: text,
  over_18: flag,
  stickied: flag,
  spoiler: flag,
  is_self: flag,
  locked: flag,
  score: z.number().catch(0),
  removed_by_category: z.string().nullish().catch(null),
  post_hint: z.string().nullish().catch(null),
});

export type Post = z.infer<typeof PostSchema>;

const ListingEnvelope = z.object({
  kind: z.literal('Listing'),
  data: z.object({
    children: z.array(z.unknown()),
  }),
});

const ChildEnvelope = z.object({ kind: z.literal('t3'), data: z.unknown() });

export class ListingFormatError extends Error {
  override name = 'ListingFormatError';
}

/** Parses a listing body; throws ListingFormatError when it is not a listing at all. */
export function parseListing(body: unknown): Post[] {
  const envelope = ListingEnvelope.safeParse(body);
  if (!envelope.success) {
    throw new ListingFormatError('Reddit answered with something that is not a listing');
  }
  const posts: Post[] = [];
  for (const child of envelope.data.data.children) {
    const t3 = ChildEnvelope.safeParse(child);
    if (!t3.success) continue;
    const post = PostSchema.safeParse(t3.data.data);
    if (post.success) posts.push(post.data);
  }
  return posts;
}
