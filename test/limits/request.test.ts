/**
 * Every bound of the WebhookRequest schema, pinned just inside and just outside:
 * the value at the limit is accepted, one more is a 400 naming the field.
 */
import { HttpError } from '../../src/http/errors';
import { parseWebhookRequest } from '../../src/http/validate';
import { jsonProblem } from '../../src/dialogflow/json-limits';
import { webhookRequest } from '../support/requests';

type Body = Record<string, any>;

/** The 400 message for `body`, or 'ok'. */
function verdict(body: Body): string {
  try {
    parseWebhookRequest(body);
    return 'ok';
  } catch (error) {
    if (error instanceof HttpError) return error.message;
    throw error;
  }
}

const base = (): Body => webhookRequest({ contexts: [{ name: 'content-followup', lifespanCount: 2, parameters: {} }], source: 'telegram' });
const SESSION = 'projects/p/agent/sessions/';

describe.each<[string, number, (body: Body, value: string) => void, RegExp]>([
  ['responseId', 200, (b, v) => (b.responseId = v), /^responseId: /],
  ['session', 1000, (b, v) => (b.session = SESSION + v.slice(SESSION.length)), /^session: /],
  ['queryText', 4096, (b, v) => (b.queryResult.queryText = v), /^queryResult\.queryText: /],
  ['languageCode', 35, (b, v) => (b.queryResult.languageCode = v), /^queryResult\.languageCode: /],
  ['action', 200, (b, v) => (b.queryResult.action = v), /^queryResult\.action: /],
  ['intent.name', 1000, (b, v) => (b.queryResult.intent.name = v), /^queryResult\.intent\.name: /],
  ['intent.displayName', 200, (b, v) => (b.queryResult.intent.displayName = v), /^queryResult\.intent\.displayName: /],
  ['source', 100, (b, v) => (b.originalDetectIntentRequest.source = v), /^originalDetectIntentRequest\.source: /],
  ['context name', 1000, (b, v) => (b.queryResult.outputContexts[0].name = `${v.slice(0, v.length - 20)}/contexts/followup12`), /^queryResult\.outputContexts\.0\.name: /],
  ['a parameter value', 4096, (b, v) => (b.queryResult.parameters = { topic: v }), /^queryResult\.parameters\.topic: text longer than 4096 characters$/],
  ['a parameter name', 200, (b, v) => (b.queryResult.parameters = { [v]: 'x' }), /^queryResult\.parameters: field name longer than 200 characters$/],
  ['a payload text', 32 * 1024, (b, v) => (b.originalDetectIntentRequest.payload = { text: v }), /^originalDetectIntentRequest\.payload\.text: text longer than 32768 characters$/],
  ['a payload field name', 1000, (b, v) => (b.originalDetectIntentRequest.payload = { [v]: 1 }), /^originalDetectIntentRequest\.payload: field name longer than 1000 characters$/],
])('%s: at most %i characters', (_name, max, set, message) => {
  it(`accepts ${max}`, () => {
    const body = base();
    set(body, 'a'.repeat(max));
    expect(verdict(body)).toBe('ok');
  });
  it(`refuses ${max + 1}, naming the field`, () => {
    const body = base();
    set(body, 'a'.repeat(max + 1));
    expect(verdict(body)).toMatch(message);
  });
});

describe('counts and depths', () => {
  const nested = (depth: number): unknown => (depth === 0 ? 'leaf' : { n: nested(depth - 1) });

  it('takes 200 parameters, not 201', () => {
    const params = (n: number) => Object.fromEntries(Array.from({ length: n }, (_, i) => [`p${i}`, 'x']));
    const body = base();
    body.queryResult.parameters = params(200);
    expect(verdict(body)).toBe('ok');
    body.queryResult.parameters = params(201);
    expect(verdict(body)).toBe('queryResult.parameters: more than 200 parameters');
  });

  it('takes 100 contexts, not 101', () => {
    const contexts = (n: number) => Array.from({ length: n }, (_, i) => ({ name: `${SESSION}s/contexts/c${i}` }));
    const body = base();
    body.queryResult.outputContexts = contexts(100);
    expect(verdict(body)).toBe('ok');
    body.queryResult.outputContexts = contexts(101);
    expect(verdict(body)).toMatch(/^queryResult\.outputContexts: /);
  });

  it('takes a parameter value nested 6 levels deep, not 7', () => {
    const body = base();
    body.queryResult.parameters = { p: nested(6) };
    expect(verdict(body)).toBe('ok');
    body.queryResult.parameters = { p: nested(7) };
    expect(verdict(body)).toBe('queryResult.parameters.p.n.n.n.n.n.n: nested deeper than 7 levels'); // counted from parameters itself
  });

  it('takes a payload value nested 16 levels deep, not 17', () => {
    const body = base();
    body.originalDetectIntentRequest.payload = { p: nested(16) };
    expect(verdict(body)).toBe('ok');
    body.originalDetectIntentRequest.payload = { p: nested(17) };
    expect(verdict(body)).toMatch(/^originalDetectIntentRequest\.payload\.p(\.n){16}: nested deeper than 17 levels$/); // counted from payload itself
  });

  it('jsonProblem counts a plain value as depth 0 and each object or array as one level', () => {
    const limits = { maxDepth: 2, maxStringChars: 3, maxKeyChars: 3 };
    expect(jsonProblem('abc', limits)).toBeUndefined();
    expect(jsonProblem('abcd', limits)).toEqual({ path: [], message: 'text longer than 3 characters' });
    expect(jsonProblem([['x']], limits)).toBeUndefined();
    expect(jsonProblem([[['x']]], limits)).toEqual({ path: [0, 0], message: 'nested deeper than 2 levels' });
    expect(jsonProblem({ abc: 1 }, limits)).toBeUndefined();
    expect(jsonProblem({ abcd: 1 }, limits)).toEqual({ path: [], message: 'field name longer than 3 characters' });
    expect(jsonProblem(null, limits)).toBeUndefined();
  });
});

describe('field names repeated in messages', () => {
  it('repeats plain names up to 40 characters and hides longer or odd ones', () => {
    const body = (key: string) => {
      const b = base();
      b.queryResult.parameters = { [key]: 'a'.repeat(4097) };
      return b;
    };
    expect(verdict(body('k'.repeat(40)))).toBe(`queryResult.parameters.${'k'.repeat(40)}: text longer than 4096 characters`);
    expect(verdict(body('k'.repeat(41)))).toBe('queryResult.parameters.*: text longer than 4096 characters');
    expect(verdict(body('<b>'))).toBe('queryResult.parameters.*: text longer than 4096 characters');
  });
});
