/**
 * A conversation with the webhook through the local agent: the stateful, I/O
 * side of turn.ts. Used by `npm run chat`, the demo page and the tests.
 */
import { randomUUID } from 'node:crypto';
import type { CxWebhookRequestBody } from '../agent-cx/request';
import type { Agent } from './agent';
import type { Contexts } from './contexts';
import type { MatchOptions } from './match';
import { displayReply, type DisplayReply } from './reply';
import { sessionPath, type WebhookRequestBody } from './request';
import { afterWebhook, INITIAL_STATE, planTurn, type SessionState, type TurnInput } from './turn';
import { callWebhook, type WebhookTarget } from './webhook-call';

export interface SessionOptions extends MatchOptions {
  readonly webhook: WebhookTarget;
  /** Last part of the session path; random when unset. */
  readonly sessionId?: string;
  readonly source?: string;
}

/** Roughly a DetectIntentResponse's queryResult, plus what the tools print. */
export interface TurnResult {
  readonly queryText: string;
  readonly intent: string;
  readonly action: string;
  readonly score: number;
  readonly phrase?: string;
  readonly nearest?: { readonly intent: string; readonly score: number; readonly phrase?: string };
  readonly parameters: Readonly<Record<string, string>>;
  /** `prompt`: asked for a missing parameter; `static`: the intent's own reply (no or failed webhook). */
  readonly source: 'webhook' | 'prompt' | 'static';
  readonly fulfillmentText: string;
  readonly fulfillmentMessages: readonly unknown[];
  readonly display: DisplayReply;
  /** Set when the webhook was called. */
  readonly webhookStatus?: { readonly ok: boolean; readonly status?: number; readonly error?: string; readonly ms: number };
  readonly request?: WebhookRequestBody | CxWebhookRequestBody;
  /** Active contexts after the turn: name → lifespan (none over CX). */
  readonly contexts: Readonly<Record<string, number>>;
  /** Over CX: the page the session is on after the turn (unset: the flow's start). */
  readonly page?: string;
}

export class LocalSession {
  readonly session: string;
  private state: SessionState = INITIAL_STATE;

  constructor(
    private readonly agent: Agent,
    private readonly options: SessionOptions,
  ) {
    this.session = sessionPath(options.sessionId ?? randomUUID());
  }

  get contexts(): Contexts {
    return this.state.contexts;
  }

  say(text: string): Promise<TurnResult> {
    return this.turn({ text });
  }

  event(name: string): Promise<TurnResult> {
    return this.turn({ event: name });
  }

  reset(): void {
    this.state = INITIAL_STATE;
  }

  private async turn(input: TurnInput): Promise<TurnResult> {
    const plan = planTurn(this.agent, this.state, input, {
      session: this.session,
      responseId: randomUUID(),
      source: this.options.source,
      threshold: this.options.threshold,
    });
    const { match } = plan;
    const base = {
      queryText: 'text' in input ? input.text : input.event,
      intent: match.intent.name,
      action: match.intent.action,
      score: match.score,
      ...(match.phrase !== undefined ? { phrase: match.phrase } : {}),
      ...(match.nearest ? { nearest: match.nearest } : {}),
      parameters: match.parameters,
    };

    if (plan.kind !== 'webhook') {
      this.state = plan.state;
      const text = plan.kind === 'prompt' ? plan.prompt : plan.reply;
      return this.result({ ...base, source: plan.kind, fulfillmentText: text, fulfillmentMessages: textMessages(text) });
    }

    const outcome = await callWebhook(this.options.webhook, plan.request);
    if (!outcome.ok) {
      // Like Dialogflow: the intent's own response is said, its contexts still apply.
      this.state = plan.state;
      const text = plan.request.queryResult.fulfillmentText;
      return this.result({
        ...base,
        source: 'static',
        fulfillmentText: text,
        fulfillmentMessages: textMessages(text),
        webhookStatus: { ok: false, status: outcome.status, error: outcome.error, ms: outcome.ms },
        request: plan.request,
      });
    }
    this.state = afterWebhook(plan.state, outcome.response.outputContexts);
    return this.result({
      ...base,
      source: 'webhook',
      fulfillmentText: outcome.response.fulfillmentText,
      fulfillmentMessages: outcome.response.fulfillmentMessages ?? [],
      webhookStatus: { ok: true, status: outcome.status, ms: outcome.ms },
      request: plan.request,
    });
  }

  private result(partial: Omit<TurnResult, 'display' | 'contexts'>): TurnResult {
    return {
      ...partial,
      display: displayReply(partial.fulfillmentText, partial.fulfillmentMessages),
      contexts: Object.fromEntries([...this.state.contexts].map(([name, context]) => [name, context.lifespan])),
    };
  }
}

function textMessages(text: string): unknown[] {
  return text ? [{ text: { text: [text] } }] : [];
}
