import { catalogFor, featuredChoices, followUpPrompt, kindForms, listOf, type ContentKind } from '../catalog';
import { DEFAULT_LANGUAGE, fill, type Language } from '../languages';
import type { Post } from '../reddit/listing';
import type { OfflineItem } from '../reddit/offline';
import type { LinkCard } from '../reply';
import { capText, echoText, MAX_SPEECH_CHARS, sliceUnits } from './clean';
import { contentText } from './content';

/*
 * Every sentence here comes from the language file (src/languages/<code>.ts);
 * this module only fills in the blanks. Phrases about a kind are in the kind's
 * language; the others take the turn's language (English when left out).
 */

/** Chips offered after content: more of the same, every kind, and a way out. */
export function contentChips(lang: Language = DEFAULT_LANGUAGE): string[] {
  return [lang.phrases.moreChip, ...kindChips(lang), lang.phrases.byeChip];
}

/** Chips offered when the user has to pick a kind. */
export function kindChips(lang: Language = DEFAULT_LANGUAGE): string[] {
  return catalogFor(lang).map((kind) => kind.chip);
}

export function composeSpeech(intro: string, content: string, outro: string): string {
  const frame = [intro, outro].filter(Boolean).join('').length + 4;
  const body = capText(content, Math.max(40, MAX_SPEECH_CHARS - frame));
  return sliceUnits([intro, body, outro].filter(Boolean).join('\n\n'), MAX_SPEECH_CHARS);
}

export function introFor(kind: ContentKind, note?: string): string {
  const intro = fill(kind.lang.phrases.here, kindForms(kind));
  return note ? `${note} ${intro}` : intro;
}

export function postSpeech(post: Post, kind: ContentKind, note?: string): string {
  return composeSpeech(introFor(kind, note), contentText(post, kind), followUpPrompt(kind.lang));
}

export function postCard(post: Post, kind: ContentKind): LinkCard {
  return {
    title: capText(contentText(post, kind).split('\n')[0] ?? kind.noun, 80),
    subtitle: fill(kind.lang.phrases.cardSubtitle, { subreddit: post.subreddit || kind.subreddit }),
    url: `https://www.reddit.com${post.permalink}`,
  };
}

export function welcomeSpeech(lang: Language = DEFAULT_LANGUAGE): string {
  return fill(lang.phrases.welcome, { choices: featuredChoices(lang) });
}

export function askKindSpeech(lang: Language = DEFAULT_LANGUAGE): string {
  const all = listOf(catalogFor(lang).map((kind) => kind.aObject ?? kind.a), lang);
  return fill(lang.phrases.askKind, { all, choices: featuredChoices(lang) });
}

export function unknownKindSpeech(asked: string, lang: Language = DEFAULT_LANGUAGE): string {
  const shown = echoText(asked, 40);
  const what = shown ? `${fill(lang.phrases.unknownKind, { asked: shown })} ` : '';
  return `${what}${askKindSpeech(lang)}`;
}

export function fallbackSpeech(lang: Language = DEFAULT_LANGUAGE): string {
  return `${lang.phrases.fallback} ${askKindSpeech(lang)}`;
}

export function byeSpeech(lang: Language = DEFAULT_LANGUAGE): string {
  return lang.phrases.bye;
}

/**
 * Said before a random post when the topic search gave nothing new. Searches
 * cover the past month, so this does not say "today"; `heardAll` means there
 * were hits, all served already.
 */
export function noTopicHitNote(kind: ContentKind, topic: string, heardAll = false): string {
  const { phrases } = kind.lang;
  return fill(heardAll ? phrases.topicAllHeard : phrases.topicNotFound, { ...kindForms(kind), topic: echoText(topic, 60) });
}

/** A topic the content filter refused: no search, no echo of the words. */
export function offensiveTopicSpeech(kind: ContentKind): string {
  return `${fill(kind.lang.phrases.offensiveTopic, kindForms(kind))} ${followUpPrompt(kind.lang)}`;
}

export function allHeardNote(lang: Language = DEFAULT_LANGUAGE): string {
  return lang.phrases.allHeard;
}

export function apologySpeech(kind: ContentKind): string {
  const { phrases } = kind.lang;
  return composeSpeech(fill(phrases.apology, kindForms(kind)), phrases.apologyHint, followUpPrompt(kind.lang));
}

/** Why the answer comes from the bot's own collection instead of Reddit. */
export type OfflineReason = 'unavailable' | 'nothing-usable' | 'all-heard';

const OFFLINE_WHY = {
  unavailable: 'offlineUnavailable',
  'nothing-usable': 'offlineNothingUsable',
  'all-heard': 'offlineAllHeard',
} as const satisfies Record<OfflineReason, string>;

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
  const { phrases } = kind.lang;
  const same = item.set === kind.id;
  const given = same ? kind : catalogFor(kind.lang).find((other) => other.id === item.set) ?? kind;
  const values = {
    ...kindForms(given),
    why: fill(phrases[OFFLINE_WHY[reason]], kindForms(kind)),
    offTopic: topic && !pick.onTopic ? fill(phrases.offlineOffTopic, { topic: capText(topic, 60) }) : '',
    repeat: pick.repeated ? phrases.offlineRepeat : '',
  };
  return composeSpeech(fill(same ? phrases.offlineSame : phrases.offlineOther, values), item.text, followUpPrompt(kind.lang));
}
