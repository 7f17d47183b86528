/** `npm run agent:zip [-- out.zip]`: build/agent.zip from agent/, for "Restore from ZIP" in the console. */
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { EXIT, helpOnlyCommandLine } from './cli';
import { checkAgentDir, displayPath, formatProblem } from './agent/check';
import { readTree } from './agent/files';
import { zipAgent } from './agent/zip';

const USAGE = `Usage: npm run agent:zip [-- [options] [out.zip]]

Checks agent/ (as npm run agent:check does), then zips it for the Dialogflow ES
console's "Restore from ZIP".

Arguments:
  out.zip      where to write the archive (default: build/agent.zip)

Options:
  -h, --help   this text`;

async function main(argv: string[]): Promise<number> {
  const args = helpOnlyCommandLine(argv, USAGE, 'output file');
  if (typeof args === 'number') return args;

  const root = join(__dirname, '..');
  const dir = join(root, 'agent');
  // Zip only what agent:check accepts, so the archive always matches the catalog.
  const problems = await checkAgentDir(dir);
  if (problems.length > 0) {
    for (const problem of problems) console.error(formatProblem(displayPath(dir), problem));
    console.error('agent/ is stale or invalid; run `npm run agent:build` first');
    return EXIT.failed;
  }
  const out = resolve(args[0] ?? join(root, 'build', 'agent.zip'));
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
