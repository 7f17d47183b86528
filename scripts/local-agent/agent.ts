/**
 * An agent export folder (agent/) → the model the local matcher works on.
 *
 * Everything the matcher knows comes from these files, read with the same zod
 * schemas `agent:check` uses, so a phrase or synonym exists exactly once: in
 * the catalog and intent templates that `npm run agent:build` turns into agent/.
 */
import { normalizePhrase } from '../../src/catalog';
import { languagePrefix } from '../../src/languages';
import { readTree } from '../agent/files';
import {
  AgentFileSchema,
  EntityEntriesFileSchema,
  IntentFileSchema,
  UserSaysFileSchema,
  type EntityEntry,
  type IntentFile,
  type UserSays,
} from '../agent/schema';
import type { z } from 'zod';

/** A word of a training phrase, or `@<parameter>` where the phrase has an annotated value. */
export type Token = string;

export const SLOT_PREFIX = '@';
export const slotToken = (parameter: string): Token => `${SLOT_PREFIX}${parameter}`;
export const isSlot = (token: Token): boolean => token.startsWith(SLOT_PREFIX);

export interface TrainingPhrase {
  /** As written in the export, for explanations ("matched 'tell me a joke about cats'"). */
  readonly text: string;
  readonly tokens: readonly Token[];
  /** The text in its parts, annotated ones with their parameter, to show a match in the user's words. */
  readonly parts: readonly { readonly text: string; readonly parameter?: string }[];
}

/**
 * The phrase with each annotated value replaced by what the user said for it, so
 * "a fact" shows as matching "facts", not the phrase's own example ("jokes").
 */
export function phraseInUserWords(phrase: TrainingPhrase, originals: Readonly<Record<string, string>>): string {
  return phrase.parts.map((part) => (part.parameter !== undefined ? (originals[part.parameter] ?? part.text) : part.text)).join('');
}

export interface AgentParameter {
  readonly name: string;
  /** Without the `@`: `content`, `sys.any`. */
  readonly entity: string;
  readonly required: boolean;
  readonly prompts: readonly string[];
}

export interface ContextSetting {
  readonly name: string;
  /** 0 clears the context. */
  readonly lifespan: number;
}

export interface AgentIntent {
  readonly id: string;
  readonly name: string;
  readonly action: string;
  readonly inputContexts: readonly string[];
  readonly outputContexts: readonly ContextSetting[];
  readonly resetContexts: boolean;
  readonly parameters: readonly AgentParameter[];
  readonly events: readonly string[];
  readonly fallback: boolean;
  readonly webhook: boolean;
  /** The intent's own text responses: what Dialogflow says when the webhook fails. */
  readonly staticReplies: readonly string[];
  /** For a fallback intent these are negative examples. */
  readonly phrases: readonly TrainingPhrase[];
}

export interface Agent {
  readonly displayName: string;
  /** The language this model was read in (`en`, `de`, ...): phrases, synonyms, prompts and replies are that language's. */
  readonly languageCode: string;
  readonly intents: readonly AgentIntent[];
  /** Custom entity name (`content`) → its entries. */
  readonly entities: ReadonlyMap<string, readonly EntityEntry[]>;
}

export class AgentLoadError extends Error {
  override name = 'AgentLoadError';
}

/**
 * The language asked for (`--lang`, a script's `lang:` line) is not one of the
 * agent's. The agent files are fine: the caller knows where the code came from
 * and names it.
 */
export class UnknownLanguageError extends AgentLoadError {
  override name = 'UnknownLanguageError';
  constructor(
    readonly requested: string,
    readonly languages: readonly string[],
  ) {
    super(`the agent does not speak "${requested}" (it speaks ${languages.join(', ')})`);
  }
}

/**
 * One of the agent's languages for a requested code: the code itself (any case),
 * else its language, as the webhook reads it (src/languages): `de-AT`, `de_at` → `de`.
 */
export function agentLanguageFor(requested: string, languages: readonly string[]): string | undefined {
  const exact = requested.toLowerCase().replace(/_/g, '-');
  if (languages.includes(exact)) return exact;
  const prefix = languagePrefix(requested);
  return prefix !== undefined && languages.includes(prefix) ? prefix : undefined;
}

export async function loadAgent(dir: string, languageCode?: string): Promise<Agent> {
  const files = await readTree(dir).catch((error: unknown) => {
    throw new AgentLoadError(`cannot read the agent folder ${dir}: ${(error as Error).message}`);
  });
  return agentFromFiles(files, languageCode);
}

