/**
 * The webhook bundle loaded with a V8 code cache taken after it has served requests.
 *
 * Node's compile cache (NODE_COMPILE_CACHE, `module.enableCompileCache`) stores a
 * module's code as compiled when it is loaded: V8 compiles a function only when it is
 * first called, so that cache holds the top level and little else, and a cold
 * instance's first answers still compile every function on their way from source.
 * `vm.Script#createCachedData` can be called at any time and holds every function
 * compiled until then: `npm run compile-cache` loads the bundle here, sends it the
 * requests a new instance gets first (scripts/code-cache.ts), and saves that. A cold
 * start then reads those functions' bytecode instead of compiling them.
 *
 * The cache file is named after the bundle's CRC-32 and the Node version: V8 itself
 * checks only the source's length (and its own version and flags) before it uses a
 * cache, so a rebuilt bundle of the same length must not find the old file.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { basename, dirname, join } from 'node:path';
import { debuglog } from 'node:util';
import { Script } from 'node:vm';
import * as zlib from 'node:zlib';

/** `NODE_DEBUG=code-cache` says which cache a start used, as NODE_DEBUG_NATIVE=COMPILE_CACHE does for Node's. */
const debug = debuglog('code-cache');

/** What became of the cache file when the bundle was compiled. */
export type CacheUse = 'accepted' | 'rejected' | 'none';

export interface LoadedBundle {
  readonly cache: CacheUse;
  /** The bundle's `module.exports`. */
  readonly exports: unknown;
  /** V8's code cache of every function compiled so far. */
  codeCache(): Buffer;
}

/** Where the code cache of this bundle source lives, for this Node; undefined on a Node without zlib.crc32 (before 22.2). */
export function codeCacheFile(bundle: string, source: string): string | undefined {
  if (typeof zlib.crc32 !== 'function') return undefined;
  const crc = zlib.crc32(source).toString(16).padStart(8, '0');
  return join(dirname(bundle), 'compile-cache', `${basename(bundle)}-${crc}-${process.version}-${process.arch}.bin`);
}

function readCache(file: string | undefined): Buffer | undefined {
  if (!file) return undefined;
  try {
    return readFileSync(file);
  } catch {
    return undefined; // no cache yet (a build without `npm run compile-cache`): compile as usual
  }
}

/**
 * Runs a CommonJS bundle as `require` would (same five wrapper arguments, its
 * own `require` from its path), compiled with its code cache when `use` is
 * 'cache' and one exists. Returns undefined, having run nothing, when `use` is
 * 'cache' and there is no cache file: the caller then `require`s the bundle,
 * and Node's own compile cache serves it.
 */
export function loadBundle(bundle: string, use: 'cache' | 'fresh'): LoadedBundle | undefined {
  const source = readFileSync(bundle, 'utf8');
  const cachedData = use === 'cache' ? readCache(codeCacheFile(bundle, source)) : undefined;
  if (use === 'cache' && !cachedData) {
    debug('no code cache for %s', bundle);
    return undefined;
  }
  // The wrapper keeps the source's first line on line 1, so stack traces keep their line numbers.
  const script = new Script(`(function (exports, require, module, __filename, __dirname) {${source}\n})`, { filename: bundle, cachedData });
  const cache: CacheUse = cachedData ? (script.cachedDataRejected ? 'rejected' : 'accepted') : 'none';
  debug('code cache for %s: %s', bundle, cache);
  const module: { exports: unknown; filename: string; id: string; loaded: boolean } = { exports: {}, filename: bundle, id: bundle, loaded: false };
  const wrapper = script.runInThisContext() as (...args: unknown[]) => void;
  wrapper.call(module.exports, module.exports, createRequire(bundle), module, bundle, dirname(bundle));
  module.loaded = true;
  return { cache, exports: module.exports, codeCache: () => script.createCachedData() };
}
