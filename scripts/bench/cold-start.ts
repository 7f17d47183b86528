import { firstAnswer } from './http';
import { freePort, startFunction, type FunctionSpec } from './processes';
import type { RedditStub } from './reddit-stub';
import { BODIES, type BodyName } from './requests';

/** Process start → functions-framework listening → first 200, for one fresh process. */
export interface ColdStart {
  listenMs: number;
  firstOkMs: number;
  /** CPU time of the function's main thread when it was listening, and when the first answer arrived. */
  listenCpuMs: number;
  cpuMs: number;
}

export async function coldStart(spec: FunctionSpec, body: BodyName): Promise<ColdStart> {
  const port = await freePort();
  const proc = startFunction(spec, port);
  try {
    const listenMs = await proc.listening;
    const listenCpuMs = proc.cpuMs();
    const answer = await firstAnswer(port, BODIES[body], 15_000);
    return { listenMs, firstOkMs: answer.at - proc.startedAt, listenCpuMs, cpuMs: proc.cpuMs() };
  } finally {
    await proc.stop();
  }
}

export interface ColdVariant {
  key: string;
  spec: FunctionSpec;
  body: BodyName;
  /** The first answer must have asked the Reddit stub (a cache miss), else the run is not what it claims. */
  fetchesReddit: boolean;
}

/**
 * Rounds of cold starts; each round starts every variant once, in an order
 * rotated per round so that slow drift of the machine hits all alike.
 */
export async function coldStarts(variants: readonly ColdVariant[], rounds: number, stub: RedditStub): Promise<Map<string, ColdStart[]>> {
  const results = new Map<string, ColdStart[]>(variants.map((v) => [v.key, []]));
  // One unmeasured start of each warms the OS file cache, as on a real instance that pulled its image.
  for (const variant of variants) await coldStart(variant.spec, variant.body);
  for (let round = 0; round < rounds; round++) {
    for (let i = 0; i < variants.length; i++) {
      const variant = variants[(i + round) % variants.length] as ColdVariant;
      const before = stub.requests();
      const measured = await coldStart(variant.spec, variant.body);
      const asked = stub.requests() > before;
      if (asked !== variant.fetchesReddit) {
        throw new Error(`${variant.key}: expected ${variant.fetchesReddit ? 'a' : 'no'} Reddit fetch on the first request`);
      }
      results.get(variant.key)?.push(measured);
    }
  }
  return results;
}
