/**
 * npm run bench:safety: what the bot would tell from the labelled safety corpus
 * (test/fixtures/safety-corpus), at each CONTENT_FILTER level.
 *
 * It walks the corpus the way a user does: for each kind, each listing of the
 * subreddit that kind reads at that level, "another one" until nothing new is
 * told, through the same code as a request (candidatePosts, pickUnserved,
 * acceptable: src/reddit/filters.ts, src/reddit/pick.ts, the content filter).
 * Then it counts the offensive share of the posts told and the ok posts kept
 * compared with `off`. A judge is a function post → verdict, so another one is
 * one more row: the moderation rows (scripts/bench-safety-moderation.ts) follow `JUDGES`.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { catalogFor, subredditFor, type ContentKind } from '../src/catalog';
import { CONTENT_FILTER_LEVELS, type ContentFilterLevel } from '../src/content-filter';
import { DEFAULT_LANGUAGE } from '../src/languages';
import { acceptable, candidatePosts, type FilterOptions } from '../src/reddit/filters';
import { PostSchema, type Post } from '../src/reddit/listing';
import { pickUnserved } from '../src/reddit/pick';
// It imports this module's corpus walk back; neither uses the other while loading.
import { moderationJudges, offensiveBeyondStrict } from './bench-safety-moderation';
import { commandLine, EXIT } from './cli';
import { CORPUS_FILE } from './safety-corpus';
import { CorpusSchema, type CorpusEntry } from '../test/fixtures/safety-corpus/schema';

const RESULTS_FILE = join(__dirname, '..', 'bench', 'RESULTS.md');
const START = '<!-- bench:safety start -->';
const END = '<!-- bench:safety end -->';

/** Reddit answers a listing with at most 100 posts; the corpus is cut into listings of that size. */
export const LISTING_SIZE = 100;

/** The corpus's r/news stands for the kind that reads r/worldnews (no r/worldnews dataset was found). */
const STANDS_FOR: Readonly<Record<string, string>> = { news: 'worldnews' };

const USAGE = `usage: npm run bench:safety -- [--write]

Walks the labelled safety corpus (test/fixtures/safety-corpus) through the bot's choosing and
filtering code at each CONTENT_FILTER level and prints, per level: the posts told, the offensive
share of them, and the ok posts kept compared with 'off'; for all posts, the tuning part and
the held-out part. Then the same with moderation (the real judge and REST client against a local
fake moderateText answering from the labels), and with that fake failing (503, 403, no answer).

  --write     also replace the safety section of bench/RESULTS.md
  -h, --help  this text`;

/** Whether a post may be told, for a kind: the filters a request applies, at a level or by another judge. */
export interface Judge {
  readonly name: string;
  /** The CONTENT_FILTER level whose subreddits it reads (a clean-by-rule subreddit under strict). */
  readonly level: ContentFilterLevel;
  readonly accept: (post: Post, kind: ContentKind) => boolean;
}

export const OPTIONS = (level: ContentFilterLevel): FilterOptions => ({ allowNsfw: false, contentFilter: level });

/** The local filter at each level; any other judge is `{ name, level, accept: (post, kind) => verdict }`. */
export const JUDGES: readonly Judge[] = [...CONTENT_FILTER_LEVELS]
  .reverse()
  .map((level) => ({ name: `local filter, \`${level}\``, level, accept: (post: Post, kind: ContentKind) => acceptable(post, kind, OPTIONS(level)) }));

/** 30% of the posts, the same on every run: the part the filter was not tuned on. */
export function heldOut(key: string): boolean {
  let hash = 2166136261;
  for (const char of key) hash = Math.imul(hash ^ char.charCodeAt(0), 16777619) >>> 0;
  return hash % 10 < 3;
}

/** A corpus post as the listing parser would give it (fields the dataset lacks take the parser's defaults). */
export function asPost(entry: CorpusEntry): Post {
  const { post } = entry;
  return PostSchema.parse({
    ...post,
    subreddit: STANDS_FOR[post.subreddit] ?? post.subreddit,
    permalink: `/r/${post.subreddit}/comments/${post.id}/`,
    // r/LifeProTips takes text posts only; the other title kinds do not read is_self.
    is_self: post.is_self ?? true,
  });
}

/** Each kind's listings at a level: the posts of the subreddit the kind reads there, cut into listings as Reddit serves them. */
export function listings(posts: readonly Post[], level: ContentFilterLevel): Array<{ kind: ContentKind; listing: Post[] }> {
  return catalogFor(DEFAULT_LANGUAGE).flatMap((kind) => {
    const subreddit = subredditFor(kind, level).toLowerCase();
    const read = posts.filter((post) => post.subreddit.toLowerCase() === subreddit);
    const cut: Array<{ kind: ContentKind; listing: Post[] }> = [];
    for (let start = 0; start < read.length; start += LISTING_SIZE) cut.push({ kind, listing: read.slice(start, start + LISTING_SIZE) });
    return cut;
  });
}

