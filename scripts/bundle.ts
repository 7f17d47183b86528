/**
 * `npm run bundle` (and so `npm run build`, gcp-build in Cloud Build): esbuild
 * bundles src/ into dist/webhook.cjs, and src/main.ts into dist/index.cjs, the
 * file functions-framework loads (it turns on the compile cache, then loads the
 * bundle). The options are what the CLI took before, plus one plugin: see
 * `axiosWithoutWebProbes`. This file is uploaded with src/ (.gcloudignore), as
 * gcp-build runs it.
 */
import { build, type Plugin } from 'esbuild';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { helpOnlyCommandLine } from './cli';

const USAGE = `Usage: npm run bundle

Bundles src/ with esbuild into dist/webhook.cjs and the loader src/main.ts into dist/index.cjs.`;

const ROOT = join(__dirname, '..');

/** Modules the webhook never calls, replaced by stubs that say so if they ever are (src/stubs/). */
const STUBS = ['actions-on-google', 'lodash', 'form-data', 'follow-redirects', 'https-proxy-agent', 'http2', 'debug'];

/**
 * axios's module set-up probes two web globals: it reads `FormData` (to recognise
 * FormData bodies) and calls `getFetch()` (to prepare its fetch adapter, which
 * reads `Request`, `Response` and `ReadableStream`). Node materialises each of
 * these on first read by loading its fetch implementation, undici (with
 * node:http2), ~15 ms of CPU on a cold instance that the first Reddit request
 * would wait for. The Reddit client uses axios's http adapter and sends no
 * FormData, so the probes go: `FormData` reads as absent (axios then recognises
 * FormData by its shape) and the fetch adapter is prepared when first asked for,
 * which axios does only when no earlier adapter in its list (xhr, http) fits.
 * Each edit must match exactly once, so an axios update that moves them fails
 * the build here rather than quietly loading undici again.
 */
export const AXIOS_EDITS: ReadonlyArray<readonly [string, string]> = [
  ["const FormDataCtor = typeof G.FormData !== 'undefined' ? G.FormData : undefined;", 'const FormDataCtor = undefined;'],
  ['  return target;\n};\ngetFetch();\n', '  return target;\n};\n'],
];

export function editAxios(source: string): string {
  let edited = source;
  for (const [from, to] of AXIOS_EDITS) {
    const count = edited.split(from).length - 1;
    if (count !== 1) throw new Error(`axios: expected one ${JSON.stringify(from)}, found ${count}; update AXIOS_EDITS in scripts/bundle.ts`);
    edited = edited.replace(from, to);
  }
  return edited;
}

const axiosWithoutWebProbes: Plugin = {
  name: 'axios-without-web-probes',
  setup(esbuild) {
    esbuild.onLoad({ filter: /[\\/]node_modules[\\/]axios[\\/]dist[\\/]node[\\/]axios\.cjs$/ }, async (args) => ({
      contents: editAxios(await readFile(args.path, 'utf8')),
      loader: 'js',
    }));
  },
};

async function main(argv: string[]): Promise<number> {
  const parsed = helpOnlyCommandLine(argv, USAGE);
  if (typeof parsed === 'number') return parsed;
  await build({
    absWorkingDir: ROOT,
    entryPoints: { webhook: 'src/index.ts', index: 'src/main.ts' },
    bundle: true,
    platform: 'node',
    target: 'node22',
    format: 'cjs',
    minifySyntax: true,
    minifyWhitespace: true,
    sourcemap: true,
    outdir: 'dist',
    outExtension: { '.js': '.cjs' },
    external: ['./webhook.cjs', '@google-cloud/functions-framework', 'ioredis'],
    alias: Object.fromEntries(STUBS.map((name) => [name, `./src/stubs/${name}.ts`])),
    plugins: [axiosWithoutWebProbes],
    logLevel: 'warning',
  });
  return 0;
}

if (require.main === module) {
  main(process.argv.slice(2)).then(
    (code) => process.exit(code),
    (error: unknown) => {
      console.error(error instanceof Error ? error.message : String(error));
      process.exit(1);
    },
  );
}
