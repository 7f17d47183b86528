/**
 * Is agent-cx/ what `npm run agent:build` makes, a valid CX JSON package, and
 * in agreement with the webhook? Each problem names the file it is about, as
 * for agent/ (scripts/agent/check.ts, whose stale check this shares).
 */
import type { z } from 'zod';
import { ALL_KINDS, resolveKind, type ContentKind } from '../../src/catalog';
import { LANGUAGES } from '../../src/languages';
import { ENTITY_CONTENT } from '../../src/dialogflow/names';
import { checkGeneratedDir, parseAgentFiles, type Problem } from '../agent/check';
import type { AgentFiles } from '../agent/generate';
import { END_SESSION, generateCxAgent } from './generate';
import {
  cxSchemaForPath,
  EntitiesFileSchema,
  FlowSchema,
  IntentSchema,
  PageSchema,
  TrainingPhrasesFileSchema,
  WebhookSchema,
  type AgentJson,
  type EventHandler,
  type Intent,
  type TransitionRoute,
} from './schema';
import { TAGS } from './tags';

export async function checkCxAgentDir(dir: string, catalog: readonly ContentKind[] = ALL_KINDS): Promise<Problem[]> {
  return checkGeneratedDir(dir, generateCxAgent(catalog), validateCxAgentFiles);
}

