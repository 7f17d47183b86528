import { z } from 'zod';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

const booleanFlag = z
  .enum(['true', 'false', '1', '0', 'yes', 'no', ''])
  .transform((value) => value === 'true' || value === '1' || value === 'yes');

const positiveInt = (min: number, max: number) => z.coerce.number().int().min(min).max(max);

const ConfigSchema = z
  .object({
    PORT: positiveInt(1, 65535).default(8080),
    REDDIT_BASE_URL: z.url().default('https://www.reddit.com'),
    REDDIT_OAUTH_URL: z.url().default('https://oauth.reddit.com'),
    REDDIT_CLIENT_ID: z.string().min(1).optional(),
    REDDIT_CLIENT_SECRET: z.string().min(1).optional(),
    REDDIT_USER_AGENT: z.string().min(1).optional(),
    WEBHOOK_USERNAME: z.string().min(1).optional(),
    WEBHOOK_PASSWORD: z.string().min(1).optional(),
    WEBHOOK_DEADLINE_MS: positiveInt(200, 30000).default(4000),
    CACHE_TTL_SECONDS: positiveInt(0, 86400).default(300),
    ALLOW_NSFW: booleanFlag.default(false),
    LOG_LEVEL: z.enum(['trace', 'debug', 'info', 'warn', 'error', 'fatal', 'silent']).default('info'),
  })
  .superRefine((env, ctx) => {
    if (Boolean(env.REDDIT_CLIENT_ID) !== Boolean(env.REDDIT_CLIENT_SECRET)) {
      ctx.addIssue({
        code: 'custom',
        path: [env.REDDIT_CLIENT_ID ? 'REDDIT_CLIENT_SECRET' : 'REDDIT_CLIENT_ID'],
        message: 'REDDIT_CLIENT_ID and REDDIT_CLIENT_SECRET must be set together',
      });
    }
    if (Boolean(env.WEBHOOK_USERNAME) !== Boolean(env.WEBHOOK_PASSWORD)) {
      ctx.addIssue({
        code: 'custom',
        path: [env.WEBHOOK_USERNAME ? 'WEBHOOK_PASSWORD' : 'WEBHOOK_USERNAME'],
        message: 'WEBHOOK_USERNAME and WEBHOOK_PASSWORD must be set together',
      });
    }
  });

export interface Config {
  port: number;
  reddit: {
    baseUrl: string;
    oauthUrl: string;
    clientId?: string;
    clientSecret?: string;
    userAgent: string;
  };
  auth?: { username: string; password: string };
  deadlineMs: number;
  cacheTtlSeconds: number;
  allowNsfw: boolean;
  logLevel: z.infer<typeof ConfigSchema>['LOG_LEVEL'];
}

export class ConfigError extends Error {
  override name = 'ConfigError';
}

function packageIdentity(): { name: string; version: string } {
  try {
    // Read at run time so the bundle and dist/ report the deployed version.
    const pkg = JSON.parse(readFileSync(join(__dirname, '..', 'package.json'), 'utf8')) as {
      name?: string;
      version?: string;
    };
    return { name: pkg.name ?? 'reddit-dialogflow-webhook', version: pkg.version ?? '0.0.0' };
  } catch {
    return { name: 'reddit-dialogflow-webhook', version: '0.0.0' };
  }
}

const stripTrailingSlash = (url: string) => url.replace(/\/+$/, '');

/**
 * Parses the environment once. Empty strings count as unset, so
 * `REDDIT_CLIENT_ID=` in a .env file does not half-enable OAuth.
 * Throws ConfigError naming every bad variable.
 */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const present = Object.fromEntries(Object.entries(env).filter(([, value]) => value !== undefined && value !== ''));
  const parsed = ConfigSchema.safeParse(present);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `${issue.path.join('.') || 'environment'}: ${issue.message}`);
    throw new ConfigError(`Invalid configuration:\n  ${problems.join('\n  ')}`);
  }
  const e = parsed.data;
  const pkg = packageIdentity();
  return {
    port: e.PORT,
    reddit: {
      baseUrl: stripTrailingSlash(e.REDDIT_BASE_URL),
      oauthUrl: stripTrailingSlash(e.REDDIT_OAUTH_URL),
      clientId: e.REDDIT_CLIENT_ID,
      clientSecret: e.REDDIT_CLIENT_SECRET,
      userAgent: e.REDDIT_USER_AGENT ?? `nodejs:${pkg.name}:${pkg.version}`,
    },
    auth: e.WEBHOOK_USERNAME && e.WEBHOOK_PASSWORD ? { username: e.WEBHOOK_USERNAME, password: e.WEBHOOK_PASSWORD } : undefined,
    deadlineMs: e.WEBHOOK_DEADLINE_MS,
    cacheTtlSeconds: e.CACHE_TTL_SECONDS,
    allowNsfw: e.ALLOW_NSFW,
    logLevel: e.LOG_LEVEL,
  };
}
