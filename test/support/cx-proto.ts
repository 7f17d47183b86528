import * as protobuf from 'protobufjs';
import descriptor from '@google-cloud/dialogflow-cx/build/protos/protos.json';
import { messageProblems } from './proto-check';

/**
 * Strict checks against the real Dialogflow CX `google.cloud.dialogflow.cx.v3`
 * proto definitions (from @google-cloud/dialogflow-cx); see ./proto-check.ts.
 */
const root = protobuf.Root.fromJSON(descriptor);

/** Problems that would make Dialogflow CX reject this body as a WebhookResponse; [] when it is fine. */
export function cxResponseProblems(body: unknown): string[] {
  return messageProblems(root, 'google.cloud.dialogflow.cx.v3.WebhookResponse', body, { verify: true });
}

/** Problems that would make this body an invalid CX WebhookRequest (what Dialogflow CX sends); [] when it is fine. */
export function cxRequestProblems(body: unknown): string[] {
  return messageProblems(root, 'google.cloud.dialogflow.cx.v3.WebhookRequest', body);
}

export function expectValidCxResponse(body: unknown): void {
  expect(cxResponseProblems(body)).toEqual([]);
}
