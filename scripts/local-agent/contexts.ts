/**
 * Context bookkeeping the way Dialogflow ES does it, as pure functions over an
 * immutable map (short context name → lifespan + parameters):
 * - every query ages all active contexts by one turn; at 0 a context is gone;
 * - the matched intent may clear all contexts (resetContexts), then sets its
 *   output contexts, carrying its parameters (and `<name>.original`) into them;
 * - the webhook's outputContexts are applied last; lifespanCount 0 (or none,
 *   the v2 default) removes a context.
 * Parameters of a context that is set again are merged, new values winning:
 * that is how the webhook's `servedIds` survive an intent re-setting the context.
 */
import type { ContextSetting } from './agent';

export interface ActiveContext {
  readonly lifespan: number;
  readonly parameters: Readonly<Record<string, unknown>>;
}

export type Contexts = ReadonlyMap<string, ActiveContext>;

export const NO_CONTEXTS: Contexts = new Map();

/** A v2 Context as it travels in requests and responses. */
export interface WireContext {
  name: string;
  lifespanCount?: number;
  parameters?: Record<string, unknown>;
}

export function activeNames(contexts: Contexts): Set<string> {
  return new Set(contexts.keys());
}

/** One conversational turn has passed. */
export function ageContexts(contexts: Contexts): Contexts {
  const aged = new Map<string, ActiveContext>();
  for (const [name, context] of contexts) {
    if (context.lifespan > 1) aged.set(name, { ...context, lifespan: context.lifespan - 1 });
  }
  return aged;
}

function setContext(contexts: Map<string, ActiveContext>, name: string, lifespan: number, parameters: Record<string, unknown>): void {
  if (lifespan <= 0) {
    contexts.delete(name);
    return;
  }
  const previous = contexts.get(name)?.parameters ?? {};
  contexts.set(name, { lifespan, parameters: { ...previous, ...parameters } });
}

/** The matched intent's own context changes, with its parameters written into each output context. */
export function applyIntentContexts(
  contexts: Contexts,
  intent: { readonly resetContexts: boolean; readonly outputContexts: readonly ContextSetting[] },
  parameters: Readonly<Record<string, string>>,
  originals: Readonly<Record<string, string>>,
): Contexts {
  const next = new Map(intent.resetContexts ? [] : contexts);
  const carried: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(parameters)) {
    carried[name] = value;
    carried[`${name}.original`] = originals[name] ?? value;
  }
  for (const context of intent.outputContexts) setContext(next, context.name, context.lifespan, carried);
  return next;
}

/** Context name → short name: `projects/p/agent/sessions/s/contexts/content-followup` → `content-followup`. */
export function shortName(name: string): string {
  return name.slice(name.lastIndexOf('/') + 1).toLowerCase();
}

export function applyWebhookContexts(contexts: Contexts, outputContexts: readonly WireContext[] | undefined): Contexts {
  const next = new Map(contexts);
  for (const context of outputContexts ?? []) {
    setContext(next, shortName(context.name), context.lifespanCount ?? 0, context.parameters ?? {});
  }
  return next;
}

export function toWireContexts(session: string, contexts: Contexts): WireContext[] {
  return [...contexts].map(([name, context]) => ({
    name: `${session}/contexts/${name}`,
    lifespanCount: context.lifespan,
    parameters: { ...context.parameters },
  }));
}
