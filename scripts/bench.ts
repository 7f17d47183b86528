/**
 * npm run bench: cold start, warm throughput/latency, a burst of cache misses,
 * memory and deploy size of the webhook's production bundle, each as a ratio
 * to a bare functions-framework hello measured in the same run.
 *
 *   npm run bench                  full run (a few minutes on 2 cores), prints the table
 *   npm run bench -- --write       also replaces the table in bench/RESULTS.md
 *   npm run bench -- --quick       fewer, shorter rounds (a smoke run, not for RESULTS.md)
 *
 * Everything runs on 127.0.0.1 (Reddit is a local stub), every loop is
 * bounded, and a watchdog kills every child process if the run overstays.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { burst } from './bench/concurrency';
import { coldStarts, type ColdVariant } from './bench/cold-start';
import { floorRows, node24 } from './bench/floor';
import { npmStarts } from './bench/npm-start';
import { memory, type MemoryRound } from './bench/memory';
import { installCleanup, killAll } from './bench/processes';
import { CATALOG } from '../src/catalog';
import { startRedditStub } from './bench/reddit-stub';
import { fmtKB, fmtMB, fmtMs, fmtRatio, machine, table, type Row } from './bench/report';
import { SCALE_FULL, SCALE_QUICK, scaleOut, type ScalePlan } from './bench/scale';
import { deploySize } from './bench/size';
import { pairedRatios, summarize } from './bench/stats';
import { bare, bundled, withEnv, compileUnbundled, prepareCompileCache, ROOT, unbundled, WEBHOOK_BUNDLE } from './bench/targets';
import type { FunctionSpec } from './bench/processes';
import { warm, type WarmRound } from './bench/warm';
import { scores, startFakeModeration } from '../test/support/fake-moderation';
import { commandLine } from './cli';

const WATCHDOG_MS = 900_000;
const RESULTS = join(ROOT, 'bench', 'RESULTS.md');
const BEGIN = '<!-- bench:begin -->';
const END = '<!-- bench:end -->';

interface Plan {
  coldRounds: number;
  warm: { rounds: number; throughputS: number; latencyS: number; latencyRate: number; warmupS: number };
  burst: { size: number; rounds: number; upstreamDelayMs: number };
  memoryRounds: number;
  scale: ScalePlan;
  npmStartRounds: number;
  floorRounds: number;
}

const FULL: Plan = {
  coldRounds: 15,
  warm: { rounds: 3, throughputS: 4, latencyS: 4, latencyRate: 200, warmupS: 2 },
  burst: { size: 200, rounds: 3, upstreamDelayMs: 100 },
  memoryRounds: 2,
  scale: SCALE_FULL,
  npmStartRounds: 5,
  floorRounds: 15,
};
const QUICK: Plan = {
  coldRounds: 2,
  warm: { rounds: 1, throughputS: 1, latencyS: 1, latencyRate: 200, warmupS: 1 },
  burst: { size: 200, rounds: 1, upstreamDelayMs: 100 },
  memoryRounds: 1,
  scale: SCALE_QUICK,
  npmStartRounds: 1,
  floorRounds: 1,
};

const USAGE = `Usage: npm run bench [-- [options]]

Cold start, warm throughput/latency, a burst of cache misses, memory and deploy size
of the production bundle, each as a ratio to a bare functions-framework hello.

Options:
  --write      also replace the table in bench/RESULTS.md
  --quick      fewer, shorter rounds (a smoke run, not for RESULTS.md)
  -h, --help   this text`;

// Exit codes (scripts/cli.ts EXIT): 0 done (or --help), 1 a measurement failed, 2 bad usage or the watchdog stopped the run.

/** The options, or the exit code when there is nothing to measure (--help, a bad option). */
function parseBenchArgs(argv: string[]): { write: boolean; quick: boolean } | number {
  const parsed = commandLine(argv, USAGE, { write: { type: 'boolean', default: false }, quick: { type: 'boolean', default: false } });
  if (typeof parsed === 'number') return parsed;
  return { write: parsed.values.write, quick: parsed.values.quick };
}

const log = (message: string) => process.stderr.write(`[bench] ${message}\n`);

