import type { Request, Response } from '@google-cloud/functions-framework';
import { createWebhookHandler } from '../src/http/handler';
import { jsonLogger } from '../src/log';
import type { PostSource } from '../src/reddit/client';
import { jokes } from './support/reddit';
import { sayRequest } from './support/requests';
import { FakeReddit } from './support/turns';

/** The handler's own safety nets: a failing intent and a hanging one still get a 200 with an apology. */

function call(posts: PostSource, options: { deadlineMs?: number; random?: () => number } = {}) {
  const lines: string[] = [];
  const handler = createWebhookHandler({
    config: { deadlineMs: options.deadlineMs ?? 4000, allowNsfw: false },
    posts,
    log: jsonLogger('info', (line) => lines.push(line)),
    random: options.random,
  });
  const body = sayRequest('joke');
  const raw = Buffer.from(JSON.stringify(body));
  const req = { method: 'POST', headers: { 'content-type': 'application/json', 'content-length': String(raw.length) }, rawBody: raw, body };
  let status = 0;
  let sent = '';
  const res = {
    headersSent: false,
    statusCode: 0,
    setHeader() {},
    end(text: string) {
      status = res.statusCode;
      sent = text;
      res.headersSent = true;
    },
  };
  const started = performance.now();
  return handler(req as unknown as Request, res as unknown as Response).then(() => ({
    status,
    json: JSON.parse(sent) as { fulfillmentText: string },
    ms: performance.now() - started,
    lines,
  }));
}

const SORRY = /^Sorry, something went wrong on my side/;

describe('webhook handler safety nets', () => {
  it('answers an intent that throws with the apology, and logs it', async () => {
    const reddit = new FakeReddit({ Jokes: jokes(3) });
    const answer = await call(reddit, {
      random: () => {
        throw new Error('boom');
      },
    });
    expect(answer.status).toBe(200);
    expect(answer.json.fulfillmentText).toMatch(SORRY);
    expect(answer.lines.some((line) => line.includes('"intent failed"') && line.includes('boom'))).toBe(true);
  });

  it('answers an intent that never finishes with the apology, before the deadline', async () => {
    const hanging: PostSource = { fetchPosts: () => new Promise(() => undefined) };
    const answer = await call(hanging, { deadlineMs: 300 });
    expect(answer.status).toBe(200);
    expect(answer.json.fulfillmentText).toMatch(SORRY);
    // The 300 ms budget answered, not a hang (a generous bound: no timing luck needed).
    expect(answer.ms).toBeLessThan(2000);
  });
});
