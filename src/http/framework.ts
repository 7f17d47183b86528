import { dirname } from 'node:path';

/**
 * Modules as functions-framework itself loads them. Our patches and the front door's body
 * parser must be the very copies that serve the function, not whatever a bare `require`
 * finds first, so everything is resolved from the framework's own folder.
 */
export const FRAMEWORK_DIR = dirname(require.resolve('@google-cloud/functions-framework'));

/** A dependency of the framework: `express`, `body-parser`. */
export function frameworkRequire(id: string): unknown {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- resolved at run time from the framework's folder
  return require(require.resolve(id, { paths: [FRAMEWORK_DIR] }));
}
