import type { z } from 'zod';
import { CxWebhookRequestSchema, type CxWebhookRequest } from '../dialogflow/cx-request';
import { WebhookRequestSchema, type WebhookRequest } from '../dialogflow/request';
import { HttpError } from './errors';

// Field names in a path can be caller text (parameter names, map keys): only
// plain names are repeated back, anything else shows as `*`.
const PLAIN_NAME = /^[A-Za-z0-9_-]{1,40}$/;

// Every issue has a path: the body is an object by the time the schema sees it,
// and the schema checks no whole-body rule.
function describeIssue(issue: z.core.$ZodIssue): string {
  const field = issue.path.map((part) => (typeof part === 'number' || PLAIN_NAME.test(String(part)) ? String(part) : '*')).join('.');
  return `${field}: ${issue.message}`;
}

/** Parsed JSON body → a v2 WebhookRequest, or a 400 that names the field. */
export function parseWebhookRequest(body: unknown): WebhookRequest {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw new HttpError(400, 'invalid_request', 'The body must be a JSON object (a Dialogflow v2 WebhookRequest)');
  }
  const record = body as Record<string, unknown>;
  if ('result' in record && !('queryResult' in record)) {
    throw new HttpError(
      400,
      'unsupported_version',
      'Dialogflow v1 requests are not supported; enable the v2 API for this agent (field queryResult is missing)',
    );
  }
  const parsed = WebhookRequestSchema.safeParse(body);
  if (!parsed.success) {
    // A failed parse has at least one issue.
    throw new HttpError(400, 'invalid_request', describeIssue(parsed.error.issues[0]!));
  }
  return parsed.data;
}

/** A body already known to be CX (an object with fulfillmentInfo or sessionInfo) → a CX WebhookRequest, or a 400 that names the field. */
export function parseCxWebhookRequest(body: Record<string, unknown>): CxWebhookRequest {
  const parsed = CxWebhookRequestSchema.safeParse(body);
  if (!parsed.success) {
    throw new HttpError(400, 'invalid_request', `Dialogflow CX request: ${describeIssue(parsed.error.issues[0]!)}`);
  }
  return parsed.data;
}
