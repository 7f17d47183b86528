/**
 * The pure half of `npm run deploy`: command-line flags and environment in,
 * a validated plan out, and the plan turned into the `gcloud` argv.
 * No file system, no processes: scripts/deploy.ts does the I/O.
 */
import { parseArgs } from 'node:util';
import { z } from 'zod';
import { resourceProblems } from './resources';
import { regionProblem } from './regions';
import { checkRuntime, DEFAULT_RUNTIME } from './runtimes';

export class DeployInputError extends Error {
  override name = 'DeployInputError';
  constructor(readonly problems: readonly string[]) {
    super(problems.join('\n'));
  }
}

export const DEFAULTS = {
  name: 'reddit-webhook',
  runtime: DEFAULT_RUNTIME,
  entryPoint: 'webhook',
  // Dialogflow ES gives up on a webhook after 5 s, so a long timeout only
  // keeps instances busy with answers nobody will read.
  timeout: '10s',
  // The answer mostly waits on Reddit, so one instance serves many conversations
  // at once (Cloud Run's own default). Concurrency above 1 needs a whole vCPU,
  // and a whole vCPU comes with 512Mi; with --concurrency 1 the old 256Mi, which
  // gets a fraction of a vCPU, is enough.
  concurrency: 80,
  cpu: '1',
  memory: '512Mi',
  memorySingle: '256Mi',
  envFile: '.env.yaml',
  // What the smoke test asks the live agent.
  smokeQuery: 'tell me a joke',
} as const;

/** Variables that must come from Secret Manager, never from the env file. */
export const SECRET_VARIABLES = {
  reddit: 'REDDIT_CLIENT_SECRET',
  password: 'WEBHOOK_PASSWORD',
  header: 'WEBHOOK_HEADER_VALUE',
  // Holds the AUTH string of Memorystore, so it is a secret too.
  redis: 'REDIS_URL',
} as const;

