/**
 * A small, explainable stand-in for Dialogflow's intent matching.
 *
 * 1. The user text is normalised and split into words, like the training phrases.
 * 2. For each intent it is read up to three ways: as it is; with entity values
 *    (longest synonym first) replaced by the parameter's slot (`@content`); and
 *    additionally with the words after a topic marker replaced by the `@sys.any`
 *    slot (`@topic`). Markers are the words that precede that slot in the
 *    intent's own training phrases ("about", "on").
 * 3. Each reading is compared with each training phrase: score = 2·LCS / (a + b),
 *    the share of words (and slots) the two have in common, in order. The best
 *    reading and phrase give the intent's score.
 * 4. Only intents whose input contexts are all active take part. The best score
 *    wins (ties: more parameters recognised, so "another joke" asks for a joke;
 *    then more input contexts; then fewer missing parameters; then file order).
 *    Below the threshold, or when a fallback intent's negative example wins,
 *    the result is the fallback intent.
 */
import type { EntityEntry } from '../agent/schema';
import { isSlot, phraseInUserWords, slotToken, words, type Agent, type AgentIntent, type AgentParameter, type Token } from './agent';

/**
 * Half the words in common: "a fact" still finds "{content}", "i like trains" finds nothing.
 * (agent.json's mlMinConfidence is a threshold for Dialogflow's ML scores, not for this overlap.)
 */
export const DEFAULT_THRESHOLD = 0.5;

export interface Match {
  readonly intent: AgentIntent;
  /** 0..1, reported to the webhook as intentDetectionConfidence. */
  readonly score: number;
  /** The training phrase that scored best (none for a fallback below the threshold). */
  readonly phrase?: string;
  /** Entity reference values (`content: "joke"`), the topic text for `@sys.any`. */
  readonly parameters: Readonly<Record<string, string>>;
  /** What the user actually said for each parameter (`content.original`). */
  readonly originals: Readonly<Record<string, string>>;
  /** Required parameters the text did not supply. */
  readonly missing: readonly AgentParameter[];
  /** For a fallback below the threshold: the closest intent, to explain why it lost. */
  readonly nearest?: { readonly intent: string; readonly score: number; readonly phrase?: string };
}

export interface MatchOptions {
  readonly threshold?: number;
}

interface Reading {
  readonly tokens: readonly Token[];
  readonly parameters: Record<string, string>;
  readonly originals: Record<string, string>;
}

interface Candidate {
  readonly intent: AgentIntent;
  readonly score: number;
  readonly phrase?: string;
  readonly reading: Reading;
  readonly missing: readonly AgentParameter[];
  readonly order: number;
}

export function matchText(
  agent: Agent,
  text: string,
  activeContexts: ReadonlySet<string>,
  options: MatchOptions = {},
): Match {
  const threshold = options.threshold ?? DEFAULT_THRESHOLD;
  const userWords = words(text);
  const candidates: Candidate[] = [];
  agent.intents.forEach((intent, order) => {
    if (!intent.inputContexts.every((name) => activeContexts.has(name))) return;
    const best = bestPhrase(intent, readings(agent, intent, userWords));
    if (best) candidates.push({ ...best, intent, order, missing: missingParameters(intent, best.reading.parameters) });
  });
  candidates.sort(compareCandidates);

  const winner = candidates[0];
  const fallback = agent.intents.find((intent) => intent.fallback)!;
  if (winner?.intent.fallback) {
    return { intent: winner.intent, score: winner.score, phrase: winner.phrase, parameters: {}, originals: {}, missing: [] };
  }
  if (!winner || winner.score < threshold) {
    // Dialogflow reports a confidence of 1 for the fallback it falls back to.
    const nearest = winner && { intent: winner.intent.name, score: winner.score, phrase: winner.phrase };
    return { intent: fallback, score: 1, parameters: {}, originals: {}, missing: [], ...(nearest ? { nearest } : {}) };
  }
  return {
    intent: winner.intent,
    score: winner.score,
    phrase: winner.phrase,
    parameters: winner.reading.parameters,
    originals: winner.reading.originals,
    missing: winner.missing,
  };
}

/** The intent that an event (`WELCOME`) triggers, if any. */
export function matchEvent(agent: Agent, event: string): Match | undefined {
  const intent = agent.intents.find((candidate) => candidate.events.some((name) => name.toUpperCase() === event.toUpperCase()));
  return intent && { intent, score: 1, parameters: {}, originals: {}, missing: missingParameters(intent, {}) };
}

/** The parameters a text gives for one intent (its entity values and topic), e.g. to fill a prompted slot. */
export function extractParameters(agent: Agent, intent: AgentIntent, text: string): Pick<Match, 'parameters' | 'originals'> {
  const reading = replaceTopic(intent, replaceEntities(agent, intent, { tokens: words(text), parameters: {}, originals: {} }));
  return { parameters: reading.parameters, originals: reading.originals };
}

export function missingParameters(intent: AgentIntent, parameters: Readonly<Record<string, string>>): AgentParameter[] {
  return intent.parameters.filter((parameter) => parameter.required && !parameters[parameter.name]);
}

