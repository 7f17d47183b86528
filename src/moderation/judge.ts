import { LRUCache } from 'lru-cache';
import * as z from 'zod';
import { judgeText, type ContentFilterLevel, type TextContext } from '../content-filter';
import type { Logger } from '../log';
import { sleep as realSleep } from '../sleep';
import { raceTimeout } from '../timeout';
import { ModerationError, type ModerateText } from './model';
import { CategoryScoreSchema, moderationVerdict, type CategoryScore } from './thresholds';

/**
 * Judges posts with the moderation model before anyone hears them, and
 * answers from what it judged. Nothing here waits on the answer's path:
 * `feed` queues posts and returns, `verdict` reads memory. Only a cold
 * instance with no verdict at all may call `judgeNow` for the one post it
 * picked, within the request's budget.
 */

/** A post as the judge sees it: its id and the text that would be read aloud. */
export interface JudgeItem {
  readonly id: string;
  readonly text: string;
  /** The post's language and tone, for the local filter when moderation cannot judge. */
  readonly context?: TextContext;
}

/** Verdicts shared by all instances (Redis when REDIS_URL is set): by post id, values are the judge's own encoding. */
export interface VerdictStore {
  get(id: string): Promise<string | undefined>;
  set(id: string, value: string, ttlMs: number): Promise<void>;
}

/** What the answer's path asks of moderation (src/intents/say-content.ts). */
export interface PostJudge {
  /** Starts judging these in the background; returns at once. */
  feed(items: readonly JudgeItem[]): void;
  /** true: may be told at this level; false: refused; undefined: not judged yet (so not told). */
  verdict(item: JudgeItem, level: ContentFilterLevel): boolean | undefined;
  /** Judges one item now, within `budgetMs`; whatever keeps the model from answering in time, the local filter at `strict` decides. */
  judgeNow(item: JudgeItem, level: ContentFilterLevel, budgetMs: number): Promise<boolean>;
}

/** A post's text does not change: a verdict holds for a month (Redis), or until the LRU drops it. */
export const VERDICT_TTL_MS = 30 * 24 * 60 * 60 * 1000;
/** Verdicts one instance keeps in memory: ten times the posts of every catalog listing in every language. */
export const MAX_VERDICTS = 10_000;
/** Calls in flight at once per instance. */
export const CONCURRENCY = 2;
/** Between two call starts: at most 300 calls a minute per instance, half the API's default 600 a minute. */
export const MIN_CALL_INTERVAL_MS = 200;
/** One call in the background may take this long; Google usually answers in a few hundred milliseconds. */
export const CALL_TIMEOUT_MS = 3_000;
/** After a failure no call is made this long: queued posts are judged locally at `strict` until then. */
export const COOL_DOWN_MS = 30_000;

/** A model's scores, with the verdict per level worked out once (a warm request asks it of every candidate). */
type Entry = { scores: CategoryScore[]; allowed?: Partial<Record<ContentFilterLevel, boolean>> } | { local: true };

const StoredSchema = z.array(CategoryScoreSchema);

export interface JudgeOptions {
  /** The model, loaded on first use (the REST module and google-auth-library stay unloaded until then). */
  moderator: () => Promise<ModerateText>;
  shared?: VerdictStore;
  log: Logger;
  now?: () => number;
  sleep?: (ms: number) => Promise<void>;
  concurrency?: number;
  minCallIntervalMs?: number;
  callTimeoutMs?: number;
  coolDownMs?: number;
  maxVerdicts?: number;
}

/** The local filter at its strictest: the fallback judge, never a looser one. */
const locallyAllowed = (item: JudgeItem) => judgeText(item.text, 'strict', item.context).allowed;

export class ModerationJudge implements PostJudge {
  private readonly memory: LRUCache<string, Entry>;
  private readonly queue = new Map<string, JudgeItem>();
  private readonly running = new Map<string, Promise<void>>();
  private readonly now: () => number;
  private readonly sleep: (ms: number) => Promise<void>;
  private readonly log: Logger;
  private moderate?: Promise<ModerateText>;
  private nextStartAt = 0;
  private coolDownUntil = 0;
  private degraded = false;
  private settledWaiters: Array<() => void> = [];

  constructor(private readonly options: JudgeOptions) {
    this.now = options.now ?? Date.now;
    this.sleep = options.sleep ?? realSleep;
    this.log = options.log;
    this.memory = new LRUCache<string, Entry>({
      max: options.maxVerdicts ?? MAX_VERDICTS,
      ttl: VERDICT_TTL_MS,
      ttlAutopurge: false,
      perf: { now: this.now },
      ttlResolution: 0,
    });
  }

  feed(items: readonly JudgeItem[]): void {
    for (const item of items) {
      if (!this.memory.has(item.id) && !this.running.has(item.id)) this.queue.set(item.id, item);
    }
    this.pump();
  }

