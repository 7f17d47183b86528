import type { z } from 'zod';
import { WebhookRequestSchema, type WebhookRequest } from '../dialogflow/request';
import { HttpError } from './errors';

// Field names in a path can be caller text (parameter names, map keys): only
// plain names are repeated back, anything else shows as `*`.
const PLAIN_NAME = /^[A-Za-z0-9_-]{1,40}$/;

function describeIssue(issue: z.core.$ZodIssue): string {
  const field = issue.path.length > 0 ? issue.path.map((part) => (typeof part === 'number' || PLAIN_NAME.test(String(part)) ? String(part) : '*')).join('.') : 'body';
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
    const first = parsed.error.issues[0];
    throw new HttpError(400, 'invalid_request', first ? describeIssue(first) : 'Invalid WebhookRequest');
  }
  return parsed.data;
}
