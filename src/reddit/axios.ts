import type { AxiosError, AxiosStatic } from 'axios';

/**
 * axios, loaded on first use rather than at start-up. Loading it costs a cold
 * instance ~25 ms of CPU (its module set-up reads globalThis.FormData, which
 * makes Node load its whole fetch implementation), and the request that
 * started the instance is often a welcome that never talks to Reddit.
 */
let loaded: AxiosStatic | undefined;

export function axiosLibrary(): AxiosStatic {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- loaded on first use (see above)
  loaded ??= (require('axios') as { default: AxiosStatic }).default;
  return loaded;
}

/** axios.isAxiosError without loading axios: the very check it makes. */
export function isAxiosError(error: unknown): error is AxiosError {
  return typeof error === 'object' && error !== null && (error as { isAxiosError?: unknown }).isAxiosError === true;
}
