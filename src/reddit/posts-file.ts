import { readFileSync } from 'node:fs';
import * as z from 'zod';
import { PostSchema, type Post } from './listing';

/**
 * POSTS_FILE: Reddit posts kept in a file, for owners waiting for API approval
 * and for curated sets. Three shapes, all made of Reddit's own listing JSON, so
 * a saved `top.json` works as it is:
 *   - one listing: `{"kind": "Listing", "data": {"children": [...]}}`; each post
 *     goes to the subreddit its `subreddit` field (or its permalink) names;
 *   - several listings in an array: the same, for each;
 *   - listings keyed by subreddit: `{"Jokes": {listing}, "todayilearned": {listing}}`;
 *     the key decides (case-insensitive, like Reddit), whatever the posts say.
 * Unlike a live listing, a file is checked strictly: a post it cannot use is a
 * mistake to fix, reported with the path of the field at fault.
 */

/** Reddit's rule for subreddit names. */
const SUBREDDIT = /^[A-Za-z0-9_]{2,21}$/;
/** Problems listed at most; past that, the first ones are enough to find the mistake. */
const MAX_PROBLEMS = 5;

const FileListing = z.object({
  kind: z.literal('Listing'),
  data: z.object({
    children: z.array(z.object({ kind: z.literal('t3'), data: PostSchema })),
  }),
});
type FileListing = z.infer<typeof FileListing>;

const ListingArray = z.array(FileListing).min(1, 'an array of listings needs at least one listing');
const ListingsBySubreddit = z.record(z.string().regex(SUBREDDIT, 'is not a subreddit name (2-21 letters, digits or _)'), FileListing);

export interface PostsFile {
  readonly path: string;
  /** Posts by subreddit name in lower case. */
  readonly listings: ReadonlyMap<string, readonly Post[]>;
  readonly count: number;
}

/** The file cannot be used: one line per problem, each naming the field (`[0].data.children[2].data.title: ...`). */
export class PostsFileError extends Error {
  override name = 'PostsFileError';
  constructor(readonly problems: readonly string[]) {
    super(problems.join('\n'));
  }
}

function fieldPath(path: readonly PropertyKey[]): string {
  return path.map((key, i) => (typeof key === 'number' ? `[${key}]` : `${i === 0 ? '' : '.'}${String(key)}`)).join('') || '(top level)';
}

/** A bad key's own message ("is not a subreddit name"), not zod's "Invalid key in record". */
function issueMessage(issue: z.core.$ZodIssue): string {
  return issue.code === 'invalid_key' ? (issue.issues[0]?.message ?? issue.message) : issue.message;
}

function parseWith<T>(schema: z.ZodType<T>, data: unknown): T {
  const parsed = schema.safeParse(data);
  if (parsed.success) return parsed.data;
  const problems = parsed.error.issues.slice(0, MAX_PROBLEMS).map((issue) => `${fieldPath(issue.path)}: ${issueMessage(issue)}`);
  const more = parsed.error.issues.length - problems.length;
  throw new PostsFileError(more > 0 ? [...problems, `... and ${more} more`] : problems);
}

/** A post's subreddit when the file does not say: its `subreddit` field, else the name in its permalink. */
function subredditOf(post: Post): string | undefined {
  const name = post.subreddit || /^\/r\/([^/]+)\//.exec(post.permalink)?.[1];
  return name && SUBREDDIT.test(name) ? name : undefined;
}

/** File JSON → posts by subreddit (lower case), each listing's order kept, a post id listed once per subreddit. */
export function parsePostsFile(data: unknown): Map<string, Post[]> {
  const byName = new Map<string, Post[]>();
  const add = (subreddit: string, post: Post) => {
    const key = subreddit.toLowerCase();
    const posts = byName.get(key) ?? [];
    if (!posts.some((known) => known.id === post.id)) posts.push(post);
    byName.set(key, posts);
  };
  const addByPost = (listings: readonly FileListing[], at: (i: number, j: number) => string) => {
    listings.forEach((listing, i) =>
      listing.data.children.forEach((child, j) => {
        const subreddit = subredditOf(child.data);
        if (!subreddit) throw new PostsFileError([`${at(i, j)}.data.subreddit: missing, and the permalink names no subreddit`]);
        add(subreddit, child.data);
      }),
    );
  };
  if (Array.isArray(data)) {
    addByPost(parseWith(ListingArray, data), (i, j) => `[${i}].data.children[${j}]`);
  } else if (typeof data === 'object' && data !== null && (data as { kind?: unknown }).kind !== undefined) {
    addByPost([parseWith(FileListing, data)], (_, j) => `data.children[${j}]`);
  } else {
    for (const [subreddit, listing] of Object.entries(parseWith(ListingsBySubreddit, data))) {
      for (const child of listing.data.children) add(subreddit, child.data);
    }
  }
  if ([...byName.values()].every((posts) => posts.length === 0)) throw new PostsFileError(['(top level): the file holds no posts']);
  return byName;
}

/** Reads and checks POSTS_FILE; throws PostsFileError naming the problem. */
export function readPostsFile(path: string): PostsFile {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new PostsFileError([code === 'ENOENT' ? 'no such file' : `cannot be read (${code ?? 'error'})`]);
  }
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    throw new PostsFileError([`not valid JSON: ${(error as Error).message}`]);
  }
  const listings = parsePostsFile(data);
  return { path, listings, count: [...listings.values()].reduce((sum, posts) => sum + posts.length, 0) };
}
