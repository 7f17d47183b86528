/**
 * Catalog + intent definitions → the files of a Dialogflow CX agent (JSON
 * package). Pure and deterministic, like the ES generator beside it
 * (scripts/agent/generate.ts), whose intents, training-phrase templates and
 * entity entries it reuses, so both agents learn the same words.
 *
 * How the ES design maps onto CX:
 * - every intent is matched by a route of the Default Start Flow, whose
 *   fulfillment calls the webhook with a tag (tags.ts) instead of an action;
 * - the `content-followup` input context becomes the page "Content told":
 *   an answer with content leads there, and only there are "more", "repeat"
 *   and the feedback intent in scope;
 * - the required `content` parameter with its prompts becomes the form of the
 *   page "Ask for content";
 * - the ES fallback intent's negative examples go to CX's Default Negative
 *   Intent; what nothing matches raises sys.no-match-default, which calls the
 *   webhook with the `fallback` tag;
 * - the ES static replies (said when the webhook fails) become the
 *   webhook.error event handler.
 */
import { ALL_KINDS, followUpPrompt, type ContentKind } from '../../src/catalog';
import { DEFAULT_LANGUAGE, fill, type Language } from '../../src/languages';
import { ENTITY_CONTENT, ENTITY_SENTIMENT, INTENTS, PARAMS } from '../../src/dialogflow/names';
import { stableId } from '../agent/ids';
import { contentEntries, groupByLanguage, sentimentEntries, slotValuesFor, toJsonText, WEBHOOK_URL_PLACEHOLDER, type AgentFiles } from '../agent/generate';
import { INTENT_DEFINITIONS, type IntentDefinition } from '../agent/intents';
import { expandTemplates } from '../agent/phrases';
import type { AgentJson, EntitiesFile, EntityType, EventHandler, Flow, Fulfillment, Intent, Page, TextMessage, TrainingPhrasesFile, TransitionRoute, Webhook } from './schema';
import { TAGS, type Tag } from './tags';

/** The agent's display name: agent.json carries none (real exports have none), so `deploy --cx` creates it with this. */
export const CX_DISPLAY_NAME = 'reddit-content';
export const START_FLOW = 'Default Start Flow';
/** The fixed id CX gives the start flow, the welcome intent and the negative intent in every export. */
const START_FLOW_ID = '00000000-0000-0000-0000-000000000000';
const FIXED_INTENT_IDS: Readonly<Record<string, string>> = {
  [INTENTS.welcome]: '00000000-0000-0000-0000-000000000000',
  'Default Negative Intent': '00000000-0000-0000-0000-000000000001',
};
/** CX has no fallback intent: negative examples live in this one. */
export const NEGATIVE_INTENT = 'Default Negative Intent';
export const WEBHOOK_NAME = 'reddit-webhook';
/** The special target that ends the conversation. */
export const END_SESSION = 'End Session';
export const PAGES = { askContent: 'Ask for content', told: 'Content told' } as const;
/** Dialogflow CX waits at most this long for the webhook (its default, and what the ES agent gets). */
export const WEBHOOK_TIMEOUT_SECONDS = 5;

interface RouteDefinition {
  /** Absent for a condition-only route. */
  readonly intent?: string;
  readonly condition?: string;
  readonly tag?: Tag;
  readonly targetPage?: string;
  /** Session parameters set to null first. */
  readonly clear?: readonly string[];
}

/**
 * The start flow's routes, in scope on every page. Order matters: CX takes the
 * first route of the matched intent whose condition holds.
 */
export const FLOW_ROUTES: readonly RouteDefinition[] = [
  { intent: INTENTS.welcome, tag: TAGS.welcome },
  // A stale kind in the session would fill the form at once: clear it, so the user is asked.
  { intent: INTENTS.sayContent, condition: `$intent.params.${PARAMS.content}.resolved = null`, targetPage: PAGES.askContent, clear: [PARAMS.content] },
  { intent: INTENTS.sayContent, condition: `$intent.params.${PARAMS.topic}.resolved != null`, tag: TAGS.topic, targetPage: PAGES.told },
  { intent: INTENTS.sayContent, tag: TAGS.sayContent, targetPage: PAGES.told },
  { intent: INTENTS.surprise, tag: TAGS.surprise, targetPage: PAGES.told },
  // No target: help keeps the page, so "more" still works after it (ES: help leaves the context alone).
  { intent: INTENTS.help, tag: TAGS.help },
  { intent: INTENTS.bye, tag: TAGS.bye, targetPage: END_SESSION },
];

