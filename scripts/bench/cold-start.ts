import { firstAnswer } from './http';
import { freePort, startFunction, type FunctionSpec } from './processes';
import { stubIdPrefix } from './reddit-stub';
import { BODIES, servedIds, type BodyName } from './requests';

/** Process start → functions-framework listening → first 200, for one fresh process. */
export interface ColdStart {
  listenMs: number;
  firstOkMs: number;
  /** CPU time of the function's main thread when it was listening, and when the first answer arrived. */
  listenCpuMs: number;
  cpuMs: number;
}

export async function coldStart(spec: FunctionSpec, body: BodyName, check: (answer: string) => void = () => undefined): Promise<ColdStart> {
  const port = await freePort();
  const proc = startFunction(spec, port);
  try {
    const listenMs = await proc.listening;
    const listenCpuMs = proc.cpuMs();
    const answer = await firstAnswer(port, BODIES[body], 15_000);
    check(answer.body);
    return { listenMs, firstOkMs: answer.at - proc.startedAt, listenCpuMs, cpuMs: proc.cpuMs() };
  } finally {
    await proc.stop();
  }
}

export interface ColdVariant {
  key: string;
  spec: FunctionSpec;
  body: BodyName;
  /** The first answer must carry a post of the Reddit stub (not the offline collection), else the run is not what it claims. */
  fromReddit: boolean;
}

function checkFor(variant: ColdVariant): (answer: string) => void {
  return (answer) => {
    if (!variant.fromReddit) return;
    const ids = servedIds(answer);
    if (!ids[0]?.startsWith(stubIdPrefix())) {
      throw new Error(`${variant.key}: the first answer did not serve a post from the Reddit stub: ${answer.slice(0, 300)}`);
    }
  };
}

/**
 * Rounds of cold starts; each round starts every variant once, in an order
 * rotated per round so that slow drift of the machine hits all alike.
 */
export async function coldStarts(variants: readonly ColdVariant[], rounds: number): Promise<Map<string, ColdStart[]>> {
  const results = new Map<string, ColdStart[]>(variants.map((v) => [v.key, []]));
  // One unmeasured start of each warms the OS file cache, as on a real instance that pulled its image.
  for (const variant of variants) await coldStart(variant.spec, variant.body, checkFor(variant));
  for (let round = 0; round < rounds; round++) {
    for (let i = 0; i < variants.length; i++) {
      const variant = variants[(i + round) % variants.length] as ColdVariant;
      results.get(variant.key)?.push(await coldStart(variant.spec, variant.body, checkFor(variant)));
    }
  }
  return results;
}
