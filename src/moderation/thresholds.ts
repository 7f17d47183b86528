import * as z from 'zod';
import type { ContentFilterLevel } from '../content-filter';

/**
 * What Cloud Natural Language `moderateText` (v2, MODEL_VERSION_2) says about
 * a text, and which of it each CONTENT_FILTER level refuses. Pure: scores in,
 * verdict out. docs/moderation.md gives the reasons for every number.
 */

/** The 16 safety attributes the API scores (https://cloud.google.com/natural-language/docs/moderating-text). */
export const MODERATION_CATEGORIES = [
  'Toxic',
  'Insult',
  'Profanity',
  'Derogatory',
  'Sexual',
  'Death, Harm & Tragedy',
  'Violent',
  'Firearms & Weapons',
  'Public Safety',
  'Health',
  'Religion & Belief',
  'Illicit Drugs',
  'War & Conflict',
  'Politics',
  'Finance',
  'Legal',
] as const;

export type ModerationCategory = (typeof MODERATION_CATEGORIES)[number];

/** One entry of `moderationCategories`; severity only comes with MODEL_VERSION_2, and only for some categories. */
export const CategoryScoreSchema = z.object({
  name: z.string(),
  confidence: z.number().min(0).max(1).catch(0),
  severity: z.number().min(0).max(1).optional().catch(undefined),
});
export type CategoryScore = z.infer<typeof CategoryScoreSchema>;

/**
 * A category is refused once the model is this confident. With `severity`, a
 * score the API gives a severity for is refused only when it is also at least
 * this severe: a fact that mentions a death, or a mild "damn", is confidently
 * in its category but not graphic.
 */
export interface Rule {
  readonly confidence: number;
  readonly severity?: number;
}

/**
 * The harm categories of the API; the topic ones (Health, Religion & Belief,
 * Politics, War & Conflict, Finance, Legal, Public Safety) are never refused:
 * facts and news are full of them, and a topic is not an offence.
 */
export const THRESHOLDS: Readonly<Record<ContentFilterLevel, Readonly<Partial<Record<ModerationCategory, Rule>>>>> = {
  // A business's family-friendly website: refuse on a low suspicion; a refused joke costs one of fifty.
  strict: {
    Sexual: { confidence: 0.3 },
    Derogatory: { confidence: 0.3 },
    Toxic: { confidence: 0.4 },
    Insult: { confidence: 0.4 },
    Profanity: { confidence: 0.4 },
    Violent: { confidence: 0.5 },
    'Death, Harm & Tragedy': { confidence: 0.5 },
    'Illicit Drugs': { confidence: 0.6 },
    'Firearms & Weapons': { confidence: 0.7 },
  },
  // The default: no slurs, no sexual content, nothing hateful or cruel; mild cursing and sad facts pass.
  standard: {
    Sexual: { confidence: 0.5 },
    Derogatory: { confidence: 0.5 },
    Toxic: { confidence: 0.7 },
    Insult: { confidence: 0.7 },
    Profanity: { confidence: 0.8, severity: 0.5 },
    Violent: { confidence: 0.8, severity: 0.5 },
    'Death, Harm & Tragedy': { confidence: 0.8, severity: 0.5 },
  },
  off: {},
};

export type ModerationVerdict = { allowed: true } | { allowed: false; category: ModerationCategory; confidence: number };

function breaks(rule: Rule, score: CategoryScore): boolean {
  if (score.confidence < rule.confidence) return false;
  return rule.severity === undefined || score.severity === undefined || score.severity >= rule.severity;
}

/** May a text with these scores be told at this level? The first refused category (in the API's order) is named. */
export function moderationVerdict(scores: readonly CategoryScore[], level: ContentFilterLevel): ModerationVerdict {
  const rules = THRESHOLDS[level];
  for (const score of scores) {
    // A category added to the API later has no rule until it is read and given one here.
    const rule = rules[score.name as ModerationCategory];
    if (rule && breaks(rule, score)) return { allowed: false, category: score.name as ModerationCategory, confidence: score.confidence };
  }
  return { allowed: true };
}
