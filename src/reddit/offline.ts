import { DEFAULT_LANGUAGE, LANGUAGES, type Language } from '../languages';
import { escapeRegExp } from '../languages/patterns';
import { pickRandom } from '../random-pick';

export type { OfflineJoke } from '../languages';

/** The built-in sets: there are jokes and facts of our own, nothing else. */
export type OfflineSet = 'joke' | 'fact';

export interface OfflineItem {
  /** `offline:<set>:<n>` (English) or `offline:<lang>-<set>:<n>`, stored among the served post ids (capped at 40 chars). */
  readonly id: string;
  readonly set: OfflineSet;
  /** Plain text to read aloud; a joke's punchline on its own line. */
  readonly text: string;
}

type Collection = Readonly<Record<OfflineSet, readonly OfflineItem[]>>;

/** English ids keep their original form (`offline:joke:7`): they may sit in live follow-up contexts. */
function collection({ code, offline }: Language): Collection {
  const prefix = code === 'en' ? 'offline:' : `offline:${code}-`;
  const { jokes = [], facts = [] } = offline ?? {};
  return {
    joke: jokes.map((joke, n) => ({ id: `${prefix}joke:${n}`, set: 'joke', text: `${joke.setup}\n${joke.punchline}` })),
    fact: facts.map((fact, n) => ({ id: `${prefix}fact:${n}`, set: 'fact', text: fact })),
  };
}

/**
 * The collection per language code, from each language file's `offline`; a
 * language without one gets none (and hears an apology).
 */
const COLLECTIONS: ReadonlyMap<string, Collection> = new Map([...LANGUAGES.values()].map((lang) => [lang.code, collection(lang)]));

/** The English collection. */
export const OFFLINE: Collection = COLLECTIONS.get('en')!;

/** A language's items of a set; empty when the language has no collection. */
export function offlineItems(set: OfflineSet, lang: Language = DEFAULT_LANGUAGE): readonly OfflineItem[] {
  return COLLECTIONS.get(lang.code)?.[set] ?? [];
}

/**
 * Which set stands in for a catalog kind. Jokes of any style get jokes; facts
 * and fact-like kinds get facts; news has no honest substitute, so it gets none
 * (the user hears an apology instead of an old "headline").
 */
const SET_FOR_KIND: Readonly<Record<string, OfflineSet>> = {
  joke: 'joke',
  'dad joke': 'joke',
  'one-liner': 'joke',
  fact: 'fact',
  'shower thought': 'fact',
  'life pro tip': 'fact',
};

export function offlineSetFor(kindId: string): OfflineSet | undefined {
  return SET_FOR_KIND[kindId];
}

export interface OfflinePick {
  item: OfflineItem;
  /** Every item of the set was served already; this one is a repeat. */
  repeated: boolean;
  /** The item mentions the topic the user asked about. */
  onTopic: boolean;
}

const STOPWORDS = new WeakMap<Language, ReadonlySet<string>>();

function stopwords(lang: Language): ReadonlySet<string> {
  let words = STOPWORDS.get(lang);
  if (!words) STOPWORDS.set(lang, (words = new Set(lang.topicStopwords.map((word) => word.toLowerCase()))));
  return words;
}

const ENDINGS = new WeakMap<Language, RegExp>();

/** The language's `topicWordEndings` (default "s") as one pattern anchored at the end. */
function endings(lang: Language): RegExp {
  let ending = ENDINGS.get(lang);
  if (!ending) ENDINGS.set(lang, (ending = new RegExp(`(?:${(lang.topicWordEndings ?? ['s']).map(escapeRegExp).join('|')})$`, 'u')));
  return ending;
}

/**
 * "about the cats" → ["cat"]: content words (the language's stopwords dropped),
 * a crude singular (the language's `topicWordEndings` cut off: a final "s", or
 * German "-en"/"-n"/"-e"/"-s"), matched at word starts.
 */
export function topicWords(topic: string | undefined, lang: Language = DEFAULT_LANGUAGE): string[] {
  const ending = endings(lang);
  return (topic?.toLowerCase().match(/[\p{L}\p{N}]{3,}/gu) ?? [])
    .filter((word) => !stopwords(lang).has(word))
    .map((word) => (word.length > 3 ? word.replace(ending, '') : word));
}

/** Does `text` hold one of `words` at a word start? */
export function mentions(text: string, words: readonly string[]): boolean {
  return words.some((word) => new RegExp(`(?<![\\p{L}\\p{N}])${word}`, 'iu').test(text));
}

/** A random item not served yet, on topic when possible; a repeat only when all were served; undefined when the language has none. */
export function pickOffline(
  set: OfflineSet,
  served: ReadonlySet<string>,
  random: () => number,
  topic?: string,
  lang: Language = DEFAULT_LANGUAGE,
): OfflinePick | undefined {
  const all = offlineItems(set, lang);
  if (all.length === 0) return undefined;
  const fresh = all.filter((item) => !served.has(item.id));
  const pool = fresh.length > 0 ? fresh : all;
  const words = topicWords(topic, lang);
  // No topic words: `some` over none is false, so nothing is on topic.
  const onTopic = pool.filter((item) => mentions(item.text, words));
  const choices = onTopic.length > 0 ? onTopic : pool;
  const item = pickRandom(choices, random);
  return { item, repeated: fresh.length === 0, onTopic: onTopic.length > 0 };
}
