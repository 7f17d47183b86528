import * as z from 'zod';
import { ModerationError, type ModerateText, type ModerationFailure } from './model';
import { CategoryScoreSchema } from './thresholds';

/**
 * Cloud Natural Language `documents:moderateText` (v2) over its REST API.
 * Not the `@google-cloud/language` client: it costs about 135 ms to require
 * (plus 13 ms to construct) against 40 ms for google-auth-library, and 2.6 MB
 * bundled against 0.46 MB (docs/moderation.md). google-auth-library is
 * required only when credentials are first needed, so MODERATION=off and a
 * local test server never load it.
 */

export const GOOGLE_MODERATION_ENDPOINT = 'https://language.googleapis.com';
export const MODERATION_PATH = '/v2/documents:moderateText';
/** The scope moderateText documents; cloud-platform is what a Cloud Run service account's token carries by default. */
export const MODERATION_SCOPES = ['https://www.googleapis.com/auth/cloud-language', 'https://www.googleapis.com/auth/cloud-platform'];

/** What adds the Authorization header (a GoogleAuth, or any google-auth-library client). */
export interface CredentialSource {
  getRequestHeaders(url?: string): Promise<Headers>;
}

const ResponseSchema = z.object({ moderationCategories: z.array(CategoryScoreSchema).default([]) });

export function failureFor(status: number): ModerationFailure {
  if (status === 429) return 'quota';
  if (status === 401 || status === 403) return 'denied';
  if (status >= 400 && status < 500) return 'invalid';
  return 'unavailable';
}

function applicationDefault(): CredentialSource {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- loaded on the first signed call only (cold start)
  const { GoogleAuth } = require('google-auth-library') as typeof import('google-auth-library');
  return new GoogleAuth({ scopes: MODERATION_SCOPES });
}

/** `work`, or a rejection once `signal` aborts (getRequestHeaders takes no signal of its own). */
function untilAborted<T>(work: Promise<T>, signal: AbortSignal): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const abort = () => reject(new ModerationError('timeout', 'moderation did not answer in time'));
    if (signal.aborted) return abort();
    signal.addEventListener('abort', abort, { once: true });
    work.then(resolve, reject).finally(() => signal.removeEventListener('abort', abort));
  });
}

function classify(error: unknown, signal: AbortSignal): ModerationError {
  if (error instanceof ModerationError) return error;
  if (signal.aborted) return new ModerationError('timeout', 'moderation did not answer in time');
  return new ModerationError('unavailable', `moderation unreachable: ${error instanceof Error ? error.message : String(error)}`);
}

export interface GoogleModeratorOptions {
  /** MODERATION_ENDPOINT; an http:// address is a local test server, sent no credentials. */
  endpoint?: string;
  /**
   * Who signs the requests. Default: Application Default Credentials for an https:// endpoint,
   * nobody for an http:// one. Given here, it signs whatever the endpoint (tests sign for a local fake).
   */
  credentials?: CredentialSource;
}

export function createGoogleModerator(options: GoogleModeratorOptions = {}): ModerateText {
  const base = (options.endpoint ?? GOOGLE_MODERATION_ENDPOINT).replace(/\/+$/, '');
  const url = `${base}${MODERATION_PATH}`;
  const signed = options.credentials !== undefined || new URL(base).protocol !== 'http:';
  let credentials = options.credentials;
  return async (text, timeoutMs) => {
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), Math.max(0, timeoutMs));
    try {
      const headers = new Headers({ 'content-type': 'application/json' });
      if (signed) {
        credentials ??= applicationDefault();
        for (const [name, value] of await untilAborted(credentials.getRequestHeaders(url), controller.signal)) headers.set(name, value);
      }
      const response = await fetch(url, {
        method: 'POST',
        headers,
        body: JSON.stringify({ document: { type: 'PLAIN_TEXT', content: text }, modelVersion: 'MODEL_VERSION_2' }),
        signal: controller.signal,
      });
      if (!response.ok) {
        // Drain the body so the connection can be reused; its text is Google's, not the post's.
        await response.text().catch(() => '');
        throw new ModerationError(failureFor(response.status), `moderation answered ${response.status}`, response.status);
      }
      const parsed = ResponseSchema.safeParse(await response.json().catch(() => undefined));
      if (!parsed.success) throw new ModerationError('unavailable', 'moderation answered with an unexpected body', response.status);
      return parsed.data.moderationCategories;
    } catch (error) {
      throw classify(error, controller.signal);
    } finally {
      clearTimeout(timer);
    }
  };
}
