import type { AxiosInstance, AxiosRequestConfig, AxiosResponse } from 'axios';
import type { Logger } from '../log';
import { axiosLibrary, isAxiosError } from './axios';
import { SilenceBreaker, type ProbeOutcome } from './breaker';
import { cooldownAfter429, cooldownFromBudget, type HeaderBag, type HostCooldown } from './cooldown';
import { classifyFailure, RedditError } from './errors';
import type { RedditGate } from './shared/budget';

/** One Reddit host, called politely: User-Agent, cool-down, and a hard time budget per request. */
export interface Upstream {
  readonly host: string;
  request(config: AxiosRequestConfig, budgetMs: number): Promise<AxiosResponse>;
  /** Stay away from this host for a while (e.g. after it refused our credentials). */
  pause(ms: number): void;
}

export interface UpstreamOptions {
  baseUrl: string;
  userAgent: string;
  cooldown: HostCooldown;
  /** Asked before each request (the budget shared by all instances); absent: no budget besides Reddit's. */
  gate?: RedditGate;
  log: Logger;
  now?: () => number;
}

/** How long a background probe of a silent Reddit waits for an answer; nobody waits for the probe. */
export const PROBE_TIMEOUT_MS = 5_000;

/** The probe asks for what the last unanswered request asked, one post only (a token request as it was). */
function probeRequest(config: AxiosRequestConfig): AxiosRequestConfig {
  const params = config.params as Record<string, unknown> | undefined;
  return config.method === 'GET' || config.method === undefined ? { ...config, params: { ...params, limit: 1 } } : config;
}

/**
 * The request with its query parameters as URLSearchParams, which axios appends as they are. A plain
 * object goes through axios's form-data visitor instead, whose first run cost a cold instance's first
 * joke ~30 ms of CPU (9 paired cold starts on Node 24, bench/RESULTS.md).
 */
export function withSearchParams(config: AxiosRequestConfig): AxiosRequestConfig {
  const params = config.params as Record<string, unknown> | URLSearchParams | undefined;
  if (!params || params instanceof URLSearchParams) return config;
  const search = new URLSearchParams();
  for (const [name, value] of Object.entries(params)) search.append(name, String(value));
  return { ...config, params: search };
}

export function createUpstream(options: UpstreamOptions): Upstream {
  const host = new URL(options.baseUrl).host;
  const now = options.now ?? Date.now;
  let instance: AxiosInstance | undefined;
  const http = () =>
    (instance ??= axiosLibrary().create({
      baseURL: options.baseUrl,
      headers: { 'User-Agent': options.userAgent, Accept: 'application/json' },
      maxRedirects: 0, // Reddit redirects blocked or unknown subreddits to HTML pages
      responseType: 'json',
    }));

  /** X-Ratelimit-Remaining used up: wait for X-Ratelimit-Reset instead of walking into a 429. */
  const obeyBudget = (headers: HeaderBag) => {
    const wait = cooldownFromBudget(headers);
    if (wait === undefined) return;
    options.cooldown.start(host, wait);
    options.log.warn({ host, cooldownMs: wait }, 'reddit rate-limit budget used up, cooling down');
  };
  const obey429 = (headers: HeaderBag) => {
    const wait = cooldownAfter429(headers, now());
    options.cooldown.start(host, wait);
    options.log.warn({ host, cooldownMs: wait }, 'reddit answered 429, cooling down');
  };

  let unanswered: AxiosRequestConfig | undefined;
  const probe = async (): Promise<ProbeOutcome> => {
    if (!unanswered) return 'skipped';
    try {
      const response = await http().request({ ...withSearchParams(probeRequest(unanswered)), timeout: PROBE_TIMEOUT_MS, signal: AbortSignal.timeout(PROBE_TIMEOUT_MS) });
      obeyBudget(response.headers);
      return 'answered';
    } catch (error) {
      if (!isAxiosError(error) || !error.response) return 'silent';
      if (error.response.status === 429) obey429(error.response.headers);
      return 'answered';
    }
  };
  const breaker = new SilenceBreaker(host, options.cooldown, probe, options.log, now);

  return {
    host,
    pause: (ms) => options.cooldown.start(host, ms),
    async request(config, budgetMs: number) {
      if (breaker.silent) {
        breaker.refused();
        throw new RedditError('timeout', 'Reddit has not been answering; a background probe will tell when it does');
      }
      const coolingMs = options.cooldown.remainingMs(host);
      if (coolingMs > 0) throw new RedditError('rate-limited', `Cooling down for ${Math.ceil(coolingMs / 1000)} s`, 429);
      if (budgetMs <= 0) throw new RedditError('timeout', 'No time left to ask Reddit');
      if (options.gate) {
        const asked = now();
        await options.gate.admit(host);
        budgetMs -= now() - asked;
      }
      const started = now();
      try {
        // The signal (not only axios' timeout) makes sure the socket is destroyed when time is up.
        const response = await http().request({ ...withSearchParams(config), timeout: budgetMs, signal: AbortSignal.timeout(budgetMs) });
        breaker.answered();
        obeyBudget(response.headers);
        options.log.debug({ host, path: config.url, status: response.status, ms: now() - started }, 'reddit request');
        return response;
      } catch (error) {
        const failure = classifyFailure(error);
        if (failure.reason === 'timeout' || failure.reason === 'network') {
          unanswered = config;
          breaker.noAnswer();
        } else {
          breaker.answered();
        }
        if (failure.reason === 'rate-limited' && isAxiosError(error)) obey429(error.response?.headers);
        options.log.debug(
          { host, path: config.url, reason: failure.reason, status: failure.status, ms: now() - started },
          'reddit request failed',
        );
        throw failure;
      }
    },
  };
}
