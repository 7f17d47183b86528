import { CATALOG, featuredChoices, followUpPrompt, withArticle, type ContentKind } from '../catalog';
import type { Post } from '../reddit/listing';
import type { LinkCard } from '../reply';
import { capText, echoText, MAX_SPEECH_CHARS, sliceUnits } from './clean';
import { contentText } from './content';

/** Chip that asks for "more of the same" (the say-content-more intent's phrase). */
export const MORE_CHIP = 'Another one';
export const BYE_CHIP = 'Bye';

/** Chips offered after content: more of the same, every kind, and a way out. */
export function contentChips(): string[] {
  return [MORE_CHIP, ...CATALOG.map((kind) => kind.chip), BYE_CHIP];
}

/** Chips offered when the user has to pick a kind. */
export function kindChips(): string[] {
  return CATALOG.map((kind) => kind.chip);
}

/** Joins intro, content and the follow-up question, cutting only the content to fit. */
export function composeSpeech(intro: string, content: string, outro: string = followUpPrompt()): string {
  const frame = [intro, outro].filter(Boolean).join('').length + 4;
  const body = capText(content, Math.max(40, MAX_SPEECH_CHARS - frame));
  return sliceUnits([intro, body, outro].filter(Boolean).join('\n\n'), MAX_SPEECH_CHARS);
}

export function introFor(kind: ContentKind, note?: string): string {
  const intro = `Here's ${withArticle(kind.noun)}:`;
  return note ? `${note} ${intro}` : intro;
}

export function postSpeech(post: Post, kind: ContentKind, note?: string): string {
  return composeSpeech(introFor(kind, note), contentText(post, kind));
}

export function postCard(post: Post, kind: ContentKind): LinkCard {
  return {
    title: capText(contentText(post, kind).split('\n')[0] ?? kind.noun, 80),
    subtitle: `r/${post.subreddit || kind.subreddit} on Reddit`,
    url: `https://www.reddit.com${post.permalink}`,
  };
}

export function welcomeSpeech(): string {
  return `Hi! I tell jokes and facts from today's top posts on Reddit. What do you want to hear, ${featuredChoices()}?`;
}

export function askKindSpeech(): string {
  const all = CATALOG.map((kind) => withArticle(kind.noun));
  return `I can tell you ${all.slice(0, -1).join(', ')} or ${all[all.length - 1]}. What would you like, ${featuredChoices()}?`;
}

export function unknownKindSpeech(asked: string): string {
  const shown = echoText(asked, 40);
  const what = shown ? `I don't have "${shown}" yet. ` : '';
  return `${what}${askKindSpeech()}`;
}

export function fallbackSpeech(): string {
  return `Sorry, I didn't get that. ${askKindSpeech()}`;
}

export function byeSpeech(): string {
  return 'Bye! Come back any time for another joke or fact.';
}

export function noTopicHitNote(kind: ContentKind, topic: string): string {
  return `I couldn't find ${withArticle(kind.noun)} about ${echoText(topic, 60)} today, so here's a random one.`;
}

export const ALL_HEARD_NOTE = "You've heard all of today's new ones, so here's one again.";

export function apologySpeech(kind: ContentKind): string {
  return composeSpeech(
    `Sorry, I couldn't get ${withArticle(kind.noun)} from Reddit right now.`,
    'Please try again in a moment, or ask for something else.',
  );
}
