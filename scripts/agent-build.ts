/** `npm run agent:build`: regenerate agent/ from the catalog. */
import { join } from 'node:path';
import { displayPath } from './agent/check';
import { writeTree } from './agent/files';
import { generateAgent } from './agent/generate';

async function main(): Promise<void> {
  const dir = join(__dirname, '..', 'agent');
  const files = generateAgent();
  await writeTree(dir, files);
  console.log(`wrote ${files.size} files to ${displayPath(dir)}/`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
