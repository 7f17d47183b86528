import { parseWebhookRequest } from '../../src/http/validate';
import { refusalOf } from '../support/http-refusal';
import { SESSION, webhookRequest } from '../support/requests';

/** [status, code, message] of the refusal (never with headers), or 'ok'. */
function verdict(body: unknown): [number, string, string] | 'ok' {
  const refusal = refusalOf(() => parseWebhookRequest(body));
  if (refusal === 'ok') return refusal;
  expect(refusal.headers).toEqual({});
  return [refusal.status, refusal.code, refusal.message];
}

describe('parseWebhookRequest', () => {
  it.each([
    ['an array', []],
    ['null', null],
    ['a string', 'queryResult'],
    ['a number', 42],
  ])('refuses %s with a 400 that asks for a JSON object', (_name, body) => {
    expect(verdict(body)).toEqual([400, 'invalid_request', 'The body must be a JSON object (a Dialogflow v2 WebhookRequest)']);
  });

  it('refuses a Dialogflow v1 request (result, no queryResult) as unsupported_version', () => {
    const v1 = { id: 'x', sessionId: 's', result: { resolvedQuery: 'tell me a joke', action: 'say-content', parameters: {} } };
    expect(verdict(v1)).toEqual([
      400,
      'unsupported_version',
      'Dialogflow v1 requests are not supported; enable the v2 API for this agent (field queryResult is missing)',
    ]);
  });

  it('accepts a v2 request that also carries a field named result', () => {
    expect(verdict({ ...webhookRequest(), result: { anything: true } })).toBe('ok');
  });

  it('names the field of the first problem by its plain path, with list indexes', () => {
    expect(verdict({ ...webhookRequest(), queryResult: { queryText: 7 } })).toEqual([
      400,
      'invalid_request',
      'queryResult.queryText: Invalid input: expected string, received number',
    ]);
    const badContext = webhookRequest({ contexts: [{ name: `${SESSION}/contexts/ok` }, { name: 'no-context-path/x' }] });
    expect(verdict(badContext)).toEqual([400, 'invalid_request', 'queryResult.outputContexts.1.name: must end with /contexts/<name>']);
  });

  it('shows an odd field name as *', () => {
    const body = webhookRequest({ parameters: { 'two words': 'a'.repeat(4097) } });
    expect(verdict(body)).toEqual([400, 'invalid_request', 'queryResult.parameters.*: text longer than 4096 characters']);
  });
});
