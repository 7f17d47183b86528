/**
 * Is a text fit to read to any audience? Pure (text → verdict), no I/O.
 *
 * It is the judge when no model moderates, and the fallback when one fails,
 * for a family-friendly bot a business puts on its website. It reads:
 * - words: slurs, sexual words, swearing, per language with word boundaries
 *   (English through the `obscenity` library, which sees through leetspeak,
 *   look-alike Unicode letters and stretched letters; German, Spanish and
 *   French through LDNOOBW's lists; see content-filter/languages.ts);
 * - what a word list misses on its own, by general classes of vocabulary:
 *   double meanings, jokes about a group, jokes about a tragedy, cruelty
 *   (content-filter/en.ts and the other languages' files). A joke (`humor`)
 *   is judged harder than a fact or a headline (`info`) on the same subject;
 * - obfuscations: letters spelled out one by one (`f u c k`), invisible
 *   characters inside a word, and masks (`f*ggot`, `sh*t`), which are read as
 *   the word they fit.
 * Innocent phrases that contain a bad word are blanked out first: names (Dick
 * Van Dyke, Jim Cummings), animals and plants (Maine Coon), places
 * (Fukushima, Scunthorpe), science (Homo sapiens, same-sex marriage).
 *
 * Each word is refused from a level on: `standard` refuses slurs, sex, strong
 * swearing, group and tragedy jokes and cruelty; `strict` also refuses mild
 * swearing, double meanings, and jokes or news near death, disease, drugs or
 * crime; `off` refuses nothing.
 */
import type { DataSet, Matcher, PhraseContainer, RegExpMatcher } from 'obscenity';
import { filterLanguage, lexiconFor, type FilterLanguage } from './content-filter/languages';
import { blankOut, RULE_CATEGORIES, type RefusedFrom, type RuleCategory, type Tone } from './content-filter/lexicon';
import { EXTRA_WORDS, LIBRARY_ALLOW, LIBRARY_WORDS, MASKABLE, type ExtraWord, type LibraryClass } from './content-filter/library';

export { EXTRA_WORDS, LIBRARY_ALLOW, LIBRARY_WORDS, MASKABLE } from './content-filter/library';
export type { Tone } from './content-filter/lexicon';

export const CONTENT_FILTER_LEVELS = ['strict', 'standard', 'off'] as const;
export type ContentFilterLevel = (typeof CONTENT_FILTER_LEVELS)[number];
/** What every caller gets when nothing is configured: never slurs, sex, swearing or jokes about groups and tragedies. */
export const DEFAULT_CONTENT_FILTER: ContentFilterLevel = 'standard';

export type OffensiveCategory = RuleCategory;

/** What the text is and in which language: a joke is judged harder than a headline. */
export interface TextContext {
  /** A language code ("de", "es-MX"); English lists for a language without its own. Default English. */
  readonly lang?: string;
  /** Default `humor`: a text whose kind is unknown (a user's topic) is judged the harder way. */
  readonly tone?: Tone;
}

export interface OffensiveTerm {
  readonly category: OffensiveCategory;
  readonly term: string;
  /** The first level that refuses it. */
  readonly from: RefusedFrom;
}

export type Verdict = { allowed: true } | { allowed: false; category: OffensiveCategory; term: string };

const CLASS: Readonly<Record<LibraryClass, { category: OffensiveCategory; from: RefusedFrom }>> = {
  slur: { category: 'slur', from: 'standard' },
  sexual: { category: 'sexual', from: 'standard' },
  profanity: { category: 'profanity', from: 'standard' },
  mildProfanity: { category: 'profanity', from: 'strict' },
};

