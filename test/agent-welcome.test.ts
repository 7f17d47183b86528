/** The welcome intent answers the platform welcome events too (Telegram /start, Messenger "Get Started", ...). */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { INTENTS } from '../src/dialogflow/names';
import { loadAgent } from '../scripts/local-agent/agent';
import { answerText } from '../scripts/local-agent/script';
import { LocalSession } from '../scripts/local-agent/session';
import { startWebhook, type RunningWebhook } from './support/server';

const AGENT = join(__dirname, '..', 'agent');

let webhook: RunningWebhook;
beforeAll(async () => {
  webhook = await startWebhook();
});
afterAll(() => webhook.close());

describe('welcome events', () => {
  it('agent/intents/Default Welcome Intent.json lists WELCOME and the platform welcome events', async () => {
    const intent = JSON.parse(await readFile(join(AGENT, 'intents', 'Default Welcome Intent.json'), 'utf8'));
    const events = intent.events.map((event: { name: string }) => event.name);
    expect(events).toEqual(expect.arrayContaining(['WELCOME', 'TELEGRAM_WELCOME', 'FACEBOOK_WELCOME', 'SLACK_WELCOME', 'VIBER_WELCOME']));
    expect(new Set(events).size).toBe(events.length);
  });

  it.each(['TELEGRAM_WELCOME', 'FACEBOOK_WELCOME'])('%s starts the conversation with the welcome answer from the webhook', async (event) => {
    const session = new LocalSession(await loadAgent(AGENT), { webhook: { url: webhook.url } });
    const turn = await session.event(event);
    expect(turn.intent).toBe(INTENTS.welcome);
    expect(turn.source).toBe('webhook');
    expect(answerText(turn)).toMatch(/a joke or a fact\?/i);
  });

  it('an event no intent lists matches nothing', async () => {
    const session = new LocalSession(await loadAgent(AGENT), { webhook: { url: webhook.url } });
    await expect(session.event('NO_SUCH_EVENT')).rejects.toThrow('no intent of the agent handles the event NO_SUCH_EVENT');
  });
});
