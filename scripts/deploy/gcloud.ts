/** Starts gcloud with the terminal attached (or stdout captured) and returns its exit code. */
import { spawn } from 'node:child_process';
import { constants } from 'node:os';
import type { GcloudResult } from './steps';

export const EXIT_NOT_FOUND = 127;

export class GcloudMissingError extends Error {
  override name = 'GcloudMissingError';
}

export function runGcloud(args: readonly string[], cwd: string, capture: boolean): Promise<GcloudResult> {
  return new Promise((resolve, reject) => {
    const child = spawn('gcloud', args, { cwd, stdio: ['inherit', capture ? 'pipe' : 'inherit', 'inherit'] });
    let stdout = '';
    child.stdout?.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    // Ctrl-C reaches gcloud through the terminal; wait for it to finish instead of dying first.
    const ignoreSignal = () => {};
    process.on('SIGINT', ignoreSignal);
    process.on('SIGTERM', ignoreSignal);
    const cleanup = () => {
      process.off('SIGINT', ignoreSignal);
      process.off('SIGTERM', ignoreSignal);
    };
    child.on('error', (error: NodeJS.ErrnoException) => {
      cleanup();
      reject(
        error.code === 'ENOENT'
          ? new GcloudMissingError(
              'gcloud is not on PATH. Install the Google Cloud CLI (https://cloud.google.com/sdk/docs/install), ' +
                'run "gcloud auth login", or use --dry-run to print the plan.',
            )
          : error,
      );
    });
    child.on('close', (code, signal) => {
      cleanup();
      resolve({ code: code ?? 128 + (signal ? constants.signals[signal] : 0), stdout });
    });
  });
}
