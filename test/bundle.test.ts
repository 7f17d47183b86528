import nock from 'nock';
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { CATALOG } from '../src/catalog';
import { listing, redditPost } from './support/reddit';
import { byeRequest, moreRequest, sayRequest, welcomeRequest } from './support/requests';
import { AXIOS_EDITS, editAxios, FULFILLMENT_DEBUG_FILES, silenceFulfillmentDebug } from '../scripts/bundle';
import { RUNTIME_ENV } from '../scripts/deploy/plan';
import { assertBundleBuilt, BUILDS, BUNDLE, REDDIT, startBuild, WEBHOOK_BUNDLE, type RunningWebhook } from './support/server';
import { expectValidV2Response } from './support/v2-proto';

/**
 * The production bundle (dist/index.cjs, what `npm start` and Cloud Functions
 * run) must hold the same conversation as the sources: actions-on-google,
 * lodash and form-data are stubbed in it, and config finds package.json from dist/.
 */

const pkg = JSON.parse(readFileSync(join(__dirname, '..', 'package.json'), 'utf8')) as { name: string; version: string };
const PROMPT = 'What do you want to hear next, a joke or a fact?';

const JOKES = listing([
  redditPost({ id: 'b1', title: 'Why did the scarecrow win an award?', selftext: 'Because he was *outstanding* in his field.' }),
  redditPost({ id: 'b2', title: 'I told my wife she was drawing her eyebrows too high.', selftext: 'She looked surprised.' }),
]);

const subreddits = [...new Set(CATALOG.map((kind) => kind.subreddit))];

/**
 * Reddit for every catalog listing, answering the two jokes, and only to our
 * default User-Agent (built from package.json, which the bundle reads from
 * dist/..). Returns the listings asked for, in order.
 */
function reddit(): string[] {
  const asked: string[] = [];
  nock(REDDIT)
    .persist()
    .get(/^\/r\/\w+\/top\.json/)
    .query({ t: 'day', limit: 50, raw_json: 1 })
    .matchHeader('user-agent', `nodejs:${pkg.name}:${pkg.version}`)
    .reply((uri) => {
      asked.push(new URL(uri, REDDIT).pathname);
      return [200, JOKES];
    });
  return asked;
}

