/**
 * Word lists as whole-word matchers, per language. Pure: lists in, matches out.
 *
 * A list's words are lower case; `*` at the end of a word stands for any
 * ending (`rapist*`: rapist, rapists), a space for any run of spaces or
 * hyphens (`same sex`: same-sex). A word matches only as a whole word: letters
 * or digits on either side make it another word (`bite` is not in `biteau`,
 * `cum` is not in `cumpleaños`), which is why each language keeps its own
 * lists: the same letters are a slur in one language and a colour in another.
 */

/** What a post is read as: a joke is judged harder than a headline on the same subject. */
export type Tone = 'humor' | 'info';

/** The categories a rule can name, worst first. */
export const RULE_CATEGORIES = ['slur', 'sexual', 'derogatory', 'tragedy', 'violent', 'profanity'] as const;
export type RuleCategory = (typeof RULE_CATEGORIES)[number];

/** `standard` refuses the words at `standard` and `strict`; `strict` only at `strict`. */
export type RefusedFrom = 'standard' | 'strict';

export interface WordRule {
  readonly category: RuleCategory;
  readonly from: RefusedFrom;
  /** Only in this tone (a joke about a group, not a headline about it); both when unset. */
  readonly tone?: Tone;
  readonly words: readonly string[];
}

/**
 * Two kinds of words close together: either alone is ordinary, together they
 * are the joke (a double meaning next to a partner; a death next to a child).
 */
export interface PairRule {
  readonly category: RuleCategory;
  readonly from: RefusedFrom;
  readonly tone?: Tone;
  readonly first: readonly string[];
  readonly second: readonly string[];
  /** At most this many words apart. */
  readonly within: number;
}

export interface Hit {
  readonly category: RuleCategory;
  readonly from: RefusedFrom;
  readonly term: string;
}

/**
 * What counts as part of a word: digits and the letters of Latin, Greek and Cyrillic script, in
 * lower case. Spelled out rather than `\p{L}`: V8 takes tens of milliseconds to compile and first
 * run a long alternation bounded by `\p{L}`, on the first joke of a cold instance.
 */
const WORD_CHAR = "0-9a-z\\u00aa\\u00b5\\u00ba\\u00df-\\u00f6\\u00f8-\\u024f\\u0370-\\u03ff\\u0400-\\u04ff";

function source(word: string): string {
  const open = word.endsWith('*');
  const body = (open ? word.slice(0, -1) : word)
    .trim()
    .replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
    .replace(/ +/g, '[\\s\\-]+');
  return open ? `${body}[${WORD_CHAR}']*` : body;
}

/** One regular expression for a list of words, matching whole words only, in lower-case text (lower-cased once, not `i`). */
export function wordPattern(words: readonly string[]): RegExp {
  // Longest first, so that `black people` wins over `black`.
  const alternatives = [...new Set(words.map((word) => word.toLowerCase()))].sort((a, b) => b.length - a.length).map(source);
  return new RegExp(`(?<![${WORD_CHAR}])(?:${alternatives.join('|')})(?![${WORD_CHAR}])`, 'gu');
}

interface CompiledRule {
  readonly rule: WordRule;
  readonly pattern: RegExp;
}

interface CompiledPair {
  readonly rule: PairRule;
  readonly first: RegExp;
  readonly second: RegExp;
}

const WORDS = new RegExp(`[${WORD_CHAR}]+`, 'gu');

/** Where each match of a pattern starts, counted in words. */
function wordPositions(text: string, pattern: RegExp): Array<{ term: string; word: number }> {
  return [...text.matchAll(pattern)].map((match) => ({
    term: match[0].toLowerCase(),
    word: (text.slice(0, match.index).match(WORDS) ?? []).length,
  }));
}

/** A language's rules, compiled once. */
export class Lexicon {
  private readonly compiled: readonly CompiledRule[];
  private readonly pairs: readonly CompiledPair[];

  constructor(rules: readonly WordRule[], pairs: readonly PairRule[] = []) {
    this.compiled = rules.filter((rule) => rule.words.length > 0).map((rule) => ({ rule, pattern: wordPattern(rule.words) }));
    this.pairs = pairs.map((rule) => ({ rule, first: wordPattern(rule.first), second: wordPattern(rule.second) }));
  }

  /** Every listed word in the text that counts in this tone. */
  hits(anyCase: string, tone: Tone): Hit[] {
    const text = anyCase.toLowerCase();
    const found: Hit[] = [];
    for (const { rule, pattern } of this.compiled) {
      if (rule.tone && rule.tone !== tone) continue;
      for (const [term] of text.matchAll(pattern)) found.push({ category: rule.category, from: rule.from, term: term.toLowerCase() });
    }
    for (const { rule, first, second } of this.pairs) {
      if (rule.tone && rule.tone !== tone) continue;
      const seconds = wordPositions(text, second);
      if (seconds.length === 0) continue;
      for (const one of wordPositions(text, first)) {
        const other = seconds.find((two) => two.term !== one.term && Math.abs(two.word - one.word) <= rule.within);
        if (other) found.push({ category: rule.category, from: rule.from, term: `${one.term} … ${other.term}` });
      }
    }
    return found;
  }
}

/**
 * Text with every innocent phrase blanked out, so that no list sees the bad word inside it. The
 * pattern is matched against the lower-cased text, whose positions are the same as the text's
 * wherever lower-casing keeps the length (a text where it does not is matched as it is).
 */
export function blankOut(text: string, innocent: RegExp): string {
  const lower = text.toLowerCase();
  if (lower.length !== text.length) return text.replace(innocent, (phrase) => ' '.repeat(phrase.length));
  let out = '';
  let last = 0;
  for (const match of lower.matchAll(innocent)) {
    out += text.slice(last, match.index) + ' '.repeat(match[0].length);
    last = match.index + match[0].length;
  }
  return out + text.slice(last);
}