  verdict(item: JudgeItem, level: ContentFilterLevel): boolean | undefined {
    const entry = this.memory.get(item.id);
    if (!entry) return undefined;
    if ('local' in entry) return locallyAllowed(item);
    entry.allowed ??= {};
    return (entry.allowed[level] ??= moderationVerdict(entry.scores, level).allowed);
  }

  async judgeNow(item: JudgeItem, level: ContentFilterLevel, budgetMs: number): Promise<boolean> {
    const known = this.verdict(item, level);
    if (known !== undefined) return known;
    this.queue.delete(item.id);
    // The user is waiting: this one skips the queue and the spacing between calls.
    const job = this.running.get(item.id) ?? this.start(item, false);
    await raceTimeout(job, Math.max(0, budgetMs), () => undefined);
    // Late (the call goes on and its verdict is kept for the next request): the local filter at strict decides this one.
    return this.verdict(item, level) ?? locallyAllowed(item);
  }

  /** Resolves once nothing is queued or running (tests and benches wait on this instead of the clock). */
  settled(): Promise<void> {
    if (this.queue.size === 0 && this.running.size === 0) return Promise.resolve();
    return new Promise((resolve) => this.settledWaiters.push(resolve));
  }

  private pump(): void {
    const limit = this.options.concurrency ?? CONCURRENCY;
    for (const [id, item] of this.queue) {
      if (this.running.size >= limit) return;
      this.queue.delete(id);
      // judge() never rejects (a failure becomes a local verdict); the job is kept in `running`
      void this.start(item, true);
    }
  }

  private start(item: JudgeItem, spaced: boolean): Promise<void> {
    const job = this.judge(item, spaced).finally(() => {
      this.running.delete(item.id);
      this.pump();
      if (this.queue.size === 0 && this.running.size === 0) {
        const waiters = this.settledWaiters;
        this.settledWaiters = [];
        for (const resolve of waiters) resolve();
      }
    });
    this.running.set(item.id, job);
    return job;
  }

  private async judge(item: JudgeItem, spaced: boolean): Promise<void> {
    const shared = await this.fromShared(item.id);
    if (shared) {
      this.memory.set(item.id, { scores: shared });
      return;
    }
    // Inclusive, like the LRU's expiry of the local verdicts it writes: both end once the cool-down has passed.
    if (this.now() <= this.coolDownUntil) {
      this.memory.set(item.id, { local: true }, { ttl: Math.max(1, this.coolDownUntil - this.now()) });
      return;
    }
    if (spaced) await this.spaceCalls();
    try {
      const moderate = await this.moderator();
      const scores = await moderate(item.text, this.options.callTimeoutMs ?? CALL_TIMEOUT_MS);
      this.memory.set(item.id, { scores });
      this.recovered();
      await this.options.shared?.set(item.id, JSON.stringify(scores), VERDICT_TTL_MS).catch(() => undefined);
    } catch (error) {
      this.failed(item, error);
    }
  }

  private moderator(): Promise<ModerateText> {
    this.moderate ??= this.options.moderator().catch((error: unknown) => {
      // A module that failed to load is tried again after the cool-down.
      this.moderate = undefined;
      throw new ModerationError('unavailable', `moderation client did not load: ${error instanceof Error ? error.message : String(error)}`);
    });
    return this.moderate;
  }

  private async fromShared(id: string): Promise<CategoryScore[] | undefined> {
    const raw = await this.options.shared?.get(id).catch(() => undefined);
    if (raw === undefined) return undefined;
    try {
      const parsed = StoredSchema.safeParse(JSON.parse(raw));
      return parsed.success ? parsed.data : undefined;
    } catch {
      return undefined;
    }
  }

  /** At most one call start per interval, so a listing of fifty posts stays within the API's quota. */
  private async spaceCalls(): Promise<void> {
    const interval = this.options.minCallIntervalMs ?? MIN_CALL_INTERVAL_MS;
    const now = this.now();
    const startAt = Math.max(now, this.nextStartAt);
    this.nextStartAt = startAt + interval;
    if (startAt > now) await this.sleep(startAt - now);
  }

  private failed(item: JudgeItem, error: unknown): void {
    const failure = error instanceof ModerationError ? error : new ModerationError('unavailable', String(error));
    if (failure.reason === 'invalid') {
      // The API refuses this text (e.g. a language it does not read): no outage, and asking again would not help.
      this.memory.set(item.id, { local: true });
      this.log.debug({ reason: failure.reason, status: failure.status }, 'moderation refused a post; judged locally at strict');
      return;
    }
    const coolDown = this.options.coolDownMs ?? COOL_DOWN_MS;
    this.coolDownUntil = this.now() + coolDown;
    this.memory.set(item.id, { local: true }, { ttl: coolDown });
    if (this.degraded) return;
    this.degraded = true;
    this.log.warn(
      { reason: failure.reason, status: failure.status, coolDownMs: coolDown },
      'moderation degraded: posts are judged by the local filter at strict',
    );
  }

  private recovered(): void {
    if (!this.degraded) return;
    this.degraded = false;
    this.log.info({}, 'moderation recovered');
  }
}
