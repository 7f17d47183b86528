/**
 * `npm run chat`: talk to the webhook in the terminal, with agent/ standing in
 * for Dialogflow's intent matching. See `npm run chat -- --help`.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { DEFAULT_LANGUAGE, LANGUAGES } from '../src/languages';
import { loadAgent, UnknownLanguageError, type Agent } from './local-agent/agent';
import { startBackend, type Backend } from './local-agent/backend';
import { formatReply } from './local-agent/reply';
import { explainTurn, formatTurn, parseScript, runScript, scriptLanguage } from './local-agent/script';
import { commandLine, EXIT } from './cli';
import { LocalSession, type TurnResult } from './local-agent/session';
import { loadCxModel, type CxModel } from './agent-cx/model';
import { CxLocalSession } from './agent-cx/session';

const CHAT_COMMANDS = '/quit leaves, /reset starts over, /contexts shows the active contexts';
/** Over CX there are no contexts: /contexts shows where the session is instead. */
const CX_CHAT_COMMANDS = '/quit leaves, /reset starts over, /contexts shows the page and the session parameters';

/** "en (default), de, es, fr": the languages of src/languages/index.ts. */
const LANGUAGE_CODES = [...LANGUAGES.keys()].map((code) => (code === DEFAULT_LANGUAGE.code ? `${code} (default)` : code)).join(', ');

const USAGE = `Usage: npm run chat -- [options]

Chat with the bot: your text is matched against agent/ locally and sent to the
webhook as a Dialogflow ES v2 WebhookRequest; with --cx, against agent-cx/ and
sent as a Dialogflow CX v3 WebhookRequest.

Options:
  --url <url>        talk to a running webhook (Basic auth from WEBHOOK_USERNAME/WEBHOOK_PASSWORD)
                     default: serve the function in this process on a free loopback port
  --offline          serve Reddit from a local stub (no network needed)
  --script <file>    replay a conversation script (*.chat), exit 1 if a check fails
  --cx               speak Dialogflow CX: routes, pages and session parameters of agent-cx/
  --agent <dir>      agent export folder (default: agent/, with --cx agent-cx/)
  --lang <code>      talk in this language of the agent: ${LANGUAGE_CODES};
                     a region is fine (de-AT talks German); a script's "lang:" line chooses it too
  --explain          show which intent and training phrase matched
  -h, --help         this text

In a chat: ${CHAT_COMMANDS} (with --cx, the page and the session parameters).`;

/** Exit codes: 0 all good, 1 a script check failed, 2 bad usage, script, agent or start-up. */
export { EXIT };

async function main(argv: string[]): Promise<number> {
  const parsed = commandLine(argv, USAGE, {
    url: { type: 'string' },
    offline: { type: 'boolean', default: false },
    script: { type: 'string' },
    cx: { type: 'boolean', default: false },
    agent: { type: 'string' },
    lang: { type: 'string' },
    explain: { type: 'boolean', default: false },
  });
  if (typeof parsed === 'number') return parsed;
  const args = parsed.values;

  let session: LocalSession | CxLocalSession;
  let steps;
  let backend: Backend;
  // Where the language came from, to name it when the agent does not speak it.
  let langSource = '--lang';
  try {
    const script = args.script ? await readFile(args.script, 'utf8') : undefined;
    if (script !== undefined) steps = parseScript(script, args.script);
    if (args.lang === undefined && args.script !== undefined) langSource = `${args.script} ("lang:" line)`;
    const lang = args.lang ?? (script === undefined ? undefined : scriptLanguage(script));
    const dir = args.agent ?? join(__dirname, '..', args.cx ? 'agent-cx' : 'agent');
    const agent: Agent | CxModel = args.cx ? await loadCxModel(dir, lang) : await loadAgent(dir, lang);
    // The webhook's logs would come between the turns: none unless LOG_LEVEL asks for them (then on stderr).
    backend = await startBackend({ url: args.url, offline: args.offline, defaultLogLevel: 'silent' });
    session = 'flow' in agent ? new CxLocalSession(agent, { webhook: backend.webhook }) : new LocalSession(agent, { webhook: backend.webhook });
  } catch (error) {
    const message = (error as Error).message;
    console.error(`chat: ${error instanceof UnknownLanguageError ? `${langSource}: ${message}` : message}`);
    return EXIT.usage;
  }

  try {
    console.log(`(${backend.description}${session instanceof CxLocalSession ? ', Dialogflow CX' : ''})\n`);
    if (steps) {
      const report = await runScript(
        steps,
        (input) => ('text' in input ? session.say(input.text) : session.event(input.event)),
        (turn) => console.log(`${formatTurn(turn, { explain: args.explain })}\n`),
      );
      const failed = report.turns.filter((turn) => turn.failures.length > 0).length;
      console.log(report.passed ? `${args.script!}: ${report.turns.length} turns, all checks passed` : `${args.script!}: ${failed} of ${report.turns.length} turns failed`);
      return report.passed ? EXIT.ok : EXIT.failed;
    }
    await interactive(session, args.explain);
    return EXIT.ok;
  } finally {
    await backend.close();
  }
}

