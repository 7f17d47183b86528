/**
 * The local chat over Dialogflow CX: agent-cx/ matched locally, cx.v3
 * WebhookRequests to the real webhook (served in-process, Reddit from the
 * offline stub), the CX scripts replayed and every request checked strictly
 * against the cx.v3 protos.
 */
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { CX_SESSION_PARAMS } from '../src/dialogflow/cx-tags';
import { loadCxModel, type CxModel } from '../scripts/agent-cx/model';
import type { CxWebhookRequestBody } from '../scripts/agent-cx/request';
import { CxLocalSession } from '../scripts/agent-cx/session';
import { startBackend, type Backend } from '../scripts/local-agent/backend';
import { answerText, parseScript, runScript, scriptLanguage } from '../scripts/local-agent/script';
import type { TurnResult } from '../scripts/local-agent/session';
import { cxRequestProblems } from './support/cx-proto';
import { startWebhook, type RunningWebhook } from './support/server';

const AGENT_CX = join(__dirname, '..', 'agent-cx');
const SCRIPTS = join(__dirname, 'conversations', 'cx');

let model: CxModel;
let backend: Backend;
beforeAll(async () => {
  model = await loadCxModel(AGENT_CX);
  backend = await startBackend({ offline: true, env: {}, defaultLogLevel: 'silent' });
});
afterAll(() => backend.close());

const cxRequest = (result: TurnResult) => result.request as CxWebhookRequestBody;

async function replay(file: string) {
  const text = await readFile(file, 'utf8');
  const lang = scriptLanguage(text);
  const session = new CxLocalSession(lang ? await loadCxModel(AGENT_CX, lang) : model, { webhook: backend.webhook });
  const report = await runScript(parseScript(text, file), (input) => ('text' in input ? session.say(input.text) : session.event(input.event)));
  return { session, report };
}

describe('chat --cx scripts', () => {
  it('passes every script in test/conversations/cx/, in English and German, each request a strict cx.v3 WebhookRequest', async () => {
    const files = (await readdir(SCRIPTS)).filter((name) => name.endsWith('.chat')).sort();
    expect(files).toEqual(['tour.chat', 'tour.de.chat']);
    for (const name of files) {
      const { report } = await replay(join(SCRIPTS, name));
      expect({ name, failures: report.turns.flatMap((turn) => turn.failures) }).toEqual({ name, failures: [] });
      for (const turn of report.turns) if (turn.result.request) expect({ name, problems: cxRequestProblems(turn.result.request) }).toEqual({ name, problems: [] });
    }
  });

  it('sends the tags of agent-cx/ and carries the session parameters between turns as CX does', async () => {
    const { session, report } = await replay(join(SCRIPTS, 'tour.chat'));
    const results = report.turns.map((turn) => turn.result);
    expect(results.map((result) => result.request === undefined ? '(no webhook)' : cxRequest(result).fulfillmentInfo.tag)).toEqual([
      'welcome',
      '(no webhook)',
      'say-content',
      'more',
      'repeat',
      'feedback',
      'topic',
      'fallback',
      'bye',
      'fallback',
    ]);
    const [welcome, , filled, more, again, , topic, , bye, after] = results.map(cxRequest);
    // The welcome intent was named by the query, not said.
    expect(welcome!.triggerIntent).toBe('projects/local-agent/locations/global/agents/local-cx/intents/00000000-0000-0000-0000-000000000000');
    expect(welcome!.text).toBeUndefined();
    // The form's value reaches the webhook through pageInfo.formInfo, the page it was asked on.
    expect(filled!.pageInfo).toMatchObject({ displayName: 'Ask for content', formInfo: { parameterInfo: [{ displayName: 'content', required: true, state: 'FILLED', value: 'joke' }] } });
    expect(filled!.intentInfo).toBeUndefined();
    // What the webhook wrote after the first joke comes back with "another one".
    const firstJoke = more!.sessionInfo.parameters[CX_SESSION_PARAMS.servedIds] as string[];
    expect(more!.sessionInfo.parameters[CX_SESSION_PARAMS.content]).toBe('joke');
    expect(firstJoke).toHaveLength(1);
    expect(more!.pageInfo.displayName).toBe('Content told');
    expect(again!.sessionInfo.parameters[CX_SESSION_PARAMS.servedIds]).toHaveLength(2);
    expect(topic!.intentInfo!.parameters).toEqual({ content: { originalValue: 'fact', resolvedValue: 'fact' }, topic: { originalValue: 'cats', resolvedValue: 'cats' } });
    expect(topic!.text).toBe('a fact about cats');
    expect(topic!.languageCode).toBe('en');
    expect(bye!.sessionInfo.parameters[CX_SESSION_PARAMS.content]).toBe('fact');
    // Bye set every follow-up parameter to null, and the session ended: nothing is carried into the next one.
    expect(after!.sessionInfo.parameters).toEqual({});
    expect(after!.pageInfo.displayName).toBe('Start Page');
    expect(session.current).toEqual({ parameters: {} });
  });

  it('removes a session parameter the webhook sets to null, and keeps the ones it does not name', async () => {
    const session = new CxLocalSession(model, { webhook: backend.webhook });
    await session.say('tell me a joke');
    expect(session.current.parameters).toMatchObject({ content: 'joke', [CX_SESSION_PARAMS.content]: 'joke', [CX_SESSION_PARAMS.asked]: 0 });
    // The answer to a joke has no topic: the webhook sent null and the parameter is gone, not null.
    expect(Object.keys(session.current.parameters)).not.toContain(CX_SESSION_PARAMS.topic);
    const help = await session.say('help');
    expect(help.action).toBe('help');
    expect(session.current.parameters).toMatchObject({ content: 'joke', [CX_SESSION_PARAMS.content]: 'joke' });
    expect(session.current.page).toBe('Content told');
  });
});

describe('chat --cx when the webhook fails', () => {
  let guarded: RunningWebhook;
  beforeAll(async () => {
    guarded = await startWebhook({ WEBHOOK_USERNAME: 'df', WEBHOOK_PASSWORD: 'secret' });
  });
  afterAll(() => guarded.close());

  it("says the flow's webhook.error message and still moves to the route's page, like CX", async () => {
    const session = new CxLocalSession(model, { webhook: { url: guarded.url } });
    const result = await session.say('tell me a joke');
    expect(result.webhookStatus).toMatchObject({ ok: false, status: 401 });
    expect(result.source).toBe('static');
    expect(answerText(result)).toMatch(/^Sorry, I can't reach my stories right now\./);
    expect(session.current.page).toBe('Content told');

    const allowed = new CxLocalSession(model, { webhook: { url: guarded.url, auth: { username: 'df', password: 'secret' } } });
    const told = await allowed.say('tell me a joke');
    expect(told.webhookStatus).toMatchObject({ ok: true, status: 200 });
    expect(told.source).toBe('webhook');
    // Reddit is not mocked here: the webhook tells one from its own collection, still a joke with its chips.
    expect(answerText(told)).toMatch(/here's one from my own collection:/);
    expect(told.display.chips).toContain('Another one');
  });
});
