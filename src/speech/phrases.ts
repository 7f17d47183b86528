import { CATALOG, featuredChoices, followUpPrompt, withArticle, type ContentKind } from '../catalog';
import type { Post } from '../reddit/listing';
import type { OfflineItem } from '../reddit/offline';
import type { LinkCard } from '../reply';
import { capText, echoText, MAX_SPEECH_CHARS, sliceUnits } from './clean';
import { contentText } from './content';

const plural = (noun: string) => (noun.endsWith('s') ? noun : `${noun}s`);

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

/**
 * Said before a random post when the topic search gave nothing new. Searches
 * cover the past month, so this does not say "today"; `heardAll` means there
 * were hits, all served already.
 */
export function noTopicHitNote(kind: ContentKind, topic: string, heardAll = false): string {
  const about = `about ${echoText(topic, 60)}`;
  return heardAll
    ? `That was every ${kind.noun} ${about} I could find, so here's a random one.`
    : `I couldn't find ${withArticle(kind.noun)} ${about}, so here's a random one.`;
}

/** A topic the content filter refused: no search, no echo of the words. */
export function offensiveTopicSpeech(kind: ContentKind): string {
  return `I'd rather not look for ${plural(kind.noun)} about that. ${followUpPrompt()}`;
}

export const ALL_HEARD_NOTE = "You've heard all of today's new ones, so here's one again.";

export function apologySpeech(kind: ContentKind): string {
  return composeSpeech(
    `Sorry, I couldn't get ${withArticle(kind.noun)} from Reddit right now.`,
    'Please try again in a moment, or ask for something else.',
  );
}

/** Why the answer comes from the bot's own collection instead of Reddit. */
export type OfflineReason = 'unavailable' | 'nothing-usable' | 'all-heard';

const OFFLINE_WHY: Record<OfflineReason, (kind: ContentKind) => string> = {
  unavailable: () => "Reddit isn't answering right now",
  'nothing-usable': (kind) => `Reddit has no ${plural(kind.noun)} I can read out right now`,
  'all-heard': (kind) => `You've heard all of today's ${plural(kind.noun)} from Reddit`,
};

/**
 * Says honestly where the answer comes from: "Reddit isn't answering right
 * now, so here's one from my own collection:" (or "a fact ... instead" when
 * the kind has no collection of its own).
 */
export function offlineSpeech(
  kind: ContentKind,
  item: OfflineItem,
  reason: OfflineReason,
  pick: { repeated: boolean; onTopic: boolean },
  topic?: string,
): string {
  const same = item.set === kind.id;
  const what = same ? 'one' : withArticle(item.set);
  const instead = same ? '' : ' instead';
  const offTopic = topic && !pick.onTopic ? `, though it's not about ${capText(topic, 60)}` : '';
  const repeat = pick.repeated ? ", one you've heard before" : '';
  return composeSpeech(`${OFFLINE_WHY[reason](kind)}, so here's ${what} from my own collection${instead}${offTopic}${repeat}:`, item.text);
}
