import { cp, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const REPO_ROOT = join(__dirname, '..', '..');
export const AGENT_DIR = join(REPO_ROOT, 'agent');

/** A throw-away copy of the committed agent/ folder. */
export async function copyAgent(): Promise<{ dir: string; cleanup: () => Promise<void> }> {
  const base = await mkdtemp(join(tmpdir(), 'agent-test-'));
  const dir = join(base, 'agent');
  await cp(AGENT_DIR, dir, { recursive: true });
  return { dir, cleanup: () => rm(base, { recursive: true, force: true }) };
}

// eslint-disable-next-line @typescript-eslint/no-unnecessary-type-parameters -- a typed JSON.parse: the caller names the shape it reads
export function parse<T = unknown>(files: ReadonlyMap<string, string>, path: string): T {
  const text = files.get(path);
  if (text === undefined) throw new Error(`no ${path} in generated files`);
  return JSON.parse(text) as T;
}
