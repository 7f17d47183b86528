/**
 * POSTs a WebhookRequest the way Dialogflow does, and judges the answer the
 * way Dialogflow would: a non-2xx status, a body that is not a strict v2
 * WebhookResponse, or no answer within the deadline all count as failures.
 */
import type { z } from 'zod';
import { WebhookResponseSchema, type WebhookResponse } from '../../src/dialogflow/response';

/** Dialogflow ES drops webhook answers after 5 seconds. */
export const DIALOGFLOW_TIMEOUT_MS = 5000;

export interface WebhookTarget {
  readonly url: string;
  /** Sent as HTTP Basic auth, like the console's Fulfillment settings. */
  readonly auth?: { readonly username: string; readonly password: string };
  readonly timeoutMs?: number;
}

/** What an answer must parse as, and its name for the error message. */
export interface ExpectedResponse<T> {
  readonly schema: z.ZodType<T>;
  readonly name: string;
}

/** Dialogflow ES's answer: a strict v2 WebhookResponse. */
export const ES_RESPONSE: ExpectedResponse<WebhookResponse> = { schema: WebhookResponseSchema, name: 'a v2 WebhookResponse' };

export type WebhookOutcome<T = WebhookResponse> =
  | { readonly ok: true; readonly status: number; readonly response: T; readonly ms: number }
  | { readonly ok: false; readonly status?: number; readonly error: string; readonly ms: number };

/** POSTs `body`; the answer must parse as `expected` (default: a strict v2 WebhookResponse, as ES wants). */
export function callWebhook(target: WebhookTarget, body: unknown): Promise<WebhookOutcome>;
export function callWebhook<T>(target: WebhookTarget, body: unknown, expected: ExpectedResponse<T>): Promise<WebhookOutcome<T>>;
export async function callWebhook(target: WebhookTarget, body: unknown, expected: ExpectedResponse<unknown> = ES_RESPONSE): Promise<WebhookOutcome<unknown>> {
  const started = performance.now();
  const ms = () => Math.round(performance.now() - started);
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (target.auth) {
    headers.authorization = `Basic ${Buffer.from(`${target.auth.username}:${target.auth.password}`).toString('base64')}`;
  }
  let response: Response;
  let text: string;
  try {
    response = await fetch(target.url, {
      method: 'POST',
      headers,
      body: JSON.stringify(body),
      signal: AbortSignal.timeout(target.timeoutMs ?? DIALOGFLOW_TIMEOUT_MS),
    });
    text = await response.text();
  } catch (error) {
    const timeout = error instanceof Error && (error.name === 'TimeoutError' || error.name === 'AbortError');
    const reason = timeout ? 'no answer in time' : describeNetworkError(error);
    return { ok: false, error: `webhook call failed: ${reason}`, ms: ms() };
  }
  if (!response.ok) {
    return { ok: false, status: response.status, error: `webhook answered ${response.status}: ${text.slice(0, 200)}`, ms: ms() };
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return { ok: false, status: response.status, error: 'webhook answer is not JSON', ms: ms() };
  }
  const parsed = expected.schema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    return {
      ok: false,
      status: response.status,
      error: `webhook answer is not ${expected.name} (${issue.path.join('.') || '(root)'}: ${issue.message})`,
      ms: ms(),
    };
  }
  return { ok: true, status: response.status, response: parsed.data, ms: ms() };
}

function describeNetworkError(error: unknown): string {
  const cause = (error as { cause?: { code?: string; message?: string } } | null | undefined)?.cause;
  return cause?.code ?? cause?.message ?? (error instanceof Error ? error.message : String(error));
}
