import fc from 'fast-check';
import type { Request, Response } from '@google-cloud/functions-framework';
import { createWebhookHandler } from '../src/http/handler';
import { jsonLogger } from '../src/log';
import { preloadResponseLibrary } from '../src/dialogflow/response';
import { answerProblems, FuzzReddit, listingArb, redditFailure, webhookBody } from './support/fuzz';
import { testReport } from './support/report';

/**
 * Property: whatever is POSTed, the handler answers with JSON, never a 5xx,
 * never HTML or a stack trace, and every 200 is a strict v2 WebhookResponse.
 * Runs in-process (no sockets) so thousands of bodies fit in seconds; the
 * express/body-parser path gets its own, smaller run in fuzz.http.test.ts.
 * FUZZ_RUNS and FUZZ_SEED (printed on failure) reproduce or extend a run.
 */
const RUNS = Number(process.env.FUZZ_RUNS ?? 5000);
// A fixed seed by default, so CI never fails on a draw; FUZZ_SEED=<n> explores other bodies.
const SEED = Number(process.env.FUZZ_SEED ?? 20261130);

const AUTH = { username: 'dialogflow', password: 'secret password' };
const GOOD_AUTH = `Basic ${Buffer.from(`${AUTH.username}:${AUTH.password}`).toString('base64')}`;

class FakeResponse {
  headersSent = false;
  statusCode = 200;
  readonly headers: Record<string, string> = {};
  body = '';
  ends = 0;
  setHeader(name: string, value: string): this {
    if (this.headersSent) throw new Error('header set after the answer was sent');
    this.headers[name.toLowerCase()] = value;
    return this;
  }
  end(body: string): this {
    this.ends += 1;
    this.body = body;
    this.headersSent = true;
    return this;
  }
}

const requestHead = fc.record({
  method: fc.oneof({ weight: 12, arbitrary: fc.constant('POST') }, { weight: 1, arbitrary: fc.constantFrom('GET', 'PUT', 'DELETE', 'PATCH', 'OPTIONS', 'HEAD') }),
  contentType: fc.oneof(
    { weight: 12, arbitrary: fc.constantFrom('application/json', 'application/json; charset=utf-8', 'Application/JSON') },
    { weight: 1, arbitrary: fc.constantFrom(undefined, 'text/plain', 'application/x-www-form-urlencoded', 'application/jsonx', '') },
  ),
  authorization: fc.oneof(
    { weight: 10, arbitrary: fc.constant(GOOD_AUTH) },
    { weight: 1, arbitrary: fc.constantFrom(undefined, 'Basic', 'Basic Og==', `Bearer x`, `${GOOD_AUTH}x`) },
    { weight: 1, arbitrary: fc.string().map((s) => `Basic ${Buffer.from(s).toString('base64')}`) },
  ),
});

describe('fuzz: generated bodies against the handler', () => {
  beforeAll(() => preloadResponseLibrary());

  it(`answers ${RUNS} generated requests with valid JSON, never a 5xx`, async () => {
    const statuses = new Map<number, number>();
    const started = Date.now();
    await fc.assert(
      fc.asyncProperty(webhookBody, listingArb, redditFailure, requestHead, fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true }), async (body, listing, failure, head, randomValue) => {
        const handler = createWebhookHandler({
          config: { auth: AUTH, deadlineMs: 4000, allowNsfw: false, projectId: 'demo' },
          posts: new FuzzReddit(listing, failure),
          // A real logger at debug, writing nowhere: logging must cope with whatever came in.
          log: jsonLogger('debug', () => undefined),
          random: () => randomValue,
        });
        const headers: Record<string, string> = {};
        if (head.contentType !== undefined) headers['content-type'] = head.contentType;
        if (head.authorization !== undefined) headers.authorization = head.authorization;
        const rawBody = Buffer.from((JSON.stringify(body) as string | undefined) ?? '');
        headers['content-length'] = String(rawBody.length);
        const req = { method: head.method, headers, body, rawBody } as unknown as Request;
        const res = new FakeResponse();
        await handler(req, res as unknown as Response);
        statuses.set(res.statusCode, (statuses.get(res.statusCode) ?? 0) + 1);
        const problems = answerProblems(res.statusCode, res.headers['content-type'], res.body);
        if (res.ends !== 1) problems.push(`answered ${res.ends} times`);
        if (problems.length > 0) throw new Error(`${problems.join('; ')}\nstatus ${res.statusCode}: ${res.body.slice(0, 300)}`);
      }),
      { numRuns: RUNS, seed: SEED },
    );
    const elapsed = Date.now() - started;
    // The generators must reach every outcome, or the property says little.
    const ok = statuses.get(200) ?? 0;
    expect(ok).toBeGreaterThan(RUNS * 0.15);
    expect(statuses.get(400) ?? 0).toBeGreaterThan(RUNS * 0.1);
    expect(statuses.get(401) ?? 0).toBeGreaterThan(0);
    expect(elapsed).toBeLessThan(Math.max(60_000, RUNS * 12)); // the default run must stay well under a minute
    // How many bodies, how fast, which answers: build/test-reports/fuzz.txt (TEST_REPORTS=1 prints it).
    testReport('fuzz', `fuzz: ${RUNS} bodies in ${elapsed} ms; statuses ${JSON.stringify(Object.fromEntries(statuses))}`);
  }, 120_000);
});
