/** Word lists from the language files → regular expressions. */

export function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** "TIL|today\s*i\s*learned": the words as alternatives; a space inside a word matches any spacing. */
export function alternatives(words: readonly string[]): string {
  return words.map((word) => escapeRegExp(word.trim()).replace(/\s+/g, '\\s*')).join('|');
}

const LEADS = new WeakMap<readonly string[], RegExp>();

/** Matches one of the words at the start of a text, with the spaces after it ("the " in "the news"). */
export function leadWordPattern(words: readonly string[]): RegExp {
  let pattern = LEADS.get(words);
  if (!pattern) LEADS.set(words, (pattern = new RegExp(`^(?:${alternatives(words)})\\s+`, 'iu')));
  return pattern;
}
