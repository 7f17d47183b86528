import { http } from '@google-cloud/functions-framework';
import { getTestServer } from '@google-cloud/functions-framework/testing';
import { readdirSync, statSync } from 'node:fs';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { createApp } from '../../src/app';
import type { PostJudge } from '../../src/moderation/judge';
import { loadConfig } from '../../src/config';
import { preloadResponseLibrary } from '../../src/dialogflow/response';
import { installFrontDoor } from '../../src/http/front-door';
import { installJsonErrorHandling } from '../../src/http/parser-errors';
import type { Logger } from '../../src/log';
import type { PostSource } from '../../src/reddit/client';
import type { SharedStore } from '../../src/reddit/shared/store';

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
  options: { log?: Logger; random?: () => number; warmUp?: boolean; posts?: PostSource; store?: SharedStore; judge?: PostJudge } = {},
): Promise<RunningWebhook> {
  installJsonErrorHandling();
  installFrontDoor();
  // A warm instance: the first request should not pay for loading the response library.
  preloadResponseLibrary();
  const name = `webhook-test-${++counter}`;
  const config = loadConfig({ REDDIT_BASE_URL: REDDIT, LOG_LEVEL: 'silent', ...env });
  http(name, createApp({ config, ...options }));
  return serve(getTestServer(name));
}

/** What `npm run build` produces and production runs (package.json `main`): turns on the compile cache, then loads WEBHOOK_BUNDLE. */
export const BUNDLE = join(__dirname, '..', '..', 'dist', 'index.cjs');
/** The esbuild bundle of src/ that BUNDLE loads. */
export const WEBHOOK_BUNDLE = join(__dirname, '..', '..', 'dist', 'webhook.cjs');

function newestSource(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestSource(path) : statSync(path).mtimeMs);
  }
  return newest;
}

/** Fails with instructions when dist/ is missing or older than src/, rather than testing stale code. */
export function assertBundleBuilt(): void {
  let built: number;
  try {
    built = statSync(BUNDLE).mtimeMs;
  } catch {
    throw new Error(`${BUNDLE} is missing: run \`npm run build\` before the bundle tests (.ci/run does).`);
  }
  if (newestSource(join(__dirname, '..', '..', 'src')) > built) {
    throw new Error(`${BUNDLE} is older than src/: run \`npm run build\` before the bundle tests.`);
  }
}

/**
 * The production bundle, loaded the way functions-framework's CLI loads it:
 * required once, configured from process.env at load time, registering
 * `webhook`. Each call loads a fresh copy (with its own functions-framework)
 * under `env`, so tests in one file can use different settings.
 */
export async function startBundledWebhook(env: Record<string, string> = {}): Promise<RunningWebhook> {
  assertBundleBuilt();
  const settings: Record<string, string> = { REDDIT_BASE_URL: REDDIT, LOG_LEVEL: 'silent', ...env };
  const saved = Object.fromEntries(Object.keys(settings).map((key) => [key, process.env[key]]));
  Object.assign(process.env, settings);
  let server: Server | undefined;
  try {
    jest.isolateModules(() => {
      // The bundle itself, not dist/index.cjs: with a trained code cache the loader runs the bundle
      // through vm.Script in Node's main context, outside jest's module registry and globals. The
      // loader is tested in its own Node processes (test/bundle.test.ts, test/start.test.ts).
      require(WEBHOOK_BUNDLE);
      const testing = require('@google-cloud/functions-framework/testing') as typeof import('@google-cloud/functions-framework/testing');
      server = testing.getTestServer('webhook');
    });
  } finally {
    for (const [key, value] of Object.entries(saved)) {
      if (value === undefined) delete process.env[key];
      else process.env[key] = value;
    }
  }
  if (!server) throw new Error(`${WEBHOOK_BUNDLE} did not register the function "webhook"`);
  return serve(server);
}

export type Build = 'src' | 'bundle';
/** Both builds, for `describe.each(BUILDS)`: a test written once runs against the sources and the production bundle. */
export const BUILDS: readonly Build[] = ['src', 'bundle'];

export function startBuild(build: Build, env: Record<string, string> = {}): Promise<RunningWebhook> {
  return build === 'src' ? startWebhook(env) : startBundledWebhook(env);
}

async function serve(server: Server): Promise<RunningWebhook> {
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
