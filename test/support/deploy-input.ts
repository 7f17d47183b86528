import { DeployInputError } from '../../scripts/deploy/plan';

/** The problems a DeployInputError lists; fails when `run` throws nothing or something else. */
export function problemsOf(run: () => unknown): string[] {
  try {
    run();
  } catch (error) {
    if (error instanceof DeployInputError) return [...error.problems];
    throw error;
  }
  throw new Error('expected a DeployInputError');
}
