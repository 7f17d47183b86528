/**
 * One turn through a CX agent's start flow, as pure steps, for local fakes and
 * tools: the user's text + where the session is (page, session parameters) →
 * which route fires, the webhook tag it calls, what Dialogflow says itself, and
 * where the session goes. A deliberately small subset of CX: flow and page
 * routes, forms with required parameters, no-match, and the conditions this
 * project's generator writes (anything else is false).
 */
import { words } from '../local-agent/agent';
import { findMention, matchText, type Match } from '../local-agent/match';
import { END_SESSION, EVENTS, FORM_DONE } from './generate';
import { pageContext, type CxModel, type TransitionRoute } from './model';
import type { EventHandler, Fulfillment, Page, TextMessage } from './schema';

export type SessionParameters = Readonly<Record<string, unknown>>;

export interface CxSessionState {
  /** The current page's display name; undefined = the flow's start. */
  readonly page?: string;
  readonly parameters: SessionParameters;
  /** The session went to End Session. */
  readonly ended?: boolean;
}

export const START: CxSessionState = { parameters: {} };

export interface CxTurn {
  /** The matched intent, if an intent route fired (not a form fill or a no-match). */
  readonly intent?: { readonly id: string; readonly name: string; readonly confidence: number; readonly parameters: Readonly<Record<string, { original: string; resolved: string }>> };
  /** The webhook to call and its tag, when the fulfillment has one. */
  readonly webhook?: { readonly name: string; readonly tag: string };
  /** What Dialogflow says itself, in order (static fulfillment, then an entered page's form prompt). */
  readonly messages: readonly string[];
  /** The page the webhook sees (pageInfo): where the session was when the route fired. */
  readonly page?: string;
  readonly state: CxSessionState;
  readonly matchType: 'INTENT' | 'PARAMETER_FILLING' | 'NO_MATCH';
}

const INTENT_PARAM = /^\$intent\.params\.([\w-]+)\.resolved (=|!=) null$/;

function holds(condition: string | undefined, intentParameters: Readonly<Record<string, string>>, formDone: boolean): boolean {
  if (condition === undefined || condition === 'true') return true;
  if (condition === FORM_DONE) return formDone;
  const m = INTENT_PARAM.exec(condition);
  if (!m) return false;
  const isNull = intentParameters[m[1]!] === undefined;
  return m[2] === '=' ? isNull : !isNull;
}

function say(messages: readonly TextMessage[] | undefined, lang: string): string[] {
  // CX picks one of a message's texts at random; the first keeps this deterministic.
  return (messages ?? []).filter((m) => m.languageCode === lang).map((m) => m.text.text[0]!);
}

function missingFormParameters(page: Page | undefined, parameters: SessionParameters) {
  return (page?.form.parameters ?? []).filter((p) => p.required && (parameters[p.displayName] === undefined || parameters[p.displayName] === null));
}

function applyFulfillment(fulfillment: Fulfillment, parameters: Record<string, unknown>): void {
  // eslint-disable-next-line @typescript-eslint/no-dynamic-delete -- session parameters are CX's JSON map, keyed by the agent's names
  for (const action of fulfillment.setParameterActions ?? []) delete parameters[action.parameter];
}

/** Fires `handler` (a route or event handler) from `state`: its fulfillment, then its target page (and that page's form prompt). */
function fire(
  model: CxModel,
  handler: TransitionRoute | EventHandler,
  state: CxSessionState,
  parameters: Record<string, unknown>,
  base: Pick<CxTurn, 'intent' | 'matchType'>,
): CxTurn {
  const lang = model.agent.languageCode;
  const fulfillment = handler.triggerFulfillment;
  applyFulfillment(fulfillment, parameters);
  const messages = say(fulfillment.messages, lang);
  const webhook = fulfillment.webhook !== undefined && fulfillment.tag !== undefined ? { name: fulfillment.webhook, tag: fulfillment.tag } : undefined;
  let page = handler.targetPage ?? state.page;
  let ended = false;
  if (page === END_SESSION) {
    page = undefined;
    ended = true;
  }
  const target = page === undefined ? undefined : model.pages.get(page);
  const missing = missingFormParameters(target, parameters);
  if (missing[0]) messages.push(...say(missing[0].fillBehavior.initialPromptFulfillment.messages, lang));
  return {
    ...base,
    ...(webhook && { webhook }),
    messages,
    ...(state.page !== undefined && { page: state.page }),
    state: { ...(page !== undefined && { page }), parameters, ...(ended && { ended }) },
  };
}

