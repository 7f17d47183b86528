/**
 * The single source of truth for what the bot can tell.
 *
 * The kinds below say what does not depend on the language (how a post is
 * read, which kinds are offered first); everything a user reads or says
 * (subreddit, entity value and synonyms, nouns, chips, read-aloud rules,
 * phrases) is in one file per language under src/languages/. Both the webhook
 * and the exported Dialogflow agent (`npm run agent:build`) are generated from
 * this, so a synonym is written exactly once. Adding a kind = one entry here,
 * its text in each language file, and `npm run agent:build`.
 */
import type { ContentFilterLevel, Tone } from './content-filter';
import { DEFAULT_LANGUAGE, fill, LANGUAGES, type KindText, type Language } from './languages';
import { alternatives, leadWordPattern } from './languages/patterns';

/** How a post becomes speech. */
export type RenderStyle =
  /** title is the setup, selftext the punchline (r/Jokes, r/dadjokes) */
  | 'setup-punchline'
  /** the title alone is the content (TIL, shower thoughts, news headlines) */
  | 'title'
  /** the title, then the body when there is one (life pro tips) */
  | 'title-and-body';

interface KindDefinition {
  /** Catalog id, the same in every language; the follow-up context carries it. */
  readonly id: string;
  readonly render: RenderStyle;
  /** A joke is judged harder than a fact or a headline on the same subject (src/content-filter.ts); unset is a joke. */
  readonly tone?: Tone;
  /** Offered in the follow-up question and the welcome ("a joke or a fact?"). */
  readonly featured?: boolean;
}

/** In chip order. */
export const KINDS: readonly KindDefinition[] = [
  { id: 'joke', render: 'setup-punchline', tone: 'humor', featured: true },
  { id: 'fact', render: 'title', tone: 'info', featured: true },
  { id: 'dad joke', render: 'setup-punchline', tone: 'humor' },
  { id: 'shower thought', render: 'title', tone: 'humor' },
  { id: 'life pro tip', render: 'title-and-body', tone: 'info' },
  { id: 'news', render: 'title', tone: 'info' },
  { id: 'one-liner', render: 'title', tone: 'humor' },
];

/** A kind as offered in one language. */
export interface ContentKind extends KindDefinition, KindText {
  /** The language this kind's text is in. */
  readonly lang: Language;
  /** Built from `titlePrefixes`; matched case-insensitively. */
  readonly stripTitlePrefix?: RegExp;
}

/** Lower-case, single spaces, no surrounding punctuation: how synonyms are compared. */
export function normalizePhrase(text: string): string {
  return text
    .toLowerCase()
    .replace(/[\u2018\u2019]/g, "'")
    .replace(/[^\p{L}\p{N}' -]+/gu, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

const PUNCTUATION = '\\s*(?:,|:|-|–|—)?\\s*';

/**
 * "TIL that ..." / "Today I learned: ..." → "...": the prefix, punctuation, then one of the words after it.
 * Exported for its tests: it runs while the module loads, where a mutation run cannot switch its mutants on.
 */
export function titlePrefixPattern(text: Pick<KindText, 'titlePrefixes' | 'afterTitlePrefix'>): RegExp | undefined {
  if (!text.titlePrefixes?.length) return undefined;
  const after = text.afterTitlePrefix?.length
    ? `(?:(?:${alternatives(text.afterTitlePrefix)})${PUNCTUATION})?`
    : '';
  return new RegExp(`^\\s*(?:${alternatives(text.titlePrefixes)})${PUNCTUATION}${after}`, 'iu');
}

function kindsIn(lang: Language): readonly ContentKind[] {
  return KINDS.flatMap((kind) => {
    const text = lang.kinds[kind.id];
    if (!text) return [];
    const stripTitlePrefix = titlePrefixPattern(text);
    return [{ ...kind, ...text, lang, ...(stripTitlePrefix ? { stripTitlePrefix } : {}) }];
  });
}

const CATALOGS: ReadonlyMap<Language, readonly ContentKind[]> = new Map(
  [...LANGUAGES.values()].map((lang) => [lang, kindsIn(lang)]),
);

/** The kinds offered in a language, in chip order. */
export function catalogFor(lang: Language): readonly ContentKind[] {
  return CATALOGS.get(lang) ?? [];
}

/** The kinds in the default language (English). */
export const CATALOG: readonly ContentKind[] = catalogFor(DEFAULT_LANGUAGE);

/** The kinds of every language (what the agent is generated from). */
export const ALL_KINDS: readonly ContentKind[] = [...CATALOGS.values()].flat();

/** Every phrase a kind answers to: its value and synonyms (normalised, no repeats). */
export function kindPhrases(kind: ContentKind): string[] {
  return [...new Set([kind.value, ...kind.synonyms].map(normalizePhrase))];
}

const BY_PHRASE: ReadonlyMap<Language, ReadonlyMap<string, ContentKind>> = new Map(
  [...CATALOGS].map(([lang, kinds]) => [
    lang,
    new Map(kinds.flatMap((kind) => [kind.id, ...kindPhrases(kind)].map((phrase) => [normalizePhrase(phrase), kind] as const))),
  ]),
);

/**
 * Maps what Dialogflow put in the `content` parameter (normally the entity's
 * reference value, but a synonym or the raw user word when the agent is out of
 * date, or the catalog id from the follow-up context) to a kind of that
 * language. `undefined` when nothing matches.
 */
export function resolveKind(value: string, lang: Language = DEFAULT_LANGUAGE): ContentKind | undefined {
  const phrases = BY_PHRASE.get(lang);
  if (!phrases) return undefined;
  const phrase = normalizePhrase(value);
  return phrases.get(phrase) ?? phrases.get(phrase.replace(leadWordPattern(lang.articles), ''));
}

/** The subreddit a kind reads at a CONTENT_FILTER level: under `strict`, a clean-by-rule one where the language has one. */
export function subredditFor(kind: ContentKind, level: ContentFilterLevel | undefined): string {
  return (level === 'strict' && kind.cleanSubreddit) || kind.subreddit;
}

export function kindById(id: string, lang: Language = DEFAULT_LANGUAGE): ContentKind | undefined {
  return catalogFor(lang).find((kind) => kind.id === id);
}

/** A kind's noun forms, for the phrase templates' `{noun}`, `{a}`, `{aObject}`, `{plural}`. */
export function kindForms(kind: ContentKind): Record<'noun' | 'a' | 'aObject' | 'plural', string> {
  return { noun: kind.noun, a: kind.a, aObject: kind.aObject ?? kind.a, plural: kind.plural };
}

/** "a, b or c" in the language. */
export function listOf(items: readonly string[], lang: Language): string {
  if (items.length <= 1) return items[0] ?? '';
  return `${items.slice(0, -1).join(', ')} ${lang.or} ${items[items.length - 1]!}`;
}

export function featured(lang: Language = DEFAULT_LANGUAGE): readonly ContentKind[] {
  return catalogFor(lang).filter((kind) => kind.featured);
}

/** "a joke or a fact" (or "a joke, a fact or a dad joke" if more are featured). */
export function featuredChoices(lang: Language = DEFAULT_LANGUAGE): string {
  return listOf(featured(lang).map((kind) => kind.aObject ?? kind.a), lang);
}

/** The question every content answer ends with. */
export function followUpPrompt(lang: Language = DEFAULT_LANGUAGE): string {
  return fill(lang.phrases.followUp, { choices: featuredChoices(lang) });
}
