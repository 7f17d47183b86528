/**
 * The Dialogflow CX agent "JSON package" format (Export → "JSON package", and
 * "Restore" in the console), as far as this agent uses it. Field names follow
 * the cx.v3 protos in JSON (camelCase), as the console writes them; compared
 * with real exports (docs/cx.md lists which). Objects are strict so a typo or
 * a stray hand-added field fails `npm run agent:check` instead of being
 * silently dropped by the console.
 */
import { z } from 'zod';

/** Language codes as CX writes them: `en`, `de`, `pt-br`. */
const LANG = z.string().regex(/^[a-z]{2}(-[a-z]{2})?$/);
const NAME = z.string().min(1);
// Not z.uuid(): CX gives its built-in flow and intents ids like 00000000-0000-0000-0000-000000000001, no RFC 4122 variant.
const UUID = z.guid();

export const AgentJsonSchema = z.strictObject({
  description: z.string(),
  defaultLanguageCode: LANG,
  supportedLanguageCodes: z.array(LANG),
  timeZone: NAME,
  startFlow: NAME,
  enableSpellCorrection: z.boolean(),
  advancedSettings: z.strictObject({
    loggingSettings: z.strictObject({ enableStackdriverLogging: z.boolean(), enableInteractionLogging: z.boolean() }),
  }),
});

/** A text response in one language (ResponseMessage with `text` and its languageCode). */
export const TextMessageSchema = z.strictObject({
  text: z.strictObject({ text: z.array(z.string().min(1)).min(1) }),
  languageCode: LANG,
});

export const SetParameterActionSchema = z.strictObject({ parameter: NAME, value: z.null() });

/** Fulfillment: what Dialogflow says itself (messages) and/or a webhook call with its tag. */
export const FulfillmentSchema = z
  .strictObject({
    messages: z.array(TextMessageSchema).min(1).optional(),
    webhook: NAME.optional(),
    tag: NAME.optional(),
    setParameterActions: z.array(SetParameterActionSchema).min(1).optional(),
  })
  .refine((f) => (f.webhook === undefined) === (f.tag === undefined), { error: 'a webhook call needs both webhook and tag' });

export const TransitionRouteSchema = z
  .strictObject({
    intent: NAME.optional(),
    condition: NAME.optional(),
    triggerFulfillment: FulfillmentSchema,
    targetPage: NAME.optional(),
    name: UUID,
  })
  .refine((route) => route.intent !== undefined || route.condition !== undefined, { error: 'a route needs an intent or a condition' });

export const EventHandlerSchema = z.strictObject({
  event: NAME,
  triggerFulfillment: FulfillmentSchema,
  targetPage: NAME.optional(),
  name: UUID,
});

export const FlowSchema = z.strictObject({
  name: UUID,
  displayName: NAME,
  description: z.string(),
  transitionRoutes: z.array(TransitionRouteSchema),
  eventHandlers: z.array(EventHandlerSchema),
  nluSettings: z.strictObject({
    modelType: z.enum(['MODEL_TYPE_STANDARD', 'MODEL_TYPE_ADVANCED']),
    classificationThreshold: z.number().min(0).max(1),
  }),
});

export const FormParameterSchema = z.strictObject({
  displayName: NAME,
  required: z.boolean(),
  entityType: z.string().regex(/^@[\w.-]+$/),
  fillBehavior: z.strictObject({ initialPromptFulfillment: z.strictObject({ messages: z.array(TextMessageSchema).min(1) }) }),
});

export const PageSchema = z.strictObject({
  name: UUID,
  displayName: NAME,
  description: z.string(),
  form: z.strictObject({ parameters: z.array(FormParameterSchema).optional() }),
  transitionRoutes: z.array(TransitionRouteSchema),
});

export const IntentSchema = z.strictObject({
  name: UUID,
  displayName: NAME,
  priority: z.number().int(),
  description: z.string().optional(),
  parameters: z.array(z.strictObject({ id: NAME, entityType: z.string().regex(/^@[\w.-]+$/) })).optional(),
  isFallback: z.literal(true).optional(),
});

export const TrainingPhrasePartSchema = z.strictObject({
  text: z.string().min(1),
  parameterId: NAME.optional(),
  auto: z.boolean().optional(),
});

export const TrainingPhrasesFileSchema = z.strictObject({
  trainingPhrases: z
    .array(
      z.strictObject({
        id: UUID,
        parts: z.array(TrainingPhrasePartSchema).min(1),
        repeatCount: z.number().int().min(1),
        languageCode: LANG,
      }),
    )
    .min(1),
});

export const EntityTypeSchema = z.strictObject({
  name: UUID,
  displayName: z.string().regex(/^[A-Za-z0-9_-]+$/),
  kind: z.literal('KIND_MAP'),
  autoExpansionMode: z.enum(['AUTO_EXPANSION_MODE_UNSPECIFIED', 'AUTO_EXPANSION_MODE_DEFAULT']),
  enableFuzzyExtraction: z.boolean(),
});

export const EntitiesFileSchema = z.strictObject({
  entities: z
    .array(z.strictObject({ value: z.string().min(1), synonyms: z.array(z.string().min(1)).min(1), languageCode: LANG }))
    .min(1),
});

export const WebhookSchema = z.strictObject({
  name: UUID,
  displayName: NAME,
  genericWebService: z.strictObject({ uri: z.url({ protocol: /^https$/ }) }),
  timeout: z.strictObject({ seconds: z.number().int().min(1).max(30) }),
});

export type AgentJson = z.infer<typeof AgentJsonSchema>;
export type Flow = z.infer<typeof FlowSchema>;
export type Page = z.infer<typeof PageSchema>;
export type TransitionRoute = z.infer<typeof TransitionRouteSchema>;
export type EventHandler = z.infer<typeof EventHandlerSchema>;
export type Fulfillment = z.infer<typeof FulfillmentSchema>;
export type TextMessage = z.infer<typeof TextMessageSchema>;
export type Intent = z.infer<typeof IntentSchema>;
export type TrainingPhrasesFile = z.infer<typeof TrainingPhrasesFileSchema>;
export type TrainingPhrasePart = z.infer<typeof TrainingPhrasePartSchema>;
export type EntityType = z.infer<typeof EntityTypeSchema>;
export type EntitiesFile = z.infer<typeof EntitiesFileSchema>;
export type Webhook = z.infer<typeof WebhookSchema>;

/** Which schema a path inside agent-cx/ must satisfy; undefined = not part of this package. */
export function cxSchemaForPath(path: string): z.ZodType | undefined {
  if (path === 'agent.json') return AgentJsonSchema;
  let m = /^flows\/([^/]+)\/([^/]+)\.json$/.exec(path);
  if (m) return m[1] === m[2] ? FlowSchema : undefined;
  if (/^flows\/[^/]+\/pages\/[^/]+\.json$/.test(path)) return PageSchema;
  m = /^intents\/([^/]+)\/([^/]+)\.json$/.exec(path);
  if (m) return m[1] === m[2] ? IntentSchema : undefined;
  if (/^intents\/[^/]+\/trainingPhrases\/[a-z]{2}(-[a-z]{2})?\.json$/.test(path)) return TrainingPhrasesFileSchema;
  m = /^entityTypes\/([^/]+)\/([^/]+)\.json$/.exec(path);
  if (m) return m[1] === m[2] ? EntityTypeSchema : undefined;
  if (/^entityTypes\/[^/]+\/entities\/[a-z]{2}(-[a-z]{2})?\.json$/.test(path)) return EntitiesFileSchema;
  if (/^webhooks\/[^/]+\.json$/.test(path)) return WebhookSchema;
  return undefined;
}