/** `f**k`, `f*ggot`, `a**hole`, `sh**`: letters with asterisks or hashes in place of some. */
const MASKED_WORD = /(?<![\p{L}\p{N}*#])(?:\p{L}{1,12}[*#]{1,6}\p{L}{1,12}|\p{L}{1,3}[*#]{2,6})(?![\p{L}\p{N}*#])/gu;
/** Three or more single letters with separators between them: `f u c k`, `s.h.i.t`, `f-u-c-k`, `f·u·c·k` (\u00b7), `f•u•c•k` (\u2022). */
const SPELLED_OUT = /(?<![\p{L}\p{N}])\p{L}(?:[\s.\-_*\u00b7\u2022+]{1,2}\p{L}(?![\p{L}\p{N}])){2,}/gu;
/** Characters that hide inside a word without showing: soft hyphen, zero-width ones, BOM. */
const INVISIBLE = /[\u00ad\u180e\u200b-\u200f\u2060-\u2064\ufeff]/g;

/**
 * Surnames and given names that are also rude words. Written with a capital
 * next to another capitalised word (Dick Van Dyke, Moby Dick, Philip K. Dick,
 * Jim Cummings) they are a name, not the word.
 */
const NAME_WORDS = ['Dick', 'Dicks', 'Cummings', 'Cumming', 'Cox', 'Hooker', 'Johnson', 'Willy', 'Fanny', 'Gay', 'Butts', 'Wang', 'Dong', 'Weiner', 'Wiener', 'Bush', 'Kuntz', 'Cockburn', 'Hancock', 'Pecker'];
const NAMES = new RegExp(
  `(?<=\\p{Lu}[\\p{L}'’.-]*\\s+)(?:${NAME_WORDS.join('|')})(?![\\p{L}\\p{N}])|(?<![\\p{L}\\p{N}])(?:${NAME_WORDS.join('|')})(?=\\s+\\p{Lu})`,
  'gu',
);

/** A headline in Title Case capitalises every word, so capitals say nothing about names there. */
function titleCase(text: string): boolean {
  const words = text.match(/\p{L}{4,}/gu) ?? [];
  return words.length >= 4 && words.filter((word) => /^\p{Lu}/u.test(word)).length / words.length >= 0.7;
}

/** Blanks out names that are also rude words. */
export function blankNames(text: string): string {
  // Matched as written: the capitals are the point.
  return titleCase(text) ? text : text.replace(NAMES, (name) => ' '.repeat(name.length));
}

interface Built {
  matcher: Matcher;
  dataset: DataSet<{ originalWord: string }>;
  classOf: ReadonlyMap<string, LibraryClass>;
}

let built: Built | undefined;

/**
 * Built on first use, once per instance: the library costs about 15 ms to
 * load and 1 ms to build, which a request that never judges a text (a
 * welcome, a bye, `CONTENT_FILTER=off`) should not pay for.
 */
function library(): Built {
  if (built) return built;
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- loaded on first use (see above)
  const lib = require('obscenity') as typeof import('obscenity');
  const dataset = new lib.DataSet<{ originalWord: string }>().addAll(lib.englishDataset);
  // A phrase's whitelist is fixed once added, so a library word with more innocent words is added anew.
  const widened: Array<PhraseContainer<{ originalWord: string }>> = [];
  // Every phrase of englishDataset carries its originalWord (a test checks it), as does every phrase added below.
  dataset.removePhrasesIf((phrase) => Boolean(LIBRARY_ALLOW[phrase.metadata!.originalWord]) && widened.push(phrase) > 0);
  for (const phrase of widened) {
    dataset.addPhrase((builder) => {
      builder.setMetadata(phrase.metadata);
      for (const parsed of phrase.patterns) builder.addPattern(parsed);
      for (const term of [...phrase.whitelistedTerms, ...LIBRARY_ALLOW[phrase.metadata!.originalWord]!]) builder.addWhitelistedTerm(term);
      return builder;
    });
  }
  const classOf = new Map<string, LibraryClass>();
  for (const [name, words] of Object.entries(LIBRARY_WORDS) as Array<[LibraryClass, readonly string[]]>) {
    for (const word of words) classOf.set(word, name);
  }
  for (const [name, words] of Object.entries(EXTRA_WORDS) as Array<[LibraryClass, Record<string, readonly string[] | ExtraWord>]>) {
    for (const [word, entry] of Object.entries(words)) {
      const { patterns, allow = [] }: ExtraWord = Array.isArray(entry) ? { patterns: entry } : (entry as ExtraWord);
      // Prefixed, so an extra word never takes over the class of a library word of the same name.
      const key = `${name}:${word}`;
      classOf.set(key, name);
      dataset.addPhrase((phrase) => {
        phrase.setMetadata({ originalWord: key });
        for (const raw of patterns) phrase.addPattern(lib.parseRawPattern(raw));
        for (const term of allow) phrase.addWhitelistedTerm(term);
        return phrase;
      });
    }
  }
  const regexMatcher: RegExpMatcher = new lib.RegExpMatcher({ ...dataset.build(), ...lib.englishRecommendedTransformers });
  built = { matcher: regexMatcher, dataset, classOf };
  return built;
}

/** Builds the matcher now (after the first answer, before the first joke needs it), unless the level never uses it. */
export function preloadContentFilter(level: ContentFilterLevel): void {
  if (level !== 'off') {
    library();
    lexiconFor('en');
  }
}

/** Undoes the obfuscations the library does not see through. */
export function unmask(text: string): string {
  return text.replace(INVISIBLE, '').replace(SPELLED_OUT, (run) => run.replace(/[^\p{L}]+/gu, ''));
}

/** The library's words in English text. */
function libraryTerms(text: string): OffensiveTerm[] {
  const { matcher: m, dataset, classOf } = library();
  // Most texts are clean: hasMatch answers those in about 60% of getAllMatches' time.
  return (m.hasMatch(text) ? m.getAllMatches(text) : []).map((match) => {
    const word = dataset.getPayloadWithPhraseMetadata(match).phraseMetadata!.originalWord;
    return { ...CLASS[classOf.get(word) ?? 'slur'], term: word.replace(/^\w+:/, '') };
  });
}

const ENGLISH_MASKABLE = Object.entries(MASKABLE).flatMap(([name, words]) => words.map((word) => ({ word, ...CLASS[name as LibraryClass] })));

/** What a mask stands for: the worst word it fits (English, or the text's language), or mild profanity when it fits none. */
export function readMask(masked: string, lang: FilterLanguage = 'en'): OffensiveTerm | undefined {
  const shape = new RegExp(`^${masked.toLowerCase().replace(/[*#]+/g, (run) => `\\p{L}{${run.length}}`)}$`, 'u');
  const own = lexiconFor(lang).maskable.flatMap(({ category, from, words }) => words.map((word) => ({ word, category, from })));
  const fits = [...ENGLISH_MASKABLE, ...own].filter(({ word }) => shape.test(word));
  const worst = fits.sort((a, b) => RULE_CATEGORIES.indexOf(a.category) - RULE_CATEGORIES.indexOf(b.category))[0];
  if (worst) return { category: worst.category, from: worst.from, term: masked };
  // `a*b` is arithmetic; a masked word keeps at least four characters.
  return masked.length >= 4 ? { category: 'profanity', from: 'strict', term: masked } : undefined;
}

const rank = (term: OffensiveTerm) => (term.from === 'standard' ? 0 : RULE_CATEGORIES.length) + RULE_CATEGORIES.indexOf(term.category);

/** Every offensive term in the text, worst first (refused from `standard`, then by category); empty for a clean text. */
export function offensiveTerms(text: string, context: TextContext = {}): OffensiveTerm[] {
  const lang = filterLanguage(context.lang);
  const { lexicon, innocent } = lexiconFor(lang);
  // Curly apostrophes (\u2019 ’, \u2018 ‘) read as straight ones. Regex escapes rather than the
  // characters keep the bundle ASCII (test/bundle.test.ts): see scripts/bundle.ts.
  const readable = blankNames(blankOut(unmask(text).replace(/[\u2019\u2018]/g, "'"), innocent));
  const found = [
    ...(lang === 'en' ? libraryTerms(readable) : []),
    ...lexicon.hits(readable, context.tone ?? 'humor'),
    ...[...text.matchAll(MASKED_WORD)].flatMap(([masked]) => readMask(masked, lang) ?? []),
  ];
  const unique = new Map<string, OffensiveTerm>();
  for (const term of found.sort((a, b) => rank(a) - rank(b))) if (!unique.has(term.term)) unique.set(term.term, term);
  return [...unique.values()];
}

/** May this text be read aloud at this level? `off` never loads a list. */
export function judgeText(text: string, level: ContentFilterLevel, context: TextContext = {}): Verdict {
  if (level === 'off' || !text) return { allowed: true };
  const worst = offensiveTerms(text, context).find((term) => level === 'strict' || term.from === 'standard');
  return worst ? { allowed: false, category: worst.category, term: worst.term } : { allowed: true };
}
