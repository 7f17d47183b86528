/** `npm run agent:build`: regenerate agent/ from the catalog. */
import { join } from 'node:path';
import { displayPath } from './agent/check';
import { EXIT, helpOnlyCommandLine } from './cli';
import { writeTree } from './agent/files';
import { generateAgent } from './agent/generate';

const USAGE = `Usage: npm run agent:build

Regenerates agent/ (the Dialogflow ES export) from the catalog and the language
files in src/languages/; commit the result.

Options:
  -h, --help   this text`;

async function main(argv: string[]): Promise<number> {
  const args = helpOnlyCommandLine(argv, USAGE);
  if (typeof args === 'number') return args;
  const dir = join(__dirname, '..', 'agent');
  const files = generateAgent();
  await writeTree(dir, files);
  console.log(`wrote ${files.size} files to ${displayPath(dir)}/`);
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