function compareCandidates(a: Candidate, b: Candidate): number {
  return (
    b.score - a.score ||
    Number(a.intent.fallback) - Number(b.intent.fallback) ||
    Object.keys(b.reading.parameters).length - Object.keys(a.reading.parameters).length ||
    b.intent.inputContexts.length - a.intent.inputContexts.length ||
    a.missing.length - b.missing.length ||
    a.order - b.order
  );
}

function bestPhrase(intent: AgentIntent, candidates: readonly Reading[]): Omit<Candidate, 'intent' | 'order' | 'missing'> | undefined {
  let best: Omit<Candidate, 'intent' | 'order' | 'missing'> | undefined;
  for (const phrase of intent.phrases) {
    for (const reading of candidates) {
      const score = similarity(reading.tokens, phrase.tokens);
      // At equal scores the reading that recognised more parameters wins ("lol that was hilarious").
      const more = best && score === best.score && Object.keys(reading.parameters).length > Object.keys(best.reading.parameters).length;
      if (!best || score > best.score || more) best = { score, phrase: phraseInUserWords(phrase, reading.originals), reading };
    }
  }
  return best;
}

/** 2·LCS / (a + b): 1 for the same words in the same order, 0 for nothing in common. */
export function similarity(a: readonly Token[], b: readonly Token[]): number {
  if (a.length + b.length === 0) return 1;
  return (2 * longestCommonSubsequence(a, b)) / (a.length + b.length);
}

function longestCommonSubsequence(a: readonly Token[], b: readonly Token[]): number {
  let previous = new Array<number>(b.length + 1).fill(0);
  for (const x of a) {
    const row = [0];
    for (let j = 0; j < b.length; j++) row.push(x === b[j] ? previous[j]! + 1 : Math.max(previous[j + 1]!, row[j]!));
    previous = row;
  }
  return previous[b.length]!;
}

/** The text as it is, with entity values as slots, and with a topic slot too. */
function readings(agent: Agent, intent: AgentIntent, userWords: readonly string[]): Reading[] {
  const plain: Reading = { tokens: userWords, parameters: {}, originals: {} };
  const withEntities = replaceEntities(agent, intent, plain);
  const withTopic = replaceTopic(intent, withEntities);
  return [plain, withEntities, withTopic].filter(
    (reading, index, all) => all.findIndex((other) => other.tokens.join(' ') === reading.tokens.join(' ')) === index,
  );
}

function replaceEntities(agent: Agent, intent: AgentIntent, reading: Reading): Reading {
  let tokens = [...reading.tokens];
  const parameters = { ...reading.parameters };
  const originals = { ...reading.originals };
  for (const parameter of intent.parameters) {
    const entries = agent.entities.get(parameter.entity);
    if (!entries) continue;
    const mention = findMention(tokens, entries);
    if (!mention) continue;
    originals[parameter.name] = tokens.slice(mention.start, mention.end).join(' ');
    parameters[parameter.name] = mention.value;
    tokens = [...tokens.slice(0, mention.start), slotToken(parameter.name), ...tokens.slice(mention.end)];
  }
  return { tokens, parameters, originals };
}

interface Mention {
  readonly start: number;
  readonly end: number;
  readonly value: string;
}

/** Leftmost mention of any value or synonym; at one position the longest wins ("dad joke" over "joke"). */
export function findMention(tokens: readonly Token[], entries: readonly EntityEntry[]): Mention | undefined {
  const phrases = entries
    .flatMap((entry) => [entry.value, ...entry.synonyms].map((synonym) => ({ value: entry.value, words: words(synonym) })))
    .filter((phrase) => phrase.words.length > 0)
    .sort((a, b) => b.words.length - a.words.length);
  for (let start = 0; start < tokens.length; start++) {
    for (const phrase of phrases) {
      const end = start + phrase.words.length;
      if (end <= tokens.length && phrase.words.every((word, i) => tokens[start + i] === word)) {
        return { start, end, value: phrase.value };
      }
    }
  }
  return undefined;
}

/** Words that come right before a parameter's slot in the intent's training phrases. */
export function markersFor(intent: AgentIntent, parameter: string): Set<string> {
  const markers = new Set<string>();
  for (const phrase of intent.phrases) {
    phrase.tokens.forEach((token, index) => {
      const before = phrase.tokens[index - 1];
      if (token === slotToken(parameter) && before && !isSlot(before)) markers.add(before);
    });
  }
  return markers;
}

/** "... about cats and dogs" → "... about @topic", for each `@sys.any` parameter. */
function replaceTopic(intent: AgentIntent, reading: Reading): Reading {
  let current = reading;
  for (const parameter of intent.parameters) {
    if (parameter.entity !== 'sys.any' || current.parameters[parameter.name]) continue;
    const markers = markersFor(intent, parameter.name);
    const tokens = current.tokens;
    // Not the first word ("about cats" alone is no request) and not the last (nothing follows).
    const at = tokens.findIndex((token, index) => index > 0 && index < tokens.length - 1 && markers.has(token));
    if (at < 0) continue;
    const rest = tokens.slice(at + 1);
    if (rest.some(isSlot)) continue;
    const topic = rest.join(' ');
    current = {
      tokens: [...tokens.slice(0, at + 1), slotToken(parameter.name)],
      parameters: { ...current.parameters, [parameter.name]: topic },
      originals: { ...current.originals, [parameter.name]: topic },
    };
  }
  return current;
}
