/**
 * The cx.v3 WebhookRequest Dialogflow CX would POST for a turn planned by
 * turn.ts (JSON field names): shared by `npm run chat -- --cx`, the demo page
 * and the fake CX API of the tests, so all of them send the same shape.
 */
import type { CxModel } from './model';
import type { CxTurn } from './turn';

/** The start flow's fixed id, and its start page as CX names it. */
export const START_FLOW_PATH = 'flows/00000000-0000-0000-0000-000000000000';
export const START_PAGE = { id: 'START_PAGE', displayName: 'Start Page' } as const;

export interface CxWebhookRequestBody {
  detectIntentResponseId: string;
  intentInfo?: {
    lastMatchedIntent: string;
    displayName: string;
    parameters: Record<string, { originalValue: string; resolvedValue: string }>;
    confidence: number;
  };
  pageInfo: {
    currentPage: string;
    displayName: string;
    /** The page's form, when it has one: each parameter's value from the session. */
    formInfo?: { parameterInfo: Array<{ displayName: string; required: boolean; state: 'EMPTY' | 'FILLED'; value?: unknown }> };
  };
  sessionInfo: { session: string; parameters: Record<string, unknown> };
  fulfillmentInfo: { tag: string };
  /** What the user said; absent when the query named an intent (then `triggerIntent`). */
  text?: string;
  triggerIntent?: string;
  languageCode: string;
}

export interface CxRequestInput {
  /** Reads the form of the page the turn happened on. */
  readonly model: CxModel;
  /** `projects/<p>/locations/<l>/agents/<a>`. */
  readonly agent: string;
  /** The full session path, `<agent>/sessions/<id>`. */
  readonly session: string;
  readonly responseId: string;
  /** A turn that calls the webhook. */
  readonly turn: CxTurn & { readonly webhook: NonNullable<CxTurn['webhook']> };
  readonly query: { readonly text: string } | { readonly intent: string };
  readonly languageCode: string;
}

export function buildCxWebhookRequest(input: CxRequestInput): CxWebhookRequestBody {
  const { turn } = input;
  const page = turn.page;
  const form = page === undefined ? [] : (input.model.pages.get(page)?.form.parameters ?? []);
  const parameters = turn.state.parameters;
  const intentPath = (id: string) => `${input.agent}/intents/${id}`;
  return {
    detectIntentResponseId: input.responseId,
    ...(turn.intent && {
      intentInfo: {
        lastMatchedIntent: intentPath(turn.intent.id),
        displayName: turn.intent.name,
        parameters: Object.fromEntries(
          Object.entries(turn.intent.parameters).map(([name, value]) => [name, { originalValue: value.original, resolvedValue: value.resolved }]),
        ),
        confidence: turn.intent.confidence,
      },
    }),
    pageInfo: {
      currentPage: `${input.agent}/${START_FLOW_PATH}/pages/${page ?? START_PAGE.id}`,
      displayName: page ?? START_PAGE.displayName,
      ...(form.length > 0 && {
        formInfo: {
          parameterInfo: form.map((field) => {
            const value = parameters[field.displayName];
            const filled = value !== undefined && value !== null;
            return { displayName: field.displayName, required: field.required, state: filled ? ('FILLED' as const) : ('EMPTY' as const), ...(filled && { value }) };
          }),
        },
      }),
    },
    // CX sends the session as it is after the route's own changes (intent parameters, setParameterActions).
    sessionInfo: { session: input.session, parameters: { ...parameters } },
    fulfillmentInfo: { tag: turn.webhook.tag },
    ...('text' in input.query ? { text: input.query.text } : { triggerIntent: intentPath(turn.intent?.id ?? input.query.intent) }),
    languageCode: input.languageCode,
  };
}
