import { http } from '@google-cloud/functions-framework';
import { getTestServer } from '@google-cloud/functions-framework/testing';
import type { AddressInfo } from 'node:net';
import { createApp } from '../../src/app';
import { loadConfig } from '../../src/config';
import { preloadResponseLibrary } from '../../src/dialogflow/response';
import { installFrontDoor } from '../../src/http/front-door';
import { installJsonErrorHandling } from '../../src/http/parser-errors';
import type { Logger } from '../../src/log';
import type { PostSource } from '../../src/reddit/client';

export const REDDIT = 'http://reddit.test';

export interface RunningWebhook {
  url: string;
  close(): Promise<void>;
  post(body: unknown, headers?: Record<string, string>): Promise<{ status: number; headers: Headers; json: any; text: string }>;
}

let counter = 0;

/**
 * Serves the real function through functions-framework's express app on a
 * loopback port, configured from `env` (Reddit at http://reddit.test, mocked with nock).
 */
export async function startWebhook(
  env: Record<string, string> = {},
  options: { log?: Logger; random?: () => number; warmUp?: boolean; posts?: PostSource } = {},
): Promise<RunningWebhook> {
  installJsonErrorHandling();
  installFrontDoor();
  // A warm instance: the first request should not pay for loading the response library.
  preloadResponseLibrary();
  const name = `webhook-test-${++counter}`;
  const config = loadConfig({ REDDIT_BASE_URL: REDDIT, LOG_LEVEL: 'silent', ...env });
  http(name, createApp({ config, log: options.log, random: options.random, warmUp: options.warmUp, posts: options.posts }));
  const server = getTestServer(name);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
  return {
    url,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
    async post(body, headers = {}) {
      const response = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...headers },
        body: typeof body === 'string' ? body : JSON.stringify(body),
      });
      const text = await response.text();
      let json: any;
      try {
        json = JSON.parse(text);
      } catch {
        json = undefined;
      }
      return { status: response.status, headers: response.headers, json, text };
    },
  };
}
