/**
 * POSTs a WebhookRequest the way Dialogflow does, and judges the answer the
 * way Dialogflow would: a non-2xx status, a body that is not a strict v2
 * WebhookResponse, or no answer within the deadline all count as failures.
 */
import { WebhookResponseSchema, type WebhookResponse } from '../../src/dialogflow/response';
import type { WebhookRequestBody } from './request';

/** Dialogflow ES drops webhook answers after 5 seconds. */
export const DIALOGFLOW_TIMEOUT_MS = 5000;

export interface WebhookTarget {
  readonly url: string;
  /** Sent as HTTP Basic auth, like the console's Fulfillment settings. */
  readonly auth?: { readonly username: string; readonly password: string };
  readonly timeoutMs?: number;
}

export type WebhookOutcome =
  | { readonly ok: true; readonly status: number; readonly response: WebhookResponse; readonly ms: number }
  | { readonly ok: false; readonly status?: number; readonly error: string; readonly ms: number };

export async function callWebhook(target: WebhookTarget, body: WebhookRequestBody): Promise<WebhookOutcome> {
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
  const parsed = WebhookResponseSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    return {
      ok: false,
      status: response.status,
      error: `webhook answer is not a v2 WebhookResponse (${issue.path.join('.') || '(root)'}: ${issue.message})`,
      ms: ms(),
    };
  }
  return { ok: true, status: response.status, response: parsed.data, ms: ms() };
}

function describeNetworkError(error: unknown): string {
  const cause = (error as { cause?: { code?: string; message?: string } } | null | undefined)?.cause;
  return cause?.code ?? cause?.message ?? (error instanceof Error ? error.message : String(error));
}