/** The agent in each of its languages (agent.json's `language` first), from one read of the folder. */
export async function loadAgents(dir: string): Promise<Map<string, Agent>> {
  const files = await readTree(dir).catch((error: unknown) => {
    throw new AgentLoadError(`cannot read the agent folder ${dir}: ${(error as Error).message}`);
  });
  const first = agentFromFiles(files);
  return new Map([first, ...agentLanguages(files).slice(1).map((code) => agentFromFiles(files, code))].map((agent) => [agent.languageCode, agent]));
}

/** One file of an agent folder (ES or CX), parsed with its schema; an AgentLoadError names the file and the first problem. */
export function readAgentFile<T>(files: ReadonlyMap<string, string>, path: string, schema: z.ZodType<T>): T {
  const text = files.get(path);
  if (text === undefined) throw new AgentLoadError(`${path}: missing`);
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new AgentLoadError(`${path}: invalid JSON (${(error as Error).message})`);
  }
  const parsed = schema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new AgentLoadError(`${path}: ${issue.path.join('.') || '(root)'}: ${issue.message}; run \`npm run agent:check\``);
  }
  return parsed.data;
}

function agentLanguages(files: ReadonlyMap<string, string>): string[] {
  const agent = AgentFileSchema.parse(JSON.parse(files.get('agent.json')!));
  return [agent.language, ...agent.supportedLanguages];
}

/**
 * Builds the model from export files (relative path → text), e.g. straight
 * from `generateAgent()`, in one of the agent's languages (default: agent.json's `language`).
 */
export function agentFromFiles(files: ReadonlyMap<string, string>, languageCode?: string): Agent {
  const read = <T>(path: string, schema: z.ZodType<T>): T => readAgentFile(files, path, schema);

  const agentFile = read('agent.json', AgentFileSchema);
  const languages = [agentFile.language, ...agentFile.supportedLanguages];
  const lang = languageCode === undefined ? agentFile.language : agentLanguageFor(languageCode, languages);
  if (lang === undefined) throw new UnknownLanguageError(languageCode!, languages);

  const entities = new Map<string, readonly EntityEntry[]>();
  const entriesFile = new RegExp(`^entities/([^/]+)_entries_${lang}\\.json$`);
  for (const path of files.keys()) {
    const match = entriesFile.exec(path);
    if (match) entities.set(match[1]!, read(path, EntityEntriesFileSchema));
  }

  const intents: AgentIntent[] = [];
  for (const path of files.keys()) {
    if (!/^intents\/[^/]+\.json$/.test(path) || /_usersays_[a-z-]+\.json$/.test(path)) continue;
    const file = read(path, IntentFileSchema);
    const userSaysPath = `intents/${file.name}_usersays_${lang}.json`;
    const userSays = files.has(userSaysPath) ? read(userSaysPath, UserSaysFileSchema) : [];
    intents.push(toIntent(file, userSays, lang));
  }
  if (!intents.some((intent) => intent.fallback)) throw new AgentLoadError('intents/: no fallback intent');

  return { displayName: agentFile.displayName, languageCode: lang, intents, entities };
}

function toIntent(file: IntentFile, userSays: readonly UserSays[], lang: string): AgentIntent {
  const response = file.responses[0]!;
  return {
    id: file.id,
    name: file.name,
    action: response.action,
    inputContexts: file.contexts.map((name) => name.toLowerCase()),
    outputContexts: response.affectedContexts.map((context) => ({ name: context.name.toLowerCase(), lifespan: context.lifespan })),
    resetContexts: response.resetContexts,
    parameters: response.parameters.map((parameter) => ({
      name: parameter.name,
      entity: parameter.dataType.slice(1),
      required: parameter.required,
      prompts: parameter.prompts.filter((prompt) => prompt.lang === lang).map((prompt) => prompt.value),
    })),
    events: file.events.map((event) => event.name),
    fallback: file.fallbackIntent,
    webhook: file.webhookUsed,
    staticReplies: response.messages.filter((message) => message.lang === lang).flatMap((message) => message.speech),
    phrases: userSays.map(toPhrase),
  };
}

function toPhrase(userSays: UserSays): TrainingPhrase {
  const tokens: Token[] = [];
  for (const part of userSays.data) {
    if ('alias' in part) tokens.push(slotToken(part.alias));
    else tokens.push(...words(part.text));
  }
  return {
    text: userSays.data.map((part) => part.text).join(''),
    tokens,
    parts: userSays.data.map((part) => ('alias' in part ? { text: part.text, parameter: part.alias } : { text: part.text })),
  };
}

/** How both training phrases and user text are split: the catalog's normalisation, then spaces. */
export function words(text: string): string[] {
  const normal = normalizePhrase(text);
  return normal ? normal.split(' ') : [];
}
