/** Word lists from the language files → regular expressions. */

export function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * "TIL|today\s*i\s*learned": the words as alternatives; a space inside a word
 * matches any spacing; a word ending in a letter or digit must end there
 * ("TIL" is not the start of "Tilapia"), one ending in an apostrophe need not ("qu'il").
 */
export function alternatives(words: readonly string[]): string {
  return words
    .map((word) => {
      const text = word.trim();
      const pattern = escapeRegExp(text).replace(/\s+/g, '\\s*');
      return /[\p{L}\p{N}]$/u.test(text) ? `${pattern}(?![\\p{L}\\p{N}])` : pattern;
    })
    .join('|');
}

const LEADS = new WeakMap<readonly string[], RegExp>();

/** Matches the words at the start of a text, with the spaces after them ("the " in "the news", "noch einen "). */
export function leadWordPattern(words: readonly string[]): RegExp {
  let pattern = LEADS.get(words);
  if (!pattern) LEADS.set(words, (pattern = new RegExp(`^(?:(?:${alternatives(words)})\\s+)+`, 'iu')));
  return pattern;
}
