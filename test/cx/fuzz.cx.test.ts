import fc from 'fast-check';
import type { Request, Response } from '@google-cloud/functions-framework';
import { createWebhookHandler } from '../../src/http/handler';
import { jsonLogger } from '../../src/log';
import { cxResponseProblems } from '../support/cx-proto';
import { FakeResponse } from '../support/fake-response';
import { answerProblems, cxWebhookBody, FuzzReddit, listingArb, redditFailure } from '../support/fuzz';
import { testReport } from '../support/report';

/**
 * Property: whatever CX body is POSTed (fulfillmentInfo always there, the rest
 * mostly right and sometimes anything), the handler answers with JSON, never a
 * 5xx, and every 200 is a strict cx.v3 WebhookResponse with something to say.
 * In-process, as test/fuzz.test.ts does for ES; FUZZ_RUNS and FUZZ_SEED reproduce or extend a run.
 */
const RUNS = Number(process.env.FUZZ_RUNS ?? 1500);
const SEED = Number(process.env.FUZZ_SEED ?? 20261203);

/** A 200 for CX: strict cx.v3 with at least one non-empty text message. */
function cxAnswerProblems(json: any): string[] {
  const problems = cxResponseProblems(json);
  const texts: unknown[] = (json?.fulfillmentResponse?.messages ?? []).flatMap((message: any) => message?.text?.text ?? []);
  if (!texts.some((text) => typeof text === 'string' && text.trim() !== '')) problems.push('no text to say');
  return problems;
}

describe('fuzz: generated CX bodies against the handler', () => {
  it(`answers ${RUNS} generated CX requests with valid JSON, never a 5xx`, async () => {
    const statuses = new Map<number, number>();
    const started = Date.now();
    await fc.assert(
      fc.asyncProperty(cxWebhookBody, listingArb, redditFailure, fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true }), async (body, listing, failure, randomValue) => {
        const handler = createWebhookHandler({
          config: { deadlineMs: 4000, allowNsfw: false },
          posts: new FuzzReddit(listing, failure),
          log: jsonLogger('debug', () => undefined),
          random: () => randomValue,
        });
        const rawBody = Buffer.from(JSON.stringify(body));
        const req = { method: 'POST', headers: { 'content-type': 'application/json', 'content-length': String(rawBody.length) }, body, rawBody };
        const res = new FakeResponse();
        await handler(req as unknown as Request, res as unknown as Response);
        statuses.set(res.statusCode, (statuses.get(res.statusCode) ?? 0) + 1);
        const problems = answerProblems(res.statusCode, res.headers['content-type'], res.body, cxAnswerProblems);
        if (problems.length > 0) throw new Error(`${problems.join('; ')}\nstatus ${res.statusCode}: ${res.body.slice(0, 300)}`);
      }),
      { numRuns: RUNS, seed: SEED },
    );
    const elapsed = Date.now() - started;
    // The generator must reach both outcomes, or the property says little.
    expect(statuses.get(200) ?? 0).toBeGreaterThan(RUNS * 0.15);
    expect(statuses.get(400) ?? 0).toBeGreaterThan(RUNS * 0.05);
    testReport('fuzz-cx', `fuzz CX: ${RUNS} bodies in ${elapsed} ms; statuses ${JSON.stringify(Object.fromEntries(statuses))}`);
  }, 120_000);
});
