/**
 * Checks the YAML file handed to `gcloud --env-vars-file` before anything is
 * uploaded: secrets must not be in it, and the values must start the function.
 */
import { isAbsolute, join } from 'node:path';
import { parse, stringify } from 'yaml';
import { ConfigError, loadConfig } from '../../src/config';
import { DeployInputError, SECRET_VARIABLES } from './plan';

// Set by Cloud Run functions itself; a deploy that sets them fails or misbehaves.
const RESERVED = new Set(['PORT', 'K_SERVICE', 'K_REVISION', 'K_CONFIGURATION', 'FUNCTION_TARGET', 'FUNCTION_SIGNATURE_TYPE']);
// Catches secrets the contract does not name yet (an API token added later, say).
const LOOKS_SECRET = /(?:^|_)(?:SECRET|PASSWORD|PASSWD|TOKEN|PRIVATE_KEY|API_KEY)$/;

/** The example file `cp .env.yaml.example .env.yaml` starts from. */
export const EXAMPLE_FILE = '.env.yaml.example';
/**
 * A value to fill in that .env.yaml.example ships ("your-project-id",
 * "your-reddit-client-id", "/u/your_reddit_name"): deployed as it is, it would
 * send Reddit a made-up client ID and Cloud Trace a project that does not exist.
 */
const PLACEHOLDER = /\byour[-_][A-Za-z0-9_-]*/;

/**
 * Each secret, the flag that names it, and the plain variable it is useless without. `alone`: the
 * variable works without the secret too (REDDIT_CLIENT_ID alone is an installed app).
 */
const SECRET_PAIRS = [
  { given: 'reddit', variable: SECRET_VARIABLES.reddit, flag: '--reddit-secret', partner: 'REDDIT_CLIENT_ID', alone: true },
  { given: 'password', variable: SECRET_VARIABLES.password, flag: '--password-secret', partner: 'WEBHOOK_USERNAME', alone: false },
  { given: 'header', variable: SECRET_VARIABLES.header, flag: '--header-secret', partner: 'WEBHOOK_HEADER_NAME', alone: false },
] as const;

/** Every secret variable and its flag, paired or not (REDIS_URL stands alone). */
const SECRET_FLAGS = [
  ...SECRET_PAIRS,
  { given: 'redis', variable: SECRET_VARIABLES.redis, flag: '--redis-secret' },
] as const;

const FLAG_FOR_SECRET: Record<string, string> = Object.fromEntries(SECRET_FLAGS.map((pair) => [pair.variable, pair.flag]));

/**
 * What the config parser sees in place of a secret it cannot read here: any
 * non-empty text, except REDIS_URL, which must parse as a Redis URL.
 */
const STAND_IN: Record<string, string> = { [SECRET_VARIABLES.redis]: 'redis://:from-secret-manager@redis.invalid:6379' };

export interface SecretsGiven {
  reddit: boolean;
  password: boolean;
  header?: boolean;
  redis?: boolean;
}

