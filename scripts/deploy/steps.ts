/**
 * `npm run deploy` as a sequence of steps, each printed with its outcome:
 * check Dialogflow access, deploy the function, read its URL, restore the
 * agent, set fulfillment, smoke-test. Every side effect goes through `deps`,
 * so test/deploy-steps.test.ts runs the real sequence against a fake gcloud
 * and a local fake of the Dialogflow API.
 */
import { followUpPrompt } from '../../src/catalog';
import { zipAgent } from '../agent/zip';
import { agentSettings, withWebhookUrl } from './agent-zip';
import type { DialogflowApi, SmokeAnswer } from './dialogflow';
import { DeployStepError, explainDialogflowError } from './errors';
import {
  buildDescribeArgs,
  buildEnableModerationArgs,
  buildGcloudArgs,
  buildSecretAccessArgs,
  buildVpcArgs,
  DEFAULTS,
  type DeployRequest,
  formatCommand,
  type SecretRef,
} from './plan';

export const EXIT_FAILED_STEP = 2;
export const EXIT_SMOKE_FAILED = 1;

export interface DeployPlan {
  readonly request: DeployRequest;
  /** The checked env file passed to gcloud, if any, and what it sets. */
  readonly envFile: string | undefined;
  readonly envVars: Readonly<Record<string, string>>;
}

export interface GcloudResult {
  readonly code: number;
  readonly stdout: string;
}

export interface StepDeps {
  /** Runs gcloud; with capture its stdout is returned instead of shown. */
  gcloud(args: readonly string[], capture: boolean): Promise<GcloudResult>;
  dialogflow(project: string): DialogflowApi;
  /** The committed agent/ folder. */
  agentFiles(): Promise<ReadonlyMap<string, string>>;
  /** Stores the ZIP (build/agent.zip) and returns where. */
  saveZip(zip: Uint8Array): Promise<string>;
  newSessionId(): string;
  out(line: string): void;
}

const MASK = '********';
const SMOKE_LANGUAGE = 'en';

/** gen2 functions get this URL; the real one is read back after the deploy. */
export function expectedUrl(request: DeployRequest): string {
  return `https://${request.region}-${request.project}.cloudfunctions.net/${request.name}`;
}

const renderRef = (ref: SecretRef) => `${ref.secret}:${ref.version}`;

function fulfillmentSummary(plan: DeployPlan, url: string): string {
  const { request, envVars } = plan;
  const parts = [`URL ${url}`];
  const username = envVars.WEBHOOK_USERNAME;
  if (username && request.passwordSecret) {
    parts.push(`Basic auth ${username}:${MASK} (password from secret ${renderRef(request.passwordSecret)})`);
  } else {
    parts.push('no Basic auth');
  }
  const header = envVars.WEBHOOK_HEADER_NAME;
  if (header && request.headerSecret) parts.push(`header ${header}: ${MASK} (from secret ${renderRef(request.headerSecret)})`);
  parts.push('enabled');
  return parts.join(', ');
}

/** The whole plan, as --dry-run prints it: nothing is called, the password is masked. */
export function formatPlan(plan: DeployPlan): string[] {
  const { request } = plan;
  const url = expectedUrl(request);
  const lines = [
    `plan for project ${request.project}, region ${request.region}:`,
    `   posts: ${postsSummary(plan)}`,
    `   moderation: ${moderationSummary(plan)}`,
  ];
  let n = 0;
  const step = (text: string) => lines.push(`${++n}. ${text}`);
  if (request.agent) step(`check access to the Dialogflow ES agent of projects/${request.project} (Application Default Credentials)`);
  const enable = enableModerationPlan(request);
  if (enable) step(enable);
  step(`deploy the function:\n   ${formatCommand(['gcloud', ...buildGcloudArgs(request, plan.envFile)])}`);
  const vpc = buildVpcArgs(request);
  if (vpc) step(`Direct VPC egress on its Cloud Run service:\n   ${formatCommand(['gcloud', ...vpc])}`);
  step(`read its URL (expected ${url}):\n   ${formatCommand(['gcloud', ...buildDescribeArgs(request)])}`);
  if (!request.agent) {
    lines.push('(--no-agent: the Dialogflow agent is left as it is)');
    return lines;
  }
  step(
    `restore build/agent.zip (agent/ with the webhook URL, no password) into projects/${request.project}/agent, ` +
      `creating the agent first if there is none`,
  );
  const secretArgs = [request.passwordSecret, request.headerSecret]
    .filter((ref): ref is SecretRef => ref !== undefined)
    .map((ref) => formatCommand(['gcloud', ...buildSecretAccessArgs({ ...request, passwordSecret: ref })!]));
  step(`set fulfillment: ${fulfillmentSummary(plan, url)}${secretArgs.map((line) => `\n   ${line}`).join('')}`);
  step(`smoke test: "${DEFAULTS.smokeQuery}" in a fresh session must be answered by the webhook`);
  return lines;
}

