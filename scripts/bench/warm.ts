import { postJson } from './http';
import { load } from './load';
import { stubIdPrefix } from './reddit-stub';
import { BODIES, servedIds, type BodyName } from './requests';
import { freePort, startFunction, type FunctionProcess, type FunctionSpec } from './processes';
import { quantile } from './stats';


/**
 * Warm throughput (as many requests as the server answers, 10 connections)
 * and warm latency (a fixed, light rate, like Dialogflow traffic), per round,
 * for both servers in turn.
 */

export interface WarmRound {
  rps: number;
  /** CPU time of the server's main thread per request during the throughput run (µs): steadier than rps on a busy machine. */
  cpuUsPerRequest: number;
  p50Ms: number;
  p99Ms: number;
}

export interface WarmPlan {
  rounds: number;
  throughputS: number;
  latencyS: number;
  /** Requests per second over all connections during the latency run. */
  latencyRate: number;
  warmupS: number;
}

export interface WarmTarget {
  key: string;
  spec: FunctionSpec;
  body: BodyName;
  /** Answers must carry a post of the Reddit stub (through the cache), not the offline collection. */
  fromReddit?: boolean;
}

/** `measuring` is awaited once every server is warm, just before the measured rounds. */
export async function warm(
  targets: readonly WarmTarget[],
  plan: WarmPlan,
  measuring?: () => void | Promise<void>,
): Promise<Map<string, WarmRound[]>> {
  const running: Array<{ target: WarmTarget; proc: FunctionProcess }> = [];
  try {
    for (const target of targets) {
      // Log lines to a file, not to this process: the load generator must not also be the log reader.
      const proc = startFunction({ ...target.spec, stdout: 'file' }, await freePort());
      running.push({ target, proc });
      await proc.listening;
    }
    const results = new Map<string, WarmRound[]>(targets.map((t) => [t.key, []]));
    // JIT, caches and connection pools warm up before anything is measured.
    for (const { target, proc } of running) {
      const first = await postJson(proc.port, BODIES[target.body]);
      if (first.status !== 200 || (target.fromReddit && !servedIds(first.body)[0]?.startsWith(stubIdPrefix()))) {
        throw new Error(`${target.key}: unexpected answer before the warm run: ${first.status} ${first.body.slice(0, 200)}`);
      }
      await load(proc.port, { bodies: [target.body], connections: 10, durationS: plan.warmupS });
    }
    await measuring?.();
    for (let round = 0; round < plan.rounds; round++) {
      for (let i = 0; i < running.length; i++) {
        const { target, proc } = running[(i + round) % running.length] as (typeof running)[number];
        const cpuBefore = proc.cpuMs();
        const throughput = await load(proc.port, { bodies: [target.body], connections: 10, durationS: plan.throughputS });
        const cpuUsPerRequest = ((proc.cpuMs() - cpuBefore) * 1000) / throughput.requests;
        const light = await load(proc.port, {
          bodies: [target.body],
          connections: 2,
          durationS: plan.latencyS,
          overallRate: plan.latencyRate,
        });
        results.get(target.key)?.push({
          rps: throughput.rps,
          cpuUsPerRequest,
          p50Ms: quantile(light.latenciesMs, 0.5),
          p99Ms: quantile(light.latenciesMs, 0.99),
        });
      }
    }
    return results;
  } finally {
    for (const { proc } of running) await proc.stop();
  }
}
