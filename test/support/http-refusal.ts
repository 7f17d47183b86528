import { HttpError } from '../../src/http/errors';

export type Refusal = { status: number; code: string; message: string; headers: Record<string, string> };

/** What `run` refused with (every field of the HttpError), or 'ok'. Any other error fails the test. */
export function refusalOf(run: () => unknown): Refusal | 'ok' {
  try {
    run();
    return 'ok';
  } catch (error) {
    if (!(error instanceof HttpError)) throw error;
    return { status: error.status, code: error.code, message: error.message, headers: error.headers };
  }
}
