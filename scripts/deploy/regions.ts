/**
 * Regions where Cloud Run functions (2nd gen, i.e. Cloud Run) can run.
 *
 * Source: "Cloud Run locations", tier 1 and tier 2,
 * https://cloud.google.com/run/docs/locations, and "Cloud Run functions
 * locations", https://cloud.google.com/functions/docs/locations (read 2026-11-30).
 * `gcloud functions regions list` gives the live list for a project.
 * A region missing here is refused with a suggestion; add it when Google adds one.
 */
import leven from 'leven';

export const FUNCTION_REGIONS: readonly string[] = [
  // tier 1
  'asia-east1',
  'asia-northeast1',
  'asia-northeast2',
  'europe-north1',
  'europe-southwest1',
  'europe-west1',
  'europe-west4',
  'europe-west8',
  'europe-west9',
  'me-west1',
  'us-central1',
  'us-east1',
  'us-east4',
  'us-east5',
  'us-south1',
  'us-west1',
  // tier 2
  'africa-south1',
  'asia-east2',
  'asia-northeast3',
  'asia-southeast1',
  'asia-southeast2',
  'asia-south1',
  'asia-south2',
  'australia-southeast1',
  'australia-southeast2',
  'europe-central2',
  'europe-west10',
  'europe-west12',
  'europe-west2',
  'europe-west3',
  'europe-west6',
  'me-central1',
  'me-central2',
  'northamerica-northeast1',
  'northamerica-northeast2',
  'southamerica-east1',
  'southamerica-west1',
  'us-west2',
  'us-west3',
  'us-west4',
];

/** The closest known region, when it is close enough to be a typo (at most 3 edits). */
export function suggestRegion(region: string): string | undefined {
  let best: { name: string; distance: number } | undefined;
  for (const name of FUNCTION_REGIONS) {
    const distance = leven(region, name);
    if (!best || distance < best.distance) best = { name, distance };
  }
  return best && best.distance <= 3 ? best.name : undefined;
}

/** undefined when the region is known, else the message to show. */
export function regionProblem(region: string): string | undefined {
  if (FUNCTION_REGIONS.includes(region)) return undefined;
  const suggestion = suggestRegion(region);
  const hint = suggestion ? `did you mean ${suggestion}?` : 'see `gcloud functions regions list` for the list';
  return `${JSON.stringify(region)} is not a Cloud Run functions region; ${hint}`;
}