async function run(plan: Plan): Promise<Row[]> {
  const rows: Row[] = [];
  const stub = await startRedditStub({ subreddits: CATALOG.map((kind) => kind.subreddit) });
  try {
    // Production's runtime: every server of sections 1–4 and 7 runs on Node 24 from the npm registry,
    // the webhook with the compile cache filled by Node 24 as gcp-build fills it.
    const nodeBin = node24();
    const runtime = nodeBin ? 'Node 24' : `Node ${process.versions.node.split('.')[0] ?? '?'}`;
    if (nodeBin) prepareCompileCache(nodeBin);
    else log(`Node 24 unavailable (npx -y -p node@24 failed): measuring on ${runtime}, without the compile cache`);
    const onRuntime = (spec: FunctionSpec): FunctionSpec => (nodeBin ? { ...spec, nodeBin } : spec);
    const hello = onRuntime(bare());
    const ours = onRuntime(bundled(stub.url));

    log(`1/6 cold start (${runtime})`);
    compileUnbundled();
    const cold: ColdVariant[] = [
      { key: 'bare', spec: hello, body: 'welcome', fromReddit: false },
      { key: 'welcome', spec: ours, body: 'welcome', fromReddit: false },
      { key: 'joke', spec: ours, body: 'joke', fromReddit: true },
      { key: 'unbundled', spec: onRuntime(unbundled(stub.url)), body: 'joke', fromReddit: true },
    ];
    const starts = await coldStarts(cold, plan.coldRounds);
    const series = (key: string, pick: (c: { firstOkMs: number; listenMs: number; cpuMs: number }) => number) =>
      (starts.get(key) ?? []).map(pick);
    const bareFirst = series('bare', (c) => c.firstOkMs);
    const coldRow = (id: string, key: string, label: string, goal: string) => {
      const first = series(key, (c) => c.firstOkMs);
      rows.push({
        id,
        benchmark: label,
        ours: `${fmtMs(summarize(first))} (listening at ${fmtMs(summarize(series(key, (c) => c.listenMs)))})`,
        baseline: `${fmtMs(summarize(bareFirst))} (listening at ${fmtMs(summarize(series('bare', (c) => c.listenMs)))})`,
        ratio: fmtRatio(pairedRatios(first, bareFirst)),
        goal,
      });
    };
    coldRow('1a', 'welcome', `${runtime}, cold start: process start → first 200, welcome`, '≤ 1.05×');
    coldRow('1b', 'joke', `${runtime}, cold start: process start → first 200, joke (fetched from the Reddit stub: HTTP client and first listing)`, '≤ 1.3×');
    const cpu = (key: string) => series(key, (c) => c.cpuMs);
    rows.push({
      id: '1c',
      benchmark: 'cold start, CPU time of the main thread until the first 200, joke',
      ours: fmtMs(summarize(cpu('joke'))),
      baseline: fmtMs(summarize(cpu('bare'))),
      ratio: fmtRatio(pairedRatios(cpu('joke'), cpu('bare'))),
      goal: '(less noisy than wall time)',
    });
    coldRow('1d', 'unbundled', 'cold start, joke, plain `tsc` output instead of the bundle', '(reference)');
    const npmStart = await npmStarts(stub.url, plan.npmStartRounds);
    rows.push({
      id: '1e',
      benchmark: '`npm start` typed → first 200, welcome (npm, esbuild bundle without type check, functions-framework)',
      ours: `${fmtMs(summarize(npmStart))} (max ${summarize(npmStart).max.toFixed(0)} ms)`,
      baseline: `${fmtMs(summarize(bareFirst))} (bare hello, process start → first 200)`,
      ratio: '—',
      goal: '≤ 1500 ms',
    });

    log('2/6 warm throughput and latency');
    // Issue #25: moderation judges posts when a listing is fetched, never on the answer's path. The same
    // webhook with MODERATION=google against the tests' local moderateText (every post ok) must be as fast.
    const moderation = await startFakeModeration(() => scores());
    let callsBeforeRounds = 0;
    const warmRounds = await (async () => {
      try {
        return await warm(
          [
            { key: 'bare', spec: hello, body: 'welcome' },
            { key: 'ours', spec: ours, body: 'joke', fromReddit: true },
            { key: 'moderated', spec: withEnv(ours, { MODERATION: 'google', MODERATION_ENDPOINT: moderation.url }), body: 'joke', fromReddit: true },
          ],
          plan.warm,
          async () => {
            // The judge works through the warm-up's listings in the background, one call per 200 ms:
            // the rounds measure the warm path once it has settled (no call for 2 s, at most 120 s).
            const settled = Date.now() + 120_000;
            let seen = -1;
            while (moderation.calls.length !== seen && Date.now() < settled) {
              seen = moderation.calls.length;
              await new Promise((resolve) => setTimeout(resolve, 2_000));
            }
            callsBeforeRounds = moderation.calls.length;
          },
        );
      } finally {
        await moderation.close();
      }
    })();
    const w = (key: string, pick: (r: WarmRound) => number) => (warmRounds.get(key) ?? []).map(pick);
    const cpuRow = (id: string, benchmark: string, key: string, baseKey: string, goal: string): Row => ({
      id,
      benchmark,
      ours: `${summarize(w(key, (r) => r.cpuUsPerRequest)).median.toFixed(0)} µs`,
      baseline: `${summarize(w(baseKey, (r) => r.cpuUsPerRequest)).median.toFixed(0)} µs`,
      ratio: fmtRatio(pairedRatios(w(key, (r) => r.cpuUsPerRequest), w(baseKey, (r) => r.cpuUsPerRequest))),
      goal,
    });
    rows.push({
      id: '2a',
      benchmark: 'warm throughput, cached joke, 10 connections',
      ours: `${summarize(w('ours', (r) => r.rps)).median.toFixed(0)} req/s`,
      baseline: `${summarize(w('bare', (r) => r.rps)).median.toFixed(0)} req/s`,
      ratio: fmtRatio(pairedRatios(w('ours', (r) => r.rps), w('bare', (r) => r.rps))),
      goal: '≥ 0.75× (#27)',
    });
    for (const [id, label, pick, goal] of [
      ['2b', 'p50', (r: { p50Ms: number }) => r.p50Ms, '≤ 1.3× (#27)'],
      ['2c', 'p99', (r: { p99Ms: number }) => r.p99Ms, '—'],
    ] as const) {
      rows.push({
        id,
        benchmark: `warm latency ${label}, cached joke, ${plan.warm.latencyRate} req/s`,
        ours: fmtMs(summarize(w('ours', pick))),
        baseline: fmtMs(summarize(w('bare', pick))),
        ratio: fmtRatio(pairedRatios(w('ours', pick), w('bare', pick))),
        goal,
      });
    }

    for (const [id, label, pick, goal] of [
      ['2d', 'throughput, 10 connections', (r: { rps: number }) => r.rps, '≥ 0.95× (unchanged)'],
      ['2e', `latency p50, ${plan.warm.latencyRate} req/s`, (r: { p50Ms: number }) => r.p50Ms, '≤ 1.05× (unchanged)'],
    ] as const) {
      const value = (key: string) => summarize(w(key, pick)).median;
      rows.push({
        id,
        benchmark: `warm ${label}, cached joke, MODERATION=google (local moderateText: ${callsBeforeRounds} calls while warming up, ${moderation.calls.length - callsBeforeRounds} during the measured rounds) vs MODERATION=off`,
        ours: id === '2d' ? `${value('moderated').toFixed(0)} req/s` : fmtMs(summarize(w('moderated', pick))),
        baseline: id === '2d' ? `${value('ours').toFixed(0)} req/s` : fmtMs(summarize(w('ours', pick))),
        ratio: fmtRatio(pairedRatios(w('moderated', pick), w('ours', pick))),
        goal,
      });
    }

    rows.push(
      cpuRow('2f', 'warm CPU of the main thread per request, cached joke (during 2a; the hello: a welcome)', 'ours', 'bare', '(lower is better)'),
      cpuRow(
        '2g',
        'warm CPU of the main thread per request, cached joke, MODERATION=google vs MODERATION=off (during 2d)',
        'moderated',
        'ours',
        '≤ 1.05× (unchanged)',
      ),
    );

    log('3/6 burst of cache misses');
    const bursts = await burst(ours, stub, plan.burst);
    const fetches = summarize(bursts.map((b) => b.upstreamFetches));
    rows.push({
      id: '3a',
      benchmark: `${plan.burst.size} concurrent cache misses (a joke about cats) on a fresh instance → Reddit fetches`,
      ours: `${fetches.median} (max ${fetches.max})`,
      baseline: '—',
      ratio: '—',
      goal: '1',
    });
    rows.push({
      id: '3b',
      benchmark: `p99 of that burst vs one lone miss (Reddit answers in ${plan.burst.upstreamDelayMs} ms)`,
      ours: fmtMs(summarize(bursts.map((b) => b.p99Ms))),
      baseline: `${fmtMs(summarize(bursts.map((b) => b.loneMissMs)))} (lone miss)`,
      ratio: fmtRatio(bursts.map((b) => b.p99Ms / b.loneMissMs)),
      goal: '—',
    });

    log('4/6 memory');
    const mem: { ours: MemoryRound[]; bare: MemoryRound[] } = { ours: [], bare: [] };
    for (let round = 0; round < plan.memoryRounds; round++) {
      mem.bare.push(await memory(hello));
      mem.ours.push(await memory(ours));
    }
    const at10k = (key: 'ours' | 'bare') => mem[key].map((m) => m.rssAt10kBytes);
    rows.push({
      id: '4a',
      benchmark: 'RSS after 10,000 requests (welcome, joke, more, bye in a loop), after a full GC',
      ours: fmtMB(summarize(at10k('ours')).median),
      baseline: fmtMB(summarize(at10k('bare')).median),
      ratio: fmtRatio(pairedRatios(at10k('ours'), at10k('bare'))),
      goal: '≤ 1.5×',
    });
    const signedMB = (bytes: number) => `${bytes >= 0 ? '+' : '−'}${fmtMB(Math.abs(bytes))}`;
    for (const [id, label, growth] of [
      ['4b', 'RSS', (m: MemoryRound) => m.rssAt10kBytes - m.rssAt5kBytes],
      ['4c', 'live JS heap', (m: MemoryRound) => m.heapAt10kBytes - m.heapAt5kBytes],
    ] as const) {
      rows.push({
        id,
        benchmark: `${label} growth from the 5,000th to the 10,000th request`,
        ours: signedMB(summarize(mem.ours.map(growth)).median),
        baseline: signedMB(summarize(mem.bare.map(growth)).median),
        ratio: '—',
        goal: 'no growth',
      });
    }

    log('5/6 deploy size');
    const size = deploySize(ROOT, WEBHOOK_BUNDLE);
    rows.push({
      id: '5a',
      benchmark: 'gcloud upload (the .gcloudignore allow-list)',
      ours: `${fmtKB(size.uploadBytes)} (${size.uploadFiles} files)`,
      baseline: '—',
      ratio: '—',
      goal: '—',
    });
    rows.push({
      id: '5b',
      benchmark: 'production node_modules (`npm ci --omit=dev`: functions-framework and ioredis, what the bundle leaves external); baseline: functions-framework alone',
      ours: `${fmtMB(size.declared.bytes)} (${size.declared.packages} packages)`,
      baseline: `${fmtMB(size.runtimeOnly.bytes)} (${size.runtimeOnly.packages} packages)`,
      ratio: fmtRatio([size.declared.bytes / size.runtimeOnly.bytes]),
      goal: '≤ 2×',
    });
    rows.push({
      id: '5c',
      benchmark: 'the bundle, dist/webhook.cjs (what runs besides functions-framework; dist/index.cjs loads it)',
      ours: fmtKB(size.bundleBytes),
      baseline: '—',
      ratio: '—',
      goal: '—',
    });

    log('6 scale out: processes sharing one Redis');
    rows.push(...(await scaleOut(plan.scale, log)));

    log(`7 cold start against the floor (${runtime})`);
    rows.push(...(await floorRows(stub.url, plan.floorRounds, [{ label: runtime, ...(nodeBin ? { nodeBin } : {}) }])));
    return rows;
  } finally {
    await stub.close();
  }
}

