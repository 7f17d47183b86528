/**
 * Node.js runtimes of Cloud Run functions and their support schedule.
 *
 * Source: "Runtime support schedule", Node.js table,
 * https://cloud.google.com/run/docs/runtimes/function-runtimes (read 2026-11-30).
 * After the deprecation date deploys still work (with a warning here); from the
 * decommission date Google refuses new functions and updates on that runtime.
 * test/deploy-runtime.test.ts fails when DEFAULT_RUNTIME is deprecated on the
 * day it runs, so this table cannot go stale silently.
 */
export interface RuntimeSchedule {
  readonly id: string;
  /** ISO dates (UTC); undefined while Google has not announced one. */
  readonly deprecation: string | undefined;
  readonly decommission: string | undefined;
  /** Preview runtimes deploy only with `gcloud beta`; we do not offer them. */
  readonly preview?: boolean;
}

export const NODE_RUNTIMES: readonly RuntimeSchedule[] = [
  { id: 'nodejs26', deprecation: undefined, decommission: undefined, preview: true },
  { id: 'nodejs24', deprecation: '2028-04-30', decommission: '2028-10-31' },
  { id: 'nodejs22', deprecation: '2027-04-30', decommission: '2027-10-31' },
  { id: 'nodejs20', deprecation: '2026-04-30', decommission: '2026-10-30' },
  { id: 'nodejs18', deprecation: '2025-04-30', decommission: '2025-10-30' },
  { id: 'nodejs16', deprecation: '2024-01-30', decommission: '2025-01-30' },
];

export const DEFAULT_RUNTIME = 'nodejs24';

export type RuntimeVerdict =
  | { readonly ok: true; readonly warning?: string }
  | { readonly ok: false; readonly problem: string };

/** The newest GA runtime not yet deprecated on `today`: what to suggest instead. */
export function recommendedRuntime(today: Date): string {
  const usable = NODE_RUNTIMES.find((r) => !r.preview && !reached(r.deprecation, today));
  return usable?.id ?? DEFAULT_RUNTIME;
}

function reached(date: string | undefined, today: Date): boolean {
  return date !== undefined && today.getTime() >= Date.parse(`${date}T00:00:00Z`);
}

/** Whether `id` can be deployed on `today`: refused when unknown, preview or decommissioned, warned when deprecated. */
export function checkRuntime(id: string, today: Date): RuntimeVerdict {
  const runtime = NODE_RUNTIMES.find((r) => r.id === id);
  const instead = recommendedRuntime(today);
  if (!runtime) {
    const known = NODE_RUNTIMES.filter((r) => !r.preview).map((r) => r.id);
    return { ok: false, problem: `${JSON.stringify(id)} is not a Node.js runtime of Cloud Run functions (${known.join(', ')}); use ${instead}` };
  }
  if (runtime.preview) {
    return { ok: false, problem: `${id} is in Preview (gcloud beta only); use ${instead}` };
  }
  if (reached(runtime.decommission, today)) {
    return {
      ok: false,
      problem: `${id} was decommissioned on ${runtime.decommission!}: Cloud Run functions refuses new deploys on it; use ${instead}`,
    };
  }
  if (reached(runtime.deprecation, today)) {
    return {
      ok: true,
      warning: `${id} is deprecated since ${runtime.deprecation!} and will be decommissioned on ${runtime.decommission!}; move to ${instead}`,
    };
  }
  return { ok: true };
}