/** Where the deployed bot's posts will come from. */
export function postsSummary(plan: DeployPlan): string {
  const file = plan.envVars.POSTS_FILE ? `POSTS_FILE ${plan.envVars.POSTS_FILE} (uploaded with the function)` : undefined;
  if (plan.request.noReddit) return `--no-reddit: Reddit is not called; ${file ? `${file} and ` : ''}the built-in collection`;
  const app = plan.request.redditSecret ? 'a script or web app (client credentials)' : plan.envVars.REDDIT_CLIENT_ID ? 'an installed app' : 'anonymously';
  return `Reddit, as ${app}${file ? `, merged with ${file}` : ''}`;
}

/** Who judges the posts the deployed bot tells. */
export function moderationSummary(plan: DeployPlan): string {
  if (!plan.request.moderation) return '--no-moderation: the local content filter judges every post';
  return `MODERATION=google (Cloud Natural Language moderateText; the local filter at strict when it fails), through ${plan.envFile ?? ''}`;
}

/** The plan's step that enables the moderation API; undefined with --no-moderation. */
export function enableModerationPlan(request: DeployRequest): string | undefined {
  const args = buildEnableModerationArgs(request);
  return args && `enable the Cloud Natural Language API (moderation):\n   ${formatCommand(['gcloud', ...args])}`;
}

/**
 * Enables the moderation API before the function is deployed, so its first posts are judged by the
 * model rather than by the fallback. 0 when there is nothing to do (--no-moderation).
 */
export async function enableModeration(
  request: DeployRequest,
  deps: Pick<StepDeps, 'gcloud' | 'out'>,
  begin: (text: string) => void,
): Promise<number> {
  const args = buildEnableModerationArgs(request);
  if (!args) return 0;
  begin('enable the Cloud Natural Language API (moderation)');
  deps.out(formatCommand(['gcloud', ...args]));
  const enabled = await deps.gcloud(args, false);
  if (enabled.code !== 0) {
    deps.out(`    failed: gcloud exited with ${enabled.code} (deploy with --no-moderation to go without it)`);
    return enabled.code;
  }
  deps.out(`    ok: ${args[2] ?? ''} enabled`);
  return 0;
}

/**
 * Every collection answer says so ("... so here's one from my own collection:",
 * src/languages/en.ts offlineSame/offlineOther); a post (Reddit's or POSTS_FILE's) never does.
 */
const COLLECTION_MARK = /from my own collection/;

/** Where the smoke answer came from, for its "ok" line. */
export function smokeSource(answer: SmokeAnswer, plan: DeployPlan): string {
  if (COLLECTION_MARK.test(answer.text)) {
    return plan.request.noReddit
      ? 'from the built-in collection'
      : 'from the built-in collection, not from Reddit: run `npm run reddit:check` with the same settings to see why (docs/deploy.md#troubleshooting)';
  }
  return plan.request.noReddit ? 'from POSTS_FILE' : 'from Reddit';
}

/** Did our webhook answer? undefined when it did, else what to tell the user. */
export function smokeProblem(answer: SmokeAnswer): string | undefined {
  if (!answer.webhookStatus) {
    return `Dialogflow answered without calling the webhook (intent "${answer.intent || 'none'}", said "${answer.text}")`;
  }
  if (answer.webhookStatus.code !== 0) {
    return `webhook call failed: ${answer.webhookStatus.message || `status ${answer.webhookStatus.code}`}`;
  }
  if (!answer.text.includes(followUpPrompt())) {
    return `the answer is not in our webhook's format (intent "${answer.intent}", said "${answer.text}")`;
  }
  return undefined;
}

async function captureGcloud(deps: StepDeps, args: readonly string[], what: string): Promise<string> {
  const result = await deps.gcloud(args, true);
  if (result.code !== 0) throw new DeployStepError(`could not ${what} (gcloud exited with ${result.code})`);
  return result.stdout;
}

async function readSecret(deps: StepDeps, request: DeployRequest, ref: SecretRef, what: string): Promise<string> {
  const args = buildSecretAccessArgs({ ...request, passwordSecret: ref });
  return captureGcloud(deps, args!, `read ${what} from secret ${renderRef(ref)}`);
}

