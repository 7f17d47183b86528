import { execFile } from 'node:child_process';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { strFromU8, unzipSync } from 'fflate';
import { CATALOG } from '../../src/catalog';
import { readTree } from '../../scripts/agent/files';
import { generateAgent } from '../../scripts/agent/generate';
import { zipAgent } from '../../scripts/agent/zip';
import { AGENT_DIR, REPO_ROOT } from './helpers';
import { runScript } from '../support/run-script';

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

describe('npm run agent:zip arguments', () => {
  let cwd: string;
  beforeEach(async () => {
    cwd = await mkdtemp(join(tmpdir(), 'agent-zip-args-'));
  });
  afterEach(async () => {
    await rm(cwd, { recursive: true, force: true });
  });

  it.each([['--help'], ['-h']])('%s prints the usage, exits 0 and writes no file', async (flag) => {
    const run = await runScript('agent-zip.ts', [flag], { cwd });
    expect(run.code).toBe(0);
    expect(run.stdout.split('\n')[0]).toBe('Usage: npm run agent:zip [-- [options] [out.zip]]');
    expect(run.stderr).toBe('');
    expect(await readdir(cwd)).toEqual([]);
  }, 30_000);

  it('refuses an unknown option (--url) with one line and the usage, exit 2, and writes no file', async () => {
    const run = await runScript('agent-zip.ts', ['--url', 'https://example.invalid/'], { cwd });
    expect(run.code).toBe(2);
    const [first, blank, usage] = run.stderr.split('\n');
    expect(first).toBe(
      "Unknown option '--url'. To specify a positional argument starting with a '-', place it at the end of the command after '--', as in '-- \"--url\"",
    );
    expect(blank).toBe('');
    expect(usage).toBe('Usage: npm run agent:zip [-- [options] [out.zip]]');
    expect(run.stdout).toBe('');
    expect(await readdir(cwd)).toEqual([]);
  }, 30_000);

  it('refuses two output files, exit 2', async () => {
    const run = await runScript('agent-zip.ts', ['a.zip', 'b.zip'], { cwd });
    expect(run.code).toBe(2);
    expect(run.stderr.split('\n')[0]).toBe('expected at most one output file, got 2');
    expect(await readdir(cwd)).toEqual([]);
  }, 30_000);
});

describe('zipAgent', () => {
  it('does not depend on the order files are given in', () => {
    const files = generateAgent(CATALOG);
    const reversed = new Map([...files].reverse());
    expect(Buffer.from(zipAgent(reversed)).equals(Buffer.from(zipAgent(files)))).toBe(true);
  });
});
