import { OFFLINE_FACTS, OFFLINE_JOKES } from './offline-content';

/** The built-in sets: there are jokes and facts of our own, nothing else. */
export type OfflineSet = 'joke' | 'fact';

export interface OfflineItem {
  /** `offline:<set>:<n>`, stored among the served post ids (which are capped at 40 chars). */
  readonly id: string;
  readonly set: OfflineSet;
  /** Plain text to read aloud; a joke's punchline on its own line. */
  readonly text: string;
}

export const OFFLINE: Readonly<Record<OfflineSet, readonly OfflineItem[]>> = {
  joke: OFFLINE_JOKES.map((joke, n) => ({ id: `offline:joke:${n}`, set: 'joke', text: `${joke.setup}\n${joke.punchline}` })),
  fact: OFFLINE_FACTS.map((fact, n) => ({ id: `offline:fact:${n}`, set: 'fact', text: fact })),
};

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

const STOPWORDS = new Set(['the', 'and', 'for', 'with', 'about', 'that', 'this', 'some', 'from', 'any', 'are', 'you', 'your']);

/** "about the cats" → ["cat"]: content words, crude singular, matched at word starts. */
export function topicWords(topic: string): string[] {
  return (topic.toLowerCase().match(/[\p{L}\p{N}]{3,}/gu) ?? [])
    .filter((word) => !STOPWORDS.has(word))
    .map((word) => (word.length > 3 && word.endsWith('s') ? word.slice(0, -1) : word));
}

function mentions(text: string, words: readonly string[]): boolean {
  return words.some((word) => new RegExp(`(?<![\\p{L}\\p{N}])${word}`, 'iu').test(text));
}

/** A random item not served yet, on topic when possible; a repeat only when all were served. */
export function pickOffline(set: OfflineSet, served: ReadonlySet<string>, random: () => number, topic?: string): OfflinePick {
  const all = OFFLINE[set];
  const fresh = all.filter((item) => !served.has(item.id));
  const pool = fresh.length > 0 ? fresh : all;
  const words = topic ? topicWords(topic) : [];
  const onTopic = words.length > 0 ? pool.filter((item) => mentions(item.text, words)) : [];
  const choices = onTopic.length > 0 ? onTopic : pool;
  const item = choices[Math.min(choices.length - 1, Math.floor(random() * choices.length))] as OfflineItem;
  return { item, repeated: fresh.length === 0, onTopic: onTopic.length > 0 };
}
