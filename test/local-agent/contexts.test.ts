import {
  ageContexts,
  applyIntentContexts,
  applyWebhookContexts,
  shortName,
  toWireContexts,
  type Contexts,
} from '../../scripts/local-agent/contexts';

const SESSION = 'projects/p/agent/sessions/s';
const of = (entries: Record<string, { lifespan: number; parameters?: Record<string, unknown> }>): Contexts =>
  new Map(Object.entries(entries).map(([name, c]) => [name, { lifespan: c.lifespan, parameters: c.parameters ?? {} }]));
const lifespans = (contexts: Contexts) => Object.fromEntries([...contexts].map(([name, c]) => [name, c.lifespan]));

describe('context bookkeeping', () => {
  it('ages every context by one turn and drops the ones that run out', () => {
    expect(lifespans(ageContexts(of({ a: { lifespan: 5 }, b: { lifespan: 1 } })))).toEqual({ a: 4 });
  });

  it("sets the intent's output contexts with its parameters and their originals, merging older parameters", () => {
    const before = of({ 'content-followup': { lifespan: 2, parameters: { servedIds: ['x1'], content: 'fact' } } });
    const after = applyIntentContexts(
      before,
      { resetContexts: false, outputContexts: [{ name: 'content-followup', lifespan: 5 }] },
      { content: 'joke' },
      { content: 'something funny' },
    );
    expect(after.get('content-followup')).toEqual({
      lifespan: 5,
      parameters: { servedIds: ['x1'], content: 'joke', 'content.original': 'something funny' },
    });
  });

  it('clears everything on resetContexts, and lifespan 0 removes a context', () => {
    const before = of({ 'content-followup': { lifespan: 3 }, other: { lifespan: 3 } });
    const reset = applyIntentContexts(before, { resetContexts: true, outputContexts: [] }, {}, {});
    expect(reset.size).toBe(0);
    const cleared = applyIntentContexts(before, { resetContexts: false, outputContexts: [{ name: 'content-followup', lifespan: 0 }] }, {}, {});
    expect(lifespans(cleared)).toEqual({ other: 3 });
  });

  it("applies the webhook's outputContexts by short name; no lifespanCount means 0 (the v2 default)", () => {
    const before = of({ 'content-followup': { lifespan: 5, parameters: { content: 'joke' } }, other: { lifespan: 2 } });
    const after = applyWebhookContexts(before, [
      { name: `${SESSION}/contexts/content-followup`, lifespanCount: 5, parameters: { servedIds: ['a'] } },
      { name: `${SESSION}/contexts/other` },
      { name: `${SESSION}/contexts/New-One`, lifespanCount: 1 },
    ]);
    expect(lifespans(after)).toEqual({ 'content-followup': 5, 'new-one': 1 });
    expect(after.get('content-followup')!.parameters).toEqual({ content: 'joke', servedIds: ['a'] });
  });

  it('writes full context names after the session', () => {
    expect(toWireContexts(SESSION, of({ a: { lifespan: 2, parameters: { x: 1 } } }))).toEqual([
      { name: `${SESSION}/contexts/a`, lifespanCount: 2, parameters: { x: 1 } },
    ]);
    expect(shortName(`${SESSION}/contexts/content-followup`)).toBe('content-followup');
  });
});
