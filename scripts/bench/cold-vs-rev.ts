/**
 * Cold start of the default configuration against another git revision's
 * bundle, in the same run (paired rounds, order rotated):
 *
 *   npx tsx scripts/bench/cold-vs-rev.ts [REV=main] [ROUNDS=15]
 *
 * Builds REV's bundle with REV's own `bundle` script into build/bench/rev/
 * (git archive; node_modules of this checkout), then starts both bundles cold,
 * welcome and joke, against the local Reddit stub. Needs `npm run build` for
 * this checkout's bundle. Answers "did this change move the cold start?".
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { CATALOG } from '../../src/catalog';
import { coldStarts, type ColdStart } from './cold-start';
import { installCleanup, killAll } from './processes';
import { startRedditStub } from './reddit-stub';
import { pairedRatios, summarize } from './stats';
import { bundled, ROOT } from './targets';

function buildRevision(rev: string): string {
  const dir = join(ROOT, 'build', 'bench', 'rev');
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const archive = execFileSync('git', ['-C', ROOT, 'archive', rev, 'src', 'package.json']);
  execFileSync('tar', ['-x', '-C', dir], { input: archive });
  const script = (JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as { scripts: Record<string, string> }).scripts.bundle;
  if (!script) throw new Error(`${rev} has no bundle script`);
  execFileSync('sh', ['-c', script], { cwd: dir, stdio: 'inherit', env: { ...process.env, PATH: `${join(ROOT, 'node_modules', '.bin')}:${process.env.PATH ?? ''}` } });
  return join(dir, 'dist', 'index.cjs');
}

async function main(rev: string, rounds: number): Promise<void> {
  installCleanup();
  const source = buildRevision(rev);
  const stub = await startRedditStub({ subreddits: CATALOG.map((kind) => kind.subreddit) });
  try {
    const ours = bundled(stub.url);
    const theirs = { ...ours, name: rev, source };
    const results = await coldStarts(
      ['welcome', 'joke'].flatMap((body) => [
        { key: `${rev} ${body}`, spec: theirs, body: body as 'welcome' | 'joke', fromReddit: body === 'joke' },
        { key: `this ${body}`, spec: ours, body: body as 'welcome' | 'joke', fromReddit: body === 'joke' },
      ]),
      rounds,
    );
    for (const body of ['welcome', 'joke']) {
      for (const [label, pick] of [
        ['first 200 (wall)', (c: ColdStart) => c.firstOkMs],
        ['main-thread CPU to the first 200', (c: ColdStart) => c.cpuMs],
      ] as const) {
        const now = (results.get(`this ${body}`) ?? []).map(pick);
        const before = (results.get(`${rev} ${body}`) ?? []).map(pick);
        const ratio = summarize(pairedRatios(now, before));
        process.stdout.write(
          `${body}, ${label}: this ${summarize(now).median.toFixed(0)} ms, ${rev} ${summarize(before).median.toFixed(0)} ms, ` +
            `ratio ${ratio.median.toFixed(2)}× (${ratio.min.toFixed(2)}–${ratio.max.toFixed(2)}), ${rounds} rounds\n`,
        );
      }
    }
  } finally {
    await stub.close();
    killAll();
  }
}

main(process.argv[2] ?? 'main', Number(process.argv[3] ?? 15)).then(
  () => process.exit(0),
  (error: unknown) => {
    process.stderr.write(`[bench] failed: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  },
);
