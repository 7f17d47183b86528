/**
 * `npm run agent:zip [-- out.zip]`: build/agent.zip from agent/, for "Restore from ZIP" in the ES console;
 * `-- --cx`: build/agent-cx.zip from agent-cx/, for "Restore" in the CX (Conversational Agents) console.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { EXIT, helpOnlyCommandLine } from './cli';
import { checkAgentDir, displayPath, formatProblem } from './agent/check';
import { readTree } from './agent/files';
import { zipAgent } from './agent/zip';
import { checkCxAgentDir } from './agent-cx/check';

const USAGE = `Usage: npm run agent:zip [-- [options] [out.zip]]

Checks agent/ (as npm run agent:check does), then zips it for the Dialogflow ES
console's "Restore from ZIP"; with --cx, agent-cx/ for the Dialogflow CX console's
"Restore" (JSON package).

Arguments:
  out.zip      where to write the archive (default: build/agent.zip, with --cx build/agent-cx.zip)

Options:
  --cx         zip the Dialogflow CX agent (agent-cx/) instead
  -h, --help   this text`;

/** --cx, before any "--" that ends the options; the rest goes to the help-only command line. */
function takeCxFlag(argv: string[]): { cx: boolean; rest: string[] } {
  const end = argv.indexOf('--');
  const options = end === -1 ? argv : argv.slice(0, end);
  return { cx: options.includes('--cx'), rest: [...options.filter((arg) => arg !== '--cx'), ...(end === -1 ? [] : argv.slice(end))] };
}

async function main(argv: string[]): Promise<number> {
  const { cx, rest } = takeCxFlag(argv);
  const args = helpOnlyCommandLine(rest, USAGE, 'output file');
  if (typeof args === 'number') return args;

  const root = join(__dirname, '..');
  const folder = cx ? 'agent-cx' : 'agent';
  const dir = join(root, folder);
  // Zip only what agent:check accepts, so the archive always matches the catalog.
  const problems = await (cx ? checkCxAgentDir : checkAgentDir)(dir);
  if (problems.length > 0) {
    for (const problem of problems) console.error(formatProblem(displayPath(dir), problem));
    console.error(`${folder}/ is stale or invalid; run \`npm run agent:build\` first`);
    return EXIT.failed;
  }
  const out = resolve(args[0] ?? join(root, 'build', `${folder}.zip`));
  await mkdir(dirname(out), { recursive: true });
  const zip = zipAgent(await readTree(dir));
  await writeFile(out, zip);
  console.log(`wrote ${displayPath(out)} (${zip.length} bytes)`);
  return EXIT.ok;
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exitCode = EXIT.failed;
  },
);
