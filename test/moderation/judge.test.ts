import { createGoogleModerator } from '../../src/moderation/google';
import {
  CALL_TIMEOUT_MS,
  CONCURRENCY,
  COOL_DOWN_MS,
  MIN_CALL_INTERVAL_MS,
  ModerationJudge,
  VERDICT_TTL_MS,
  type JudgeItem,
  type JudgeOptions,
} from '../../src/moderation/judge';
import type { ModerateText } from '../../src/moderation/model';
import { MemoryStore } from '../../src/reddit/shared/store';
import { SharedVerdicts } from '../../src/reddit/shared/verdicts';
import { scores, startFakeModeration, type FakeModeration } from '../support/fake-moderation';
import { capturedJsonLog } from '../support/json-log';

/**
 * The judge against the local fake moderateText, through the real REST path:
 * background judging, verdicts by post id, fail-safe to the local filter at
 * strict, the two log lines. A fake clock; waits are on `settled()`, never on time.
 */

const CLEAN: JudgeItem = { id: 'clean', text: 'Why did the scarecrow win an award?\nBecause he was outstanding in his field.' };
/** Real r/Jokes text the local filter refuses at strict (profanity) and allows at standard. */
const DAMN: JudgeItem = { id: 'damn', text: 'My wife said I never listen to her.\nOr something like that, damn.' };
const RUDE: JudgeItem = { id: 'rude', text: 'A joke the fake calls an insult' };

/** The fake model: rude texts are insults, everything else scores low. */
const model = (text: string) => scores(text.includes('insult') ? { Insult: 0.95 } : {});

