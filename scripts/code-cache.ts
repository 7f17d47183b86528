/**
 * `npm run compile-cache`, second step (bundled by scripts/bundle.ts into
 * build/code-cache.cjs, as gcp-build runs it in Cloud Build): trains the code
 * cache of dist/webhook.cjs (src/code-cache.ts). It loads the bundle in this
 * process, serves it through functions-framework's own server the requests a
 * new instance gets first, Dialogflow ES and CX, with Reddit answering from a
 * local stand-in over OAuth as the real one does, then saves V8's code cache
 * of every function those requests compiled.
 *
 * Nothing leaves 127.0.0.1. A request that does not get its 200, or a joke not
 * told from Reddit, fails the build: a cache trained on an error path would
 * leave the first user's functions uncompiled.
 */
import { getTestServer } from '@google-cloud/functions-framework/testing';
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import type { AddressInfo } from 'node:net';
import { basename, dirname, join } from 'node:path';
import { codeCacheFile, loadBundle } from '../src/code-cache';
import { CX_TAGS } from '../src/dialogflow/cx-tags';
import { startRedditStub, stubIdPrefix } from './bench/reddit-stub';
import { BODIES, servedIds } from './bench/requests';

const ROOT = join(__dirname, '..');
const BUNDLE = join(ROOT, 'dist', 'webhook.cjs');
const CREDENTIALS = { clientId: 'code-cache-training', clientSecret: 'not-a-secret' };

/** A Dialogflow CX WebhookRequest as a flow's fulfillment sends it (tag, session, text, language). */
function cxRequest(tag: string, text: string, parameters: Record<string, unknown> = {}): string {
  return JSON.stringify({
    detectIntentResponseId: 'code-cache-training',
    fulfillmentInfo: { tag },
    sessionInfo: { session: 'projects/p/locations/global/agents/a/sessions/code-cache', parameters },
    text,
    languageCode: 'en',
  });
}

/** In order: a conversation as users have it, so each first request's path is compiled. */
const TRAINING: ReadonlyArray<{ name: string; body: string; fromReddit?: boolean }> = [
  { name: 'ES welcome', body: BODIES.welcome },
  { name: 'ES joke', body: BODIES.joke, fromReddit: true },
  { name: 'ES another one', body: BODIES.more, fromReddit: true },
  { name: 'ES joke about cats', body: BODIES.jokeAboutCats },
  { name: 'ES bye', body: BODIES.bye },
  { name: 'CX welcome', body: cxRequest(CX_TAGS.welcome, 'hi') },
  { name: 'CX joke', body: cxRequest(CX_TAGS.sayContent, 'tell me a joke', { content: 'joke' }) },
];

function post(port: number, body: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, method: 'POST', path: '/', headers: { 'content-type': 'application/json' } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }));
    });
    req.on('error', reject);
    req.end(body);
  });
}

/** The configuration a deployment has: OAuth to Reddit, defaults for the rest (no Redis, no moderation, no posts file). */
function trainingEnv(redditUrl: string): void {
  for (const key of Object.keys(process.env)) {
    if (/^(REDDIT_|REDIS_|MODERATION|POSTS_|CONTENT_|LOG_|CACHE_|WEBHOOK_|ALLOW_)/.test(key)) Reflect.deleteProperty(process.env, key);
  }
  Object.assign(process.env, {
    REDDIT_BASE_URL: redditUrl,
    REDDIT_OAUTH_URL: redditUrl,
    REDDIT_CLIENT_ID: CREDENTIALS.clientId,
    REDDIT_CLIENT_SECRET: CREDENTIALS.clientSecret,
    REDDIT_USERNAME: 'code_cache_training',
    LOG_LEVEL: 'info',
  });
}

async function main(): Promise<void> {
  const stub = await startRedditStub({ oauth: CREDENTIALS });
  trainingEnv(stub.url);
  const loaded = loadBundle(BUNDLE, 'fresh');
  if (!loaded) throw new Error(`${BUNDLE} did not load`);
  const server = getTestServer('webhook');
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  // The webhook's log lines (one per request) would fill the build log: they are dropped while it trains.
  const write = process.stdout.write.bind(process.stdout);
  process.stdout.write = () => true;
  try {
    for (const step of TRAINING) {
      const answer = await post(port, step.body);
      if (answer.status !== 200) throw new Error(`${step.name}: ${answer.status} ${answer.body.slice(0, 300)}`);
      if (step.fromReddit && !servedIds(answer.body).some((id) => id.startsWith(stubIdPrefix()))) {
        throw new Error(`${step.name}: not told from Reddit: ${answer.body.slice(0, 300)}`);
      }
    }
  } finally {
    process.stdout.write = write;
  }
  const file = codeCacheFile(BUNDLE, readFileSync(BUNDLE, 'utf8'));
  if (!file) {
    console.log(`code cache: skipped, Node ${process.version} has no zlib.crc32 (22.2 or newer has)`);
    return;
  }
  const data = loaded.codeCache();
  mkdirSync(dirname(file), { recursive: true });
  // Caches of earlier builds for this Node never match again (the name holds the bundle's CRC).
  const stale = new RegExp(`^${basename(BUNDLE).replace('.', '\\.')}-[0-9a-f]{8}-${process.version.replace(/\./g, '\\.')}-${process.arch}\\.bin$`);
  for (const old of readdirSync(dirname(file))) if (stale.test(old)) rmSync(join(dirname(file), old));
  writeFileSync(file, data);
  console.log(`code cache: ${file.slice(ROOT.length + 1)}, ${Math.round(data.length / 1024)} kB after ${TRAINING.length} requests`);
}

main().then(
  // The webhook's background work (cache warm-up, timers) would keep the process alive.
  () => process.exit(0),
  (error: unknown) => {
    console.error(`code cache: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  },
);
