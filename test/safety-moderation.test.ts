/**
 * `npm run bench:safety`'s moderation rows: the labelled corpus judged through
 * the real ModerationJudge and REST client against the local fake moderateText
 * answering from the hand labels, then with that fake failing. Targets of issue #25.
 */
import { readFileSync } from 'node:fs';
import { OFFENSIVE_CATEGORIES } from './fixtures/safety-corpus/schema';
import { JUDGES, measure } from '../scripts/bench-safety';
import { labelScores, MODERATION_SETUPS, moderationJudges, offensiveBeyondStrict, type ModerationJudgeRow } from '../scripts/bench-safety-moderation';
import { CORPUS_FILE } from '../scripts/safety-corpus';
import { moderationVerdict } from '../src/moderation/thresholds';
import { CorpusSchema } from './fixtures/safety-corpus/schema';

const corpus = CorpusSchema.parse(JSON.parse(readFileSync(CORPUS_FILE, 'utf8')));

// 1,200 posts over loopback HTTP, twice, and three outages: seconds on a busy 2-CPU machine.
jest.setTimeout(180_000);

let rows: ModerationJudgeRow[];
let results: ReturnType<typeof measure>;

beforeAll(async () => {
  rows = await moderationJudges(corpus.posts);
  results = measure(corpus.posts, [...JUDGES, ...rows]);
});

const resultOf = (name: string) => results.find((result) => result.judge.name === name)!;
const okOff = () => resultOf('local filter, `off`').tallies.all.ok;

describe('what the fake moderateText answers from a label', () => {
  it.each(OFFENSIVE_CATEGORIES)('an offensive post (%s) is refused at standard and strict', (category) => {
    const scores = labelScores({ label: 'offensive', category });
    expect(moderationVerdict(scores, 'standard').allowed).toBe(false);
    expect(moderationVerdict(scores, 'strict').allowed).toBe(false);
  });

  it('an ok post passes strict', () => {
    expect(moderationVerdict(labelScores({ label: 'ok' }), 'strict')).toEqual({ allowed: true });
  });
});

describe('moderation on the corpus (issue #25 targets)', () => {
  it('has the five rows, in order; only the failing ones fell back to the local filter', () => {
    expect(rows.map((row) => row.name)).toEqual(MODERATION_SETUPS.map((setup) => setup.name));
    expect(rows.map((row) => row.degraded)).toEqual([false, false, true, true, true]);
  });

  it('standard: nothing offensive told, and every ok post of `off` kept (target: 0 and at least 95%)', () => {
    const { all } = resultOf('moderation, `standard`').tallies;
    expect(all.offensive).toBe(0);
    expect(all.ok / okOff()).toBeGreaterThanOrEqual(0.95);
    // Every post a user can reach was sent to the fake once: the verdicts are the model's, not the fallback's.
    expect(rows[0]!.calls).toBe(resultOf('local filter, `off`').tallies.all.told);
  });

  it('strict: nothing offensive told, and more ok posts kept than the local filter at strict (clean subreddits for jokes)', () => {
    const moderation = resultOf('moderation, `strict`').tallies.all;
    expect(moderation.offensive).toBe(0);
    expect(moderation.ok / okOff()).toBeGreaterThanOrEqual(0.85);
    expect(moderation.ok).toBeGreaterThan(resultOf('local filter, `strict`').tallies.all.ok);
  });

  it.each(['503', '403', 'timeout'])(
    'failing (%s): nothing offensive the local filter at strict would refuse, still telling, after one round of calls',
    (what) => {
      const name = `moderation failing (${what}), \`standard\``;
      const result = resultOf(name);
      expect(offensiveBeyondStrict(result.told)).toEqual([]);
      expect(result.tallies.all.offensive / result.tallies.all.told).toBeLessThanOrEqual(0.03);
      // Not a bot that went quiet: the fallback tells what strict allows.
      expect(result.tallies.all.ok / okOff()).toBeGreaterThanOrEqual(0.6);
      // The outage is met by the calls already in flight (concurrency 8); the rest wait out the cool-down.
      expect(rows.find((row) => row.name === name)!.calls).toBeLessThanOrEqual(8);
    },
  );

  it('the check can fail: the offensive posts local `off` tells include some that strict refuses', () => {
    expect(offensiveBeyondStrict(resultOf('local filter, `off`').told).length).toBeGreaterThan(100);
  });
});