function writeResults(markdown: string): void {
  const text = readFileSync(RESULTS, 'utf8');
  const start = text.indexOf(BEGIN);
  const end = text.indexOf(END);
  if (start < 0 || end < start) throw new Error(`${RESULTS} has no ${BEGIN} … ${END} section`);
  writeFileSync(RESULTS, `${text.slice(0, start + BEGIN.length)}\n${markdown}\n${text.slice(end)}`);
}

async function main(options: { write: boolean; quick: boolean }): Promise<void> {
  installCleanup();
  const watchdog = setTimeout(() => {
    log(`still running after ${WATCHDOG_MS / 1000} s: stopping`);
    killAll();
    process.exit(2);
  }, WATCHDOG_MS);
  watchdog.unref();
  const loadBefore = loadavg();
  const started = performance.now();
  const rows = await run(options.quick ? QUICK : FULL);
  const markdown = `${table(rows)}\n\nMachine:\n${machine(loadBefore)}\n- bench wall time: ${((performance.now() - started) / 1000).toFixed(0)} s`;
  process.stdout.write(`${markdown}\n`);
  if (options.write) {
    writeResults(markdown);
    log(`table written to ${RESULTS}`);
  }
  clearTimeout(watchdog);
}

const options = parseBenchArgs(process.argv.slice(2));
if (typeof options === 'number') process.exitCode = options;
else void main(options).then(
  () => {
    killAll();
    process.exit(0);
  },
  (error: unknown) => {
    killAll();
    process.stderr.write(`[bench] failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exit(1);
  },
);
