/**
 * Is a text fit to read to any audience? Pure (text → verdict), no I/O.
 *
 * Matching is the `obscenity` library's English matcher: it sees through
 * leetspeak (`sh1t`, `@ss`), look-alike Unicode letters (`ｆｕｃｋ`, `fück`),
 * stretched letters (`fuuuck`) and knows the innocent words that contain a
 * bad one (Scunthorpe, cocktail, therapist). Two obfuscations it leaves alone
 * are handled here before matching: letters spelled out one by one
 * (`f u c k`, `s.h.i.t`) and invisible characters inside a word. Masked words
 * (`f**k`, `n****r`) cannot be matched, only recognised as masked.
 *
 * The library's words carry no category, and the levels need one, so each of
 * its words is classified here (a word it adds in a later version counts as a
 * slur until classified: `standard` refuses it), plus a few common words its
 * list lacks.
 */
import type { DataSet, Matcher, PhraseContainer, RegExpMatcher } from 'obscenity';

export const CONTENT_FILTER_LEVELS = ['strict', 'standard', 'off'] as const;
export type ContentFilterLevel = (typeof CONTENT_FILTER_LEVELS)[number];
/** What every caller gets when nothing is configured: never slurs or sexual content. */
export const DEFAULT_CONTENT_FILTER: ContentFilterLevel = 'standard';

export type OffensiveCategory = 'slur' | 'sexual' | 'profanity';

export type Verdict = { allowed: true } | { allowed: false; category: OffensiveCategory; term: string };

const REFUSED: Record<ContentFilterLevel, ReadonlySet<OffensiveCategory>> = {
  strict: new Set(['slur', 'sexual', 'profanity']),
  standard: new Set(['slur', 'sexual']),
  off: new Set(),
};

/** The library's English words (its `originalWord` metadata) by category. */
export const LIBRARY_WORDS: Readonly<Record<OffensiveCategory, readonly string[]>> = {
  slur: [
    'abo', 'abeed', 'africoon', 'arabush', 'boonga', 'chingchong', 'chink', 'dyke', 'fag', 'kike', 'negro',
    'nigger', 'retard', 'spastic', 'tranny',
  ],
  sexual: [
    'anal', 'anus', 'bestiality', 'blowjob', 'boob', 'buttplug', 'cock', 'cuck', 'cum', 'cunt', 'deepthroat',
    'dick', 'dildo', 'doggystyle', 'double penetration', 'ejaculate', 'felch', 'fellatio', 'finger bang',
    'fisting', 'gangbang', 'handjob', 'hentai', 'hooker', 'incest', 'jerk off', 'jizz', 'lubejob', 'masturbate',
    'orgasm', 'orgy', 'penis', 'porn', 'pussy', 'rape', 'semen', 'sex', 'slut', 'tit', 'twat', 'vagina', 'wank',
    'whore', 'scat',
  ],
  profanity: ['arse', 'ass', 'bastard', 'bitch', 'bollocks', 'fuck', 'piss', 'prick', 'shit', 'turd'],
};

/** Innocent words the library reads as one of its words (its `originalWord` → more whitelisted terms). */
export const LIBRARY_ALLOW: Readonly<Record<string, readonly string[]>> = {
  shit: ['shiitake'],
};

/** Patterns of one word, and innocent phrases that contain it. */
export interface ExtraWord {
  readonly patterns: readonly string[];
  readonly allow?: readonly string[];
}

/**
 * Common words the library's list lacks, in its pattern syntax: `|` is a word
 * boundary, `[x]` an optional letter, `?` any one character.
 */
export const EXTRA_WORDS: Readonly<Record<OffensiveCategory, Readonly<Record<string, readonly string[] | ExtraWord>>>> = {
  slur: {
    spic: { patterns: ['|spic|', '|spics|'], allow: ['spic and span', 'spic n span'] },
    wetback: ['wetback'],
    gook: ['|gook'],
    raghead: ['raghead', 'towelhead'],
    coon: ['|coon|', '|coons|'],
    beaner: ['|beaner'],
    paki: ['|paki|', '|pakis|'],
    shemale: ['shemale'],
    tard: ['|tard|', '|tards|'],
    jap: ['|jap|', '|japs|'],
    homo: ['|homo|', '|homos|'],
  },
  sexual: {
    sexual: ['|sexual', '|sexting'],
    horny: ['|horny|'],
    boner: ['|boner'],
    erection: ['erection'],
    condom: ['|condom'],
    viagra: ['viagra'],
    naked: { patterns: ['|naked|', '|nude|', '|nudes|', '|nudity'], allow: ['naked eye', 'naked mole'] },
    threesome: ['threesome'],
    stripper: ['|stripper', '|strip club'],
    prostitute: ['prostitut'],
    milf: ['|milf'],
    genitals: ['|genital', '|testicle', '|scrotum'],
    erotic: ['|erotic'],
    foreplay: ['foreplay'],
  },
  profanity: {
    damn: ['|damn', '|dammit', 'goddam'],
    crap: ['|crap|', '|crappy|', '|craps|'],
    douche: ['|douche'],
    ass: ['jackass', 'dumbass', 'smartass', 'badass'],
    wtf: ['|wtf|', '|stfu|'],
  },
};

