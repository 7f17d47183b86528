import * as protobuf from 'protobufjs';
import descriptor from '@google-cloud/dialogflow/build/protos/protos.json';
import { messageProblems } from './proto-check';

/** Strict checks against the real Dialogflow ES v2 proto definitions (from @google-cloud/dialogflow); see ./proto-check.ts. */
const root = protobuf.Root.fromJSON(descriptor);

/** Problems that would make Dialogflow reject this body as a v2 WebhookResponse; [] when it is fine. */
export function v2ResponseProblems(body: unknown): string[] {
  return messageProblems(root, 'google.cloud.dialogflow.v2.WebhookResponse', body, { verify: true });
}

/** Problems that would make this body an invalid v2 WebhookRequest (what Dialogflow sends); [] when it is fine. */
export function v2RequestProblems(body: unknown): string[] {
  return messageProblems(root, 'google.cloud.dialogflow.v2.WebhookRequest', body);
}

/** Counts checks so a suite can assert that every response it saw was checked. */
export const protoChecks = { count: 0 };

export function expectValidV2Response(body: unknown): void {
  protoChecks.count += 1;
  expect(v2ResponseProblems(body)).toEqual([]);
}
