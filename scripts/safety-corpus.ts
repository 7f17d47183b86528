/**
 * Rebuilds or checks the labelled safety corpus (test/fixtures/safety-corpus/corpus.json)
 * from its sources: public datasets of Reddit posts, each a file of a repository at a
 * fixed commit. The posts are read with `git show <commit>:<path>` from local clones,
 * so nothing here touches the network.
 *
 *   npm run corpus:safety -- --clones DIR            check: every post as its source has it
 *   npm run corpus:safety -- --clones DIR --write    rewrite the posts, keeping the hand labels
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { parse } from 'csv-parse/sync';
import { commandLine, EXIT } from './cli';
import { MAX_CONTENT_CHARS } from '../src/reddit/filters';
import { CorpusSchema, type Corpus, type CorpusEntry, type CorpusPost, type Source } from '../test/fixtures/safety-corpus/schema';

export const CORPUS_FILE = join(__dirname, '..', 'test', 'fixtures', 'safety-corpus', 'corpus.json');

const USAGE = `usage: npm run corpus:safety -- --clones DIR [--write]

Reads each source of test/fixtures/safety-corpus/corpus.json from a clone of its repository
(DIR/<owner>+<name>, or DIR/<owner>+<name>/repo) and compares the posts with the corpus.

  --clones DIR   folder with one git clone per source repository
  --write        rewrite the corpus's posts from the sources, keeping each post's hand label
                 (a post without one is listed, and the file is not written)
  -h, --help     this text`;

const REMOVED = new Set(['[removed]', '[deleted]', '[deleted by user]']);

type Row = Record<string, string>;

function gitDir(clones: string, repo: string): string {
  const base = join(clones, repo.replace('/', '+'));
  for (const dir of [join(base, 'repo'), base]) if (existsSync(dir)) return dir;
  throw new Error(`no clone of ${repo} in ${clones} (looked for ${base} and ${base}/repo)`);
}

function readRows(clones: string, source: Source): Row[] {
  let bytes = execFileSync('git', ['-C', gitDir(clones, source.repo), 'show', `${source.commit}:${source.path}`], { maxBuffer: 256 * 1024 * 1024 });
  if (source.gzip) bytes = gunzipSync(bytes);
  return parse<Row>(bytes, { columns: true, skip_empty_lines: true, relax_quotes: true });
}

const flag = (value: string | undefined): boolean | undefined =>
  value === 'True' || value === 'true' ? true : value === 'False' || value === 'false' ? false : undefined;

/** The row as a post, or undefined when the bot could never read it (removed, empty, too long, another subreddit). */
export function postOf(row: Row, source: Source, key: string): CorpusPost | undefined {
  const title = (row.title ?? '').trim();
  const selftext = (row.selftext ?? '').trim();
  if ((row.subreddit ?? source.subreddit).toLowerCase() !== source.subreddit.toLowerCase()) return undefined;
  if (!title || REMOVED.has(title.toLowerCase()) || REMOVED.has(selftext.toLowerCase())) return undefined;
  if (row.removed_by_category) return undefined;
  const isSelf = flag(row.is_self);
  if (isSelf === false) return undefined;
  if (`${title} ${selftext}`.length > MAX_CONTENT_CHARS) return undefined;
  const overEighteen = flag(row.over_18);
  return {
    id: row.id || key,
    title,
    selftext,
    subreddit: source.subreddit,
    ...(overEighteen === undefined ? {} : { over_18: overEighteen }),
    ...(isSelf === undefined ? {} : { is_self: isSelf }),
  };
}

/** The first `take` readable rows of a source, in file order, without repeats. */
export function postsOf(rows: readonly Row[], source: Source): Array<{ key: string; post: CorpusPost }> {
  const seen = new Set<string>();
  const out: Array<{ key: string; post: CorpusPost }> = [];
  for (const [index, row] of rows.entries()) {
    if (out.length >= source.take) break;
    const key = `${source.name}:${index}`;
    const post = postOf(row, source, key);
    if (!post) continue;
    const text = `${post.title}\n${post.selftext}`.toLowerCase();
    if (seen.has(text)) continue;
    seen.add(text);
    out.push({ key, post });
  }
  return out;
}

export function main(argv: string[]): number {
  const parsed = commandLine(argv, USAGE, { clones: { type: 'string' }, write: { type: 'boolean', default: false } });
  if (typeof parsed === 'number') return parsed;
  const { values } = parsed;
  if (!values.clones) {
    console.error(`--clones is required\n\n${USAGE}`);
    return EXIT.usage;
  }
  const raw = JSON.parse(readFileSync(CORPUS_FILE, 'utf8')) as Corpus;
  const sources = raw.sources;
  const labels = new Map(raw.posts.map((entry) => [entry.key, entry.verdict]));
  const rebuilt: Array<{ key: string; post: CorpusPost }> = [];
  try {
    for (const source of sources) rebuilt.push(...postsOf(readRows(values.clones, source), source));
  } catch (error) {
    console.error((error as Error).message.split('\n')[0]);
    return EXIT.failed;
  }
  if (values.write) {
    const unlabelled = rebuilt.filter((entry) => !labels.has(entry.key));
    if (unlabelled.length > 0) {
      console.error(`${unlabelled.length} posts have no label yet:\n${unlabelled.map((e) => `${e.key}\t${e.post.title}`).join('\n')}`);
      return EXIT.failed;
    }
    const posts: CorpusEntry[] = rebuilt.map((entry) => ({ ...entry, verdict: labels.get(entry.key)! }));
    writeFileSync(CORPUS_FILE, `${JSON.stringify(CorpusSchema.parse({ sources, posts }), null, 1)}\n`);
    console.log(`wrote ${posts.length} posts`);
    return EXIT.ok;
  }
  const corpus = CorpusSchema.parse(raw);
  const expected = JSON.stringify(rebuilt);
  const actual = JSON.stringify(corpus.posts.map(({ key, post }) => ({ key, post })));
  if (expected !== actual) {
    const have = new Map(corpus.posts.map((entry) => [entry.key, JSON.stringify(entry.post)]));
    const differing = rebuilt.filter((entry) => have.get(entry.key) !== JSON.stringify(entry.post)).map((entry) => entry.key);
    console.error(`the corpus differs from its sources: ${differing.slice(0, 20).join(', ') || 'order or count'}`);
    return EXIT.failed;
  }
  console.log(`${corpus.posts.length} posts match their sources`);
  return EXIT.ok;
}

if (require.main === module) process.exitCode = main(process.argv.slice(2));
