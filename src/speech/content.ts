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
      return body ? `${title}\n${body}` : title;
  }
}

function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
