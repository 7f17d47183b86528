/**
 * Stand-in for `debug` in the production bundle.
 *
 * dialogflow-fulfillment logs through it, off unless DEBUG names its namespace;
 * loading the real one costs a cold instance its set-up (terminal colour probes,
 * environment parsing). The webhook logs with its own logger (src/log.ts), so
 * these lines are never wanted: every logger here is off.
 */
function createDebug(): ((...args: unknown[]) => void) & { enabled: boolean } {
  return Object.assign(() => undefined, { enabled: false });
}

export = createDebug;