async function until(check: () => boolean, timeoutMs = 5000): Promise<void> {
  const started = performance.now();
  while (!check()) {
    if (performance.now() - started > timeoutMs) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

describe.each(BUILDS)('a conversation with the %s build', (build) => {
  let webhook: RunningWebhook;
  let asked: string[];

  beforeAll(async () => {
    asked = reddit();
    webhook = await startBuild(build);
  });
  afterAll(() => webhook.close());

  it('welcome → joke → more → bye', async () => {
    const welcome = await webhook.post(welcomeRequest());
    expect(welcome.status).toBe(200);
    expectValidV2Response(welcome.json);
    expect(welcome.json.fulfillmentText).toMatch(/joke/i);
    if (build === 'bundle') {
      // The deployed entry point warms the cache after its first answer: every catalog listing,
      // once. Waiting for it here also keeps it from reaching another test file's Reddit mock.
      await until(() => subreddits.every((sub) => asked.includes(`/r/${sub}/top.json`)));
      expect(asked).toHaveLength(subreddits.length);
    }

    const joke = await webhook.post(sayRequest('joke'));
    expect(joke.status).toBe(200);
    expectValidV2Response(joke.json);
    expect(joke.json.fulfillmentText).toMatch(/^Here's a joke:\n\n/);
    expect(joke.json.fulfillmentText.endsWith(PROMPT)).toBe(true);
    const served: string[] = joke.json.outputContexts[0].parameters.servedIds;
    // From Reddit (the mock), not from the offline collection.
    expect(served).toHaveLength(1);
    expect(['b1', 'b2']).toContain(served[0]);
    expect(asked).toContain('/r/Jokes/top.json');

    const more = await webhook.post(moreRequest(joke.json));
    expect(more.status).toBe(200);
    expectValidV2Response(more.json);
    const servedAfterMore: string[] = more.json.outputContexts[0].parameters.servedIds;
    expect(new Set(servedAfterMore)).toEqual(new Set(['b1', 'b2']));
    expect(more.json.fulfillmentText).not.toBe(joke.json.fulfillmentText);

    const bye = await webhook.post(byeRequest());
    expect(bye.status).toBe(200);
    expectValidV2Response(bye.json);
    expect(bye.json.outputContexts).toEqual([expect.objectContaining({ name: expect.stringMatching(/\/contexts\/content-followup$/), lifespanCount: 0 })]);
  });

  it('answers malformed JSON with a JSON 400, not express\'s HTML page', async () => {
    const response = await webhook.post('{"session": ');
    expect(response.status).toBe(400);
    expect(response.json).toEqual({ error: { code: expect.any(String), message: expect.any(String) } });
  });
});

describe('the axios edits of the bundle script', () => {
  const axios = readFileSync(require.resolve('axios'), 'utf8'); // dist/node/axios.cjs, what the bundle takes

  it('each match the installed axios exactly once', () => {
    for (const [from] of AXIOS_EDITS) expect(axios.split(from)).toHaveLength(2);
    const edited = editAxios(axios);
    for (const [from, to] of AXIOS_EDITS) {
      expect(edited).not.toContain(from);
      expect(edited).toContain(to);
    }
  });

  it('fail the build, naming the edit, when an axios update moved a probe', () => {
    const [probe] = AXIOS_EDITS[1]!;
    expect(() => editAxios(axios.replace(probe, ''))).toThrow(`axios: expected one ${JSON.stringify(probe)}, found 0; update AXIOS_EDITS in scripts/bundle.ts`);
    expect(() => editAxios(axios + probe)).toThrow(/found 2/);
  });
});

describe("the bundle script's edit of dialogflow-fulfillment's debug lines", () => {
  it('turns each debug( statement into a dead one, whatever its indent, and nothing else', () => {
    const source = ['const debug = require(\'debug\')(\'dialogflow:debug\');', '    debug(`Parameters: ${JSON.stringify(p)}`);', '\tdebug(\'x\');', 'notdebug(1); a.debug(2);'].join('\n');
    expect(silenceFulfillmentDebug(source, 'v2-agent.js')).toBe(
      ['const debug = require(\'debug\')(\'dialogflow:debug\');', '    false && debug(`Parameters: ${JSON.stringify(p)}`);', '\tfalse && debug(\'x\');', 'notdebug(1); a.debug(2);'].join('\n'),
    );
  });

  it('fails the build, naming the file, when a file has no debug( statement left', () => {
    expect(() => silenceFulfillmentDebug('log(1);', 'v2-agent.js')).toThrow(
      'dialogflow-fulfillment: no debug( statement in v2-agent.js; update silenceFulfillmentDebug in scripts/bundle.ts',
    );
  });

  it('finds debug( statements in both files the v2 answers go through', () => {
    const dir = join(require.resolve('dialogflow-fulfillment'), '..');
    for (const file of FULFILLMENT_DEBUG_FILES) expect(silenceFulfillmentDebug(readFileSync(join(dir, file), 'utf8'), file)).toContain('false && debug(');
    // In the bundle, none of the v2 agent's messages is built any more (they are v2-only texts).
    assertBundleBuilt();
    const bundle = readFileSync(WEBHOOK_BUNDLE, 'utf8');
    expect(bundle).not.toContain('v2 Session: ');
    expect(bundle).not.toContain('Alternative query result: ');
    expect(bundle).not.toContain('Webhook request version ');
  });
});

describe('the bundle file', () => {
  const text = () => {
    assertBundleBuilt();
    return readFileSync(WEBHOOK_BUNDLE, 'utf8');
  };

  it('is ASCII only, so V8 keeps its source as one byte per character', () => {
    // esbuild escapes strings but not regular expression literals; one raw '’' in a regex made
    // the whole 700 kB source a two-byte string (2.3 ms more to load it on Node 24).
    const nonAscii = [...text().matchAll(/[\u0080-\uffff]/g)].map((match) => match[0]);
    expect(nonAscii).toEqual([]);
  });

  it('replaces actions-on-google, lodash and form-data with the stubs, and keeps functions-framework external', () => {
    const source = text();
    expect(source).toContain('actions-on-google is not bundled');
    expect(source).toContain('form-data is not bundled');
    expect(source).not.toMatch(/require\("(actions-on-google|lodash|form-data|googleapis)"\)/);
    expect(source).toMatch(/require\("@google-cloud\/functions-framework"\)/);
  });

  it('requires google-auth-library from its own bundle next to it, never from node_modules (it is no dependency)', () => {
    const source = text();
    expect(source).toContain('require("./google-auth.cjs")');
    expect(source).not.toContain('require("google-auth-library")');
  });

  it('leaves out what axios and dialogflow-fulfillment load but never call here, and axios probes no web globals at load', () => {
    const source = text();
    expect(source).not.toMatch(/require\("(node:)?(follow-redirects|https-proxy-agent|http2|debug)"\)/);
    expect(source).toContain('follow-redirects is not bundled');
    expect(source).toContain('FormDataCtor=void 0');
    expect(source).not.toMatch(/getFetch\(\);/);
  });

  it('is what package.json main and npm start point at', () => {
    const manifest = JSON.parse(readFileSync(join(__dirname, '..', 'package.json'), 'utf8')) as { main: string; scripts: Record<string, string> };
    expect(join(__dirname, '..', manifest.main)).toBe(BUNDLE);
    // npm start runs the launcher (scripts/start.ts, bundled), which serves dist/index.cjs; see test/start.test.ts.
    expect(manifest.scripts['start']).toBe('node dist/start.cjs');
    expect(manifest.scripts['prestart']).toMatch(/^npm run bundle && esbuild scripts\/start\.ts .*--outfile=dist\/start\.cjs /);
  });
});

// Node 20 (which may still run npm on a CI machine) has no compile cache; the suite's Nodes (22, 24) do.
const hasCompileCache = typeof (require('node:module') as { enableCompileCache?: unknown }).enableCompileCache === 'function';
const describeCompileCache = hasCompileCache ? describe : describe.skip;

describeCompileCache(hasCompileCache ? 'the compile caches' : `the compile caches (skipped: Node ${process.version} has none)`, () => {
  // A copy of dist/ and the trainer inside the checkout (node_modules resolves from there), so this test's caches are its own.
  const dir = join(__dirname, '..', 'build', 'test-compile-cache');
  const distCopy = join(dir, 'dist');
  const cacheDir = join(distCopy, 'compile-cache');
  const manifest = JSON.parse(readFileSync(join(__dirname, '..', 'package.json'), 'utf8')) as { scripts: Record<string, string> };
  // `npm run compile-cache` first loads the loader, the bundle and google-auth-library's bundle (moderation's credentials)
  // and writes Node's compile cache out (not left to the exit); then it trains the bundle's code cache (scripts/code-cache.ts).
  const BUILD_STEP_CODE = "require('./dist/index.cjs'); require('./dist/google-auth.cjs'); require('node:module').flushCompileCache?.()";
  const env = (more: Readonly<Record<string, string>> = {}) => ({
    PATH: process.env.PATH,
    NODE_DEBUG_NATIVE: 'COMPILE_CACHE',
    NODE_DEBUG: 'code-cache',
    LOG_LEVEL: 'silent',
    ...more,
  });
  const run = (args: string[], more?: Readonly<Record<string, string>>) =>
    spawnSync(process.execPath, args, {
      cwd: dir,
      env: env(more),
      encoding: 'utf8',
      maxBuffer: 64 * 1024 * 1024, // a line for every module the bundle loads
      timeout: 30_000,
    });
  const start = (more?: Readonly<Record<string, string>>) => run([join(dir, 'dist', 'index.cjs')], more);
  // Node 24 says "V8 code cache for CommonJS <file> was accepted", Node 22 "cache for <file> was accepted".
  const nodeCacheOfBundle = (stderr: string) => stderr.match(/cache for (CommonJS )?\S*\/webhook\.cjs was accepted/g) ?? [];
  // src/code-cache.ts (NODE_DEBUG=code-cache): "CODE-CACHE <pid>: code cache for <file>: accepted".
  const codeCacheOfBundle = (stderr: string) => /code cache for \S*\/webhook\.cjs: (\w+)/.exec(stderr)?.[1] ?? 'not used';
  // functions-framework's modules (here its server.js), which its CLI loads before dist/index.cjs turns the cache on.
  const frameworkCache = (stderr: string) => stderr.match(/cache for (CommonJS )?\S*\/functions-framework\/build\/src\/server\.js was accepted/g) ?? [];
  const trained = () => readdirSync(cacheDir).filter((name) => name.startsWith('webhook.cjs-'));
  const STALE = `webhook.cjs-00000000-${process.version}-${process.arch}.bin`;
  const OTHER_NODE = `webhook.cjs-00000000-v0.0.0-${process.arch}.bin`;
  // What a start did with each cache; the status and the last lines say why if not as expected.
  const outcome = (done: ReturnType<typeof run>) => ({
    status: done.status,
    codeCache: codeCacheOfBundle(done.stderr),
    nodeCache: nodeCacheOfBundle(done.stderr).length,
    ...(done.status === 0 ? {} : { tail: done.stderr.split('\n').filter((line) => !line.startsWith('[compile cache]')).slice(-10) }),
  });

  beforeAll(() => {
    assertBundleBuilt();
    rmSync(dir, { recursive: true, force: true });
    mkdirSync(cacheDir, { recursive: true });
    mkdirSync(join(dir, 'build'));
    for (const file of ['index.cjs', 'webhook.cjs', 'google-auth.cjs']) copyFileSync(join(__dirname, '..', 'dist', file), join(distCopy, file));
    copyFileSync(join(__dirname, '..', 'build', 'code-cache.cjs'), join(dir, 'build', 'code-cache.cjs'));
    // An earlier build's cache for this Node, and one for another Node.
    writeFileSync(join(cacheDir, STALE), 'stale');
    writeFileSync(join(cacheDir, OTHER_NODE), 'other');
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('are filled by the build step (`npm run compile-cache`), and the next start reads the bundle from its trained cache', () => {
    expect(manifest.scripts['compile-cache']).toBe(`node -e "${BUILD_STEP_CODE}" && node build/code-cache.cjs`);
    expect(manifest.scripts['build']).toMatch(/&& npm run compile-cache$/);
    expect(manifest.scripts['gcp-build']).toBe('npm run build');

    const built = spawnSync('sh', ['-c', manifest.scripts['compile-cache'] as string], { cwd: dir, env: env(), encoding: 'utf8', maxBuffer: 64 * 1024 * 1024, timeout: 60_000 });
    expect({ status: built.status, said: built.stdout.trim().split('\n').pop() }).toEqual({
      status: 0,
      said: expect.stringMatching(new RegExp(`^code cache: dist/compile-cache/webhook\\.cjs-[0-9a-f]{8}-${process.version.replace(/\./g, '\\.')}-${process.arch}\\.bin, \\d+ kB after 7 requests$`)),
    });
    // The earlier build's file is gone; the other Node's stays.
    expect(trained()).toHaveLength(2);
    expect(trained()).toContain(OTHER_NODE);
    expect(trained()).not.toContain(STALE);
    // Trained on the first requests' paths, it is far larger than Node's cache of the loaded bundle (~300 kB).
    const file = trained().find((name) => name !== OTHER_NODE) as string;
    expect(statSync(join(cacheDir, file)).size).toBeGreaterThan(600 * 1024);

    expect(outcome(start())).toEqual({ status: 0, codeCache: 'accepted', nodeCache: 0 });
  });

  it('without the trained cache, the bundle is read from Node\'s compile cache; with a broken one, it still starts', () => {
    const file = join(cacheDir, trained().find((name) => name !== OTHER_NODE) as string);
    const kept = readFileSync(file);
    try {
      rmSync(file);
      expect(outcome(start())).toEqual({ status: 0, codeCache: 'not used', nodeCache: 1 });
      writeFileSync(file, Buffer.alloc(kept.length, 7));
      expect(outcome(start())).toEqual({ status: 0, codeCache: 'rejected', nodeCache: 0 });
    } finally {
      writeFileSync(file, kept);
    }
  });

  it("with the deploy's variables (RUNTIME_ENV), Node's cache is on from the process's start: the framework's own modules are read from it too", () => {
    // As functions-framework's CLI does: its server.js first, then dist/index.cjs.
    const server = join(__dirname, '..', 'node_modules', '@google-cloud', 'functions-framework', 'build', 'src', 'server.js');
    const likeTheCli = (more: Readonly<Record<string, string>>) => {
      const done = run(['-e', `require(${JSON.stringify(server)}); require('./dist/index.cjs')`], more);
      return { status: done.status, bundle: codeCacheOfBundle(done.stderr), framework: frameworkCache(done.stderr).length };
    };
    // Without them, Node's cache is turned on only by dist/index.cjs: too late for the framework.
    expect(likeTheCli({})).toEqual({ status: 0, bundle: 'accepted', framework: 0 });
    expect(likeTheCli(RUNTIME_ENV)).toEqual({ status: 0, bundle: 'accepted', framework: 1 });
  });
});
