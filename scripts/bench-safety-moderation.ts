/**
 * The moderation rows of `npm run bench:safety`: the corpus judged through the
 * real moderation path (src/moderation: ModerationJudge, its fail-safe, and the
 * REST client over HTTP) against a local fake `moderateText`
 * (test/support/fake-moderation.ts) that answers from the hand labels. What is
 * measured is the bot's handling of the model's answers, not the model: a
 * perfect model must lead to nothing offensive told and every ok post kept,
 * and a failing one to nothing the local filter at `strict` would refuse.
 */
import type { ContentKind } from '../src/catalog';
import type { ContentFilterLevel } from '../src/content-filter';
import { silentLogger } from '../src/log';
import { judgedCandidates, type JudgedCandidates } from '../src/moderation/candidates';
import { createGoogleModerator } from '../src/moderation/google';
import { ModerationJudge } from '../src/moderation/judge';
import type { CategoryScore, ModerationCategory } from '../src/moderation/thresholds';
import { acceptable, candidatePosts } from '../src/reddit/filters';
import { catalogFor } from '../src/catalog';
import { DEFAULT_LANGUAGE } from '../src/languages';
import { contentText } from '../src/speech/content';
import { scores, startFakeModeration, type Trouble } from '../test/support/fake-moderation';
import type { CorpusEntry, LabelCategory } from '../test/fixtures/safety-corpus/schema';
import { asPost, listings, OPTIONS, type Judge } from './bench-safety';

/** The moderateText category a hand label stands for (a slur is derogatory to Google too). */
export const LABEL_CATEGORY: Readonly<Record<LabelCategory, ModerationCategory>> = {
  sexual: 'Sexual',
  derogatory: 'Derogatory',
  slur: 'Derogatory',
  tragedy: 'Death, Harm & Tragedy',
  violent: 'Violent',
  profanity: 'Profanity',
};

/** How sure and how severe the fake is about an offensive post's category; every other score is 0.05. */
export const OFFENSIVE_SCORE = 0.9;

/** What the fake answers for a post labelled so: offensive → its category high (confidence and severity), ok → all low. */
export function labelScores(verdict: CorpusEntry['verdict']): CategoryScore[] {
  if (verdict.label === 'ok') return scores();
  const category = LABEL_CATEGORY[verdict.category];
  return scores({ [category]: OFFENSIVE_SCORE }, { [category]: OFFENSIVE_SCORE });
}

export interface ModerationSetup {
  readonly name: string;
  readonly level: ContentFilterLevel;
  /** What the fake does instead of answering, for the whole run. */
  readonly trouble?: Trouble;
}

export const MODERATION_SETUPS: readonly ModerationSetup[] = [
  { name: 'moderation, `standard`', level: 'standard' },
  { name: 'moderation, `strict`', level: 'strict' },
  { name: 'moderation failing (503), `standard`', level: 'standard', trouble: { status: 503 } },
  { name: 'moderation failing (403), `standard`', level: 'standard', trouble: { status: 403 } },
  { name: 'moderation failing (timeout), `standard`', level: 'standard', trouble: 'hang' },
];

/**
 * Bench settings of the judge: no spacing between calls and more of them at once (the
 * production 300 calls a minute would make 1,200 posts take four minutes; it measures
 * verdicts, not time); a short call timeout where the fake hangs, and a long one where it
 * answers (on a busy machine a loopback call can take seconds, and one timeout would turn
 * the healthy row into the fallback's); an outage that outlasts the run (a cool-down ending
 * mid-walk would leave posts unjudged, so untold).
 */
const BENCH_JUDGE = { concurrency: 8, minCallIntervalMs: 0, hangTimeoutMs: 200, answerTimeoutMs: 60_000, coolDownMs: 60 * 60 * 1000 } as const;

/** The fake's scores by the text the bot would send: every corpus post as every kind would read it. */
function scorerFor(entries: readonly CorpusEntry[]): (text: string) => CategoryScore[] {
  const byText = new Map<string, CategoryScore[]>();
  const kinds = catalogFor(DEFAULT_LANGUAGE);
  for (const entry of entries) {
    const post = asPost(entry);
    for (const kind of kinds) {
      const text = contentText(post, kind);
      // Two posts read the same: the offensive label wins.
      if (!byText.has(text) || entry.verdict.label === 'offensive') byText.set(text, labelScores(entry.verdict));
    }
  }
  // A text the corpus does not hold would be a bench bug: the fake refuses it, so it shows as a post lost.
  return (text) => byText.get(text) ?? scores({ Toxic: 1 });
}

export interface ModerationJudgeRow extends Judge {
  /** Requests the fake received. */
  readonly calls: number;
  /** The judge said `moderation degraded` (the fallback judged from then on): expected only where the fake fails. */
  readonly degraded: boolean;
}

/**
 * One row: a fake on a free port, a ModerationJudge reaching it through the REST client,
 * every listing's candidates fed as a request feeds them, and the verdicts once all are
 * settled (a warm cache: moderation never on the answer's path). The fake is closed before
 * this returns; the judge answers from memory.
 */
export async function moderationJudge(entries: readonly CorpusEntry[], setup: ModerationSetup): Promise<ModerationJudgeRow> {
  const fake = await startFakeModeration(scorerFor(entries));
  let degraded = false;
  try {
    fake.trouble(setup.trouble);
    const judge = new ModerationJudge({
      moderator: () => Promise.resolve(createGoogleModerator({ endpoint: fake.url })),
      log: {
        ...silentLogger,
        warn: (_fields, message) => {
          if (message.startsWith('moderation degraded')) degraded = true;
        },
      },
      concurrency: BENCH_JUDGE.concurrency,
      minCallIntervalMs: BENCH_JUDGE.minCallIntervalMs,
      callTimeoutMs: setup.trouble === 'hang' ? BENCH_JUDGE.hangTimeoutMs : BENCH_JUDGE.answerTimeoutMs,
      coolDownMs: BENCH_JUDGE.coolDownMs,
    });
    const byKind = new Map<ContentKind, JudgedCandidates>();
    for (const { kind, listing } of listings(entries.map(asPost), setup.level)) {
      const candidates = judgedCandidates(judge, listing, candidatePosts(listing, kind, OPTIONS(setup.level)), kind, setup.level, () => 0);
      byKind.set(kind, candidates);
    }
    await judge.settled();
    return {
      name: setup.name,
      level: setup.level,
      accept: (post, kind) => byKind.get(kind)?.accept(post) === true,
      calls: fake.calls.length,
      degraded,
    };
  } finally {
    await fake.close();
  }
}

export function moderationJudges(entries: readonly CorpusEntry[], setups: readonly ModerationSetup[] = MODERATION_SETUPS): Promise<ModerationJudgeRow[]> {
  // One after the other: each row's fake and judge alone on the machine.
  return setups.reduce<Promise<ModerationJudgeRow[]>>(
    async (done, setup) => [...(await done), await moderationJudge(entries, setup)],
    Promise.resolve([]),
  );
}

/** The offensive posts told that the local filter at `strict` would have refused: what a failing moderation must never add. */
export function offensiveBeyondStrict(told: ReadonlyArray<{ post: Parameters<Judge['accept']>[0]; kind: ContentKind; offensive: boolean }>) {
  return told.filter(({ post, kind, offensive }) => offensive && !acceptable(post, kind, OPTIONS('strict')));
}
