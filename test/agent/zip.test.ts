import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { strFromU8, unzipSync } from 'fflate';
import { CATALOG } from '../../src/catalog';
import { readTree } from '../../scripts/agent/files';
import { generateAgent } from '../../scripts/agent/generate';
import { zipAgent } from '../../scripts/agent/zip';
import { AGENT_DIR, REPO_ROOT } from './helpers';

describe('npm run agent:zip', () => {
  let out: string;
  let entries: Record<string, Uint8Array>;

  beforeAll(async () => {
    const dir = await mkdtemp(join(tmpdir(), 'agent-zip-'));
    out = join(dir, 'agent.zip');
    await promisify(execFile)(process.execPath, [join(REPO_ROOT, 'node_modules/tsx/dist/cli.mjs'), 'scripts/agent-zip.ts', out], {
      cwd: REPO_ROOT,
    });
    entries = unzipSync(await readFile(out));
  });
  afterAll(async () => {
    await rm(join(out, '..'), { recursive: true, force: true });
  });

  it('puts agent.json, package.json, intents/ and entities/ at the root, nothing else', () => {
    const root = new Set(Object.keys(entries).map((name) => name.replace(/\/.*$/, '/')));
    expect([...root].sort()).toEqual(['agent.json', 'entities/', 'intents/', 'package.json']);
  });

  it('holds exactly the committed agent/ files, each parsing as JSON', async () => {
    const committed = await readTree(AGENT_DIR);
    const zipped = Object.entries(entries).filter(([name]) => !name.endsWith('/'));
    expect(zipped.map(([name]) => name).sort()).toEqual([...committed.keys()]);
    for (const [name, data] of zipped) {
      const text = strFromU8(data);
      expect(text).toBe(committed.get(name));
      expect(() => JSON.parse(text)).not.toThrow();
    }
  });

  it('is byte-identical to a fresh build of the archive', async () => {
    expect(Buffer.from(await readFile(out)).equals(Buffer.from(zipAgent(await readTree(AGENT_DIR))))).toBe(true);
  });
});

describe('zipAgent', () => {
  it('does not depend on the order files are given in', () => {
    const files = generateAgent(CATALOG);
    const reversed = new Map([...files].reverse());
    expect(Buffer.from(zipAgent(reversed)).equals(Buffer.from(zipAgent(files)))).toBe(true);
  });
});
