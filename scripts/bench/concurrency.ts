import { Agent } from 'node:http';
import { performance } from 'node:perf_hooks';
import { firstAnswer, postJson } from './http';
import { freePort, startFunction, type FunctionSpec } from './processes';
import { stubIdPrefix, type RedditStub } from './reddit-stub';
import { BODIES, servedIds } from './requests';
import { quantile } from './stats';

/**
 * A burst of simultaneous cache-miss requests on a fresh instance: how many
 * listing fetches reach Reddit (single flight: 1), and the p99 latency of the
 * burst against one lone cache miss on another fresh instance (same upstream
 * delay). The request asks for a topic: a search listing, which the start-up
 * warm-up never fetches, so it is a miss for sure; only searches are counted.
 */

export interface BurstRound {
  upstreamFetches: number;
  p50Ms: number;
  p99Ms: number;
  loneMissMs: number;
}

async function freshInstance(spec: FunctionSpec) {
  const proc = startFunction(spec, await freePort());
  await proc.listening;
  // The first request loads the response library; a burst should measure the cache, not that.
  await firstAnswer(proc.port, BODIES.welcome, 15_000);
  return proc;
}

export async function burst(spec: FunctionSpec, stub: RedditStub, options: { size: number; rounds: number; upstreamDelayMs: number }): Promise<BurstRound[]> {
  const rounds: BurstRound[] = [];
  stub.setDelay(options.upstreamDelayMs);
  try {
    for (let round = 0; round < options.rounds; round++) {
      const lone = await freshInstance(spec);
      let loneMissMs: number;
      try {
        const start = performance.now();
        const answer = await postJson(lone.port, BODIES.jokeAboutCats);
        if (answer.status !== 200) throw new Error(`lone miss answered ${answer.status}`);
        loneMissMs = answer.at - start;
      } finally {
        await lone.stop();
      }

      const proc = await freshInstance(spec);
      try {
        stub.reset();
        const agent = new Agent({ keepAlive: false, maxSockets: Infinity });
        const start = performance.now();
        const answers = await Promise.all(Array.from({ length: options.size }, () => postJson(proc.port, BODIES.jokeAboutCats, { agent, timeoutMs: 15_000 })));
        // Fast answers from the offline collection would flatter the burst: each must carry a stub post.
        const bad = answers.filter((a) => a.status !== 200 || !servedIds(a.body)[0]?.startsWith(stubIdPrefix()));
        if (bad.length > 0) {
          throw new Error(`${bad.length} of ${options.size} burst answers failed or did not come from Reddit (first: ${bad[0]!.status} ${bad[0]!.body.slice(0, 200)})`);
        }
        const latencies = answers.map((a) => a.at - start);
        rounds.push({ upstreamFetches: stub.requests('search'), p50Ms: quantile(latencies, 0.5), p99Ms: quantile(latencies, 0.99), loneMissMs });
        agent.destroy();
      } finally {
        await proc.stop();
      }
    }
    return rounds;
  } finally {
    stub.setDelay(0);
  }
}
