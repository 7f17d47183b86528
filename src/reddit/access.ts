/**
 * How this deployment may read Reddit. Since 2026-05-29 reddit.com answers 403 to
 * every anonymous request for its JSON, and since November 2025 a new API app needs
 * Reddit's approval: without an approved app's credentials, reddit.com is not called at all.
 */

/** Where the README explains how to get access, named in start-up lines and errors. */
export const REDDIT_ACCESS_DOCS = 'README.md#reddit-access';

export type RedditAccess =
  /** A script or web app: id and secret, the client-credentials grant. */
  | { kind: 'script'; clientId: string; clientSecret: string }
  /** An installed app: the id alone, the installed_client grant. */
  | { kind: 'installed'; clientId: string }
  /** No credentials, but REDDIT_BASE_URL is not reddit.com (a mirror, a caching proxy, a test server). */
  | { kind: 'anonymous' }
  /** No credentials and reddit.com: nothing to ask. */
  | { kind: 'none' };

/** reddit.com or any of its subdomains (www., old., oauth.). */
export function isRedditHost(url: string): boolean {
  const host = new URL(url).hostname.toLowerCase().replace(/\.$/, '');
  return host === 'reddit.com' || host.endsWith('.reddit.com');
}

/** Does this User-Agent name the Reddit account behind it, as Reddit's form asks ("... (by /u/NAME)")? */
export function namesAccount(userAgent: string): boolean {
  return /\(by \/u\/[^)]+\)/.test(userAgent);
}

export function redditAccess(reddit: { baseUrl: string; clientId?: string; clientSecret?: string }): RedditAccess {
  const { clientId, clientSecret } = reddit;
  if (clientId && clientSecret) return { kind: 'script', clientId, clientSecret };
  if (clientId) return { kind: 'installed', clientId };
  return isRedditHost(reddit.baseUrl) ? { kind: 'none' } : { kind: 'anonymous' };
}
