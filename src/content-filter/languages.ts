/**
 * Each language's word lists as one Lexicon, built on first use.
 *
 * English is judged by the obscenity library (which sees through leetspeak and
 * look-alike letters) plus en.ts. German, Spanish and French are judged by
 * LDNOOBW's list for the language (npm `naughty-words`: lists kept by native
 * speakers, each entry classified in de.ts, es.ts, fr.ts), the same classes of
 * words as en.ts in that language, and the English words that texts in any
 * language borrow (fuck, shit, the slurs), minus the ones that are an
 * ordinary word there (German "dick": thick; Spanish "negro": black).
 */
import { DE } from './de';
import { EN_INNOCENT, EN_PAIRS, EN_RULES } from './en';
import { ES } from './es';
import { FR } from './fr';
import { Lexicon, wordPattern, type PairRule, type WordRule } from './lexicon';
import { LIBRARY_WORDS } from './library';

/** How a language's LDNOOBW entries count. Every entry is in exactly one group (a test checks). */
export interface LdnoobwClasses {
  readonly slur: readonly string[];
  readonly sexual: readonly string[];
  /** Sexual, but also an ordinary word: refused only at `strict`. */
  readonly sexualStrict: readonly string[];
  readonly profanity: readonly string[];
  /** Mild swearing: refused only at `strict`. */
  readonly mild: readonly string[];
  /** Not offensive in this language at all (the list is a list of words to avoid in search, not of insults). */
  readonly innocent: readonly string[];
}

export interface LanguageLists {
  readonly ldnoobw: LdnoobwClasses;
  readonly rules: readonly WordRule[];
  /** Words that offend only together (a double meaning next to a partner, a death next to a child). */
  readonly pairs?: readonly PairRule[];
  /** Innocent phrases that contain a listed word, blanked out before matching. */
  readonly innocent: readonly string[];
  /** English words that are an ordinary word in this language. */
  readonly notEnglish: readonly string[];
}

export const FILTER_LANGUAGES = ['en', 'de', 'es', 'fr'] as const;
export type FilterLanguage = (typeof FILTER_LANGUAGES)[number];

export const LISTS: Readonly<Record<Exclude<FilterLanguage, 'en'>, LanguageLists>> = { de: DE, es: ES, fr: FR };

/** The language of a code ("de-AT" → "de"); English for any language without lists. */
export function filterLanguage(code: string | undefined): FilterLanguage {
  const base = (code ?? 'en').toLowerCase().split(/[-_]/)[0];
  return (FILTER_LANGUAGES as readonly string[]).includes(base ?? '') ? (base as FilterLanguage) : 'en';
}

const lower = (words: readonly string[]) => words.map((word) => word.toLowerCase());

/** LDNOOBW's list for a language, as the package ships it (loaded only when a text in that language is judged). */
export function ldnoobwList(lang: Exclude<FilterLanguage, 'en'>): readonly string[] {
  // Static paths, so that the bundler takes the three lists along.
  /* eslint-disable @typescript-eslint/no-require-imports -- a list is read on the first text in its language, not at load (cold start) */
  if (lang === 'de') return require('naughty-words/de.json') as string[];
  if (lang === 'es') return require('naughty-words/es.json') as string[];
  return require('naughty-words/fr.json') as string[];
  /* eslint-enable @typescript-eslint/no-require-imports */
}

/**
 * The list's entries as rules, by their class. An entry the classes do not name (one a later
 * version of the list adds) counts as a slur until it is classified: `standard` refuses it.
 */
export function ldnoobwRules(list: readonly string[], classes: LdnoobwClasses): WordRule[] {
  const classOf = new Map<string, keyof LdnoobwClasses>();
  for (const [name, words] of Object.entries(classes) as Array<[keyof LdnoobwClasses, readonly string[]]>) {
    for (const word of lower(words)) classOf.set(word, name);
  }
  const inClass = (name: keyof LdnoobwClasses) => lower(list).filter((word) => (classOf.get(word) ?? 'slur') === name);
  return [
    { category: 'slur', from: 'standard', words: inClass('slur') },
    { category: 'sexual', from: 'standard', words: inClass('sexual') },
    { category: 'sexual', from: 'strict', words: inClass('sexualStrict') },
    { category: 'profanity', from: 'standard', words: inClass('profanity') },
    { category: 'profanity', from: 'strict', words: inClass('mild') },
  ];
}

/** The library's English slurs, sexual words and strong swear words, as whole words, for texts in other languages. */
function borrowedEnglish(notEnglish: readonly string[]): WordRule[] {
  const keep = (words: readonly string[]) => words.filter((word) => !notEnglish.includes(word) && !word.includes(' '));
  return [
    { category: 'slur', from: 'standard', words: keep([...LIBRARY_WORDS.slur, 'niggers', 'nigga', 'niggas', 'faggot', 'faggots']) },
    { category: 'sexual', from: 'standard', words: keep(LIBRARY_WORDS.sexual) },
    { category: 'profanity', from: 'standard', words: keep([...LIBRARY_WORDS.profanity, 'fucking', 'fucked', 'motherfucker', 'asshole', 'bullshit']) },
  ];
}

export interface Compiled {
  readonly lexicon: Lexicon;
  readonly innocent: RegExp;
  /** The words a mask may stand for (`m*ricón`), besides the English ones. */
  readonly maskable: readonly WordRule[];
}

const lexicons = new Map<FilterLanguage, Compiled>();

/** A language's lexicon and innocent phrases, compiled on first use. */
export function lexiconFor(lang: FilterLanguage): Compiled {
  let built = lexicons.get(lang);
  if (!built) {
    if (lang === 'en') {
      built = { lexicon: new Lexicon(EN_RULES, EN_PAIRS), innocent: wordPattern(EN_INNOCENT), maskable: [] };
    } else {
      const lists = LISTS[lang];
      const ldnoobw = ldnoobwRules(ldnoobwList(lang), lists.ldnoobw);
      built = {
        lexicon: new Lexicon([...ldnoobw, ...lists.rules, ...borrowedEnglish(lists.notEnglish)], lists.pairs),
        innocent: wordPattern(lists.innocent),
        maskable: ldnoobw.filter((rule) => rule.from === 'standard'),
      };
    }
    lexicons.set(lang, built);
  }
  return built;
}
