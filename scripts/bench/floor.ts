import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { coldStarts, type ColdStart, type ColdVariant } from './cold-start';
import type { FunctionSpec } from './processes';
import { fmtMs, fmtRatio, type Row } from './report';
import { pairedRatios, summarize } from './stats';
import { bare, bundled, ROOT, webhookEnv } from './targets';

/**
 * Cold start against the true floor: a bare functions-framework function that
 * makes one node:http GET to the same Reddit stub and answers with a title
 * (bench/floor/index.js). Our first joke is compared with it and with the bare
 * hello, on Node 24 (production's runtime, fetched with `npx -y -p node@24`).
 */

export const floor = (redditUrl: string): FunctionSpec => ({
  name: 'floor (one node:http GET)',
  source: join(ROOT, 'bench', 'floor', 'index.js'),
  target: 'floor',
  env: webhookEnv(redditUrl),
});

/** Path of a Node 24 binary, or undefined when npx cannot get one (offline without a cache). */
export function node24(): string | undefined {
  try {
    return execFileSync('npx', ['-y', '-p', 'node@24', 'node', '-p', 'process.execPath'], { encoding: 'utf8', timeout: 120_000, stdio: ['ignore', 'pipe', 'ignore'] }).trim();
  } catch {
    return undefined;
  }
}

const on = (spec: FunctionSpec, nodeBin: string | undefined): FunctionSpec => (nodeBin ? { ...spec, nodeBin } : spec);

export async function floorRows(redditUrl: string, rounds: number, runtimes: readonly { label: string; nodeBin?: string }[]): Promise<Row[]> {
  const rows: Row[] = [];
  for (const [index, runtime] of runtimes.entries()) {
    const variants: ColdVariant[] = [
      { key: 'bare', spec: on(bare(), runtime.nodeBin), body: 'welcome', fromReddit: false },
      { key: 'floor', spec: on(floor(redditUrl), runtime.nodeBin), body: 'joke', fromReddit: false },
      { key: 'joke', spec: on(bundled(redditUrl), runtime.nodeBin), body: 'joke', fromReddit: true },
    ];
    const starts = await coldStarts(variants, rounds);
    const first = (key: string) => (starts.get(key) ?? []).map((c: ColdStart) => c.firstOkMs);
    // 7a–7c for the first runtime, 7d–7f for the second.
    const id = (nth: 0 | 1 | 2) => `7${'abcdef'[index * 3 + nth]!}`;
    rows.push({
      id: id(0),
      benchmark: `${runtime.label}: cold start to the first joke vs the floor (bare function, one node:http GET to the stub, answers a title)`,
      ours: fmtMs(summarize(first('joke'))),
      baseline: `${fmtMs(summarize(first('floor')))} (floor)`,
      ratio: fmtRatio(pairedRatios(first('joke'), first('floor'))),
      goal: '≤ 1.1×',
    });
    rows.push({
      id: id(1),
      benchmark: `${runtime.label}: cold start to the first joke vs the bare hello`,
      ours: fmtMs(summarize(first('joke'))),
      baseline: fmtMs(summarize(first('bare'))),
      ratio: fmtRatio(pairedRatios(first('joke'), first('bare'))),
      goal: '≤ 1.3×',
    });
    rows.push({
      id: id(2),
      benchmark: `${runtime.label}: the floor vs the bare hello (what one Reddit GET costs at the least)`,
      ours: `${fmtMs(summarize(first('floor')))} (floor)`,
      baseline: fmtMs(summarize(first('bare'))),
      ratio: fmtRatio(pairedRatios(first('floor'), first('bare'))),
      goal: '—',
    });
  }
  return rows;
}
