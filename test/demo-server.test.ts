/** The demo server's HTTP side, without a browser (the page itself: demo.browser.test.ts). */
import { join } from 'node:path';
import { INTENTS } from '../src/dialogflow/names';
import { startDemoServer, type DemoServer } from '../scripts/demo/server';
import { loadAgent, loadAgents } from '../scripts/local-agent/agent';
import { loadCxModels } from '../scripts/agent-cx/model';
import { startWebhook, type RunningWebhook } from './support/server';

let webhook: RunningWebhook;
let demo: DemoServer;
beforeAll(async () => {
  webhook = await startWebhook();
  const agents = await loadAgents(join(__dirname, '..', 'agent'));
  const cxModels = await loadCxModels(join(__dirname, '..', 'agent-cx'));
  demo = await startDemoServer({ agent: agents.get('en')!, agents, cxModels, webhook: { url: webhook.url } });
});
afterAll(async () => {
  await demo.close();
  await webhook.close();
});

const post = async (body: string) => {
  const response = await fetch(`${demo.url}api/turn`, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
  return { status: response.status, json: (await response.json()) as any };
};

describe('demo server', () => {
  it('serves the page, its style and its compiled script with a strict CSP', async () => {
    const page = await fetch(demo.url);
    expect(page.headers.get('content-security-policy')).toContain("script-src 'self'");
    const html = await page.text();
    expect(html).toContain('<script type="module" src="/demo.js"></script>');
    const script = await (await fetch(`${demo.url}demo.js`)).text();
    expect(script).toContain("fetch('/api/turn'");
    expect(script).not.toMatch(/\binterface\b|: HTMLElement/);
    expect((await fetch(`${demo.url}demo.css`)).headers.get('content-type')).toMatch(/^text\/css/);
  });

  it("answers a turn with the webhook's messages, keeping each session's contexts apart", async () => {
    const welcome = await post(JSON.stringify({ sessionId: 's1', event: 'WELCOME' }));
    expect(welcome.status).toBe(200);
    expect(welcome.json.queryResult.intent.displayName).toBe(INTENTS.welcome);
    const rich = welcome.json.queryResult.fulfillmentMessages.find((message: any) => message.payload);
    expect(rich.payload.richContent[0][0].type).toBe('chips');

    const bye = await post(JSON.stringify({ sessionId: 's1', text: 'bye' }));
    expect(bye.json.queryResult.intent.displayName).toBe(INTENTS.bye);
    expect(bye.json.explain).toMatch(/^· bye \(1\.00 like "bye"\)/);

    // s3 was asked which kind it wants, s4 was not: the same answer means different things.
    expect((await post(JSON.stringify({ sessionId: 's3', text: 'tell me something' }))).json.explain).toMatch(/· prompt$/);
    expect((await post(JSON.stringify({ sessionId: 's3', text: 'hmm' }))).json.queryResult.intent.displayName).toBe(INTENTS.sayContent);
    expect((await post(JSON.stringify({ sessionId: 's4', text: 'hmm' }))).json.queryResult.intent.displayName).toBe(INTENTS.fallback);
  });

  it('lists the agent\'s languages for the picker and talks in the one asked for', async () => {
    const list = await (await fetch(`${demo.url}api/languages`)).json();
    expect(list).toEqual({
      default: 'en',
      languages: [
        { code: 'en', name: 'English' },
        { code: 'de', name: 'Deutsch' },
        { code: 'es', name: 'Español' },
        { code: 'fr', name: 'Français' },
      ],
      editions: ['es', 'cx'],
    });
    const hallo = await post(JSON.stringify({ sessionId: 'l1', lang: 'de', event: 'WELCOME' }));
    expect(hallo.json.queryResult.fulfillmentText).toMatch(/^Hallo! .*einen Witz oder einen Fakt\?$/);
    const bye = await post(JSON.stringify({ sessionId: 'l1', lang: 'fr', text: 'au revoir' }));
    expect(bye.json.queryResult.intent.displayName).toBe(INTENTS.bye);
    expect(bye.json.queryResult.fulfillmentText).toMatch(/^Au revoir !/);
    // The same session id in English is another conversation, and English phrases are not German ones.
    expect((await post(JSON.stringify({ sessionId: 'l1', text: 'erzähl mir einen Witz' }))).json.queryResult.intent.displayName).toBe(INTENTS.fallback);
    expect(await post(JSON.stringify({ sessionId: 'l1', lang: 'it', text: 'ciao' }))).toEqual({
      status: 400,
      json: { error: { code: 'unknown_language', message: 'the agent does not speak "it"' } },
    });
    expect((await post(JSON.stringify({ sessionId: 'l1', lang: '../de', text: 'hallo' }))).status).toBe(400);
  });

  it('offers only the agent\'s own language when given one agent', async () => {
    const single = await startDemoServer({ agent: await loadAgent(join(__dirname, '..', 'agent'), 'es'), webhook: { url: webhook.url } });
    try {
      expect(await (await fetch(`${single.url}api/languages`)).json()).toEqual({ default: 'es', languages: [{ code: 'es', name: 'Español' }], editions: ['es'] });
      expect(await (await fetch(`${single.url}api/turn`, { method: 'POST', body: JSON.stringify({ sessionId: 'c1', edition: 'cx', text: 'hola' }) })).json()).toEqual({
        error: { code: 'no_cx_agent', message: 'this demo was started without a CX agent' },
      });
    } finally {
      await single.close();
    }
  });

  it('talks through the CX agent when the turn says edition "cx": CX routes and pages, session parameters carried, apart from ES', async () => {
    const welcome = await post(JSON.stringify({ sessionId: 'c1', edition: 'cx', event: 'WELCOME' }));
    expect(welcome.status).toBe(200);
    expect(welcome.json.queryResult.intent.displayName).toBe(INTENTS.welcome);
    expect(welcome.json.queryResult.action).toBe('welcome');
    expect(welcome.json.webhookStatus).toMatchObject({ ok: true, status: 200 });
    const chips = welcome.json.queryResult.fulfillmentMessages.find((message: any) => message.payload).payload.richContent[0][0];
    expect(chips.options.slice(0, 2)).toEqual([{ text: 'Joke' }, { text: 'Fact' }]);

    // The form page asks without the webhook; the answer fills it and the webhook tells that kind.
    const asked = await post(JSON.stringify({ sessionId: 'c1', edition: 'cx', text: 'tell me something' }));
    expect(asked.json.queryResult.fulfillmentText).toBe('What do you want to hear, a joke or a fact?');
    expect(asked.json.webhookStatus).toBeNull();
    const fact = await post(JSON.stringify({ sessionId: 'c1', edition: 'cx', text: 'a fact' }));
    expect(fact.json.queryResult.action).toBe('say-content');
    // Reddit is not mocked in this file: the fact comes from the built-in collection. Without the form's
    // value the webhook would answer with what it can tell ("I can tell you a joke, a fact, ...").
    expect(fact.json.queryResult.fulfillmentText).toMatch(/^Reddit isn't answering right now, so here's one from my own collection:\n\n/);
    // "another one" is routed on the page "Content told", with the kind from the session parameters.
    const more = await post(JSON.stringify({ sessionId: 'c1', edition: 'cx', text: 'another one' }));
    expect(more.json.queryResult.intent.displayName).toBe(INTENTS.sayContentMore);
    expect(more.json.queryResult.action).toBe('more');
    expect(more.json.queryResult.fulfillmentText).toMatch(/^Reddit isn't answering right now, so here's one from my own collection:\n\n/);
    expect(more.json.queryResult.fulfillmentText).not.toBe(fact.json.queryResult.fulfillmentText);
    // The same id over ES is another conversation: nothing told there yet.
    expect((await post(JSON.stringify({ sessionId: 'c1', text: 'another one' }))).json.queryResult.intent.displayName).toBe(INTENTS.fallback);

    const german = await post(JSON.stringify({ sessionId: 'c2', edition: 'cx', lang: 'de', text: 'erzähl mir einen Witz' }));
    expect(german.json.queryResult.action).toBe('say-content');
    expect(german.json.queryResult.fulfillmentText).toMatch(/Was möchtest du als Nächstes hören: einen Witz oder einen Fakt\?$/);
    expect((await post(JSON.stringify({ sessionId: 'c2', edition: 'cx', lang: 'it', text: 'ciao' }))).json.error.code).toBe('unknown_language');
    expect((await post(JSON.stringify({ sessionId: 'c2', edition: 'cx', event: 'NO_SUCH_EVENT' }))).json.error.code).toBe('unknown_event');
    expect((await post(JSON.stringify({ sessionId: 'c2', edition: 'dx', text: 'hi' }))).status).toBe(400);
  });

  it('refuses what is not a turn with a JSON error', async () => {
    expect((await post('{"sessionId": "../x", "text": "hi"}')).status).toBe(400);
    expect((await post('{"sessionId": "s2", "text": "hi", "event": "WELCOME"}')).status).toBe(400);
    expect((await post('{"sessionId": "s2"')).json).toEqual({ error: { code: 'bad_json', message: 'body is not JSON' } });
    expect((await post(JSON.stringify({ sessionId: 's2', text: 'x'.repeat(5000) }))).status).toBe(413);
    expect((await post(JSON.stringify({ sessionId: 's2', event: 'NO_SUCH_EVENT' }))).json.error.code).toBe('unknown_event');
    expect((await fetch(`${demo.url}nope`)).status).toBe(404);
    expect((await fetch(`${demo.url}api/turn`)).status).toBe(405);
  });
});