/** The routes of "Content told" (the ES intents whose input context is content-followup); they stay on the page. */
export const TOLD_ROUTES: readonly RouteDefinition[] = [
  { intent: INTENTS.sayContentMore, tag: TAGS.more },
  { intent: INTENTS.repeat, tag: TAGS.repeat },
  { intent: INTENTS.feedback, tag: TAGS.feedback },
];

/** The ask page's one route: the form is complete. */
export const FORM_DONE = '$page.params.status = "FINAL"';
export const ASK_ROUTE: RouteDefinition = { condition: FORM_DONE, tag: TAGS.sayContent, targetPage: PAGES.told };

/** Built-in events the flow handles, and what happens. */
export const EVENTS = { noMatch: 'sys.no-match-default', noInput: 'sys.no-input-default', webhookError: 'webhook.error' } as const;

export function cxIntentName(intent: IntentDefinition): string {
  return intent.fallback ? NEGATIVE_INTENT : intent.name;
}

export function generateCxAgent(kinds: readonly ContentKind[] = ALL_KINDS): AgentFiles {
  const byLanguage = groupByLanguage(kinds);
  const languages = [...byLanguage.keys()];
  const files = new Map<string, unknown>();

  files.set('agent.json', agentJson(languages));
  files.set(`flows/${START_FLOW}/${START_FLOW}.json`, startFlow(languages));
  files.set(`flows/${START_FLOW}/pages/${PAGES.askContent}.json`, askPage(languages));
  files.set(`flows/${START_FLOW}/pages/${PAGES.told}.json`, toldPage());
  files.set(`webhooks/${WEBHOOK_NAME}.json`, webhook());
  for (const [name, entries] of [
    [ENTITY_CONTENT, (_lang: Language, catalog: readonly ContentKind[]) => contentEntries(catalog)],
    [ENTITY_SENTIMENT, (lang: Language) => sentimentEntries(lang)],
  ] as const) {
    files.set(`entityTypes/${name}/${name}.json`, entityType(name));
    for (const [lang, catalog] of byLanguage) {
      files.set(`entityTypes/${name}/entities/${lang.code}.json`, {
        entities: entries(lang, catalog).map((entry) => ({ ...entry, languageCode: lang.code })),
      } satisfies EntitiesFile);
    }
  }
  for (const intent of INTENT_DEFINITIONS) {
    const name = cxIntentName(intent);
    files.set(`intents/${name}/${name}.json`, intentFile(intent));
    for (const [lang, catalog] of byLanguage) {
      files.set(`intents/${name}/trainingPhrases/${lang.code}.json`, trainingPhrases(intent, catalog, lang));
    }
  }

  const paths = [...files.keys()].sort();
  return new Map(paths.map((path) => [path, toJsonText(files.get(path))]));
}

function agentJson(languages: readonly Language[]): AgentJson {
  const [main = DEFAULT_LANGUAGE, ...others] = languages;
  return {
    description: 'Tells jokes, facts and more from Reddit. Generated by `npm run agent:build`; do not edit by hand.',
    defaultLanguageCode: main.code,
    supportedLanguageCodes: others.map((lang) => lang.code),
    timeZone: 'Europe/London',
    startFlow: START_FLOW,
    enableSpellCorrection: false,
    advancedSettings: { loggingSettings: { enableStackdriverLogging: false, enableInteractionLogging: false } },
  };
}

/** One text message per language; CX picks one of a message's texts at random. */
function texts(languages: readonly Language[], say: (lang: Language) => readonly string[]): TextMessage[] {
  return languages.map((lang) => ({ text: { text: [...say(lang)] }, languageCode: lang.code }));
}

function fulfillment(route: RouteDefinition): Fulfillment {
  return {
    ...(route.tag !== undefined && { webhook: WEBHOOK_NAME, tag: route.tag }),
    ...(route.clear && { setParameterActions: route.clear.map((parameter) => ({ parameter, value: null })) }),
  };
}

function transitionRoute(owner: string, route: RouteDefinition, index: number): TransitionRoute {
  return {
    ...(route.intent !== undefined && { intent: route.intent }),
    ...(route.condition !== undefined && { condition: route.condition }),
    triggerFulfillment: fulfillment(route),
    ...(route.targetPage !== undefined && { targetPage: route.targetPage }),
    name: stableId('cx', 'route', owner, String(index), route.intent ?? '', route.condition ?? ''),
  };
}

