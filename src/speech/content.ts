import type { ContentKind } from '../catalog';
import type { Post } from '../reddit/listing';
import { cleanText } from './clean';

/**
 * Cleaning (entities and ~20 markdown rules per field) is the costliest step
 * of a warm answer, and one answer needs a post's text up to three times
 * (filter, speech, card). Posts from the listing cache are the same objects
 * on every hit, so the text is kept per post (weakly) and kind.
 */
const texts = new WeakMap<Post, Map<ContentKind, string>>();

/** The text of a post that is read to the user for this kind (no intro, no prompt). */
export function contentText(post: Post, kind: ContentKind): string {
  let byKind = texts.get(post);
  let text = byKind?.get(kind);
  if (text === undefined) {
    text = render(post, kind);
    if (!byKind) texts.set(post, (byKind = new Map<ContentKind, string>()));
    byKind.set(kind, text);
  }
  return text;
}

function render(post: Post, kind: ContentKind): string {
  let title = cleanText(post.title);
  if (kind.stripTitlePrefix) title = capitalize(title.replace(kind.stripTitlePrefix, ''));
  const body = cleanText(post.selftext);
  switch (kind.render) {
    case 'title':
      return title;
    case 'setup-punchline':
    case 'title-and-body':
      if (!body) return title;
      return titleAddsNothing(title, body) ? body : `${title}\n${body}`;
  }
}

const letters = (text: string) => text.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, '');

/** A title about the post rather than part of it: one capitalised word ("Honesty"), "My favourite joke", "A dad joke for you". */
const META_WORD = /^\p{Lu}\p{Ll}{3,}[.!:]?$/u;
const META_TITLE = /^(?:(?:(?:my|a|the|this|one|our)\s+)?(?:(?:all[- ]time|new|old|favou?rite|best|worst|clean|short|long|bad|good|funniest|dad'?s?|dumb|stupid|silly)\s+)*(?:dad\s+)?(?:joke|pun|one)s?(?:\s+(?:ever|of all time|for you|i know))?)[.!:]?$/iu;

/**
 * Told in two bubbles, a title that only repeats the start of the body, or
 * only names the post, would be a setup without a joke: the body alone is told.
 */
export function titleAddsNothing(title: string, body: string): boolean {
  const head = letters(title);
  return head === '' || letters(body).startsWith(head) || META_WORD.test(title.trim()) || META_TITLE.test(title.trim());
}

function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