async function interactive(session: LocalSession | CxLocalSession, explain: boolean): Promise<void> {
  console.log(`Commands: ${session instanceof CxLocalSession ? CX_CHAT_COMMANDS : CHAT_COMMANDS}.\n`);
  const show = (result: TurnResult) => {
    const lines = formatReply(result.display)
      .split('\n')
      .map((line, index) => (index === 0 ? `bot> ${line}` : `     ${line}`));
    if (explain) lines.push(`     ${explainTurn(result)}`);
    if (result.webhookStatus && !result.webhookStatus.ok) lines.push(`     ! ${result.webhookStatus.error ?? 'failed'}`);
    console.log(`${lines.join('\n')}\n`);
  };
  // Dialogflow Messenger opens a conversation with the WELCOME event.
  show(await session.event('WELCOME'));

  const rl = createInterface({ input: process.stdin, output: process.stdout, prompt: 'you> ' });
  // A terminal shows what is typed; piped input is not echoed, so the transcript would read "you> bot> …".
  const echo = !process.stdin.isTTY;
  // Piped input may end while a turn is still being answered: readline is closed by then (and
  // Node 24 throws ERR_USE_AFTER_CLOSE on its prompt), but the lines it read are still to come.
  let closed = false;
  rl.on('close', () => (closed = true));
  const prompt = () => (closed ? process.stdout.write('you> ') : rl.prompt());
  prompt();
  let quit = false;
  for await (const line of rl) {
    if (echo) process.stdout.write(`${line}\n`);
    const text = line.trim();
    if (text === '/quit' || text === '/exit') {
      quit = true;
      break;
    }
    if (text === '/contexts') {
      console.log(`${describeState(session)}\n`);
    } else if (text === '/reset') {
      session.reset();
      show(await session.event('WELCOME'));
    } else if (text) {
      show(await session.say(text));
    }
    prompt();
  }
  // Piped input ran out after a prompt: end its line.
  if (echo && !quit) process.stdout.write('\n');
  rl.close();
}

/** What /contexts shows: ES contexts, or the CX page and session parameters. */
function describeState(session: LocalSession | CxLocalSession): string {
  if (session instanceof CxLocalSession) {
    const { page, parameters } = session.current;
    return `page: ${page ?? 'Start Page'}\nsession parameters: ${JSON.stringify(parameters)}`;
  }
  const active = [...session.contexts].map(([name, context]) => `${name} (lifespan ${context.lifespan}) ${JSON.stringify(context.parameters)}`);
  return active.join('\n') || '(no active contexts)';
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    console.error(error);
    process.exitCode = EXIT.usage;
  },
);
