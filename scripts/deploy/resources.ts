/**
 * What Cloud Run (and so a 2nd gen function) accepts for CPU, memory and
 * concurrency together. Checked before deploying so a bad mix fails here with
 * the flag to change, not minutes later in Cloud Build.
 *
 * Sources (read 2026-11-30): "Configure CPU limits",
 * https://cloud.google.com/run/docs/configuring/services/cpu (below 1 vCPU:
 * concurrency must be 1, more than 512Mi needs 0.5 vCPU, more than 1Gi needs 1;
 * above 1 only 2, 4, 6, 8; 4 vCPU needs 2Gi, 6 and 8 need 4Gi), and "Configure
 * memory limits", https://cloud.google.com/functions/docs/configuring/memory
 * (more than 4Gi needs 2 vCPU, 8Gi 4, 16Gi 6, 24Gi 8; at most 32Gi).
 */
export interface Resources {
  readonly concurrency: number;
  /** vCPUs as given on the command line; undefined lets Google derive it from memory. */
  readonly cpu: string | undefined;
  readonly memory: string;
}

export interface ResourceProblem {
  readonly flag: 'cpu' | 'memory' | 'concurrency';
  readonly message: string;
}

const MIB: Record<string, number> = { Mi: 1, M: 1_000_000 / 1_048_576, Gi: 1024, G: 1_000_000_000 / 1_048_576 };

/** "512Mi" → 512; undefined when the shape is wrong (the flag's own check reports that). */
export function memoryMiB(memory: string): number | undefined {
  const match = /^([1-9][0-9]*)(Mi|M|Gi|G)$/.exec(memory);
  return match ? Number(match[1]) * MIB[match[2]!]! : undefined;
}

const WHOLE_CPUS = [1, 2, 4, 6, 8];
/** [more than this many MiB, needs at least this many vCPUs] */
const MEMORY_NEEDS_CPU: ReadonlyArray<readonly [number, number]> = [
  [24 * 1024, 8],
  [16 * 1024, 6],
  [8 * 1024, 4],
  [4 * 1024, 2],
  [1024, 1],
  [512, 0.5],
];
/** [vCPUs, at least this many MiB] */
const CPU_NEEDS_MEMORY: ReadonlyArray<readonly [number, number]> = [
  [4, 2 * 1024],
  [6, 4 * 1024],
  [8, 4 * 1024],
];

export function resourceProblems({ concurrency, cpu, memory }: Resources): ResourceProblem[] {
  const problems: ResourceProblem[] = [];
  const mib = memoryMiB(memory);
  if (mib !== undefined && mib > 32 * 1024) problems.push({ flag: 'memory', message: `${memory} is more than the 32Gi maximum` });
  if (cpu === undefined) return problems;

  const cpus = Number(cpu);
  if (cpus < 0.08 || cpus > 8 || (cpus > 1 && !WHOLE_CPUS.includes(cpus))) {
    problems.push({ flag: 'cpu', message: `${cpu} vCPUs is not offered: use 0.08 to 1, or 2, 4, 6 or 8` });
    return problems;
  }
  if (cpus < 1 && concurrency > 1) {
    problems.push({
      flag: 'cpu',
      message: `${cpu} vCPU allows only --concurrency 1 (gen2 needs at least 1 vCPU for concurrency above 1); use --cpu 1 or --concurrency 1`,
    });
  }
  if (mib !== undefined) {
    const needed = MEMORY_NEEDS_CPU.find(([above]) => mib > above);
    if (needed && cpus < needed[1]) {
      problems.push({ flag: 'cpu', message: `--memory ${memory} needs at least ${needed[1]} vCPU, not ${cpu}` });
    }
    const floor = CPU_NEEDS_MEMORY.find(([c]) => c === cpus);
    if (floor && mib < floor[1]) {
      problems.push({ flag: 'memory', message: `${cpu} vCPUs need at least ${floor[1] / 1024}Gi of memory, not ${memory}` });
    }
  }
  return problems;
}
