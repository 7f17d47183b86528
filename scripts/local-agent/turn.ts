/**
 * One conversational turn, as pure steps: what the user said + the session's
 * state → a prompt for a missing parameter, or a webhook request to send; then
 * the webhook's answer → the next state.
 *
 * Slot filling works like Dialogflow's with webhookForSlotFilling off: a
 * matched intent that lacks a required parameter asks that parameter's prompt
 * (in turn, on repeated asks) without calling the webhook, and the next text is
 * first read as the missing value. If it holds none, a clear match of another
 * intent ("bye") abandons the question; anything else asks again.
 */
import type { Agent, AgentIntent } from './agent';
import { activeNames, ageContexts, applyIntentContexts, applyWebhookContexts, NO_CONTEXTS, type Contexts, type WireContext } from './contexts';
import { extractParameters, matchEvent, matchText, missingParameters, type Match, type MatchOptions } from './match';
import { buildWebhookRequest, type WebhookRequestBody } from './request';

export interface PendingSlot {
  readonly intent: AgentIntent;
  readonly parameters: Readonly<Record<string, string>>;
  readonly originals: Readonly<Record<string, string>>;
  /** How many times a prompt was asked already; picks the next prompt. */
  readonly asked: number;
}

export interface SessionState {
  readonly contexts: Contexts;
  readonly pending?: PendingSlot;
}

export const INITIAL_STATE: SessionState = { contexts: NO_CONTEXTS };

export type TurnInput = { readonly text: string } | { readonly event: string };

export interface TurnOptions extends MatchOptions {
  /** Full session path, `projects/<p>/agent/sessions/<id>`. */
  readonly session: string;
  readonly responseId: string;
  readonly source?: string;
}

export type TurnPlan =
  /** A required parameter is missing: say this prompt; the webhook is not called. */
  | { readonly kind: 'prompt'; readonly match: Match; readonly prompt: string; readonly state: SessionState }
  /** POST `request` to the webhook, then apply its answer with `afterWebhook(state, ...)`. */
  | { readonly kind: 'webhook'; readonly match: Match; readonly request: WebhookRequestBody; readonly state: SessionState }
  /** An intent without fulfillment: its own text response. */
  | { readonly kind: 'static'; readonly match: Match; readonly reply: string; readonly state: SessionState };

/** Said when a required parameter has no prompt of its own (agent:check forbids that, but be safe). */
const GENERIC_PROMPT = 'Could you say that again?';

export class UnknownEventError extends Error {
  override name = 'UnknownEventError';
}

export function planTurn(agent: Agent, state: SessionState, input: TurnInput, options: TurnOptions): TurnPlan {
  const queryText = 'text' in input ? input.text : input.event;
  const aged = ageContexts(state.contexts);
  const match = 'event' in input ? eventMatch(agent, input.event) : textMatch(agent, state, input.text, options);

  if (match.missing.length > 0) {
    const asked = state.pending?.intent === match.intent ? state.pending.asked : 0;
    const prompts = match.missing[0]!.prompts;
    const prompt = prompts.length > 0 ? prompts[asked % prompts.length]! : GENERIC_PROMPT;
    const pending: PendingSlot = { intent: match.intent, parameters: match.parameters, originals: match.originals, asked: asked + 1 };
    return { kind: 'prompt', match, prompt, state: { contexts: aged, pending } };
  }

  const contexts = applyIntentContexts(aged, match.intent, match.parameters, match.originals);
  const next: SessionState = { contexts };
  if (!match.intent.webhook) return { kind: 'static', match, reply: match.intent.staticReplies[0] ?? '', state: next };
  const request = buildWebhookRequest({
    session: options.session,
    responseId: options.responseId,
    queryText,
    intent: match.intent,
    score: match.score,
    parameters: match.parameters,
    contexts,
    source: options.source,
    languageCode: agent.languageCode,
  });
  return { kind: 'webhook', match, request, state: next };
}

/** The webhook's outputContexts, applied after the intent's own. */
export function afterWebhook(state: SessionState, outputContexts: readonly WireContext[] | undefined): SessionState {
  return { ...state, contexts: applyWebhookContexts(state.contexts, outputContexts) };
}

function eventMatch(agent: Agent, event: string): Match {
  const match = matchEvent(agent, event);
  if (!match) throw new UnknownEventError(`no intent of the agent handles the event ${event}`);
  return match;
}

function textMatch(agent: Agent, state: SessionState, text: string, options: MatchOptions): Match {
  const active = activeNames(state.contexts);
  const pending = state.pending;
  if (!pending) return matchText(agent, text, active, options);

  const wanted = missingParameters(pending.intent, pending.parameters);
  const given = extractParameters(agent, pending.intent, text);
  const parameters = { ...pending.parameters, ...given.parameters };
  const originals = { ...pending.originals, ...given.originals };
  // A free-text (@sys.any) parameter takes the whole answer.
  const first = wanted[0];
  if (first && first.entity === 'sys.any' && !parameters[first.name] && text.trim()) {
    parameters[first.name] = text.trim();
    originals[first.name] = text.trim();
  }
  if (wanted.some((parameter) => parameters[parameter.name])) {
    return { intent: pending.intent, score: 1, parameters, originals, missing: missingParameters(pending.intent, parameters) };
  }
  const other = matchText(agent, text, active, options);
  if (!other.intent.fallback && other.intent !== pending.intent) return other;
  // Still no value: ask again, keeping what was already said.
  return { intent: pending.intent, score: 1, parameters: pending.parameters, originals: pending.originals, missing: wanted };
}
