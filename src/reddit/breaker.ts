import type { Logger } from '../log';
import type { HostCooldown } from './cooldown';

/** Timeouts or connection failures in a row after which a host counts as silent. */
export const SILENT_AFTER_FAILURES = 3;
/**
 * A silent host's cool-down, renewed while probes go unanswered. Kept to this
 * instance: silence is what this instance saw on its own network path, and a
 * shared one would outlive the probe that ended it here.
 */
export const SILENCE_COOLDOWN_MS = 30_000;
/** At most one probe in this interval, and one at a time. */
export const PROBE_INTERVAL_MS = 5_000;

/** HostCooldown's flag for a cool-down it must not pass on to the other instances. */
const LOCAL = { shared: true } as const;

/** What a probe found out: Reddit answered (any HTTP status), did not, or the probe could not go out. */
export type ProbeOutcome = 'answered' | 'silent' | 'skipped';

/**
 * Remembers a silent Reddit. A Reddit that accepts connections and never
 * replies costs every request its whole deadline; after SILENT_AFTER_FAILURES
 * such failures in a row the host cools down like after a 429, so requests answer
 * at once from the cache or the collection. Users' requests never test whether it
 * is back: a request that finds the host silent starts a probe in the background
 * (one at a time, one per PROBE_INTERVAL_MS), and the first probe that gets any
 * answer ends the cool-down.
 */
export class SilenceBreaker {
  private failures = 0;
  private silentSince?: number;
  private probing = false;
  private lastProbeAt = -Infinity;

  constructor(
    private readonly host: string,
    private readonly cooldown: HostCooldown,
    private readonly probe: () => Promise<ProbeOutcome>,
    private readonly log: Logger,
    private readonly now: () => number = Date.now,
  ) {}

  get silent(): boolean {
    return this.silentSince !== undefined;
  }

  /** Reddit answered, whatever the status: it is not silent. */
  answered(): void {
    this.failures = 0;
    if (this.silentSince === undefined) return;
    const silentMs = this.now() - this.silentSince;
    this.silentSince = undefined;
    this.cooldown.end(this.host);
    this.log.info({ host: this.host, silentMs }, 'reddit answers again');
  }

  /** A timeout or a connection failure. */
  noAnswer(): void {
    this.failures += 1;
    if (this.silentSince !== undefined || this.failures < SILENT_AFTER_FAILURES) return;
    this.silentSince = this.now();
    this.cooldown.start(this.host, SILENCE_COOLDOWN_MS, LOCAL);
    this.log.warn(
      { host: this.host, failures: this.failures, cooldownMs: SILENCE_COOLDOWN_MS },
      'reddit is not answering, serving cache and collection until a probe gets an answer',
    );
  }

  /**
   * Called by a request that may not go to the host: while it is silent, keeps
   * the cool-down going and starts a probe when none is out and the last one is
   * old enough. Never waits for the probe.
   */
  refused(): void {
    if (this.silentSince === undefined) return;
    if (this.cooldown.remainingMs(this.host) === 0) this.cooldown.start(this.host, SILENCE_COOLDOWN_MS, LOCAL);
    if (this.probing || this.now() - this.lastProbeAt < PROBE_INTERVAL_MS) return;
    this.probing = true;
    this.lastProbeAt = this.now();
    void this.probe()
      .then((outcome) => {
        if (outcome === 'answered') this.answered();
        else if (outcome === 'silent') this.cooldown.start(this.host, SILENCE_COOLDOWN_MS, LOCAL);
      })
      .catch(() => undefined)
      .finally(() => {
        this.probing = false;
      });
  }
}
