/**
 * The agent as `npm run deploy` restores it: agent/ with the real webhook URL
 * in agent.json (never a username or password: those go to the fulfillment
 * settings, which are not part of an export), and the settings setAgent needs
 * when the project has no agent yet, read from the same agent.json.
 */
import { z } from 'zod';
import type { AgentSettings } from './dialogflow';

const AGENT_JSON = 'agent.json';

const AgentJson = z.looseObject({
  displayName: z.string().min(1),
  language: z.string().min(1),
  defaultTimezone: z.string().min(1),
  webhook: z.looseObject({ url: z.string() }),
});

function readAgentJson(files: ReadonlyMap<string, string>) {
  const text = files.get(AGENT_JSON);
  if (text === undefined) throw new Error(`agent/${AGENT_JSON} is missing; run npm run agent:build`);
  return AgentJson.parse(JSON.parse(text));
}

/** A copy of the agent files whose webhook points at `url`, with no credentials in it. */
export function withWebhookUrl(files: ReadonlyMap<string, string>, url: string): Map<string, string> {
  const agent = readAgentJson(files);
  const webhook = { ...agent.webhook, url, username: '', headers: {} };
  delete (webhook as Record<string, unknown>).password;
  const copy = new Map(files);
  copy.set(AGENT_JSON, `${JSON.stringify({ ...agent, webhook }, null, 2)}\n`);
  return copy;
}

export function agentSettings(files: ReadonlyMap<string, string>): AgentSettings {
  const agent = readAgentJson(files);
  return { displayName: agent.displayName, defaultLanguageCode: agent.language, timeZone: agent.defaultTimezone };
}
