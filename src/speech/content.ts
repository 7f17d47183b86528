import type { ContentKind } from '../catalog';
import type { Post } from '../reddit/listing';
import { cleanText } from './clean';

/** The text of a post that is read to the user for this kind (no intro, no prompt). */
export function contentText(post: Post, kind: ContentKind): string {
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
