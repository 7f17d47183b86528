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
  FOLLOWUP_LIFESPAN,
  INTENTS,
  PARAMS,
} from '../../src/dialogflow/names';

export interface ParameterDefinition {
  readonly name: string;
  /** `@content` or a system entity such as `@sys.any`. */
  readonly entity: string;
  readonly required: boolean;
  /** Asked when a required parameter is missing. */
  readonly prompts: readonly string[];
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
  readonly staticReplies: readonly string[];
  /** Training phrases (templates); for the fallback intent these are negative examples. */
  readonly phrases: readonly string[];
}

/** Filled into `{topic}` in turn; "cats" first so "tell me a joke about cats" is always a phrase. */
export const SAMPLE_TOPICS: readonly string[] = [
  'cats',
  'dogs',
  'space',
  'pizza',
  'computers',
  'the ocean',
  'history',
  'coffee',
  'work',
  'music',
];

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
    staticReplies: [`Hi! Do you want to hear ${featuredChoices()}?`],
    phrases: ['hi', 'hello', 'hey', 'hey there', 'good morning', 'good evening', 'howdy', "what's up", 'start'],
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
        prompts: [
          `What do you want to hear, ${featuredChoices()}?`,
          `Sure! ${featuredChoices().replace(/^a/, 'A')}?`,
          'What kind of thing should I tell you?',
        ],
      },
      { name: PARAMS.topic, entity: '@sys.any', required: false, prompts: [] },
    ],
    events: [],
    fallback: false,
    endInteraction: false,
    staticReplies: [`Sorry, I can't reach my stories right now. ${followUpPrompt()}`],
    phrases: [
      'tell me {a content} about {topic}',
      'tell me {a content}',
      'i want to hear {a content}',
      'can you tell me {a content}',
      'do you know {a content} about {topic}',
      'say {a content}',
      "i'd like {a content} please",
      'give me {a content} on {topic}',
      '{content}',
      '{content} please',
      'i want {content}',
      'give me {content}',
      'how about {content}',
      "i'm in the mood for {content}",
      '{content} about {topic}',
      'any {content} on {topic}',
    ],
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
    staticReplies: [`Sorry, I can't reach my stories right now. ${followUpPrompt()}`],
    phrases: [
      'more',
      'more please',
      'another one',
      'one more',
      'tell me another',
      'another',
      'again',
      'next',
      'keep going',
      'give me another one',
      'same again',
      'one more time',
    ],
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
    staticReplies: ['Bye! Come back for more anytime.'],
    phrases: [
      'bye',
      'goodbye',
      'see you later',
      "that's all",
      "that's enough",
      "i'm done",
      'stop',
      'no thanks',
      'exit',
      'good night',
    ],
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
    staticReplies: [`Sorry, I didn't get that. Do you want ${featuredChoices()}?`],
    // Negative examples: close to "tell me ..." but not a request for content.
    phrases: [
      "what's the weather like",
      'what time is it',
      'set an alarm',
      'play some music',
      'book a table for two',
      'tell me about yourself',
    ],
  },
];
