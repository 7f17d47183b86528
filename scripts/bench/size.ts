import { lstatSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { totalBytes, walkUploadSet } from '../deploy/upload-set';

/**
 * Deploy size: what `gcloud functions deploy` uploads (the .gcloudignore
 * allow-list, via the deploy scripts' walker) and what Cloud Build installs
 * as production node_modules (the closure of `dependencies` in the lockfile,
 * peers included, measured on disk here).
 */

interface LockEntry {
  dependencies?: Record<string, string>;
  optionalDependencies?: Record<string, string>;
  peerDependencies?: Record<string, string>;
  peerDependenciesMeta?: Record<string, { optional?: boolean }>;
}

interface Lockfile {
  packages: Record<string, LockEntry>;
}

/** Node's lookup: the nearest node_modules/<name> from `from` upwards, as recorded in the lockfile. */
function resolveIn(lock: Lockfile, from: string, name: string): string | undefined {
  let base = from;
  for (;;) {
    const candidate = base ? `${base}/node_modules/${name}` : `node_modules/${name}`;
    if (lock.packages[candidate]) return candidate;
    if (!base) return undefined;
    const cut = base.lastIndexOf('/node_modules/');
    base = cut < 0 ? '' : base.slice(0, cut);
  }
}

/** Lockfile keys of everything `roots` pull in at run time (dependencies, optional ones present, required peers). */
export function productionClosure(lock: Lockfile, roots: readonly string[]): Set<string> {
  const seen = new Set<string>();
  const visit = (from: string, names: Iterable<string>, required: boolean) => {
    for (const name of names) {
      const key = resolveIn(lock, from, name);
      if (!key) {
        if (required) throw new Error(`${name} (needed by ${from || 'the project'}) is not in package-lock.json`);
        continue;
      }
      if (seen.has(key)) continue;
      seen.add(key);
      const entry = lock.packages[key] as LockEntry;
      visit(key, Object.keys(entry.dependencies ?? {}), true);
      visit(key, Object.keys(entry.optionalDependencies ?? {}), false);
      const peers = Object.keys(entry.peerDependencies ?? {}).filter((peer) => !entry.peerDependenciesMeta?.[peer]?.optional);
      visit(key, peers, true);
    }
  };
  visit('', roots, true);
  return seen;
}

/** Bytes of a package directory on disk, without its nested node_modules (counted as packages of their own). */
function packageBytes(dir: string): number {
  let sum = 0;
  for (const dirent of readdirSync(dir, { withFileTypes: true })) {
    if (dirent.isDirectory()) {
      if (dirent.name !== 'node_modules') sum += packageBytes(join(dir, dirent.name));
    } else {
      sum += lstatSync(join(dir, dirent.name)).size;
    }
  }
  return sum;
}

export interface InstallSize {
  packages: number;
  bytes: number;
}

export function installSize(root: string, roots: readonly string[]): InstallSize {
  const lock = JSON.parse(readFileSync(join(root, 'package-lock.json'), 'utf8')) as Lockfile;
  const keys = productionClosure(lock, roots);
  let bytes = 0;
  for (const key of keys) bytes += packageBytes(join(root, key));
  return { packages: keys.size, bytes };
}

export interface DeploySize {
  uploadFiles: number;
  uploadBytes: number;
  /** Production node_modules as package.json declares it. */
  declared: InstallSize;
  /** What the bundle requires at run time: functions-framework alone. */
  runtimeOnly: InstallSize;
  bundleBytes: number;
}

export function deploySize(root: string, bundle: string): DeploySize {
  const upload = walkUploadSet(root);
  const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { dependencies?: Record<string, string> };
  return {
    uploadFiles: upload.length,
    uploadBytes: totalBytes(upload),
    declared: installSize(root, Object.keys(pkg.dependencies ?? {})),
    runtimeOnly: installSize(root, ['@google-cloud/functions-framework']),
    bundleBytes: lstatSync(bundle).size,
  };
}