/** `f**k`, `sh*t`, `b***h`: a word partly replaced by asterisks is a word someone did not want to print. */
const MASKED_WORD = /(?<![\p{L}\p{N}*])\p{L}{1,2}\*{1,5}\p{L}{0,5}(?![\p{L}\p{N}*])/gu;
/** The masked slur read most often: n****r, n***a, n*gga. */
const MASKED_SLUR = /^n[\p{L}*]{3,6}$/iu;
/** Three or more single letters with separators between them: `f u c k`, `s.h.i.t`, `f-u-c-k`. */
const SPELLED_OUT = /(?<![\p{L}\p{N}])\p{L}(?:[\s.\-_*·•+]{1,2}\p{L}(?![\p{L}\p{N}])){2,}/gu;
/** Characters that hide inside a word without showing: soft hyphen, zero-width ones, BOM. */
const INVISIBLE = /[\u00ad\u180e\u200b-\u200f\u2060-\u2064\ufeff]/g;

interface Built {
  matcher: Matcher;
  dataset: DataSet<{ originalWord: string }>;
  categoryOf: ReadonlyMap<string, OffensiveCategory>;
}

let built: Built | undefined;

/**
 * Built on first use, once per instance: the library costs about 15 ms to
 * load and 1 ms to build, which a request that never judges a text (a
 * welcome, a bye, `CONTENT_FILTER=off`) should not pay for.
 */
function matcher(): Built {
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
  const categoryOf = new Map<string, OffensiveCategory>();
  for (const [category, words] of Object.entries(LIBRARY_WORDS) as Array<[OffensiveCategory, readonly string[]]>) {
    for (const word of words) categoryOf.set(word, category);
  }
  for (const [category, words] of Object.entries(EXTRA_WORDS) as Array<[OffensiveCategory, Record<string, readonly string[] | ExtraWord>]>) {
    for (const [word, entry] of Object.entries(words)) {
      const { patterns, allow = [] }: ExtraWord = Array.isArray(entry) ? { patterns: entry } : (entry as ExtraWord);
      // Prefixed, so an extra word never takes over the category of a library word of the same name.
      const key = `${category}:${word}`;
      categoryOf.set(key, category);
      dataset.addPhrase((phrase) => {
        phrase.setMetadata({ originalWord: key });
        for (const raw of patterns) phrase.addPattern(lib.parseRawPattern(raw));
        for (const term of allow) phrase.addWhitelistedTerm(term);
        return phrase;
      });
    }
  }
  const regexMatcher: RegExpMatcher = new lib.RegExpMatcher({ ...dataset.build(), ...lib.englishRecommendedTransformers });
  built = { matcher: regexMatcher, dataset, categoryOf };
  return built;
}

/** Builds the matcher now (after the first answer, before the first joke needs it), unless the level never uses it. */
export function preloadContentFilter(level: ContentFilterLevel): void {
  if (REFUSED[level].size > 0) matcher();
}

/** Undoes the obfuscations the library does not see through. */
export function unmask(text: string): string {
  return text.replace(INVISIBLE, '').replace(SPELLED_OUT, (run) => run.replace(/[^\p{L}]+/gu, ''));
}

const SEVERITY: Record<OffensiveCategory, number> = { slur: 3, sexual: 2, profanity: 1 };

/** Every offensive term in the text with its category, worst first; empty for a clean text. */
export function offensiveTerms(text: string): Array<{ category: OffensiveCategory; term: string }> {
  const { matcher: m, dataset, categoryOf } = matcher();
  const found = new Map<string, OffensiveCategory>();
  const unmasked = unmask(text);
  // Most texts are clean: hasMatch answers those in about 60% of getAllMatches' time.
  for (const match of m.hasMatch(unmasked) ? m.getAllMatches(unmasked) : []) {
    const word = dataset.getPayloadWithPhraseMetadata(match).phraseMetadata!.originalWord;
    found.set(word.replace(/^\w+:/, ''), categoryOf.get(word) ?? 'slur');
  }
  for (const [masked] of text.matchAll(MASKED_WORD)) {
    // `a*b` is arithmetic; a masked word keeps at least four characters.
    if (masked.length < 4) continue;
    found.set(masked, MASKED_SLUR.test(masked) ? 'slur' : 'profanity');
  }
  return [...found]
    .map(([term, category]) => ({ term, category }))
    .sort((a, b) => SEVERITY[b.category] - SEVERITY[a.category]);
}

/** May this text be read aloud at this level? `off` never loads the matcher. */
export function judgeText(text: string, level: ContentFilterLevel): Verdict {
  const refused = REFUSED[level];
  if (refused.size === 0 || !text) return { allowed: true };
  const worst = offensiveTerms(text).find((term) => refused.has(term.category));
  return worst ? { allowed: false, ...worst } : { allowed: true };
}
