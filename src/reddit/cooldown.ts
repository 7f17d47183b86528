/**
 * Per-host cool-down after Reddit said "slow down" (429, or a rate-limit
 * budget used up), refused our credentials (403/401 on the token), or stopped
 * answering (timeouts and connection failures, see breaker.ts). While a host
 * cools down nobody calls it: callers get the cache or the offline fallback
 * instead, so we never hammer a host that has already asked us to wait, nor
 * make users wait for one that does not answer.
 */

/** Used when a 429 names no wait at all. */
export const DEFAULT_COOLDOWN_MS = 60_000;
/** A broken or hostile header must not silence Reddit for hours. */
export const MAX_COOLDOWN_MS = 15 * 60_000;

export type HeaderBag = Record<string, unknown> | undefined;

/** A header's first value, whatever the case of its name. */
export function header(headers: HeaderBag, name: string): string | undefined {
  if (!headers) return undefined;
  const direct = headers[name] ?? headers[name.toLowerCase()];
  const value = direct ?? Object.entries(headers).find(([key]) => key.toLowerCase() === name.toLowerCase())?.[1];
  // A repeated header arrives as an array: its first value counts (none when the array is empty).
  const first: unknown = Array.isArray(value) ? value[0] : value;
  return typeof first === 'string' || typeof first === 'number' ? String(first) : undefined;
}

function seconds(value: string | undefined): number | undefined {
  if (value === undefined || value.trim() === '') return undefined;
  const n = Number(value);
  return Number.isFinite(n) && n >= 0 ? n * 1000 : undefined;
}

/** `Retry-After` is either delta-seconds or an HTTP date (RFC 9110 §10.2.3). */
export function retryAfterMs(value: string | undefined, now: number): number | undefined {
  if (!value) return undefined;
  // Numbers are seconds only: Date.parse('-5') would read a year.
  if (/^\s*[-+]?[\d.]+\s*$/.test(value)) return seconds(value);
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

const clamp = (ms: number) => Math.min(MAX_COOLDOWN_MS, Math.max(0, Math.ceil(ms)));

/** How long to stay away after a 429: Retry-After, else X-Ratelimit-Reset, else a minute. */
export function cooldownAfter429(headers: HeaderBag, now: number): number {
  const wait = retryAfterMs(header(headers, 'retry-after'), now) ?? seconds(header(headers, 'x-ratelimit-reset'));
  return clamp(wait ?? DEFAULT_COOLDOWN_MS);
}

/**
 * After a successful answer: when Reddit says the budget of this window is
 * used up (`X-Ratelimit-Remaining` below one), wait for `X-Ratelimit-Reset`
 * instead of walking into a 429. `undefined` when there is budget left.
 */
export function cooldownFromBudget(headers: HeaderBag): number | undefined {
  const raw = header(headers, 'x-ratelimit-remaining');
  const remaining = raw === undefined || raw.trim() === '' ? NaN : Number(raw);
  if (!Number.isFinite(remaining) || remaining >= 1) return undefined;
  const reset = seconds(header(headers, 'x-ratelimit-reset'));
  return reset === undefined ? undefined : clamp(reset);
}

export class HostCooldown {
  private readonly until = new Map<string, number>();

  /**
   * @param onStart told of every cool-down this instance starts on its own (not one adopted from
   * other instances), so a shared budget can pass it on
   */
  constructor(
    private readonly now: () => number = Date.now,
    private readonly onStart?: (host: string, endsAt: number) => void,
  ) {}

  /** Keeps the later end when a host is already cooling down. */
  start(host: string, ms: number, origin: { shared?: boolean } = {}): void {
    const end = Math.max(this.now() + ms, this.until.get(host) ?? 0);
    this.until.set(host, end);
    if (!origin.shared) this.onStart?.(host, end);
  }

  /** Ends a cool-down early (the silence breaker, when a probe found the host answering again). */
  end(host: string): void {
    this.until.delete(host);
  }

  /** Milliseconds until `host` may be called again; 0 when it may be called now. */
  remainingMs(host: string): number {
    const end = this.until.get(host);
    if (end === undefined) return 0;
    const left = end - this.now();
    if (left <= 0) {
      this.until.delete(host);
      return 0;
    }
    return left;
  }
}