/** Format and consistency checks on the files as they are, independent of the generator. */
export function validateCxAgentFiles(files: AgentFiles): Problem[] {
  const { parsed, problems } = parseAgentFiles(
    files,
    cxSchemaForPath,
    'not part of a Dialogflow CX JSON package (agent.json, flows/, intents/, entityTypes/, webhooks/)',
  );
  const agent = parsed.get('agent.json') as AgentJson | undefined;
  if (!files.has('agent.json')) problems.push({ file: 'agent.json', message: 'missing' });
  if (!agent) return problems;

  const of = <T>(schema: z.ZodType<T>) =>
    [...parsed].filter(([file]) => cxSchemaForPath(file) === schema) as [string, T][];
  const intents = new Map(of(IntentSchema).map(([file, intent]) => [intent.displayName, { file, intent }]));
  const webhooks = new Set(of(WebhookSchema).map(([, webhook]) => webhook.displayName));
  const flowFile = `flows/${agent.startFlow}/${agent.startFlow}.json`;
  if (!files.has(flowFile)) problems.push({ file: 'agent.json', message: `startFlow "${agent.startFlow}" has no ${flowFile}` });
  const pages = new Set(of(PageSchema).map(([, page]) => page.displayName));

  // Routes and event handlers: their intents, pages, webhooks and tags exist.
  const usedTags = new Set<string>();
  const routed = new Set<string>();
  const checkHandler = (file: string, handler: TransitionRoute | EventHandler) => {
    const { webhook, tag } = handler.triggerFulfillment;
    if (webhook !== undefined && !webhooks.has(webhook)) problems.push({ file, message: `webhook "${webhook}" has no webhooks/${webhook}.json` });
    if (tag !== undefined) {
      usedTags.add(tag);
      if (!(Object.values(TAGS) as string[]).includes(tag)) problems.push({ file, message: `tag "${tag}" is not one the webhook routes (src/dialogflow/cx-tags.ts)` });
    }
    if (handler.targetPage !== undefined && handler.targetPage !== END_SESSION && !pages.has(handler.targetPage)) {
      problems.push({ file, message: `target page "${handler.targetPage}" does not exist` });
    }
    if ('intent' in handler && handler.intent !== undefined) {
      routed.add(handler.intent);
      // By file: an intent file that is there but invalid is reported as such already.
      if (!files.has(`intents/${handler.intent}/${handler.intent}.json`)) {
        problems.push({ file, message: `route to intent "${handler.intent}", which has no intents/${handler.intent}/` });
      }
    }
  };
  for (const [file, flow] of of(FlowSchema)) {
    for (const route of flow.transitionRoutes) checkHandler(file, route);
    for (const handler of flow.eventHandlers) checkHandler(file, handler);
  }
  for (const [file, page] of of(PageSchema)) for (const route of page.transitionRoutes) checkHandler(file, route);
  for (const tag of Object.values(TAGS)) {
    if (!usedTags.has(tag)) problems.push({ file: 'flows/', message: `the webhook handles tag "${tag}" but no route or event handler calls it` });
  }
  for (const [name, { file, intent }] of intents) {
    if (!intent.isFallback && !routed.has(name)) problems.push({ file, message: `no route leads to intent "${name}": it can never be matched` });
  }

  // Every language: training phrases for every intent, entries for every entity type, annotations that name a parameter.
  const languages = [agent.defaultLanguageCode, ...agent.supportedLanguageCodes];
  for (const code of languages) {
    const lang = LANGUAGES.get(code);
    if (!lang) problems.push({ file: 'agent.json', message: `language "${code}" has no src/languages/${code}.ts: the webhook would answer it in English` });
    for (const [name, { file, intent }] of intents) {
      const phrasesFile = `intents/${name}/trainingPhrases/${code}.json`;
      const phrases = parsed.get(phrasesFile) as z.infer<typeof TrainingPhrasesFileSchema> | undefined;
      if (!files.has(phrasesFile)) problems.push({ file, message: `"${name}" has no training phrases in ${code} (${phrasesFile})` });
      for (const phrase of phrases?.trainingPhrases ?? []) problems.push(...checkPhrase(phrasesFile, intent, phrase, code, lang && code));
    }
    for (const file of files.keys()) {
      const entityType = /^entityTypes\/([^/]+)\/\1\.json$/.exec(file)?.[1];
      if (entityType && !files.has(`entityTypes/${entityType}/entities/${code}.json`)) {
        problems.push({ file, message: `entity type "${entityType}" has no entities in ${code}` });
      }
    }
  }
  for (const file of files.keys()) {
    const code = /\/(?:trainingPhrases|entities)\/([a-z-]+)\.json$/.exec(file)?.[1];
    if (code && !languages.includes(code)) problems.push({ file, message: `language "${code}" is not in agent.json` });
  }
  // The webhook maps every content value and synonym back to that value's kind, in that language.
  for (const [file, entities] of of(EntitiesFileSchema)) {
    if (!file.startsWith(`entityTypes/${ENTITY_CONTENT}/`)) continue;
    for (const entry of entities.entities) {
      const lang = LANGUAGES.get(entry.languageCode);
      for (const phrase of [entry.value, ...entry.synonyms]) {
        if (lang && resolveKind(phrase, lang)?.value !== entry.value) {
          problems.push({ file, message: `"${phrase}" (entry "${entry.value}") is not what the webhook maps to that kind` });
        }
      }
    }
  }
  return problems;
}

type Phrase = z.infer<typeof TrainingPhrasesFileSchema>['trainingPhrases'][number];

function checkPhrase(file: string, intent: Intent, phrase: Phrase, code: string, known: string | undefined): Problem[] {
  const problems: Problem[] = [];
  if (phrase.languageCode !== code) problems.push({ file, message: `phrase ${phrase.id} says languageCode "${phrase.languageCode}" in the ${code} file` });
  for (const part of phrase.parts) {
    if (part.parameterId === undefined) continue;
    const parameter = intent.parameters?.find((p) => p.id === part.parameterId);
    if (!parameter) problems.push({ file, message: `"${part.text}" is annotated as "${part.parameterId}", which is not a parameter of ${intent.displayName}` });
    else if (known && parameter.entityType === `@${ENTITY_CONTENT}` && !resolveKind(part.text, LANGUAGES.get(known))) {
      problems.push({ file, message: `"${part.text}" is annotated @${ENTITY_CONTENT} but is not a catalog kind or synonym` });
    }
  }
  return problems;
}

