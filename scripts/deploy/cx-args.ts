/**
 * The flags `npm run deploy` takes for Dialogflow CX, taken out of argv before
 * the ES flags are parsed (plan.ts), so the two stay independent:
 *   --cx                       a CX agent (agent-cx/) instead of the ES agent
 *   --cx-location LOCATION     where the CX agent lives (default: global)
 *   --webhook-auth id-token|basic
 */
import { DeployInputError } from './plan';

export type CxAuthKind = 'id-token' | 'basic';

export interface CxRequest {
  readonly location: string;
  readonly auth: CxAuthKind;
}

export const CX_DEFAULTS = { location: 'global', auth: 'id-token' } as const satisfies CxRequest;

export const CX_USAGE = `
Dialogflow CX (Conversational Agents):
  --cx                      restore agent-cx/ into a CX agent "reddit-content" (created when missing)
                            instead of the ES agent, point its webhook at the function, smoke-test it
  --cx-location LOCATION    the CX agent's location: global (default) or a region like europe-west1
  --webhook-auth MODE       id-token (default): the function stays private and Dialogflow's service
                            agent calls it with an ID token (it is granted roles/run.invoker);
                            basic: the function is public and Dialogflow sends Basic auth
                            (WEBHOOK_USERNAME in the env file, the password from --password-secret)
See docs/cx.md.
`;

// Locations Dialogflow CX offers have this shape (global, us-central1, europe-west1, ...).
const LOCATION = /^(?:global|[a-z]+(?:-[a-z]+)?[0-9]*(?:-[a-z0-9]+)?)$/;
const AUTH: readonly CxAuthKind[] = ['id-token', 'basic'];

/** argv without the CX flags, and the CX request when --cx was given. Throws DeployInputError for a bad CX flag. */
export function takeCxArgs(argv: readonly string[]): { cx: CxRequest | undefined; rest: string[] } {
  const rest: string[] = [];
  const values: Record<string, string> = {};
  let cx = false;
  const problems: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '--') {
      rest.push(...argv.slice(i));
      break;
    }
    if (arg === '--cx') {
      cx = true;
      continue;
    }
    const m = /^--(cx-location|webhook-auth)(?:=(.*))?$/.exec(arg);
    if (!m) {
      rest.push(arg);
      continue;
    }
    const value = m[2] ?? argv[++i];
    if (value === undefined || value.startsWith('--')) problems.push(`--${String(m[1])}: needs a value`);
    else values[m[1]!] = value;
  }
  const location = values['cx-location'] ?? CX_DEFAULTS.location;
  const auth = values['webhook-auth'] ?? CX_DEFAULTS.auth;
  if (!LOCATION.test(location)) problems.push(`--cx-location: ${JSON.stringify(location)} is not a location (global, or a region like europe-west1)`);
  if (!(AUTH as readonly string[]).includes(auth)) problems.push(`--webhook-auth: ${JSON.stringify(auth)} is not one of ${AUTH.join(', ')}`);
  if (!cx && Object.keys(values).length > 0) problems.push(`--${String(Object.keys(values)[0])}: only with --cx`);
  if (problems.length > 0) throw new DeployInputError(problems);
  return { cx: cx ? { location, auth: auth as CxAuthKind } : undefined, rest };
}
