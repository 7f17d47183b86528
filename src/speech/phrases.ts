import { catalogFor, featuredChoices, followUpPrompt, kindForms, listOf, type ContentKind } from '../catalog';
import { DEFAULT_LANGUAGE, fill, type Language } from '../languages';
import { pickRandom, randomIndex } from '../random-pick';
import type { Post } from '../reddit/listing';
import type { OfflineItem } from '../reddit/offline';
import type { LinkCard, Reply } from '../reply';
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

/** "Here's a joke:", or the note that introduces the answer instead ("I couldn't find ..., so here's another one:"). */
export function introFor(kind: ContentKind, note?: string): string {
  return note ?? fill(kind.lang.phrases.here, kindForms(kind));
}

export function postSpeech(post: Post, kind: ContentKind, note?: string): string {
  return tellPost(post, kind, introFor(kind, note), followUpPrompt(kind.lang)).speech;
}

/** The whole answer (speech) and its chat bubbles. */
export interface Told {
  speech: string;
  /** One bubble, or two for a joke: the setup, then the punchline with the follow-up question. */
  texts: string[];
}

/**
 * A joke is told like a joke: on chat integrations the setup and the
 * punchline are two messages; the speech reads both, in order. Content
 * without a punchline (or cut to fit) stays one message.
 */
export function tell(intro: string, content: string, outro: string, joke: boolean): Told {
  const speech = composeSpeech(intro, content, outro);
  const cut = content.indexOf('\n');
  const whole = [intro, content, outro].filter(Boolean).join('\n\n');
  if (!joke || cut <= 0 || cut === content.length - 1 || speech !== whole) return { speech, texts: [speech] };
  const setup = content.slice(0, cut).trim();
  const punchline = content.slice(cut + 1).trim();
  return { speech, texts: [[intro, setup].filter(Boolean).join('\n\n'), [punchline, outro].filter(Boolean).join('\n\n')] };
}

export function tellPost(post: Post, kind: ContentKind, intro: string, outro: string): Told {
  return tell(intro, contentText(post, kind), outro, kind.render === 'setup-punchline');
}

/**
 * The follow-up question for this answer: the usual one first in a
 * conversation, then one of the other phrasings at random, never the one
 * asked just before (`previous`, its index, travels in the follow-up context).
 */
export function nextFollowUp(lang: Language, previous: number | undefined, random: () => number): { index: number; text: string } {
  const all = [lang.phrases.followUp, ...lang.phrases.followUpVariants];
  let index = 0;
  if (previous !== undefined) {
    index = randomIndex(all.length - 1, random);
    if (index >= previous) index += 1;
  }
  return { index, text: fill(all[index]!, { choices: featuredChoices(lang) }) };
}

export function surpriseIntro(kind: ContentKind): string {
  return fill(kind.lang.phrases.surprise, kindForms(kind));
}

export function repeatIntro(kind: ContentKind): string {
  return fill(kind.lang.phrases.repeat, kindForms(kind));
}

export function repeatNothingSpeech(lang: Language = DEFAULT_LANGUAGE): string {
  return fill(lang.phrases.repeatNothing, { choices: featuredChoices(lang) });
}

export function helpSpeech(lang: Language = DEFAULT_LANGUAGE): string {
  const all = listOf(catalogFor(lang).map((kind) => kind.aObject ?? kind.a), lang);
  return fill(lang.phrases.help, { all, choices: featuredChoices(lang) });
}

/** A short reply to feedback, picked at random; after a negative one, `other` is offered instead. */
export function feedbackSpeech(lang: Language, positive: boolean, random: () => number, other?: ContentKind): string {
  const replies = positive ? lang.phrases.feedbackPositive : lang.phrases.feedbackNegative;
  const reply = pickRandom(replies, random);
  return fill(reply, { other: other ? (other.aObject ?? other.a) : featuredChoices(lang) });
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

const SORRY = new Map<Language, Reply>();

/** When the bot itself failed: an apology with the chips to try again (one object per language, made once). */
export function sorryReply(lang: Language = DEFAULT_LANGUAGE): Reply {
  let reply = SORRY.get(lang);
  if (!reply) SORRY.set(lang, (reply = { speech: lang.phrases.somethingWrong, chips: contentChips(lang) }));
  return reply;
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
export function offensiveTopicSpeech(kind: ContentKind, outro: string = followUpPrompt(kind.lang)): string {
  return `${fill(kind.lang.phrases.offensiveTopic, kindForms(kind))} ${outro}`;
}

export function allHeardNote(lang: Language = DEFAULT_LANGUAGE): string {
  return lang.phrases.allHeard;
}

export function apologySpeech(kind: ContentKind, outro: string = followUpPrompt(kind.lang)): string {
  const { phrases } = kind.lang;
  return composeSpeech(fill(phrases.apology, kindForms(kind)), phrases.apologyHint, outro);
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
  outro: string = followUpPrompt(kind.lang),
): Told {
  const { phrases } = kind.lang;
  const same = item.set === kind.id;
  const given = same ? kind : catalogFor(kind.lang).find((other) => other.id === item.set) ?? kind;
  const values = {
    ...kindForms(given),
    why: fill(phrases[OFFLINE_WHY[reason]], kindForms(kind)),
    offTopic: topic && !pick.onTopic ? fill(phrases.offlineOffTopic, { topic: capText(topic, 60) }) : '',
    repeat: pick.repeated ? phrases.offlineRepeat : '',
  };
  return tell(fill(same ? phrases.offlineSame : phrases.offlineOther, values), item.text, outro, item.set === 'joke');
}