// Not "--env-file": Node 20 scans its whole argv for that flag, script arguments
// included, and exits with "node: FILE: not found" before this script runs.
const OPTIONS = {
  project: { type: 'string' },
  region: { type: 'string' },
  name: { type: 'string' },
  'env-vars-file': { type: 'string' },
  'reddit-secret': { type: 'string' },
  'password-secret': { type: 'string' },
  'header-secret': { type: 'string' },
  'redis-secret': { type: 'string' },
  runtime: { type: 'string' },
  agent: { type: 'boolean' },
  'no-agent': { type: 'boolean' },
  'no-reddit': { type: 'boolean' },
  'no-moderation': { type: 'boolean' },
  concurrency: { type: 'string' },
  cpu: { type: 'string' },
  network: { type: 'string' },
  subnet: { type: 'string' },
  'vpc-connector': { type: 'string' },
  'max-instances': { type: 'string' },
  'min-instances': { type: 'string' },
  memory: { type: 'string' },
  timeout: { type: 'string' },
  'dry-run': { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} as const;

/**
 * The API moderateText lives in (the function's service account may call it once it is enabled),
 * and the env file the deploy writes to add its own variables (MODERATION=google, RUNTIME_ENV):
 * gcloud refuses --set-env-vars or --update-env-vars next to --env-vars-file, and reads that file
 * while parsing, so it must exist even for a --dry-run's printed command. build/ is never
 * uploaded (.gcloudignore).
 */
export const MODERATION_ENV = { api: 'language.googleapis.com', file: 'build/deploy.env.yaml' } as const;

/**
 * Variables every deployed function gets, for its cold start. With the compile cache on from the
 * process's start (not from when functions-framework loads dist/index.cjs), the framework's own
 * modules (express, body-parser and the rest) are read from the cache that `npm run compile-cache`
 * writes during the Cloud Build step, as the bundle already was: about 12 ms less to the first
 * answer on Node 24 (bench/RESULTS.md). The path is relative to the working directory, which
 * Cloud Run functions sets to the uploaded source; portable, as dist/index.cjs's own call, so the
 * entries written in Cloud Build match. An env file's own value of either wins.
 */
export const RUNTIME_ENV: Readonly<Record<string, string>> = { NODE_COMPILE_CACHE: 'dist/compile-cache', NODE_COMPILE_CACHE_PORTABLE: '1' };

export const USAGE = `Usage: npm run deploy -- [options]

From nothing to a live bot, each step printed with its outcome:
  1. deploys the webhook with "gcloud functions deploy" (2nd gen, ${DEFAULTS.runtime}, HTTP trigger,
     entry point "${DEFAULTS.entryPoint}") and reads its URL;
  2. restores agent/ (with that URL, never a password) into the project's Dialogflow ES agent,
     creating the agent first if the project has none;
  3. sets the agent's fulfillment: URL, Basic auth from the --password-secret secret, header;
  4. asks the live agent "${DEFAULTS.smokeQuery}" and succeeds only if our webhook answered.
Run it from the project root. Steps 2-4 use Application Default Credentials
(gcloud auth application-default login); --no-agent stops after step 1.

Posts are judged by Cloud Natural Language moderateText: before step 1 the deploy enables
${MODERATION_ENV.api}, and the function gets MODERATION=google. --no-moderation leaves both out.
The function's variables go to gcloud as ${MODERATION_ENV.file}: the env file's, plus MODERATION
and the compile cache's (${Object.keys(RUNTIME_ENV).join(', ')}); gcloud takes one source of variables.

Reddit serves its posts only to approved API apps: pass --reddit-secret (with REDDIT_CLIENT_ID
in the env file) for a script or web app, set REDDIT_CLIENT_ID alone for an installed app,
or deploy with --no-reddit. See README.md#reddit-access.

  --project ID              Google Cloud project (default: $GOOGLE_CLOUD_PROJECT or $CLOUDSDK_CORE_PROJECT)
  --region REGION           region, e.g. europe-west1 (default: $FUNCTION_REGION or $CLOUDSDK_FUNCTIONS_REGION)
  --name NAME               function name (default: ${DEFAULTS.name})
  --env-vars-file FILE      plain environment variables, YAML (default: ${DEFAULTS.envFile} when it exists)
  --reddit-secret S[:V]     Secret Manager secret for REDDIT_CLIENT_SECRET (version default: latest)
  --password-secret S[:V]   Secret Manager secret for WEBHOOK_PASSWORD (version default: latest)
  --header-secret S[:V]     Secret Manager secret for WEBHOOK_HEADER_VALUE (with WEBHOOK_HEADER_NAME in the env file)
  --redis-secret S[:V]      Secret Manager secret for REDIS_URL (shared cache on Memorystore; see docs/deploy.md)
  --no-reddit               deploy without Reddit credentials: answers from POSTS_FILE (uploaded with the
                            function) and the built-in collection; Reddit is not called
  --no-moderation           leave MODERATION off: the local content filter alone judges the posts, and
                            language.googleapis.com is not enabled (default: MODERATION=google, docs/moderation.md)
  --runtime ID              Node.js runtime (default: ${DEFAULTS.runtime}); decommissioned ones are refused
  --no-agent                deploy the function only: no agent restore, fulfillment or smoke test
  --concurrency N           requests one instance serves at once (default: ${DEFAULTS.concurrency})
  --cpu N                   vCPUs per instance (default: ${DEFAULTS.cpu} when concurrency > 1, else from --memory)
  --memory SIZE             memory per instance (default: ${DEFAULTS.memory}; ${DEFAULTS.memorySingle} with --concurrency 1)
  --network NAME            Direct VPC egress network, e.g. for Memorystore (with --subnet)
  --subnet NAME             Direct VPC egress subnet
  --vpc-connector NAME      Serverless VPC Access connector instead of Direct VPC egress
  --max-instances N         upper limit on instances (default: Google's)
  --min-instances N         instances kept warm, avoids cold starts (default: 0)
  --timeout DURATION        request timeout (default: ${DEFAULTS.timeout})
  --dry-run                 print the whole plan and exit; calls nothing, gcloud need not be installed
  -h, --help                show this help
`;

// Characters that can never be right are errors; shapes that are merely unusual
// (Google's documented project ID length, region names like europe-west1) only
// warn, so new regions or formats do not need a change here: gcloud has the last word.
const PROJECT_ID = /^(?:[a-z0-9.-]+:)?[a-z][a-z0-9-]*$/;
const TYPICAL_PROJECT_ID = /^(?:[a-z0-9.-]+:)?[a-z][a-z0-9-]{4,28}[a-z0-9]$/;
const REGION = /^[a-z][a-z0-9-]*$/;
const FUNCTION_NAME = /^[a-z](?:[a-z0-9-]{0,61}[a-z0-9])?$/;
const SECRET_REF = /^((?:projects\/[a-z0-9.:-]+\/secrets\/)?[A-Za-z0-9_-]{1,255})(?::(latest|[1-9][0-9]*))?$/;
const MEMORY = /^[1-9][0-9]*(?:Mi|Gi|M|G)$/;
const TIMEOUT = /^[1-9][0-9]*[sm]$/;
const COUNT = /^(?:0|[1-9][0-9]{0,3})$/;
const CPU = /^(?:[1-9][0-9]*|0?\.[0-9]{1,3})$/;
// VPC network, subnet and connector names (or their full resource paths).
const VPC_NAME = /^(?:projects\/[a-z0-9.:-]+\/(?:global\/networks|regions\/[a-z0-9-]+\/subnetworks|locations\/[a-z0-9-]+\/connectors)\/)?[a-z](?:[a-z0-9-]{0,61}[a-z0-9])?$/;

const quoted = (input: unknown) => JSON.stringify(input);

const secretRef = z
  .string()
  .regex(SECRET_REF, {
    error: (issue) =>
      `${quoted(issue.input)} is not a Secret Manager reference: use NAME or NAME:VERSION, where VERSION is "latest" or a number`,
  })
  .transform((ref) => {
    const [, secret = '', version = 'latest'] = SECRET_REF.exec(ref) ?? [];
    return { secret, version };
  });

const count = (what: string) =>
  z
    .string()
    .regex(COUNT, { error: (issue) => `${quoted(issue.input)} is not a whole number of ${what}` })
    .transform(Number);

const RequestSchema = z
  .object({
    help: z.boolean(),
    dryRun: z.boolean(),
    project: z
      .string({ error: 'missing; pass --project ID or set GOOGLE_CLOUD_PROJECT (or CLOUDSDK_CORE_PROJECT)' })
      .regex(PROJECT_ID, {
        error: (issue) =>
          `${quoted(issue.input)} is not a project ID (lowercase letters, digits and hyphens, starting with a letter)`,
      }),
    region: z
      .string({ error: 'missing; pass --region REGION or set FUNCTION_REGION (or CLOUDSDK_FUNCTIONS_REGION)' })
      .regex(REGION, {
        error: (issue) => `${quoted(issue.input)} is not a region name (lowercase letters, digits and hyphens, like europe-west1)`,
      })
      .superRefine((region, ctx) => {
        const problem = regionProblem(region);
        if (problem) ctx.addIssue({ code: 'custom', message: problem });
      }),
    runtime: z.string(),
    agent: z.boolean(),
    noReddit: z.boolean(),
    moderation: z.boolean(),
    name: z.string().regex(FUNCTION_NAME, {
      error: (issue) =>
        `${quoted(issue.input)} is not a function name (lowercase letters, digits and hyphens, starting with a letter, at most 63)`,
    }),
    envFile: z.object({ path: z.string().min(1, { error: 'the file name is empty' }), explicit: z.boolean() }),
    redditSecret: secretRef.optional(),
    passwordSecret: secretRef.optional(),
    headerSecret: secretRef.optional(),
    redisSecret: secretRef.optional(),
    concurrency: count('requests')
      .refine((n) => n >= 1 && n <= 1000, { error: 'must be between 1 and 1000' }),
    cpu: z
      .string()
      .regex(CPU, { error: (issue) => `${quoted(issue.input)} is not a number of vCPUs like 1, 2 or 0.5` })
      .optional(),
    network: z.string().regex(VPC_NAME, { error: (issue) => `${quoted(issue.input)} is not a VPC network name` }).optional(),
    subnet: z.string().regex(VPC_NAME, { error: (issue) => `${quoted(issue.input)} is not a subnet name` }).optional(),
    vpcConnector: z
      .string()
      .regex(VPC_NAME, { error: (issue) => `${quoted(issue.input)} is not a VPC connector name` })
      .optional(),
    maxInstances: count('instances')
      .refine((n) => n >= 1, { error: 'must be at least 1' })
      .optional(),
    minInstances: count('instances').optional(),
    memory: z.string().regex(MEMORY, { error: (issue) => `${quoted(issue.input)} is not a size like 256Mi, 512Mi or 1Gi` }),
    timeout: z.string().regex(TIMEOUT, { error: (issue) => `${quoted(issue.input)} is not a duration like 10s or 1m` }),
  })
  .refine((r) => r.minInstances === undefined || r.maxInstances === undefined || r.minInstances <= r.maxInstances, {
    path: ['minInstances'],
    error: 'must not be more than --max-instances',
  })
  .refine((r) => r.vpcConnector === undefined || (r.network === undefined && r.subnet === undefined), {
    path: ['vpcConnector'],
    error: 'use either Direct VPC egress (--network/--subnet) or a connector, not both',
  })
  .superRefine((r, ctx) => {
    for (const problem of resourceProblems({ concurrency: r.concurrency, cpu: r.cpu, memory: r.memory })) {
      ctx.addIssue({ code: 'custom', path: [problem.flag], message: problem.message });
    }
  });

export type DeployRequest = z.output<typeof RequestSchema>;
export type SecretRef = NonNullable<DeployRequest['redditSecret']>;
type Env = Readonly<Record<string, string | undefined>>;

/** `--help` wins over everything else, so it works before any other flag is right. */
export function wantsHelp(argv: readonly string[]): boolean {
  const { tokens } = parseArgs({ args: [...argv], options: OPTIONS, strict: false, allowPositionals: true, tokens: true });
  return tokens.some((token) => token.kind === 'option' && (token.name === 'help' || token.name === 'h'));
}

const nonEmpty = (value: string | undefined) => (value === undefined || value === '' ? undefined : value);

/** Where each value came from, so a message can name the flag or the variable the user actually set. */
function firstOf(what: string, sources: ReadonlyArray<[label: string, value: string | undefined]>) {
  for (const [label, value] of sources) {
    if (nonEmpty(value) !== undefined) return { label, value };
  }
  return { label: what, value: undefined };
}

/**
 * Flags and environment → validated request. Throws DeployInputError listing
 * every problem at once, each prefixed with the flag or variable at fault.
 */
export function parseDeployArgs(argv: readonly string[], env: Env, today: Date = new Date()): DeployRequest {
  let values;
  try {
    ({ values } = parseArgs({ args: [...argv], options: OPTIONS, strict: true, allowPositionals: false }));
  } catch (error) {
    const hint = env.npm_lifecycle_event ? '\n(with npm, put the flags after "--": npm run deploy -- --dry-run ...)' : '';
    throw new DeployInputError([`${(error as Error).message}${hint}\n\n${USAGE}`]);
  }

  const project = firstOf('project', [
    ['--project', values.project],
    ['GOOGLE_CLOUD_PROJECT', env.GOOGLE_CLOUD_PROJECT],
    ['CLOUDSDK_CORE_PROJECT', env.CLOUDSDK_CORE_PROJECT],
  ]);
  const region = firstOf('region', [
    ['--region', values.region],
    ['FUNCTION_REGION', env.FUNCTION_REGION],
    ['CLOUDSDK_FUNCTIONS_REGION', env.CLOUDSDK_FUNCTIONS_REGION],
  ]);
  const labels: Record<string, string> = {
    project: project.label,
    region: region.label,
    name: '--name',
    envFile: '--env-vars-file',
    redditSecret: '--reddit-secret',
    passwordSecret: '--password-secret',
    headerSecret: '--header-secret',
    redisSecret: '--redis-secret',
    runtime: '--runtime',
    agent: '--agent',
    noReddit: '--no-reddit',
    moderation: '--no-moderation',
    concurrency: '--concurrency',
    cpu: '--cpu',
    network: '--network',
    subnet: '--subnet',
    vpcConnector: '--vpc-connector',
    maxInstances: '--max-instances',
    minInstances: '--min-instances',
    memory: '--memory',
    timeout: '--timeout',
  };

  if (values.agent && values['no-agent']) throw new DeployInputError(['--agent and --no-agent: pick one']);
  const concurrency = values.concurrency ?? String(DEFAULTS.concurrency);
  const single = concurrency === '1';
  const parsed = RequestSchema.safeParse({
    help: values.help ?? false,
    dryRun: values['dry-run'] ?? false,
    project: project.value,
    region: region.value,
    name: values.name ?? DEFAULTS.name,
    envFile: { path: values['env-vars-file'] ?? DEFAULTS.envFile, explicit: values['env-vars-file'] !== undefined },
    redditSecret: values['reddit-secret'],
    passwordSecret: values['password-secret'],
    headerSecret: values['header-secret'],
    redisSecret: values['redis-secret'],
    runtime: values.runtime ?? DEFAULTS.runtime,
    agent: !values['no-agent'],
    noReddit: values['no-reddit'] ?? false,
    moderation: !values['no-moderation'],
    concurrency,
    cpu: values.cpu ?? (single ? undefined : DEFAULTS.cpu),
    network: values.network,
    subnet: values.subnet,
    vpcConnector: values['vpc-connector'],
    maxInstances: values['max-instances'],
    minInstances: values['min-instances'],
    memory: values.memory ?? (single ? DEFAULTS.memorySingle : DEFAULTS.memory),
    timeout: values.timeout ?? DEFAULTS.timeout,
  });
  const runtime = checkRuntime(values.runtime ?? DEFAULTS.runtime, today);
  if (parsed.success && runtime.ok) return parsed.data;

  const problems = parsed.success
    ? []
    : parsed.error.issues.map((issue) => {
        const field = String(issue.path[0] ?? '');
        return `${labels[field] ?? field}: ${issue.message}`;
      });
  if (!runtime.ok) problems.push(`--runtime: ${runtime.problem}`);
  // `npm run deploy --project x` (without `--`) hands the flag to npm, not to us.
  if (!project.value && env.npm_config_project) problems.push('hint: with npm, put the flags after "--": npm run deploy -- --project ID');
  if (!region.value && env.npm_config_region) problems.push('hint: with npm, put the flags after "--": npm run deploy -- --region REGION');
  throw new DeployInputError(problems);
}

const renderSecret = ({ secret, version }: SecretRef) => `${secret}:${version}`;

/**
 * The argv for `gcloud` (without the program name). envFilePath is the YAML
 * file of plain variables, already checked, or undefined when there is none.
 */
export function buildGcloudArgs(request: DeployRequest, envFilePath: string | undefined): string[] {
  const args = [
    'functions',
    'deploy',
    request.name,
    '--gen2',
    `--runtime=${request.runtime}`,
    `--project=${request.project}`,
    `--region=${request.region}`,
    '--source=.',
    `--entry-point=${DEFAULTS.entryPoint}`,
    '--trigger-http',
    // Dialogflow ES calls the URL without Google credentials; the webhook's own
    // Basic auth (WEBHOOK_USERNAME/WEBHOOK_PASSWORD) is what protects it.
    '--allow-unauthenticated',
    `--memory=${request.memory}`,
    ...(request.cpu !== undefined ? [`--cpu=${request.cpu}`] : []),
    `--concurrency=${request.concurrency}`,
    `--timeout=${request.timeout}`,
  ];
  if (request.vpcConnector !== undefined) args.push(`--vpc-connector=${request.vpcConnector}`);
  if (request.maxInstances !== undefined) args.push(`--max-instances=${request.maxInstances}`);
  if (request.minInstances !== undefined) args.push(`--min-instances=${request.minInstances}`);
  if (envFilePath !== undefined) args.push(`--env-vars-file=${envFilePath}`);
  const secrets = [
    request.redditSecret && `${SECRET_VARIABLES.reddit}=${renderSecret(request.redditSecret)}`,
    request.passwordSecret && `${SECRET_VARIABLES.password}=${renderSecret(request.passwordSecret)}`,
    request.headerSecret && `${SECRET_VARIABLES.header}=${renderSecret(request.headerSecret)}`,
    request.redisSecret && `${SECRET_VARIABLES.redis}=${renderSecret(request.redisSecret)}`,
  ].filter((s): s is string => Boolean(s));
  if (secrets.length > 0) args.push(`--set-secrets=${secrets.join(',')}`);
  return args;
}

/**
 * `gcloud functions deploy` has no Direct VPC egress flags; the function's
 * Cloud Run service takes them. Undefined when no --network/--subnet is given.
 */
export function buildVpcArgs(request: DeployRequest): string[] | undefined {
  if (request.network === undefined && request.subnet === undefined) return undefined;
  return [
    'run',
    'services',
    'update',
    request.name,
    `--project=${request.project}`,
    `--region=${request.region}`,
    ...(request.network !== undefined ? [`--network=${request.network}`] : []),
    ...(request.subnet !== undefined ? [`--subnet=${request.subnet}`] : []),
    // Only private addresses (Memorystore) go through the VPC; Reddit stays on the default route.
    '--vpc-egress=private-ranges-only',
  ];
}


/** Enables the moderation API before the function needs it; undefined with --no-moderation. */
export function buildEnableModerationArgs(request: DeployRequest): string[] | undefined {
  if (!request.moderation) return undefined;
  return ['services', 'enable', MODERATION_ENV.api, `--project=${request.project}`];
}

/** The URL of the deployed function, printed alone on stdout. */
export function buildDescribeArgs(request: DeployRequest): string[] {
  return [
    'functions',
    'describe',
    request.name,
    '--gen2',
    `--project=${request.project}`,
    `--region=${request.region}`,
    '--format=value(url)',
  ];
}

/** The Basic auth password, read from the same secret version the function gets. */
export function buildSecretAccessArgs(request: DeployRequest): string[] | undefined {
  const ref = request.passwordSecret;
  if (!ref) return undefined;
  const cross = /^projects\/([^/]+)\/secrets\/(.+)$/.exec(ref.secret);
  return [
    'secrets',
    'versions',
    'access',
    ref.version,
    `--secret=${cross ? cross[2]! : ref.secret}`,
    `--project=${cross ? cross[1]! : request.project}`,
  ];
}

/** Advice that does not stop a deploy but that the user should see. */
export function deployWarnings(request: DeployRequest, today: Date = new Date()): string[] {
  const warnings: string[] = [];
  const runtime = checkRuntime(request.runtime, today);
  if (runtime.ok && runtime.warning) warnings.push(runtime.warning);
  if (!TYPICAL_PROJECT_ID.test(request.project)) {
    warnings.push(`project ${quoted(request.project)} does not look like a project ID (6-30 characters); gcloud will check it`);
  }
  if (request.redisSecret && !request.network && !request.subnet && !request.vpcConnector) {
    warnings.push('--redis-secret without --network/--subnet or --vpc-connector: Memorystore is only reachable through a VPC');
  }
  if (!request.passwordSecret) {
    warnings.push(
      'no --password-secret: the function is public (--allow-unauthenticated) and will answer anyone without Basic auth',
    );
  }
  return warnings;
}

const SAFE_WORD = /^[A-Za-z0-9_@%+=:,./-]+$/;

/** POSIX shell quoting: bare when safe, else single quotes (a ' becomes '\''). */
export function shellQuote(arg: string): string {
  if (SAFE_WORD.test(arg)) return arg;
  return `'${arg.replace(/'/g, `'\\''`)}'`;
}

/** A command line a user can paste into a POSIX shell to run exactly this argv. */
export function formatCommand(argv: readonly string[]): string {
  return argv.map(shellQuote).join(' ');
}
