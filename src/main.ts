/**
 * dist/index.cjs, the file functions-framework loads: it loads the webhook bundle
 * (dist/webhook.cjs) with the code cache `npm run compile-cache` trained
 * (src/code-cache.ts), or, without one, through `require` with Node's compile cache
 * on. `npm run build` (and so gcp-build, in Cloud Build) fills both in
 * dist/compile-cache/, so the image ships them and a cold instance reads the
 * bundle's compiled code instead of parsing and compiling a megabyte of JavaScript.
 * This file must stay tiny: it is compiled without either cache. Without a usable
 * cache (another Node or V8, a read-only or missing directory) Node compiles as
 * usual; nothing fails.
 */
import * as nodeModule from 'node:module';
import { join } from 'node:path';
import { loadBundle } from './code-cache';

const directory = join(__dirname, 'compile-cache');
// Node's compile cache still serves dist/google-auth.cjs, and the bundle when it has no code cache.
// Node 20 has no compile cache (npm may still run `npm run build` on it); it just compiles.
if (typeof nodeModule.enableCompileCache === 'function') {
  try {
    // Portable (Node 24): entries are keyed by the path relative to the cache, so the
    // cache built in Cloud Build's workspace still matches wherever the image runs it.
    nodeModule.enableCompileCache({ directory, portable: true });
  } catch {
    nodeModule.enableCompileCache(directory); // Node 22 takes the directory only
  }
}
// The bundle registers the function with functions-framework; it exports nothing.
// eslint-disable-next-line @typescript-eslint/no-require-imports -- a separate file, loaded once the cache is on
if (!loadBundle(join(__dirname, 'webhook.cjs'), 'cache')) require('./webhook.cjs');
