/**
 * The Dialogflow ES agent export format ("Export as ZIP" / "Restore from ZIP"),
 * as far as this agent uses it. Field names and order follow what the console
 * exports. Objects are strict so a typo or a stray hand-added field is caught
 * by `npm run agent:check` instead of being silently dropped by the console.
 */
import { z } from 'zod';

/** A language code as the console writes it in an export: `en`, `de`, `pt-br`. */
const LANG = z.string().regex(/^[a-z]{2}(-[a-z]{2})?$/);

export const PackageFileSchema = z.strictObject({ version: z.string().regex(/^\d+\.\d+\.\d+$/) });

export const AgentFileSchema = z.strictObject({
  description: z.string(),
  language: LANG,
  shortDescription: z.string(),
  examples: z.string(),
  linkToDocs: z.string(),
  displayName: z.string().min(1),
  disableInteractionLogs: z.boolean(),
  disableStackdriverLogs: z.boolean(),
  googleAssistant: z.strictObject({
    googleAssistantCompatible: z.boolean(),
    project: z.string(),
    welcomeIntentSignInRequired: z.boolean(),
    startIntents: z.array(z.unknown()),
    systemIntents: z.array(z.unknown()),
    endIntentIds: z.array(z.uuid()),
    voiceType: z.string(),
    capabilities: z.array(z.unknown()),
    env: z.string(),
    protocolVersion: z.string(),
    autoPreviewEnabled: z.boolean(),
    isDeviceAgent: z.boolean(),
  }),
  defaultTimezone: z.string().min(1),
  webhook: z.strictObject({
    url: z.url({ protocol: /^https$/ }),
    username: z.string(),
    headers: z.record(z.string(), z.string()),
    available: z.boolean(),
    useForDomains: z.boolean(),
    cloudFunctionsEnabled: z.boolean(),
    cloudFunctionsInitialized: z.boolean(),
  }),
  isPrivate: z.boolean(),
  mlMinConfidence: z.number().min(0).max(1),
  supportedLanguages: z.array(z.string()),
  enableOnePlatformApi: z.boolean(),
  onePlatformApiVersion: z.enum(['v2', 'v2beta1']),
  analyzeQueryTextSentiment: z.boolean(),
  enabledKnowledgeBaseNames: z.array(z.string()),
  knowledgeServiceConfidenceAdjustment: z.number(),
  dialogBuilderMode: z.boolean(),
  baseActionPackagesUrl: z.string(),
  enableSpellCorrection: z.boolean(),
});

export const EntityFileSchema = z.strictObject({
  id: z.uuid(),
  name: z.string().regex(/^[A-Za-z0-9_-]+$/),
  isOverridable: z.boolean(),
  isEnum: z.boolean(),
  isRegexp: z.boolean(),
  automatedExpansion: z.boolean(),
  allowFuzzyExtraction: z.boolean(),
});

export const EntityEntrySchema = z.strictObject({
  value: z.string().min(1),
  synonyms: z.array(z.string().min(1)).min(1),
});
export const EntityEntriesFileSchema = z.array(EntityEntrySchema).min(1);

const PromptSchema = z.strictObject({ lang: LANG, value: z.string().min(1) });

export const ParameterSchema = z.strictObject({
  id: z.uuid(),
  name: z.string().min(1),
  required: z.boolean(),
  dataType: z.string().regex(/^@[\w.-]+$/),
  value: z.string().regex(/^\$[\w.-]+$/),
  defaultValue: z.string(),
  isList: z.boolean(),
  prompts: z.array(PromptSchema),
  promptMessages: z.array(z.unknown()),
  noMatchPromptMessages: z.array(z.unknown()),
  noInputPromptMessages: z.array(z.unknown()),
  outputDialogContexts: z.array(z.unknown()),
});

export const AffectedContextSchema = z.strictObject({
  name: z.string().min(1),
  lifespan: z.number().int().min(0),
});

/** A text response; the console writes `type` as "0" (older exports: 0). */
export const TextMessageSchema = z.strictObject({
  type: z.union([z.literal('0'), z.literal(0)]),
  title: z.string(),
  textToSpeech: z.string(),
  lang: LANG,
  speech: z.array(z.string().min(1)),
  condition: z.string(),
});

export const IntentResponseSchema = z.strictObject({
  resetContexts: z.boolean(),
  action: z.string(),
  affectedContexts: z.array(AffectedContextSchema),
  parameters: z.array(ParameterSchema),
  messages: z.array(TextMessageSchema),
  speech: z.array(z.string()),
});

export const IntentFileSchema = z.strictObject({
  id: z.uuid(),
  name: z.string().min(1),
  auto: z.boolean(),
  contexts: z.array(z.string().min(1)),
  responses: z.array(IntentResponseSchema).length(1),
  priority: z.number().int(),
  webhookUsed: z.boolean(),
  webhookForSlotFilling: z.boolean(),
  fallbackIntent: z.boolean(),
  events: z.array(z.strictObject({ name: z.string().min(1) })),
  conditionalResponses: z.array(z.unknown()),
  condition: z.string(),
  conditionalFollowupEvents: z.array(z.unknown()),
  /** Exported only when true. */
  endInteraction: z.literal(true).optional(),
});

/** One piece of a training phrase; annotated pieces carry `alias` + `meta`. */
export const UserSaysPartSchema = z.union([
  z.strictObject({ text: z.string().min(1), userDefined: z.literal(false) }),
  z.strictObject({
    text: z.string().min(1),
    alias: z.string().min(1),
    meta: z.string().regex(/^@[\w.-]+$/),
    userDefined: z.boolean(),
  }),
]);

export const UserSaysSchema = z.strictObject({
  id: z.uuid(),
  data: z.array(UserSaysPartSchema).min(1),
  isTemplate: z.literal(false),
  count: z.number().int(),
  lang: LANG,
  updated: z.number().int(),
});
export const UserSaysFileSchema = z.array(UserSaysSchema);

export type PackageFile = z.infer<typeof PackageFileSchema>;
export type AgentFile = z.infer<typeof AgentFileSchema>;
export type EntityFile = z.infer<typeof EntityFileSchema>;
export type EntityEntry = z.infer<typeof EntityEntrySchema>;
export type Parameter = z.infer<typeof ParameterSchema>;
export type IntentFile = z.infer<typeof IntentFileSchema>;
export type UserSaysPart = z.infer<typeof UserSaysPartSchema>;
export type UserSays = z.infer<typeof UserSaysSchema>;

/** Which schema a path inside the agent folder must satisfy; undefined = not part of an export. */
export function schemaForPath(path: string): z.ZodType | undefined {
  if (path === 'agent.json') return AgentFileSchema;
  if (path === 'package.json') return PackageFileSchema;
  if (/^entities\/[^/]+_entries_[a-z]{2}(-[a-z]{2})?\.json$/.test(path)) return EntityEntriesFileSchema;
  if (/^entities\/[^/]+\.json$/.test(path)) return EntityFileSchema;
  if (/^intents\/[^/]+_usersays_[a-z]{2}(-[a-z]{2})?\.json$/.test(path)) return UserSaysFileSchema;
  if (/^intents\/[^/]+\.json$/.test(path)) return IntentFileSchema;
  return undefined;
}
