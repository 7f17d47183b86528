/**
 * A CX JSON package (agent-cx/, or a restored ZIP) → what a small local
 * matcher needs: the local agent's intent model (scripts/local-agent/agent.ts,
 * so the same matcher reads both editions) plus the start flow's routes,
 * pages and event handlers. Read with the same zod schemas as agent:check.
 */
import type { z } from 'zod';
import { words, slotToken, AgentLoadError, readAgentFile, agentLanguageFor, UnknownLanguageError, type Agent, type AgentIntent, type TrainingPhrase } from '../local-agent/agent';
import type { EntityEntry } from '../agent/schema';
import { readTree } from '../agent/files';
import {
  AgentJsonSchema,
  EntitiesFileSchema,
  FlowSchema,
  IntentSchema,
  PageSchema,
  TrainingPhrasesFileSchema,
  WebhookSchema,
  type AgentJson,
  type EventHandler,
  type Flow,
  type Page,
  type TransitionRoute,
  type Webhook,
} from './schema';

export interface CxModel {
  readonly agentJson: AgentJson;
  /** The intents in one language, as the local matcher reads them; page-only intents have the page as input context. */
  readonly agent: Agent;
  readonly flow: Flow;
  readonly pages: ReadonlyMap<string, Page>;
  readonly webhooks: ReadonlyMap<string, Webhook>;
}

/** The name under which a page's routes are "active" for the matcher: the page's display name, lower case. */
export const pageContext = (page: string): string => page.toLowerCase();

export function cxModelFromFiles(files: ReadonlyMap<string, string>, languageCode?: string): CxModel {
  const read = <T>(path: string, schema: z.ZodType<T>): T => readAgentFile(files, path, schema);
  const matching = (pattern: RegExp) => [...files.keys()].filter((path) => pattern.test(path));

  const agentJson = read('agent.json', AgentJsonSchema);
  const languages = [agentJson.defaultLanguageCode, ...agentJson.supportedLanguageCodes];
  const lang = languageCode === undefined ? agentJson.defaultLanguageCode : agentLanguageFor(languageCode, languages);
  if (lang === undefined) throw new UnknownLanguageError(languageCode!, languages);

  const flow = read(`flows/${agentJson.startFlow}/${agentJson.startFlow}.json`, FlowSchema);
  const pages = new Map(
    matching(/^flows\/[^/]+\/pages\/[^/]+\.json$/).map((path) => read(path, PageSchema)).map((page) => [page.displayName, page] as const),
  );
  const webhooks = new Map(matching(/^webhooks\/[^/]+\.json$/).map((path) => read(path, WebhookSchema)).map((w) => [w.displayName, w] as const));

  const entities = new Map<string, readonly EntityEntry[]>();
  for (const path of matching(new RegExp(`^entityTypes/[^/]+/entities/${lang}\\.json$`))) {
    const name = path.split('/')[1]!;
    entities.set(name, read(path, EntitiesFileSchema).entities.map(({ value, synonyms }) => ({ value, synonyms })));
  }

  // An intent routed only from pages is in scope only on those pages.
  const flowIntents = new Set(flow.transitionRoutes.map((route) => route.intent));
  const pagesOf = (intent: string) =>
    [...pages.values()].filter((page) => page.transitionRoutes.some((route) => route.intent === intent)).map((page) => pageContext(page.displayName));

  const intents: AgentIntent[] = [];
  for (const path of matching(/^intents\/([^/]+)\/\1\.json$/)) {
    const intent = read(path, IntentSchema);
    const phrasesPath = `intents/${intent.displayName}/trainingPhrases/${lang}.json`;
    const phrases = files.has(phrasesPath) ? read(phrasesPath, TrainingPhrasesFileSchema).trainingPhrases : [];
    intents.push({
      id: intent.name,
      name: intent.displayName,
      action: '',
      // The matcher wants all input contexts active; a page-only intent is routed from one page here.
      inputContexts: intent.isFallback || flowIntents.has(intent.displayName) ? [] : pagesOf(intent.displayName).slice(0, 1),
      outputContexts: [],
      resetContexts: false,
      parameters: (intent.parameters ?? []).map((parameter) => ({ name: parameter.id, entity: parameter.entityType.slice(1), required: false, prompts: [] })),
      events: [],
      fallback: intent.isFallback === true,
      webhook: true,
      staticReplies: [],
      phrases: phrases.map((phrase): TrainingPhrase => ({
        text: phrase.parts.map((part) => part.text).join(''),
        tokens: phrase.parts.flatMap((part) => (part.parameterId !== undefined ? [slotToken(part.parameterId)] : words(part.text))),
        parts: phrase.parts.map((part) => (part.parameterId !== undefined ? { text: part.text, parameter: part.parameterId } : { text: part.text })),
      })),
    });
  }
  if (!intents.some((intent) => intent.fallback)) throw new AgentLoadError('intents/: no negative (fallback) intent');
  return { agentJson, agent: { displayName: 'cx', languageCode: lang, intents, entities }, flow, pages, webhooks };
}

/** agent-cx/ (or any CX JSON package folder) read in every language it speaks, the default language first. */
export async function loadCxModels(dir: string): Promise<Map<string, CxModel>> {
  const files = await readTree(dir).catch((error: unknown) => {
    throw new AgentLoadError(`cannot read the agent folder ${dir}: ${(error as Error).message}`);
  });
  const first = cxModelFromFiles(files);
  const others = first.agentJson.supportedLanguageCodes.filter((code) => code !== first.agent.languageCode).map((code) => cxModelFromFiles(files, code));
  return new Map([first, ...others].map((model) => [model.agent.languageCode, model]));
}

/** The model in one language (default: agent.json's defaultLanguageCode); an UnknownLanguageError for one it lacks. */
export async function loadCxModel(dir: string, languageCode?: string): Promise<CxModel> {
  const models = await loadCxModels(dir);
  const first = models.values().next().value!;
  if (languageCode === undefined) return first;
  const lang = agentLanguageFor(languageCode, [...models.keys()]);
  if (lang === undefined) throw new UnknownLanguageError(languageCode, [...models.keys()]);
  return models.get(lang)!;
}

export type { EventHandler, TransitionRoute };
