/**
 * Every bound of the CX WebhookRequest schema (src/dialogflow/cx-request.ts),
 * just inside and just outside. The values are literal, not the constants.
 */
import { CxWebhookRequestSchema } from '../../src/dialogflow/cx-request';

const AGENT = 'projects/p/locations/global/agents/a';
const ok = (body: Record<string, unknown>) => CxWebhookRequestSchema.safeParse({ fulfillmentInfo: { tag: 'welcome' }, ...body }).success;
const many = (n: number, value: (i: number) => unknown) => Object.fromEntries(Array.from({ length: n }, (_, i) => [`p${i}`, value(i)]));
const nested = (depth: number): unknown => (depth === 0 ? 'x' : { a: nested(depth - 1) });

describe('CX request bounds', () => {
  it.each<[string, (n: number) => Record<string, unknown>, number]>([
    ['tag', (n) => ({ fulfillmentInfo: { tag: 't'.repeat(n) } }), 200],
    ['text', (n) => ({ text: 't'.repeat(n) }), 4096],
    ['transcript', (n) => ({ transcript: 't'.repeat(n) }), 4096],
    ['triggerEvent', (n) => ({ triggerEvent: 'e'.repeat(n) }), 200],
    ['triggerIntent', (n) => ({ triggerIntent: 'i'.repeat(n) }), 1000],
    ['dtmfDigits', (n) => ({ dtmfDigits: '1'.repeat(n) }), 100],
    ['languageCode', (n) => ({ languageCode: 'l'.repeat(n) }), 35],
    ['detectIntentResponseId', (n) => ({ detectIntentResponseId: 'r'.repeat(n) }), 200],
    ['intentInfo.displayName', (n) => ({ intentInfo: { displayName: 'd'.repeat(n) } }), 200],
    ['intentInfo.lastMatchedIntent', (n) => ({ intentInfo: { lastMatchedIntent: 'i'.repeat(n) } }), 1000],
    ['pageInfo.currentPage', (n) => ({ pageInfo: { currentPage: 'p'.repeat(n) } }), 1000],
    ['pageInfo.displayName', (n) => ({ pageInfo: { displayName: 'p'.repeat(n) } }), 200],
    ['a form parameter name', (n) => ({ pageInfo: { formInfo: { parameterInfo: [{ displayName: 'f'.repeat(n) }] } } }), 200],
    ['a form parameter state', (n) => ({ pageInfo: { formInfo: { parameterInfo: [{ state: 'S'.repeat(n) }] } } }), 50],
    ['an intent parameter name', (n) => ({ intentInfo: { parameters: { ['k'.repeat(n)]: { resolvedValue: 'v' } } } }), 200],
    ['an original value', (n) => ({ intentInfo: { parameters: { topic: { originalValue: 'o'.repeat(n) } } } }), 4096],
    ['a resolved value', (n) => ({ intentInfo: { parameters: { topic: { resolvedValue: 'o'.repeat(n) } } } }), 4096],
    ['a session parameter value', (n) => ({ sessionInfo: { parameters: { topic: 'o'.repeat(n) } } }), 4096],
    ['the session path', (n) => ({ sessionInfo: { session: `${AGENT}/sessions/${'s'.repeat(n - AGENT.length - 10)}` } }), 1000],
  ])('%s: %i characters at most', (_name, body, max) => {
    expect(ok(body(max))).toBe(true);
    expect(ok(body(max + 1))).toBe(false);
  });

  it.each<[string, (n: number) => Record<string, unknown>, number]>([
    ['session parameters', (n) => ({ sessionInfo: { parameters: many(n, () => 1) } }), 200],
    ['intent parameters', (n) => ({ intentInfo: { parameters: many(n, () => ({ resolvedValue: 1 })) } }), 200],
    ['form parameters', (n) => ({ pageInfo: { formInfo: { parameterInfo: Array.from({ length: n }, () => ({ value: 1 })) } } }), 200],
  ])('%s: %i at most', (_name, body, max) => {
    expect(ok(body(max))).toBe(true);
    expect(ok(body(max + 1))).toBe(false);
  });

  it.each<[string, (depth: number) => Record<string, unknown>, number]>([
    ['a session parameter', (d) => ({ sessionInfo: { parameters: { p: nested(d) } } }), 6],
    ['a resolved intent parameter', (d) => ({ intentInfo: { parameters: { p: { resolvedValue: nested(d) } } } }), 6],
    ['a form value', (d) => ({ pageInfo: { formInfo: { parameterInfo: [{ value: nested(d) }] } } }), 6],
    ['the payload', (d) => ({ payload: { p: nested(d) } }), 16],
  ])('%s: nested %i levels at most', (_name, body, max) => {
    expect(ok(body(max))).toBe(true);
    expect(ok(body(max + 1))).toBe(false);
  });

  it('session paths: with and without an environment; not ES ones', () => {
    expect(ok({ sessionInfo: { session: `${AGENT}/sessions/s1` } })).toBe(true);
    expect(ok({ sessionInfo: { session: `${AGENT}/environments/draft/sessions/s1` } })).toBe(true);
    expect(ok({ sessionInfo: { session: 'projects/p/agent/sessions/s1' } })).toBe(false);
    expect(ok({ sessionInfo: { session: `${AGENT}/sessions/s 1` } })).toBe(false);
  });

  it('null is read as absent, as proto3 JSON reads it', () => {
    expect(ok({ fulfillmentInfo: { tag: null }, text: null, languageCode: null, sessionInfo: { session: null, parameters: null }, intentInfo: null, pageInfo: null })).toBe(true);
  });
});
