/**
 * The intents of the agent (DESIGN.md, agent table), written once as data.
 * `generate.ts` turns these plus the catalog into the export files.
 *
 * Training phrases are templates:
 * - `{content}`   a catalog phrase used as it is ("jokes", "something funny"),
 * - `{a content}` a catalog phrase that reads after "tell me": the kind's noun
 *                 with its article ("a joke") or a synonym that already starts
 *                 with one ("a laugh", "the news", "something deep"),
 * - `{topic}`     a sample topic.
 * Each template is expanded with catalog phrases in turn until every phrase
 * has been used once, so a synonym added to the catalog shows up in training.
 */
import { featuredChoices, followUpPrompt } from '../../src/catalog';
import {
  ACTIONS,
  CONTEXTS,
  ENTITY_CONTENT,
  ENTITY_SENTIMENT,
  FOLLOWUP_LIFESPAN,
  INTENTS,
  PARAMS,
} from '../../src/dialogflow/names';
import { DEFAULT_LANGUAGE, fill, type Language } from '../../src/languages';

/** Text in one language; the words themselves are in src/languages/<code>.ts. */
type Text = (lang: Language) => readonly string[];

export interface ParameterDefinition {
  readonly name: string;
  /** `@content` or a system entity such as `@sys.any`. */
  readonly entity: string;
  readonly required: boolean;
  /** Asked when a required parameter is missing. */
  readonly prompts: Text;
}

export interface ContextChange {
  readonly name: string;
  /** 0 clears the context. */
  readonly lifespan: number;
}

export interface IntentDefinition {
  /** Display name, also the file name. */
  readonly name: string;
  readonly action: string;
  readonly inputContexts: readonly string[];
  readonly outputContexts: readonly ContextChange[];
  /** "Clear all contexts" in the console. */
  readonly resetContexts: boolean;
  readonly parameters: readonly ParameterDefinition[];
  readonly events: readonly string[];
  readonly fallback: boolean;
  readonly endInteraction: boolean;
  /**
   * What Dialogflow says by itself if the webhook cannot be reached (every
   * intent uses the webhook; this is only the safety net).
   */
  readonly staticReplies: Text;
  /** Training phrases (templates); for the fallback intent these are negative examples. */
  readonly phrases: Text;
}

/** Filled into `{topic}` in turn; the first one is always used ("tell me a joke about cats"). */
export const sampleTopics: Text = (lang) => lang.agent.sampleTopics;
export const SAMPLE_TOPICS: readonly string[] = sampleTopics(DEFAULT_LANGUAGE);

/**
 * Events that open a conversation: Dialogflow's generic WELCOME and the
 * platform welcome events its integrations send (Telegram /start, Messenger
 * "Get Started", Slack, Viber, Kik, Skype, the phone gateway). A platform event
 * with no intent of its own falls back to WELCOME only on some integrations,
 * so the welcome intent lists them all. Sources:
 * https://cloud.google.com/dialogflow/es/docs/events-platform and the
 * integration pages under https://cloud.google.com/dialogflow/es/docs/integrations.
 */
export const WELCOME_EVENTS: readonly string[] = [
  'WELCOME',
  'TELEGRAM_WELCOME',
  'FACEBOOK_WELCOME',
  'SLACK_WELCOME',
  'VIBER_WELCOME',
  'KIK_WELCOME',
  'SKYPE_WELCOME',
  'TELEPHONY_WELCOME',
];

const CONTENT_ENTITY = `@${ENTITY_CONTENT}`;
const followup = (lifespan: number): ContextChange => ({ name: CONTEXTS.followup, lifespan });
const choices = (lang: Language) => ({ choices: featuredChoices(lang) });
const unreachable: Text = (lang) => [fill(lang.agent.contentReply, { followUp: followUpPrompt(lang) })];
const none: Text = () => [];

/** An intent that reads and writes no context, has no parameters or events, and does not end the conversation, unless told. */
function withDefaults(
  intent: Pick<IntentDefinition, 'name' | 'action' | 'staticReplies' | 'phrases'> & Partial<IntentDefinition>,
): IntentDefinition {
  return {
    inputContexts: [],
    outputContexts: [],
    resetContexts: false,
    parameters: [],
    events: [],
    fallback: false,
    endInteraction: false,
    ...intent,
  };
}

