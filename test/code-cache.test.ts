import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { codeCacheFile, loadBundle } from '../src/code-cache';

/**
 * src/code-cache.ts, on a small bundle of its own (the real one, built and trained,
 * is loaded in fresh Node processes by test/bundle.test.ts). The bundle runs in
 * Node's main context, so it reports through module.exports, not jest's globals.
 */

const hasCrc32 = typeof (require('node:zlib') as { crc32?: unknown }).crc32 === 'function';
const describeCrc = hasCrc32 ? describe : describe.skip;

describeCrc('codeCacheFile', () => {
  it('names the cache after the bundle, its CRC-32 and this Node, in compile-cache/ beside it', () => {
    // CRC-32 of "abc" is 0x352441c2.
    expect(codeCacheFile('/srv/dist/webhook.cjs', 'abc')).toBe(`/srv/dist/compile-cache/webhook.cjs-352441c2-${process.version}-${process.arch}.bin`);
  });

  it('gives another file to another source of the same length, which V8 alone would take for the same', () => {
    expect(codeCacheFile('/srv/dist/webhook.cjs', 'abd')).not.toBe(codeCacheFile('/srv/dist/webhook.cjs', 'abc'));
    expect(codeCacheFile('/srv/dist/webhook.cjs', 'abd')).toMatch(/^\/srv\/dist\/compile-cache\/webhook\.cjs-[0-9a-f]{8}-/);
  });

  it('pads the CRC to eight hex digits', () => {
    // CRC-32 of "" is 0: the name still has eight digits.
    expect(codeCacheFile('/b.cjs', '')).toBe(`/compile-cache/b.cjs-00000000-${process.version}-${process.arch}.bin`);
  });
});

describeCrc('loadBundle', () => {
  let dir: string;
  let bundle: string;
  const marker = () => join(dir, 'ran');
  // Line 2 makes the Error, so its stack shows whether the wrapper kept line numbers.
  const SOURCE = [
    "'use strict';",
    "const where = new Error('here').stack.split('\\n')[1];",
    "require('node:fs').appendFileSync(require('node:path').join(__dirname, 'ran'), 'x');",
    'function twice(n) { return n * 2; }',
    "module.exports = { where, file: __filename, dir: __dirname, exportsIsThis: this === exports, twice: twice(21), sibling: require('./sibling.cjs') };",
  ].join('\n');

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'code-cache-'));
    bundle = join(dir, 'bundle.cjs');
    writeFileSync(bundle, SOURCE);
    writeFileSync(join(dir, 'sibling.cjs'), "module.exports = 'next to the bundle';");
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('runs the bundle as require would: its own file, folder, exports, and require relative to it', () => {
    const loaded = loadBundle(bundle, 'fresh');
    expect(loaded?.cache).toBe('none');
    expect(loaded?.exports).toEqual({
      where: expect.stringContaining(`${bundle}:2:`),
      file: bundle,
      dir,
      exportsIsThis: true,
      twice: 42,
      sibling: 'next to the bundle',
    });
  });

  it('with no cache file, runs nothing and says so (the caller requires the bundle instead)', () => {
    expect(loadBundle(bundle, 'cache')).toBeUndefined();
    expect(existsSync(marker())).toBe(false);
  });

  it("uses the cache taken after a run, and V8 accepts it", () => {
    const trained = loadBundle(bundle, 'fresh');
    const file = codeCacheFile(bundle, SOURCE) as string;
    mkdirSync(join(dir, 'compile-cache'));
    writeFileSync(file, trained?.codeCache() as Buffer);
    const cached = loadBundle(bundle, 'cache');
    expect(cached?.cache).toBe('accepted');
    expect(cached?.exports).toMatchObject({ twice: 42, sibling: 'next to the bundle' });
  });

  it('runs the bundle all the same when V8 rejects the cache file', () => {
    mkdirSync(join(dir, 'compile-cache'));
    writeFileSync(codeCacheFile(bundle, SOURCE) as string, Buffer.alloc(4096, 7));
    const loaded = loadBundle(bundle, 'cache');
    expect(loaded?.cache).toBe('rejected');
    expect(loaded?.exports).toMatchObject({ twice: 42 });
  });

  it('does not take the cache of an edited bundle: the edit changes the name it looks for', () => {
    const trained = loadBundle(bundle, 'fresh');
    mkdirSync(join(dir, 'compile-cache'));
    writeFileSync(codeCacheFile(bundle, SOURCE) as string, trained?.codeCache() as Buffer);
    const edited = SOURCE.replace('twice(21)', 'twice(12)'); // same length
    writeFileSync(bundle, edited);
    rmSync(marker());
    expect(loadBundle(bundle, 'cache')).toBeUndefined();
    expect(existsSync(marker())).toBe(false);
  });
});
