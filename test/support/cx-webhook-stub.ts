/**
 * A stand-in for the CX webhook, where a test needs what the real one does not
 * give (the headers Dialogflow sent, a refusal on demand; the end-to-end tests
 * use the real webhook): it records each cx.v3
 * WebhookRequest with its Authorization header and answers a WebhookResponse
 * that names the tag, ends with the follow-up prompt like every content
 * answer of ours, and keeps the tag in sessionInfo.parameters.
 */
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { followUpPrompt } from '../../src/catalog';

export interface StubRequest {
  headers: IncomingHttpHeaders;
  body: any;
}

export interface CxWebhookStub {
  readonly url: string;
  readonly requests: StubRequest[];
  /** Answer with this HTTP status instead (e.g. 401 for a missing credential). */
  status: number;
  close(): Promise<void>;
}

/** The answer's text for a tag. */
export const stubText = (tag: string) => `[${tag}] ${followUpPrompt()}`;

export async function startCxWebhookStub(): Promise<CxWebhookStub> {
  const requests: StubRequest[] = [];
  const stub = { requests, status: 200 } as CxWebhookStub & { status: number };
  // eslint-disable-next-line @typescript-eslint/no-misused-promises -- node:http drops the promise; a throw here is a bug in the fake, and the test waiting for its answer fails either way
  const server: Server = createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const body = JSON.parse(Buffer.concat(chunks).toString('utf8'));
    requests.push({ headers: req.headers, body });
    res.writeHead(stub.status, { 'Content-Type': 'application/json' });
    const tag: string = body.fulfillmentInfo?.tag ?? '';
    res.end(
      JSON.stringify(
        stub.status === 200
          ? { fulfillmentResponse: { messages: [{ text: { text: [stubText(tag)] } }] }, sessionInfo: { parameters: { lastTag: tag } } }
          : { error: { code: 'unauthorized', message: 'no' } },
      ),
    );
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return Object.assign(stub, {
    url: `http://127.0.0.1:${port}/`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  });
}

/** The claims of the fake ID token in an Authorization header. */
export function idTokenClaims(authorization: string | undefined): Record<string, unknown> | undefined {
  const token = /^Bearer ([^.]+)\.([^.]+)\.(.+)$/.exec(authorization ?? '');
  return token ? JSON.parse(Buffer.from(token[2]!, 'base64url').toString('utf8')) : undefined;
}