export const INTENT_DEFINITIONS: readonly IntentDefinition[] = [
  {
    name: INTENTS.welcome,
    action: ACTIONS.welcome,
    inputContexts: [],
    outputContexts: [],
    resetContexts: false,
    parameters: [],
    events: WELCOME_EVENTS,
    fallback: false,
    endInteraction: false,
    staticReplies: (lang) => [fill(lang.agent.welcomeReply, choices(lang))],
    phrases: (lang) => lang.agent.training.welcome,
  },
  {
    name: INTENTS.sayContent,
    action: ACTIONS.sayContent,
    inputContexts: [],
    outputContexts: [followup(FOLLOWUP_LIFESPAN)],
    resetContexts: false,
    parameters: [
      {
        name: PARAMS.content,
        entity: CONTENT_ENTITY,
        required: true,
        prompts: (lang) => lang.agent.contentPrompts.map((prompt) => fill(prompt, choices(lang))),
      },
      { name: PARAMS.topic, entity: '@sys.any', required: false, prompts: none },
    ],
    events: [],
    fallback: false,
    endInteraction: false,
    staticReplies: unreachable,
    phrases: (lang) => lang.agent.training.sayContent,
  },
  {
    name: INTENTS.sayContentMore,
    action: ACTIONS.sayContent,
    inputContexts: [CONTEXTS.followup],
    outputContexts: [followup(FOLLOWUP_LIFESPAN)],
    resetContexts: false,
    parameters: [],
    events: [],
    fallback: false,
    endInteraction: false,
    staticReplies: unreachable,
    phrases: (lang) => lang.agent.training.sayContentMore,
  },
  {
    name: INTENTS.bye,
    action: ACTIONS.bye,
    inputContexts: [],
    outputContexts: [followup(0)],
    resetContexts: true,
    parameters: [],
    events: [],
    fallback: false,
    endInteraction: true,
    staticReplies: (lang) => [lang.agent.byeReply],
    phrases: (lang) => lang.agent.training.bye,
  },
  {
    name: INTENTS.fallback,
    action: ACTIONS.fallback,
    inputContexts: [],
    outputContexts: [],
    resetContexts: false,
    parameters: [],
    events: [],
    fallback: true,
    endInteraction: false,
    staticReplies: (lang) => [fill(lang.agent.fallbackReply, choices(lang))],
    // Negative examples: close to "tell me ..." but not a request for content.
    phrases: (lang) => lang.agent.training.fallback,
  },
  withDefaults({
    name: INTENTS.help,
    action: ACTIONS.help,
    staticReplies: (lang) => [fill(lang.agent.helpReply, choices(lang))],
    phrases: (lang) => lang.agent.training.help,
  }),
  withDefaults({
    name: INTENTS.surprise,
    action: ACTIONS.surprise,
    outputContexts: [followup(FOLLOWUP_LIFESPAN)],
    staticReplies: unreachable,
    phrases: (lang) => lang.agent.training.surprise,
  }),
  withDefaults({
    name: INTENTS.repeat,
    action: ACTIONS.repeat,
    inputContexts: [CONTEXTS.followup],
    outputContexts: [followup(FOLLOWUP_LIFESPAN)],
    staticReplies: unreachable,
    phrases: (lang) => lang.agent.training.repeat,
  }),
  withDefaults({
    name: INTENTS.feedback,
    action: ACTIONS.feedback,
    inputContexts: [CONTEXTS.followup],
    outputContexts: [followup(FOLLOWUP_LIFESPAN)],
    // Every training phrase annotates it; not required, so Dialogflow never asks "positive or negative?".
    parameters: [{ name: PARAMS.sentiment, entity: `@${ENTITY_SENTIMENT}`, required: false, prompts: none }],
    staticReplies: (lang) => [lang.agent.feedbackReply],
    phrases: (lang) => lang.agent.training.feedback,
  }),
];