describe('the moderation judge', () => {
  let fake: FakeModeration;
  let clock: number;
  let log: ReturnType<typeof capturedJsonLog>;
  const judgeWith = (options: Partial<JudgeOptions> = {}) =>
    new ModerationJudge({
      moderator: async () => createGoogleModerator({ endpoint: fake.url }),
      log: log.log,
      now: () => clock,
      sleep: async () => undefined,
      ...options,
    });
  const lines = () => log.records().filter((record) => String(record.message).startsWith('moderation'));

  beforeEach(async () => {
    fake = await startFakeModeration(model);
    clock = 1_000_000;
    log = capturedJsonLog();
  });
  afterEach(() => fake.close());

  it('judges in the background: nothing known when fed, the model’s verdicts once settled', async () => {
    const judge = judgeWith();
    judge.feed([CLEAN, RUDE]);
    expect(judge.verdict(CLEAN, 'standard')).toBeUndefined();
    expect(judge.verdict(RUDE, 'standard')).toBeUndefined();
    await judge.settled();
    expect(judge.verdict(CLEAN, 'standard')).toBe(true);
    expect(judge.verdict(RUDE, 'standard')).toBe(false);
    expect(judge.verdict(RUDE, 'off')).toBe(true);
    expect(fake.calls.map((call) => call.text)).toEqual([CLEAN.text, RUDE.text]);
  });

  it('keeps each level its own verdict of the same scores, in whichever order they are asked', async () => {
    // Toxic at 0.5: `strict` refuses it (from 0.4), `standard` allows it (from 0.7).
    const judge = judgeWith({ moderator: () => Promise.resolve(() => Promise.resolve(scores({ Toxic: 0.5 }))) });
    const first: JudgeItem = { id: 'edgy-1', text: 'edgy' };
    const second: JudgeItem = { id: 'edgy-2', text: 'edgy' };
    judge.feed([first, second]);
    await judge.settled();
    expect([judge.verdict(first, 'standard'), judge.verdict(first, 'strict'), judge.verdict(first, 'standard')]).toEqual([true, false, true]);
    expect([judge.verdict(second, 'strict'), judge.verdict(second, 'standard'), judge.verdict(second, 'strict')]).toEqual([false, true, false]);
  });

  it('asks once per post id: fed again, or asked at another level, no new call', async () => {
    const judge = judgeWith();
    judge.feed([CLEAN, RUDE]);
    judge.feed([CLEAN, RUDE]);
    await judge.settled();
    judge.feed([CLEAN, RUDE, DAMN]);
    await judge.settled();
    expect(judge.verdict(DAMN, 'strict')).toBe(true);
    expect(fake.calls.map((call) => call.text)).toEqual([CLEAN.text, RUDE.text, DAMN.text]);
  });

  it('keeps a verdict just under its month, then asks again', async () => {
    const judge = judgeWith();
    judge.feed([CLEAN]);
    await judge.settled();
    clock += VERDICT_TTL_MS;
    expect(judge.verdict(CLEAN, 'strict')).toBe(true);
    clock += 1;
    expect(judge.verdict(CLEAN, 'strict')).toBeUndefined();
  });

  it(`runs at most ${CONCURRENCY} calls at once and starts them ${MIN_CALL_INTERVAL_MS} ms apart`, async () => {
    let active = 0;
    let most = 0;
    const waits: number[] = [];
    const release: Array<() => void> = [];
    const slow: ModerateText = async () => {
      active += 1;
      most = Math.max(most, active);
      await new Promise<void>((resolve) => release.push(resolve));
      active -= 1;
      return scores();
    };
    const judge = judgeWith({
      moderator: async () => slow,
      sleep: async (ms) => {
        waits.push(ms);
      },
    });
    judge.feed(['a', 'b', 'c', 'd'].map((id) => ({ id, text: id })));
    const done = judge.settled();
    while (release.length < 4) {
      await new Promise((resolve) => setImmediate(resolve));
      release.splice(0).forEach((resolve) => resolve());
      if (most > 0 && active === 0 && release.length === 0 && waits.length >= 3) break;
    }
    await done;
    expect(most).toBe(2);
    expect(waits).toEqual([200, 400, 600]);
  });

  it.each([
    [{ status: 503 }, 'unavailable', 503],
    [{ status: 429 }, 'quota', 429],
    [{ status: 403 }, 'denied', 403],
  ] as const)('fails safe on %j: the local filter at strict judges, one line on degrade, one on recovery', async (trouble, reason, status) => {
    const judge = judgeWith();
    fake.trouble(trouble);
    judge.feed([CLEAN, DAMN, RUDE]);
    await judge.settled();
    // strict local: the clean joke passes, "damn" does not, even at standard; the "insult" has no word the filter knows.
    expect([judge.verdict(CLEAN, 'standard'), judge.verdict(DAMN, 'standard'), judge.verdict(RUDE, 'off')]).toEqual([true, false, true]);
    // The first failures (two calls run at once) start the cool-down: the third was not sent.
    expect(fake.calls).toHaveLength(2);
    expect(lines()).toEqual([
      {
        severity: 'WARNING',
        reason,
        status,
        coolDownMs: COOL_DOWN_MS,
        message: 'moderation degraded: posts are judged by the local filter at strict',
      },
    ]);
    // Just inside the cool-down: still local, still no call.
    clock += COOL_DOWN_MS;
    judge.feed([{ id: 'new', text: 'another joke' }]);
    await judge.settled();
    expect(fake.calls).toHaveLength(2);
    // The cool-down is over, the API is back: the posts are judged by the model again.
    clock += 1;
    fake.trouble(undefined);
    judge.feed([CLEAN, DAMN, RUDE]);
    await judge.settled();
    expect([judge.verdict(DAMN, 'standard'), judge.verdict(RUDE, 'standard')]).toEqual([true, false]);
    expect(lines().map((line) => line.message)).toEqual([
      'moderation degraded: posts are judged by the local filter at strict',
      'moderation recovered',
    ]);
  });

  it('fails safe on a call that times out', async () => {
    fake.trouble('hang');
    const judge = judgeWith({ callTimeoutMs: 20 });
    judge.feed([DAMN]);
    await judge.settled();
    expect(judge.verdict(DAMN, 'off')).toBe(false);
    expect(lines().map((line) => [line.reason, line.message])).toEqual([
      ['timeout', 'moderation degraded: posts are judged by the local filter at strict'],
    ]);
    expect(CALL_TIMEOUT_MS).toBe(3000);
  });

  it('fails safe when the client cannot load, and loads it again after the cool-down', async () => {
    let loads = 0;
    const judge = judgeWith({
      moderator: async () => {
        loads += 1;
        if (loads === 1) throw new Error('Cannot find module google-auth-library');
        return createGoogleModerator({ endpoint: fake.url });
      },
    });
    judge.feed([DAMN]);
    await judge.settled();
    expect(judge.verdict(DAMN, 'standard')).toBe(false);
    clock += COOL_DOWN_MS + 1;
    judge.feed([DAMN]);
    await judge.settled();
    expect(judge.verdict(DAMN, 'standard')).toBe(true);
    expect(loads).toBe(2);
  });

  it('a post the API refuses (400) is judged locally at strict, with no degrade and no new call', async () => {
    fake.trouble({ status: 400 });
    const judge = judgeWith();
    judge.feed([DAMN]);
    await judge.settled();
    fake.trouble(undefined);
    clock += COOL_DOWN_MS + 1;
    judge.feed([DAMN, CLEAN]);
    await judge.settled();
    expect([judge.verdict(DAMN, 'standard'), judge.verdict(CLEAN, 'standard')]).toEqual([false, true]);
    expect(fake.calls.map((call) => call.text)).toEqual([DAMN.text, CLEAN.text]);
    expect(lines()).toEqual([]);
  });

  describe('on the spot (a cold cache)', () => {
    it('judges the picked post now, ahead of the queue, with the model', async () => {
      const judge = judgeWith();
      judge.feed([CLEAN, DAMN, RUDE]);
      expect(await judge.judgeNow(RUDE, 'standard', 2000)).toBe(false);
      expect(await judge.judgeNow(DAMN, 'standard', 2000)).toBe(true);
      await judge.settled();
      expect(fake.calls.map((call) => call.text).sort()).toEqual([CLEAN.text, DAMN.text, RUDE.text].sort());
    });

    it('out of budget, the local filter at strict decides; the model’s verdict is kept for later', async () => {
      fake.trouble('hang');
      const judge = judgeWith();
      expect(await judge.judgeNow(DAMN, 'standard', 0)).toBe(false);
      expect(await judge.judgeNow(CLEAN, 'standard', 0)).toBe(true);
      expect(lines()).toEqual([]);
      // The calls still hanging end with the fake (it answers them 503), so nothing outlives the test.
      await fake.close();
      await judge.settled();
      fake = await startFakeModeration(model);
    });

    it('answers a known verdict without a call', async () => {
      const judge = judgeWith();
      judge.feed([RUDE]);
      await judge.settled();
      expect(await judge.judgeNow(RUDE, 'standard', 0)).toBe(false);
      expect(fake.calls).toHaveLength(1);
    });
  });

  it('shares verdicts through the store: a second instance asks the store, not the model', async () => {
    const store = new MemoryStore(() => clock);
    const first = judgeWith({ shared: new SharedVerdicts(store) });
    first.feed([RUDE, CLEAN]);
    await first.settled();
    expect(await store.get('rdw:moderation:rude')).toContain('"Insult"');
    const second = judgeWith({ shared: new SharedVerdicts(store) });
    second.feed([RUDE, CLEAN]);
    await second.settled();
    expect([second.verdict(RUDE, 'standard'), second.verdict(CLEAN, 'strict')]).toEqual([false, true]);
    expect(fake.calls).toHaveLength(2);
  });

  it('ignores a stored value it cannot read and asks the model', async () => {
    const store = new MemoryStore(() => clock);
    await store.set('rdw:moderation:rude', 'not json', 60_000);
    const judge = judgeWith({ shared: new SharedVerdicts(store) });
    judge.feed([RUDE]);
    await judge.settled();
    expect(judge.verdict(RUDE, 'standard')).toBe(false);
    expect(fake.calls).toHaveLength(1);
  });
});
