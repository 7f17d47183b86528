/** Agent files → a ZIP laid out the way "Restore from ZIP" expects (files at the root). */
import { strToU8, zipSync, type Zippable } from 'fflate';
import type { AgentFiles } from './generate';

/**
 * A fixed timestamp (built from local-time fields because ZIP stores local
 * DOS time) and sorted entries make the archive byte-identical between builds.
 */
const FIXED_MTIME = new Date(2000, 0, 1, 0, 0, 0);

export function zipAgent(files: AgentFiles): Uint8Array {
  const root: Zippable = {};
  for (const path of [...files.keys()].sort()) {
    const parts = path.split('/');
    let folder = root;
    for (const name of parts.slice(0, -1)) folder = (folder[name] ??= {}) as Zippable;
    folder[parts[parts.length - 1]!] = strToU8(files.get(path)!);
  }
  return zipSync(root, { level: 9, mtime: FIXED_MTIME });
}