function isPlainMap(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Returns the variables the file sets. Throws DeployInputError naming the file
 * and every problem found: not a flat map of quoted strings, a secret in plain
 * text, a reserved name, half of a credential pair, or a value the webhook's own
 * config would reject at start-up.
 */
export function checkEnvFile(text: string, path: string, secrets: SecretsGiven, root?: string): Record<string, string> {
  let data: unknown;
  try {
    data = parse(text);
  } catch (error) {
    throw new DeployInputError([`${path}: not valid YAML: ${(error as Error).message}`]);
  }
  if (!isPlainMap(data)) {
    throw new DeployInputError([`${path}: must be a YAML map of VARIABLE: "value" lines`]);
  }

  const problems: string[] = [];
  const vars: Record<string, string> = {};
  for (const [key, value] of Object.entries(data)) {
    if (key in FLAG_FOR_SECRET) {
      problems.push(
        `${path}: refusing to deploy ${key} in plain text; store it in Secret Manager and pass ${FLAG_FOR_SECRET[key]!} NAME[:VERSION] (see docs/deploy.md)`,
      );
      continue;
    }
    if (LOOKS_SECRET.test(key)) {
      problems.push(`${path}: ${key} looks like a secret; keep it in Secret Manager, not in the env file`);
      continue;
    }
    if (RESERVED.has(key) || key.startsWith('X_GOOGLE_') || key === '' || key.includes('=')) {
      problems.push(`${path}: ${JSON.stringify(key)} is reserved or not allowed as a variable name on Cloud Run functions`);
      continue;
    }
    if (typeof value !== 'string') {
      // gcloud reads the file itself; an unquoted `true` or `4000` is not a string to it.
      problems.push(`${path}: ${key} must be a quoted string, e.g. ${key}: "${String(value)}"`);
      continue;
    }
    const placeholder = PLACEHOLDER.exec(value)?.[0];
    if (placeholder !== undefined) {
      problems.push(`${path}: ${key} still holds the placeholder "${placeholder}" from ${EXAMPLE_FILE}; put in your own value or delete the line`);
    }
    vars[key] = value;
  }

  const present = (key: string) => (vars[key] ?? '') !== '';
  for (const pair of SECRET_PAIRS) {
    const given = Boolean(secrets[pair.given]);
    if (present(pair.partner) && !given && !pair.alone) {
      problems.push(
        `${path}: ${pair.partner} is set but ${pair.flag} is not; the function would refuse to start without ${pair.variable}`,
      );
    }
    if (!present(pair.partner) && given) problems.push(`${pair.flag} needs ${pair.partner} in ${path}`);
  }
  if (problems.length > 0) throw new DeployInputError(problems);

  // The same parser the function runs at start-up, with stand-ins for the secrets,
  // so a bad value fails here instead of in a crash-looping revision.
  try {
    loadConfig({
      ...vars,
      // The function reads POSTS_FILE from its uploaded source, which is the project root here.
      ...(vars.POSTS_FILE && root && !isAbsolute(vars.POSTS_FILE) ? { POSTS_FILE: join(root, vars.POSTS_FILE) } : {}),
      ...Object.fromEntries(
        SECRET_FLAGS.map((pair) => [
          pair.variable,
          secrets[pair.given] ? (STAND_IN[pair.variable] ?? 'from-secret-manager') : undefined,
        ]),
      ),
    });
  } catch (error) {
    if (error instanceof ConfigError) throw new DeployInputError([`${path}: ${error.message}`]);
    throw error;
  }
  return vars;
}

/**
 * Without an env file, a credential secret has no partner variable: say so
 * rather than deploy a function that will not start.
 */
export function checkSecretsWithoutEnvFile(envFilePath: string, secrets: SecretsGiven): void {
  const problems = SECRET_PAIRS.filter((pair) => secrets[pair.given]).map(
    (pair) => `${pair.flag} needs ${pair.partner} in an env file, but ${envFilePath} does not exist`,
  );
  if (problems.length > 0) throw new DeployInputError(problems);
}

/**
 * The variables the function gets: the env file's, plus MODERATION=google unless
 * --no-moderation. An env file that already says otherwise is a contradiction the
 * user must settle (the flag, or the line), not one the deploy picks a side of.
 */
export function withModeration(vars: Readonly<Record<string, string>>, moderation: boolean, path: string): Record<string, string> {
  const wanted = moderation ? 'google' : undefined;
  const set = vars.MODERATION;
  if (set !== undefined && set !== '' && set !== (wanted ?? 'off')) {
    throw new DeployInputError([
      moderation
        ? `${path}: MODERATION is "${set}", but the deploy turns moderation on; delete the line, or pass --no-moderation to leave it off`
        : `${path}: MODERATION is "${set}", but --no-moderation leaves it off; delete the line or the flag`,
    ]);
  }
  return wanted ? { ...vars, MODERATION: wanted } : { ...vars };
}

/** The YAML of the env file the deploy writes (MODERATION_ENV.file): every value a double-quoted string, as gcloud wants them. */
export function envFileText(vars: Readonly<Record<string, string>>): string {
  return `# Written by npm run deploy: the env file's variables plus the deploy's own. Edit the env file, not this.\n${stringify(vars, { defaultStringType: 'QUOTE_DOUBLE', defaultKeyType: 'PLAIN' })}`;
}