/** Runs the plan; returns the exit code. */
export async function runSteps(plan: DeployPlan, deps: StepDeps): Promise<number> {
  const { request } = plan;
  let n = 0;
  const begin = (text: string) => deps.out(`[${++n}] ${text}`);
  const ok = (text: string) => deps.out(`    ok: ${text}`);
  const dialogflowStep = async <T>(what: string, call: () => Promise<T>): Promise<T> => {
    try {
      return await call();
    } catch (error) {
      throw explainDialogflowError(error, request.project, what);
    }
  };

  try {
    const api = request.agent ? deps.dialogflow(request.project) : undefined;
    let existing: string | undefined;
    if (api) {
      begin(`check access to the Dialogflow ES agent of projects/${request.project}`);
      await dialogflowStep('load your credentials', () => api.checkCredentials());
      existing = await dialogflowStep('read the agent', () => api.getAgent());
      ok(existing === undefined ? 'no agent yet; it will be created' : `agent "${existing}" found; it will be replaced`);
    }

    const enabled = await enableModeration(request, deps, begin);
    if (enabled !== 0) return enabled;

    begin('deploy the function');
    const deployArgs = buildGcloudArgs(request, plan.envFile);
    deps.out(formatCommand(['gcloud', ...deployArgs]));
    const deployed = await deps.gcloud(deployArgs, false);
    if (deployed.code !== 0) {
      deps.out(`    failed: gcloud exited with ${deployed.code}`);
      return deployed.code;
    }
    ok(`function ${request.name} deployed (${request.runtime})`);

    const vpc = buildVpcArgs(request);
    if (vpc) {
      begin('Direct VPC egress');
      deps.out(formatCommand(['gcloud', ...vpc]));
      const updated = await deps.gcloud(vpc, false);
      if (updated.code !== 0) {
        deps.out(`    failed: gcloud exited with ${updated.code}`);
        return updated.code;
      }
      ok('network set');
    }

    begin('read the function URL');
    const url = (await captureGcloud(deps, buildDescribeArgs(request), 'read the function URL')).trim();
    if (!/^https?:\/\/\S+$/.test(url)) throw new DeployStepError(`gcloud printed no function URL (got ${JSON.stringify(url)})`);
    ok(url);
    if (!api) return 0;

    const username = plan.envVars.WEBHOOK_USERNAME;
    const password =
      request.passwordSecret && username ? await readSecret(deps, request, request.passwordSecret, 'the Basic auth password') : undefined;
    const headerName = plan.envVars.WEBHOOK_HEADER_NAME;
    const headerValue =
      request.headerSecret && headerName ? await readSecret(deps, request, request.headerSecret, 'the header secret') : undefined;

    const files = await deps.agentFiles();
    if (existing === undefined) {
      begin('create the Dialogflow ES agent');
      const settings = agentSettings(files);
      await dialogflowStep('create the agent', () => api.setAgent(settings));
      ok(`agent "${settings.displayName}" (${settings.defaultLanguageCode}, ${settings.timeZone})`);
    }

    begin('restore the agent');
    const zip = zipAgent(withWebhookUrl(files, url));
    const zipPath = await deps.saveZip(zip);
    await dialogflowStep('restore the agent', () => api.restoreAgent(zip));
    ok(`restored from ${zipPath} (${zip.length} bytes)`);

    begin('set fulfillment');
    await dialogflowStep('set fulfillment', () =>
      api.updateFulfillment({
        url,
        ...(password !== undefined && { username, password }),
        ...(headerValue !== undefined && headerName && { headers: { [headerName]: headerValue } }),
      }),
    );
    ok(fulfillmentSummary(plan, url));

    begin(`smoke test: "${DEFAULTS.smokeQuery}"`);
    const answer = await dialogflowStep('run the smoke test', () =>
      api.detectIntent(deps.newSessionId(), DEFAULTS.smokeQuery, SMOKE_LANGUAGE),
    );
    const problem = smokeProblem(answer);
    if (problem) {
      deps.out(`    failed: ${problem}`);
      return EXIT_SMOKE_FAILED;
    }
    ok(`the webhook answered ${smokeSource(answer, plan)}: ${answer.text.replace(/\s+/g, ' ')}`);
    deps.out(`live: ${url}`);
    return 0;
  } catch (error) {
    if (error instanceof DeployStepError) {
      deps.out(`    failed: ${error.message}`);
      return EXIT_FAILED_STEP;
    }
    throw error;
  }
}
