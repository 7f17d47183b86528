import { createHash } from 'node:crypto';

/**
 * Fixed namespace of this agent's ids. Changing it changes every id in agent/,
 * so leave it alone.
 */
const NAMESPACE = 'b6f4f0a2-3c1d-4e57-9a8e-2f1c7d5e4b90';

/**
 * Deterministic RFC 4122 version-5 UUID from name parts, so rebuilding the
 * agent yields byte-identical files and the console keeps recognising the same
 * intents and entities across re-imports.
 *
 * Written against node:crypto rather than the `uuid` package because `uuid`
 * is ESM-only since v12 and this project's jest runs CommonJS.
 */
export function stableId(...parts: readonly string[]): string {
  const hash = createHash('sha1')
    .update(Buffer.from(NAMESPACE.replace(/-/g, ''), 'hex'))
    .update(parts.join('\u0000'), 'utf8')
    .digest();
  const bytes = hash.subarray(0, 16);
  bytes[6] = (bytes[6]! & 0x0f) | 0x50;
  bytes[8] = (bytes[8]! & 0x3f) | 0x80;
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