function eventHandler(event: string, triggerFulfillment: Fulfillment): EventHandler {
  return { event, triggerFulfillment, name: stableId('cx', 'event', START_FLOW, event) };
}

function startFlow(languages: readonly Language[]): Flow {
  const unreachable = (lang: Language) => [fill(lang.agent.contentReply, { followUp: followUpPrompt(lang) })];
  return {
    name: START_FLOW_ID,
    displayName: START_FLOW,
    description: 'A start flow created along with the agent. Generated by `npm run agent:build`.',
    transitionRoutes: FLOW_ROUTES.map((route, index) => transitionRoute(START_FLOW, route, index)),
    eventHandlers: [
      eventHandler(EVENTS.noMatch, { webhook: WEBHOOK_NAME, tag: TAGS.fallback }),
      eventHandler(EVENTS.noInput, { webhook: WEBHOOK_NAME, tag: TAGS.fallback }),
      // What Dialogflow says itself when the webhook fails (the ES agent's static replies).
      eventHandler(EVENTS.webhookError, { messages: texts(languages, unreachable) }),
    ],
    // mlMinConfidence of the ES agent.
    nluSettings: { modelType: 'MODEL_TYPE_STANDARD', classificationThreshold: 0.3 },
  };
}

function askPage(languages: readonly Language[]): Page {
  const sayContent = INTENT_DEFINITIONS.find((intent) => intent.name === INTENTS.sayContent)!;
  const content = sayContent.parameters.find((parameter) => parameter.name === PARAMS.content)!;
  return {
    name: stableId('cx', 'page', PAGES.askContent),
    displayName: PAGES.askContent,
    description: 'Asks which kind of content the user wants (the ES agent\'s required "content" parameter and its prompts).',
    form: {
      parameters: [
        {
          displayName: content.name,
          required: true,
          entityType: content.entity,
          fillBehavior: { initialPromptFulfillment: { messages: texts(languages, content.prompts) } },
        },
      ],
    },
    transitionRoutes: [transitionRoute(PAGES.askContent, ASK_ROUTE, 0)],
  };
}

function toldPage(): Page {
  return {
    name: stableId('cx', 'page', PAGES.told),
    displayName: PAGES.told,
    description: 'After a joke, fact or other content: "more", "repeat" and feedback are in scope here (the ES content-followup context).',
    form: {},
    transitionRoutes: TOLD_ROUTES.map((route, index) => transitionRoute(PAGES.told, route, index)),
  };
}

function webhook(): Webhook {
  return {
    name: stableId('cx', 'webhook', WEBHOOK_NAME),
    displayName: WEBHOOK_NAME,
    // `npm run deploy -- --cx` sets the real URL and the authentication; credentials are never exported.
    genericWebService: { uri: WEBHOOK_URL_PLACEHOLDER },
    timeout: { seconds: WEBHOOK_TIMEOUT_SECONDS },
  };
}

function entityType(name: string): EntityType {
  return {
    name: stableId('cx', 'entityType', name),
    displayName: name,
    kind: 'KIND_MAP',
    // Only catalog words: an unknown word must not become a kind the webhook cannot serve.
    autoExpansionMode: 'AUTO_EXPANSION_MODE_UNSPECIFIED',
    enableFuzzyExtraction: true,
  };
}

function intentFile(intent: IntentDefinition): Intent {
  const name = cxIntentName(intent);
  return {
    name: FIXED_INTENT_IDS[name] ?? stableId('cx', 'intent', name),
    displayName: name,
    priority: 500000,
    ...(intent.parameters.length > 0 && {
      parameters: intent.parameters.map((parameter) => ({ id: parameter.name, entityType: parameter.entity })),
    }),
    ...(intent.fallback && { isFallback: true as const }),
  };
}

function trainingPhrases(intent: IntentDefinition, catalog: readonly ContentKind[], lang: Language): TrainingPhrasesFile {
  const name = cxIntentName(intent);
  return {
    trainingPhrases: expandTemplates(intent.phrases(lang), slotValuesFor(catalog, lang)(intent)).map((parts) => ({
      id: stableId('cx', 'phrase', lang.code, name, parts.map((part) => part.text).join('')),
      parts: parts.map((part) => ('param' in part ? { text: part.text, parameterId: part.param } : { text: part.text })),
      repeatCount: 1,
      languageCode: lang.code,
    })),
  };
}
