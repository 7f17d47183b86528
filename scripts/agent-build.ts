/** `npm run agent:build`: regenerate agent/ (ES) and agent-cx/ (CX) from the catalog. */
import { join } from 'node:path';
import { displayPath } from './agent/check';
import { EXIT, helpOnlyCommandLine } from './cli';
import { writeTree } from './agent/files';
import { generateAgent } from './agent/generate';
import { generateCxAgent } from './agent-cx/generate';

const USAGE = `Usage: npm run agent:build

Regenerates agent/ (the Dialogflow ES export) and agent-cx/ (the Dialogflow CX
JSON package) from the catalog and the language files in src/languages/;
commit the result.

Options:
  -h, --help   this text`;

async function main(argv: string[]): Promise<number> {
  const args = helpOnlyCommandLine(argv, USAGE);
  if (typeof args === 'number') return args;
  for (const [folder, generate] of [['agent', generateAgent], ['agent-cx', generateCxAgent]] as const) {
    const dir = join(__dirname, '..', folder);
    const files = generate();
    await writeTree(dir, files);
    console.log(`wrote ${files.size} files to ${displayPath(dir)}/`);
  }
  return EXIT.ok;
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    console.error(error);
    process.exitCode = EXIT.failed;
  },
);