/** Every post a user would hear from one listing: "another one" until none is new. */
export function walk(listing: readonly Post[], kind: ContentKind, judge: Judge): Post[] {
  const candidates = candidatePosts(listing, kind, OPTIONS(judge.level));
  const served = new Set<string>();
  const told: Post[] = [];
  for (;;) {
    const post = pickUnserved(candidates, served, () => 0, (candidate) => judge.accept(candidate, kind));
    if (!post) return told;
    served.add(post.id);
    told.push(post);
  }
}

export interface Tally {
  told: number;
  offensive: number;
  ok: number;
}

/** The posts each judge tells, split into all / tuning / held out. */
export function measure(entries: readonly CorpusEntry[], judges: readonly Judge[] = JUDGES) {
  const posts = entries.map(asPost);
  const byPost = new Map(posts.map((post, index) => [post, entries[index]!]));
  return judges.map((judge) => {
    const tallies = { all: { told: 0, offensive: 0, ok: 0 }, tuning: { told: 0, offensive: 0, ok: 0 }, heldOut: { told: 0, offensive: 0, ok: 0 } };
    const offensiveTold: CorpusEntry[] = [];
    const told: Array<{ post: Post; kind: ContentKind; offensive: boolean }> = [];
    for (const { kind, listing } of listings(posts, judge.level)) {
      for (const post of walk(listing, kind, judge)) {
        const entry = byPost.get(post)!;
        const offensive = entry.verdict.label === 'offensive';
        told.push({ post, kind, offensive });
        if (offensive) offensiveTold.push(entry);
        for (const tally of [tallies.all, heldOut(entry.key) ? tallies.heldOut : tallies.tuning]) {
          tally.told += 1;
          if (offensive) tally.offensive += 1;
          else tally.ok += 1;
        }
      }
    }
    return { judge, tallies, offensiveTold, told };
  });
}

const percent = (part: number, whole: number) => (whole === 0 ? '–' : `${((100 * part) / whole).toFixed(1)}%`);

/** The results as a markdown table, one row per judge and part. */
export function table(results: ReturnType<typeof measure>): string {
  const off = results.find((result) => result.judge.level === 'off');
  const lines = [
    '| setup | part | posts told | offensive told | offensive share | ok posts kept (vs `off`) |',
    '|---|---|---:|---:|---:|---:|',
  ];
  for (const { judge, tallies } of results) {
    for (const part of ['all', 'tuning', 'heldOut'] as const) {
      const tally = tallies[part];
      const okOff = off?.tallies[part].ok ?? 0;
      const name = part === 'heldOut' ? 'held out' : part;
      lines.push(`| ${judge.name} | ${name} | ${tally.told} | ${tally.offensive} | ${percent(tally.offensive, tally.told)} | ${percent(tally.ok, okOff)} |`);
    }
  }
  return lines.join('\n');
}

export async function main(argv: string[]): Promise<number> {
  const parsed = commandLine(argv, USAGE, { write: { type: 'boolean', default: false } });
  if (typeof parsed === 'number') return parsed;
  const { values } = parsed;
  const corpus = CorpusSchema.parse(JSON.parse(readFileSync(CORPUS_FILE, 'utf8')));
  const moderation = await moderationJudges(corpus.posts);
  const results = measure(corpus.posts, [...JUDGES, ...moderation]);
  const offensive = corpus.posts.filter((entry) => entry.verdict.label === 'offensive').length;
  const summary = `${corpus.posts.length} posts (${offensive} offensive), ${corpus.posts.filter((entry) => heldOut(entry.key)).length} held out.`;
  const failSafe = [
    '| setup | calls the fake received | degraded to the fallback | offensive told that local `strict` refuses |',
    '|---|---:|---|---:|',
    ...moderation.map((row) => {
      const result = results.find((each) => each.judge === row)!;
      return `| ${row.name} | ${row.calls} | ${row.degraded ? 'yes' : 'no'} | ${offensiveBeyondStrict(result.told).length} |`;
    }),
  ].join('\n');
  const markdown = `${summary}\n\n${table(results)}\n\n${failSafe}`;
  console.log(markdown);
  for (const { judge, offensiveTold } of results) {
    if (judge.level === 'off') continue;
    console.log(`\n${judge.name} told ${offensiveTold.length} offensive:`);
    for (const entry of offensiveTold) console.log(`  ${entry.key} [${entry.verdict.label === 'offensive' ? entry.verdict.category : ''}] ${entry.post.title.slice(0, 100)}`);
  }
  if (values.write) {
    const text = readFileSync(RESULTS_FILE, 'utf8');
    const start = text.indexOf(START);
    const end = text.indexOf(END);
    if (start < 0 || end < start) {
      console.error(`bench/RESULTS.md has no ${START} … ${END} section`);
      return EXIT.failed;
    }
    writeFileSync(RESULTS_FILE, `${text.slice(0, start + START.length)}\n${markdown}\n${text.slice(end)}`);
  }
  return EXIT.ok;
}

if (require.main === module) {
  void main(process.argv.slice(2)).then((code) => {
    process.exitCode = code;
  });
}
