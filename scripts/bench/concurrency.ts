import { Agent } from 'node:http';
import { performance } from 'node:perf_hooks';
import { firstAnswer, postJson } from './http';
import { freePort, startFunction, type FunctionSpec } from './processes';
import type { RedditStub } from './reddit-stub';
import { BODIES } from './requests';
import { quantile } from './stats';

/**
 * A burst of simultaneous cache-miss requests on a fresh instance: how many
 * listing fetches reach Reddit (single flight: 1), and the p99 latency of the
 * burst against one lone cache miss on another fresh instance (same upstream delay).
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
        const answer = await postJson(lone.port, BODIES.joke);
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
        const answers = await Promise.all(Array.from({ length: options.size }, () => postJson(proc.port, BODIES.joke, { agent, timeoutMs: 15_000 })));
        const bad = answers.filter((a) => a.status !== 200);
        if (bad.length > 0) throw new Error(`${bad.length} of ${options.size} burst requests failed (first: ${bad[0]?.status})`);
        const latencies = answers.map((a) => a.at - start);
        rounds.push({ upstreamFetches: stub.requests(), p50Ms: quantile(latencies, 0.5), p99Ms: quantile(latencies, 0.99), loneMissMs });
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
