import { join } from 'node:path';
import { CONTEXTS, INTENTS } from '../../src/dialogflow/names';
import { toTurn, WebhookRequestSchema } from '../../src/dialogflow/request';
import { loadAgent, type Agent } from '../../scripts/local-agent/agent';
import { afterWebhook, INITIAL_STATE, planTurn, UnknownEventError, type SessionState, type TurnInput, type TurnPlan } from '../../scripts/local-agent/turn';
import { v2RequestProblems } from '../support/v2-proto';

const SESSION = 'projects/local-agent/agent/sessions/turn-test';
let agent: Agent;
beforeAll(async () => {
  agent = await loadAgent(join(__dirname, '..', '..', 'agent'));
});

const plan = (state: SessionState, input: TurnInput | string): TurnPlan =>
  planTurn(agent, state, typeof input === 'string' ? { text: input } : input, { session: SESSION, responseId: 'r-1' });

function webhookPlan(state: SessionState, input: TurnInput | string) {
  const result = plan(state, input);
  if (result.kind !== 'webhook') throw new Error(`expected a webhook call, got ${result.kind}`);
  return result;
}

describe('planTurn', () => {
  it('builds a v2 WebhookRequest that the webhook and the proto both accept', () => {
    const { request } = webhookPlan(INITIAL_STATE, 'tell me a joke about cats');
    expect(v2RequestProblems(request)).toEqual([]);
    const turn = toTurn(WebhookRequestSchema.parse(request));
    expect(turn).toMatchObject({
      session: SESSION,
      action: 'say-content',
      intent: INTENTS.sayContent,
      queryText: 'tell me a joke about cats',
      parameters: { content: 'joke', topic: 'cats' },
    });
    expect(request.queryResult.outputContexts).toEqual([
      {
        name: `${SESSION}/contexts/${CONTEXTS.followup}`,
        lifespanCount: 5,
        parameters: { content: 'joke', 'content.original': 'joke', topic: 'cats', 'topic.original': 'cats' },
      },
    ]);
    expect(turn.conversation).toEqual({ state: { content: 'joke', topic: 'cats', servedIds: [] }, alive: true });
    expect(request.queryResult.intent.name).toMatch(/^projects\/local-agent\/agent\/intents\/[0-9a-f-]{36}$/);
  });

  it('sends every parameter of the intent, the ones not said as ""', () => {
    expect(webhookPlan(INITIAL_STATE, 'a fact').request.queryResult.parameters).toEqual({ content: 'fact', topic: '' });
  });

  it('triggers the welcome intent with the WELCOME event', () => {
    const { request } = webhookPlan(INITIAL_STATE, { event: 'WELCOME' });
    expect(request.queryResult.intent.displayName).toBe(INTENTS.welcome);
    expect(request.queryResult.queryText).toBe('WELCOME');
    expect(() => plan(INITIAL_STATE, { event: 'NOPE' })).toThrow(UnknownEventError);
  });

  it("asks the required parameter's prompts in turn, then fills it from the answer, keeping the topic", () => {
    const first = plan(INITIAL_STATE, 'tell me something about dogs');
    expect(first.kind).toBe('prompt');
    const prompts = agent.intents.find((intent) => intent.name === INTENTS.sayContent)!.parameters[0]!.prompts;
    expect(first.kind === 'prompt' && first.prompt).toBe(prompts[0]);

    const again = plan(first.state, 'hmm');
    expect(again.kind === 'prompt' && again.prompt).toBe(prompts[1]);

    const filled = webhookPlan(again.state, 'joke');
    expect(filled.match.intent.name).toBe(INTENTS.sayContent);
    expect(filled.request.queryResult.parameters).toEqual({ content: 'joke', topic: 'dogs' });
    expect(filled.state.pending).toBeUndefined();
  });

  it('leaves a prompt for a clear match of another intent', () => {
    const asked = plan(INITIAL_STATE, 'tell me something');
    const bye = webhookPlan(asked.state, 'bye');
    expect(bye.match.intent.name).toBe(INTENTS.bye);
  });

  it("keeps content-followup alive across turns, applies the webhook's contexts, and bye clears it", () => {
    const joke = webhookPlan(INITIAL_STATE, 'something funny');
    const served = afterWebhook(joke.state, [
      { name: `${SESSION}/contexts/${CONTEXTS.followup}`, lifespanCount: 5, parameters: { content: 'joke', servedIds: ['j1'] } },
    ]);

    const more = webhookPlan(served, 'another one');
    expect(more.match.intent.name).toBe(INTENTS.sayContentMore);
    expect(more.request.queryResult.outputContexts).toEqual([
      {
        name: `${SESSION}/contexts/${CONTEXTS.followup}`,
        lifespanCount: 5,
        parameters: { content: 'joke', 'content.original': 'something funny', servedIds: ['j1'] },
      },
    ]);

    // Unrelated turns age the context: after five of them "another one" is no longer understood.
    let state = served;
    for (let i = 0; i < 4; i++) state = plan(state, 'purple monkey dishwasher').state;
    expect(state.contexts.get(CONTEXTS.followup)?.lifespan).toBe(1);
    expect(plan(state, 'another one').match.intent.name).toBe(INTENTS.sayContentMore);
    state = plan(state, 'purple monkey dishwasher').state;
    expect(state.contexts.has(CONTEXTS.followup)).toBe(false);
    expect(plan(state, 'another one').match.intent.name).not.toBe(INTENTS.sayContentMore);

    const bye = webhookPlan(served, 'bye');
    expect(bye.state.contexts.size).toBe(0);
    expect(bye.request.queryResult.outputContexts).toEqual([]);
  });
});
