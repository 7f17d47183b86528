/** `npm run agent:zip [out.zip]`: build/agent.zip from agent/, for "Restore from ZIP" in the console. */
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { checkAgentDir, displayPath, formatProblem } from './agent/check';
import { readTree } from './agent/files';
import { zipAgent } from './agent/zip';

async function main(): Promise<void> {
  const root = join(__dirname, '..');
  const dir = join(root, 'agent');
  // Zip only what agent:check accepts, so the archive always matches the catalog.
  const problems = await checkAgentDir(dir);
  if (problems.length > 0) {
    for (const problem of problems) console.error(formatProblem(displayPath(dir), problem));
    throw new Error('agent/ is stale or invalid; run `npm run agent:build` first');
  }
  const out = resolve(process.argv[2] ?? join(root, 'build', 'agent.zip'));
  await mkdir(dirname(out), { recursive: true });
  const zip = zipAgent(await readTree(dir));
  await writeFile(out, zip);
  console.log(`wrote ${displayPath(out)} (${zip.length} bytes)`);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
});
