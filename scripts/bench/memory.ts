import { join } from 'node:path';
import { load } from './load';
import { freePort, startFunction, type FunctionSpec } from './processes';
import { CONVERSATION, type BodyName } from './requests';
import { ROOT } from './targets';

/**
 * Memory of a fresh instance after 5,000 and after 10,000 requests of a
 * repeated conversation, read after a full GC (bench/gc-preload.cjs, loaded
 * into both servers alike) so that live memory is compared, not GC timing.
 */
export interface MemoryRound {
  rssAt5kBytes: number;
  rssAt10kBytes: number;
  heapAt5kBytes: number;
  heapAt10kBytes: number;
}

const GC_PRELOAD = join(ROOT, 'bench', 'gc-preload.cjs');

export async function memory(spec: FunctionSpec, bodies: readonly BodyName[] = CONVERSATION): Promise<MemoryRound> {
  const proc = startFunction({ ...spec, nodeArgs: ['--expose-gc', '--require', GC_PRELOAD] }, await freePort());
  try {
    await proc.listening;
    await load(proc.port, { bodies, connections: 10, amount: 5_000 });
    const at5k = await proc.memoryAfterGc();
    await load(proc.port, { bodies, connections: 10, amount: 5_000 });
    const at10k = await proc.memoryAfterGc();
    return { rssAt5kBytes: at5k.rss, rssAt10kBytes: at10k.rss, heapAt5kBytes: at5k.heapUsed, heapAt10kBytes: at10k.heapUsed };
  } finally {
    await proc.stop();
  }
}
