/**
 * Which files `gcloud functions deploy --source=.` uploads: the directory tree
 * minus what `.gcloudignore` excludes. gcloud follows gitignore rules (last
 * matching pattern wins, nothing inside an excluded directory comes back), plus
 * `#!include:FILE` lines; the `ignore` package implements the gitignore part.
 * Used by the deploy test and by the benchmark that reports the upload size.
 */
import { lstatSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import ignore from 'ignore';

export const IGNORE_FILE = '.gcloudignore';

const INCLUDE_DIRECTIVE = /^#\s*!include:(.*)$/;

/**
 * The patterns of a .gcloudignore, with `#!include:FILE` lines replaced by the
 * lines of FILE (read with readInclude). As in gcloud, includes do not nest and
 * must name a file in the same directory.
 */
export function expandIncludes(text: string, readInclude: (name: string) => string): string[] {
  return text.split(/\r?\n/).flatMap((line) => {
    const include = INCLUDE_DIRECTIVE.exec(line);
    if (!include) return [line];
    const name = (include[1] ?? '').trim();
    if (name.includes('/')) throw new Error(`${IGNORE_FILE}: "#!include:${name}" may only name a file in the same directory`);
    return readInclude(name)
      .split(/\r?\n/)
      .filter((included) => !INCLUDE_DIRECTIVE.test(included));
  });
}

/** A predicate: is this path (relative, '/'-separated; directories end in '/') uploaded? */
export function uploadFilter(gcloudignore: string, readInclude: (name: string) => string = noIncludes) {
  const matcher = ignore().add(expandIncludes(gcloudignore, readInclude));
  return (relativePath: string) => !matcher.ignores(relativePath);
}

/** The subset of a file list (relative, '/'-separated paths of files) that gcloud would upload. */
export function filterUploadSet(
  files: readonly string[],
  gcloudignore: string,
  readInclude: (name: string) => string = noIncludes,
): string[] {
  const isUploaded = uploadFilter(gcloudignore, readInclude);
  return files.filter(isUploaded).sort();
}

export interface UploadEntry {
  path: string;
  bytes: number;
}

/**
 * Walks root the way gcloud does, without descending into excluded directories
 * (so node_modules costs nothing), and returns the files it would upload with
 * their sizes. Symbolic links are listed, not followed, as gcloud does.
 */
export function walkUploadSet(root: string): UploadEntry[] {
  const text = readFileSync(join(root, IGNORE_FILE), 'utf8');
  const isUploaded = uploadFilter(text, (name) => readFileSync(join(root, name), 'utf8'));
  const entries: UploadEntry[] = [];
  const walk = (relativeDir: string) => {
    for (const dirent of readdirSync(join(root, relativeDir), { withFileTypes: true })) {
      const relativePath = relativeDir === '' ? dirent.name : `${relativeDir}/${dirent.name}`;
      if (dirent.isDirectory()) {
        if (isUploaded(`${relativePath}/`)) walk(relativePath);
      } else if (isUploaded(relativePath)) {
        entries.push({ path: relativePath, bytes: lstatSync(join(root, relativePath)).size });
      }
    }
  };
  walk('');
  return entries.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}

export const totalBytes = (entries: readonly UploadEntry[]) => entries.reduce((sum, entry) => sum + entry.bytes, 0);

function noIncludes(name: string): string {
  throw new Error(`${IGNORE_FILE}: "#!include:${name}" needs a file reader`);
}
