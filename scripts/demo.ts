/**
 * `npm run demo`: a one-page web chat on localhost that renders the webhook's
 * answers like Dialogflow Messenger, with agent/ matching what you type.
 */
import { join } from 'node:path';
import { loadAgents } from './local-agent/agent';
import { loadCxModels } from './agent-cx/model';
import { startBackend } from './local-agent/backend';
import { commandLine } from './cli';
import { startDemoServer } from './demo/server';

const USAGE = `Usage: npm run demo -- [options]

Serves a web chat on http://127.0.0.1:<port>/ (loopback only), in every language of
the agent (a picker on the page; ?lang=de opens it in German), through Dialogflow
ES (agent/) or CX (agent-cx/): a switch on the page; ?edition=cx opens it on CX.

Options:
  --port <n>       port for the page (default 8090; 0 picks a free one)
  --url <url>      talk to a running webhook instead of serving the function in this process
  --offline        serve Reddit from a local stub (no network needed)
  --agent <dir>    agent export folder (default: agent/)
  --agent-cx <dir> CX agent folder for the page's CX switch (default: agent-cx/)
  -h, --help       this text`;

async function main(): Promise<number> {
  const parsed = commandLine(process.argv.slice(2), USAGE, {
    port: { type: 'string', default: '8090' },
    url: { type: 'string' },
    offline: { type: 'boolean', default: false },
    agent: { type: 'string', default: join(__dirname, '..', 'agent') },
    'agent-cx': { type: 'string', default: join(__dirname, '..', 'agent-cx') },
  });
  if (typeof parsed === 'number') return parsed;
  const args = parsed.values;
  const port = Number(args.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    console.error(`--port: not a port number: ${args.port}`);
    return 2;
  }

  const agents = await loadAgents(args.agent);
  const cxModels = await loadCxModels(args['agent-cx']);
  const backend = await startBackend({ url: args.url, offline: args.offline });
  let demo;
  try {
    demo = await startDemoServer({ agent: agents.values().next().value!, agents, cxModels, webhook: backend.webhook, port });
  } catch (error) {
    await backend.close();
    if ((error as NodeJS.ErrnoException).code !== 'EADDRINUSE') throw error;
    console.error(`port ${port} is in use: pass --port with a free port (0 picks one)`);
    return 1;
  }
  console.log(`Demo chat: ${demo.url}\n(${backend.description})\nPress Ctrl+C to stop.`);

  await new Promise<void>((resolve) => {
    process.once('SIGINT', resolve);
    process.once('SIGTERM', resolve);
  });
  await demo.close();
  await backend.close();
  return 0;
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    console.error(`demo: ${(error as Error).message}`);
    process.exitCode = 2;
  },
);
