import type { AxiosInstance, AxiosRequestConfig, AxiosResponse } from 'axios';
import type { Logger } from '../log';
import { axiosLibrary, isAxiosError } from './axios';
import { cooldownAfter429, cooldownFromBudget, type HostCooldown } from './cooldown';
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

  return {
    host,
    pause: (ms) => options.cooldown.start(host, ms),
    async request(config, budgetMs: number) {
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
        const response = await http().request({ ...config, timeout: budgetMs, signal: AbortSignal.timeout(budgetMs) });
        const wait = cooldownFromBudget(response.headers);
        if (wait !== undefined) {
          options.cooldown.start(host, wait);
          options.log.warn({ host, cooldownMs: wait }, 'reddit rate-limit budget used up, cooling down');
        }
        options.log.debug({ host, path: config.url, status: response.status, ms: now() - started }, 'reddit request');
        return response;
      } catch (error) {
        const failure = classifyFailure(error);
        if (failure.reason === 'rate-limited' && isAxiosError(error)) {
          const wait = cooldownAfter429(error.response?.headers, now());
          options.cooldown.start(host, wait);
          options.log.warn({ host, cooldownMs: wait }, 'reddit answered 429, cooling down');
        }
        options.log.debug(
          { host, path: config.url, reason: failure.reason, status: failure.status, ms: now() - started },
          'reddit request failed',
        );
        throw failure;
      }
    },
  };
}
