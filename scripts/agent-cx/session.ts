/**
 * A conversation with the webhook through the local CX agent (agent-cx/): the
 * stateful, I/O side of turn.ts, as scripts/local-agent/session.ts is for ES.
 * Each turn plans the route locally, POSTs the cx.v3 WebhookRequest CX would
 * send, and carries sessionInfo.parameters to the next turn as CX does
 * (merged; a null removes one). Its results have the ES session's shape, so
 * `npm run chat`, its scripts and the demo page print and check both alike.
 */
import { randomUUID } from 'node:crypto';
import { INTENTS } from '../../src/dialogflow/names';
import { displayReply } from '../local-agent/reply';
import { LOCAL_PROJECT } from '../local-agent/request';
import type { TurnResult } from '../local-agent/session';
import { UnknownEventError } from '../local-agent/turn';
import { callWebhook, type WebhookTarget } from '../local-agent/webhook-call';
import { EVENTS } from './generate';
import type { CxModel } from './model';
import { buildCxWebhookRequest, type CxWebhookRequestBody } from './request';
import { CX_RESPONSE } from './response';
import { planCxIntentTurn, planCxTurn, START, webhookErrorMessages, withWebhookParameters, type CxSessionState, type CxTurn, type SessionParameters } from './turn';

/** Stands in for the agent's resource name (`projects/<p>/locations/<l>/agents/<id>`). */
export const LOCAL_CX_AGENT = `projects/${LOCAL_PROJECT}/locations/global/agents/local-cx`;

/** Dialogflow Messenger's opening event; CX Messenger opens with the welcome intent for it. */
const WELCOME_EVENT = 'WELCOME';

export interface CxSessionOptions {
  readonly webhook: WebhookTarget;
  /** Last part of the session path; random when unset. */
  readonly sessionId?: string;
}

type Message = { text?: { text: string[] }; payload?: Record<string, unknown> };

export class CxLocalSession {
  readonly session: string;
  private state: CxSessionState = START;

  constructor(
    private readonly model: CxModel,
    private readonly options: CxSessionOptions,
  ) {
    this.session = `${LOCAL_CX_AGENT}/sessions/${options.sessionId ?? randomUUID()}`;
  }

  /** The current page (undefined: the flow's start) and the session parameters. */
  get current(): { readonly page?: string; readonly parameters: SessionParameters } {
    return this.state;
  }

  say(text: string): Promise<TurnResult> {
    return this.run(planCxTurn(this.model, this.state, text), { text });
  }

  /** WELCOME opens the conversation with the welcome intent, as CX Messenger does; CX has no other events for a client to send here. */
  event(name: string): Promise<TurnResult> {
    const turn = name === WELCOME_EVENT ? planCxIntentTurn(this.model, this.state, INTENTS.welcome) : undefined;
    if (!turn) throw new UnknownEventError(`the CX agent opens with ${WELCOME_EVENT} only, not ${name}`);
    return this.run(turn, { intent: INTENTS.welcome }, name);
  }

  reset(): void {
    this.state = START;
  }

  private async run(turn: CxTurn, query: { text: string } | { intent: string }, queryText = 'text' in query ? query.text : ''): Promise<TurnResult> {
    let next = turn.state;
    const messages: Message[] = [];
    let request: CxWebhookRequestBody | undefined;
    let webhookStatus: TurnResult['webhookStatus'];
    let answered = false;
    if (turn.webhook) {
      request = buildCxWebhookRequest({
        model: this.model,
        agent: LOCAL_CX_AGENT,
        session: this.session,
        responseId: randomUUID(),
        turn: { ...turn, webhook: turn.webhook },
        query,
        languageCode: this.model.agent.languageCode,
      });
      const outcome = await callWebhook(this.options.webhook, request, CX_RESPONSE);
      if (outcome.ok) {
        answered = true;
        webhookStatus = { ok: true, status: outcome.status, ms: outcome.ms };
        messages.push(...(outcome.response.fulfillmentResponse?.messages ?? []));
        next = withWebhookParameters(next, outcome.response.sessionInfo?.parameters);
      } else {
        // Like CX: the webhook.error handler speaks; the route's transition still happened.
        webhookStatus = { ok: false, ...(outcome.status !== undefined && { status: outcome.status }), error: outcome.error, ms: outcome.ms };
        messages.push(...webhookErrorMessages(this.model).map(textMessage));
      }
    }
    // What Dialogflow says itself comes after the webhook's answer: an entered page's form prompt.
    messages.push(...turn.messages.map(textMessage));
    // An ended session starts over at the next query, as a new CX session would.
    this.state = next.ended ? START : next;

    const fulfillmentText = messages.flatMap((message) => message.text?.text ?? []).join('\n');
    return {
      queryText,
      intent: turn.intent?.name ?? (turn.matchType === 'NO_MATCH' ? EVENTS.noMatch : `${turn.page ?? ''} (form)`),
      action: turn.webhook?.tag ?? '',
      score: turn.intent?.confidence ?? (turn.matchType === 'NO_MATCH' ? 0 : 1),
      parameters: Object.fromEntries(Object.entries(turn.intent?.parameters ?? {}).map(([name, value]) => [name, value.resolved])),
      source: answered ? 'webhook' : 'static',
      fulfillmentText,
      fulfillmentMessages: messages,
      display: displayReply(fulfillmentText, messages),
      ...(webhookStatus && { webhookStatus }),
      ...(request && { request }),
      contexts: {},
      ...(next.page !== undefined && !next.ended && { page: next.page }),
    };
  }
}

function textMessage(text: string): Message {
  return { text: { text: [text] } };
}