export function planCxTurn(model: CxModel, state: CxSessionState, text: string): CxTurn {
  const parameters: Record<string, unknown> = { ...state.parameters };
  const page = state.page === undefined ? undefined : model.pages.get(state.page);

  // On a page with an open form, the text is first read as the missing value.
  const missing = missingFormParameters(page, parameters);
  if (page && missing.length > 0) {
    for (const parameter of missing) {
      const entries = model.agent.entities.get(parameter.entityType.slice(1));
      const mention = entries && findMention(words(text), entries);
      if (mention) parameters[parameter.displayName] = mention.value;
    }
    if (missingFormParameters(page, parameters).length === 0) {
      const route = page.transitionRoutes.find((r) => r.intent === undefined && holds(r.condition, {}, true));
      if (route) return fire(model, route, state, parameters, { matchType: 'PARAMETER_FILLING' });
    }
  }

  const active = new Set(state.page === undefined ? [] : [pageContext(state.page)]);
  return routeMatch(model, state, parameters, matchText(model.agent, text, active));
}

/**
 * A query that names its intent (`queryInput.intent`, what a client sends to
 * open the conversation with the welcome intent): routed as if matched, with
 * full confidence. Undefined when the agent has no intent of that name.
 */
export function planCxIntentTurn(model: CxModel, state: CxSessionState, intentName: string): CxTurn | undefined {
  const intent = model.agent.intents.find((candidate) => candidate.name === intentName);
  if (!intent) return undefined;
  return routeMatch(model, state, { ...state.parameters }, { intent, score: 1, parameters: {}, originals: {}, missing: [] });
}

/** The first route of the matched intent whose condition holds (the page's, then the flow's), else no-match. */
function routeMatch(model: CxModel, state: CxSessionState, parameters: Record<string, unknown>, match: Match): CxTurn {
  const page = state.page === undefined ? undefined : model.pages.get(state.page);
  const noMatch = () => {
    const handler = model.flow.eventHandlers.find((h) => h.event === EVENTS.noMatch);
    if (!handler) return { messages: [], state: { ...state, parameters: state.parameters }, matchType: 'NO_MATCH' as const };
    return fire(model, { ...handler, targetPage: undefined }, state, parameters, { matchType: 'NO_MATCH' });
  };
  if (match.intent.fallback) return noMatch();

  const routes = [...(page?.transitionRoutes ?? []), ...model.flow.transitionRoutes];
  const route = routes.find((r) => r.intent === match.intent.name && holds(r.condition, match.parameters, false));
  if (!route) return noMatch();
  // CX writes the matched intent's parameters into the session.
  for (const [name, value] of Object.entries(match.parameters)) parameters[name] = value;
  const intentParameters = Object.fromEntries(
    Object.entries(match.parameters).map(([name, resolved]) => [name, { original: match.originals[name] ?? resolved, resolved }]),
  );
  return fire(model, route, state, parameters, {
    intent: { id: match.intent.id, name: match.intent.name, confidence: match.score, parameters: intentParameters },
    matchType: 'INTENT',
  });
}

/** What Dialogflow says itself when the webhook fails: the flow's webhook.error handler. */
export function webhookErrorMessages(model: CxModel): string[] {
  return say(model.flow.eventHandlers.find((h) => h.event === EVENTS.webhookError)?.triggerFulfillment.messages, model.agent.languageCode);
}

/** The webhook's sessionInfo.parameters applied: a null removes the parameter. */
export function withWebhookParameters(state: CxSessionState, changes: Readonly<Record<string, unknown>> | undefined): CxSessionState {
  const parameters: Record<string, unknown> = { ...state.parameters };
  for (const [name, value] of Object.entries(changes ?? {})) {
    // eslint-disable-next-line @typescript-eslint/no-dynamic-delete -- session parameters are CX's JSON map, keyed by the webhook's names
    if (value === null) delete parameters[name];
    else parameters[name] = value;
  }
  return { ...state, parameters };
}
