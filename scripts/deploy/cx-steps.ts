/**
 * `npm run deploy -- --cx`: the ES sequence (steps.ts) for a Dialogflow CX
 * agent. Check access, deploy the function (private with ID-token auth), read
 * its URL, create the agent if there is none, restore agent-cx/ with that URL,
 * let Dialogflow's service agent invoke the function, point the webhook at it
 * with the chosen auth, smoke-test. Every side effect goes through `deps`.
 */
import { followUpPrompt } from '../../src/catalog';
import { CX_DISPLAY_NAME, WEBHOOK_NAME } from '../agent-cx/generate';
import { zipAgent } from '../agent/zip';
import type { CxRequest } from './cx-args';
import type { CxSmokeAnswer, CxWebhookAuth, DialogflowCxApi } from './cx-api';
import { DeployStepError, explainDialogflowError } from './errors';
import { buildDescribeArgs, buildGcloudArgs, buildSecretAccessArgs, buildVpcArgs, DEFAULTS, formatCommand, type DeployRequest } from './plan';
import { enableModeration, enableModerationPlan, EXIT_FAILED_STEP, EXIT_SMOKE_FAILED, expectedUrl, moderationSummary, type DeployPlan, type StepDeps } from './steps';

export interface CxStepDeps extends Pick<StepDeps, 'gcloud' | 'newSessionId' | 'out'> {
  dialogflowCx(project: string, location: string): DialogflowCxApi;
  /** The committed agent-cx/ folder. */
  cxAgentFiles(): Promise<ReadonlyMap<string, string>>;
  /** Stores the ZIP (build/agent-cx.zip) and returns where. */
  saveCxZip(zip: Uint8Array): Promise<string>;
}

const SMOKE_LANGUAGE = 'en';
const WEBHOOK_FILE = `webhooks/${WEBHOOK_NAME}.json`;

/** The Dialogflow service agent of a project (created when the API is first used). */
export function dialogflowServiceAgent(projectNumber: string): string {
  return `service-${projectNumber}@gcp-sa-dialogflow.iam.gserviceaccount.com`;
}

/** The deploy argv; with ID-token auth the function is private: only holders of the Invoker role may call it. */
export function buildCxGcloudArgs(request: DeployRequest, envFile: string | undefined, cx: CxRequest): string[] {
  const args = buildGcloudArgs(request, envFile);
  return cx.auth === 'id-token' ? args.map((arg) => (arg === '--allow-unauthenticated' ? '--no-allow-unauthenticated' : arg)) : args;
}

export function buildProjectNumberArgs(request: DeployRequest): string[] {
  return ['projects', 'describe', request.project, '--format=value(projectNumber)'];
}

/** Grants roles/run.invoker on the function's Cloud Run service to `member`. */
export function buildInvokerArgs(request: DeployRequest, member: string): string[] {
  return ['functions', 'add-invoker-policy-binding', request.name, `--region=${request.region}`, `--project=${request.project}`, `--member=${member}`];
}

/** A copy of agent-cx/ whose webhook points at `url`; authentication is set after the restore, never exported. */
export function withCxWebhookUrl(files: ReadonlyMap<string, string>, url: string): Map<string, string> {
  const text = files.get(WEBHOOK_FILE);
  if (text === undefined) throw new DeployStepError(`agent-cx/${WEBHOOK_FILE} is missing; run npm run agent:build`);
  const webhook = JSON.parse(text) as { genericWebService: Record<string, unknown> };
  const copy = new Map(files);
  copy.set(WEBHOOK_FILE, `${JSON.stringify({ ...webhook, genericWebService: { uri: url } }, null, 2)}\n`);
  return copy;
}

/** The settings createAgent needs, from agent-cx/agent.json and the generator's display name. */
export function cxAgentSettings(files: ReadonlyMap<string, string>) {
  const agent = JSON.parse(files.get('agent.json') ?? '{}') as { defaultLanguageCode?: string; timeZone?: string };
  if (!agent.defaultLanguageCode || !agent.timeZone) throw new DeployStepError('agent-cx/agent.json has no defaultLanguageCode or timeZone; run npm run agent:build');
  return { displayName: CX_DISPLAY_NAME, defaultLanguageCode: agent.defaultLanguageCode, timeZone: agent.timeZone };
}

function authSummary(plan: DeployPlan, cx: CxRequest): string {
  if (cx.auth === 'id-token') return 'service agent ID token (serviceAgentAuth: ID_TOKEN), function private';
  const ref = plan.request.passwordSecret;
  return `Basic auth ${String(plan.envVars.WEBHOOK_USERNAME)}:******** (password from secret ${String(ref?.secret)}:${String(ref?.version)}), function public`;
}

/** Basic auth needs the username (env file) and the password secret, which the function reads too. */
export function cxAuthProblems(plan: DeployPlan, cx: CxRequest): string[] {
  if (cx.auth !== 'basic') return [];
  const problems: string[] = [];
  if (!plan.request.passwordSecret) problems.push('--webhook-auth basic: needs --password-secret (the password the function checks)');
  if (!plan.envVars.WEBHOOK_USERNAME) problems.push('--webhook-auth basic: needs WEBHOOK_USERNAME in the env file');
  return problems;
}

/** The whole CX plan, as --dry-run prints it. */
export function formatCxPlan(plan: DeployPlan, cx: CxRequest): string[] {
  const { request } = plan;
  const where = `projects/${request.project}/locations/${cx.location}`;
  const lines = [
    `plan for project ${request.project}, region ${request.region}, Dialogflow CX agent "${CX_DISPLAY_NAME}" in ${where}:`,
    `   moderation: ${moderationSummary(plan)}`,
  ];
  let n = 0;
  const step = (text: string) => lines.push(`${++n}. ${text}`);
  if (request.agent) step(`check access to the Dialogflow CX agents of ${where} (Application Default Credentials)`);
  const enable = enableModerationPlan(request);
  if (enable) step(enable);
  step(`deploy the function:\n   ${formatCommand(['gcloud', ...buildCxGcloudArgs(request, plan.envFile, cx)])}`);
  const vpc = buildVpcArgs(request);
  if (vpc) step(`Direct VPC egress on its Cloud Run service:\n   ${formatCommand(['gcloud', ...vpc])}`);
  step(`read its URL (expected ${expectedUrl(request)}):\n   ${formatCommand(['gcloud', ...buildDescribeArgs(request)])}`);
  if (!request.agent) {
    lines.push('(--no-agent: the Dialogflow agent is left as it is)');
    return lines;
  }
  step(`create the agent "${CX_DISPLAY_NAME}" if ${where} has none, then restore build/agent-cx.zip (agent-cx/ with the webhook URL) into it`);
  if (cx.auth === 'id-token') {
    step(
      `let the Dialogflow service agent invoke the function (roles/run.invoker):\n` +
        `   ${formatCommand(['gcloud', ...buildProjectNumberArgs(request)])}\n` +
        `   ${formatCommand(['gcloud', ...buildInvokerArgs(request, `serviceAccount:${dialogflowServiceAgent('PROJECT_NUMBER')}`)])}`,
    );
  }
  const secret = cx.auth === 'basic' && buildSecretAccessArgs(request);
  step(`point webhook "${WEBHOOK_NAME}" at ${expectedUrl(request)}: ${authSummary(plan, cx)}${secret ? `\n   ${formatCommand(['gcloud', ...secret])}` : ''}`);
  step(`smoke test: "${DEFAULTS.smokeQuery}" in a fresh session must be answered by the webhook`);
  return lines;
}

/** Did our webhook answer? undefined when it did, else what to tell the user. */
export function cxSmokeProblem(answer: CxSmokeAnswer): string | undefined {
  if (answer.webhookStatuses.length === 0) {
    return `Dialogflow CX answered without calling the webhook (intent "${answer.intent || 'none'}", said "${answer.text}")`;
  }
  const failed = answer.webhookStatuses.find((status) => status.code !== 0);
  if (failed) return `webhook call failed: ${failed.message || `status ${failed.code}`}`;
  if (!answer.text.includes(followUpPrompt())) return `the answer is not in our webhook's format (intent "${answer.intent}", said "${answer.text}")`;
  return undefined;
}

async function capture(deps: CxStepDeps, args: readonly string[], what: string): Promise<string> {
  const result = await deps.gcloud(args, true);
  if (result.code !== 0) throw new DeployStepError(`could not ${what} (gcloud exited with ${result.code})`);
  return result.stdout.trim();
}

async function run(deps: CxStepDeps, args: readonly string[]): Promise<number> {
  deps.out(formatCommand(['gcloud', ...args]));
  const result = await deps.gcloud(args, false);
  if (result.code !== 0) deps.out(`    failed: gcloud exited with ${result.code}`);
  return result.code;
}

/** Runs the CX plan; returns the exit code. */
export async function runCxSteps(plan: DeployPlan, cx: CxRequest, deps: CxStepDeps): Promise<number> {
  const { request } = plan;
  const where = `projects/${request.project}/locations/${cx.location}`;
  let n = 0;
  const begin = (text: string) => deps.out(`[${++n}] ${text}`);
  const ok = (text: string) => deps.out(`    ok: ${text}`);
  const step = async <T>(what: string, call: () => Promise<T>): Promise<T> => {
    try {
      return await call();
    } catch (error) {
      if (error instanceof DeployStepError) throw error;
      throw explainDialogflowError(error, request.project, what);
    }
  };

  try {
    const api = request.agent ? deps.dialogflowCx(request.project, cx.location) : undefined;
    let agent: string | undefined;
    if (api) {
      begin(`check access to the Dialogflow CX agents of ${where}`);
      await step('load your credentials', () => api.checkCredentials());
      agent = await step('list the agents', () => api.findAgent(CX_DISPLAY_NAME));
      ok(agent === undefined ? `no agent "${CX_DISPLAY_NAME}" yet; it will be created` : `agent ${agent} found; it will be replaced`);
    }

    const enabled = await enableModeration(request, deps, begin);
    if (enabled !== 0) return enabled;

    begin('deploy the function');
    const deployed = await run(deps, buildCxGcloudArgs(request, plan.envFile, cx));
    if (deployed !== 0) return deployed;
    ok(`function ${request.name} deployed (${request.runtime}${cx.auth === 'id-token' ? ', private' : ''})`);

    const vpc = buildVpcArgs(request);
    if (vpc) {
      begin('Direct VPC egress');
      const code = await run(deps, vpc);
      if (code !== 0) return code;
      ok('network set');
    }

    begin('read the function URL');
    const url = await capture(deps, buildDescribeArgs(request), 'read the function URL');
    if (!/^https?:\/\/\S+$/.test(url)) throw new DeployStepError(`gcloud printed no function URL (got ${JSON.stringify(url)})`);
    ok(url);
    if (!api) return 0;

    let auth: CxWebhookAuth = { kind: 'id-token' };
    if (cx.auth === 'basic') {
      const password = await capture(deps, buildSecretAccessArgs(request)!, `read the Basic auth password from secret ${request.passwordSecret!.secret}`);
      auth = { kind: 'basic', username: plan.envVars.WEBHOOK_USERNAME!, password };
    }

    const files = await deps.cxAgentFiles();
    if (agent === undefined) {
      begin('create the Dialogflow CX agent');
      const settings = cxAgentSettings(files);
      agent = await step('create the agent', () => api.createAgent(settings));
      ok(`${agent} (${settings.defaultLanguageCode}, ${settings.timeZone})`);
    }
    const target = agent;

    begin('restore the agent');
    const zip = zipAgent(withCxWebhookUrl(files, url));
    const zipPath = await deps.saveCxZip(zip);
    await step('restore the agent', () => api.restoreAgent(target, zip));
    ok(`restored from ${zipPath} (${zip.length} bytes)`);

    if (cx.auth === 'id-token') {
      // After the restore: the service agent exists once the project has used the Dialogflow API.
      begin('let the Dialogflow service agent invoke the function');
      const number = await capture(deps, buildProjectNumberArgs(request), 'read the project number');
      if (!/^\d+$/.test(number)) throw new DeployStepError(`gcloud printed no project number (got ${JSON.stringify(number)})`);
      const member = `serviceAccount:${dialogflowServiceAgent(number)}`;
      const code = await run(deps, buildInvokerArgs(request, member));
      if (code !== 0) return code;
      ok(`${dialogflowServiceAgent(number)} has roles/run.invoker on ${request.name}`);
    }

    begin(`point the webhook "${WEBHOOK_NAME}" at the function`);
    const headerName = plan.envVars.WEBHOOK_HEADER_NAME;
    const headerValue =
      request.headerSecret && headerName
        ? await capture(deps, buildSecretAccessArgs({ ...request, passwordSecret: request.headerSecret })!, 'read the header secret')
        : undefined;
    await step('update the webhook', () =>
      api.updateWebhook(target, WEBHOOK_NAME, { url, auth, ...(headerValue !== undefined && headerName && { headers: { [headerName]: headerValue } }) }),
    );
    ok(`${url}, ${authSummary(plan, cx)}`);

    begin(`smoke test: "${DEFAULTS.smokeQuery}"`);
    const answer = await step('run the smoke test', () => api.detectIntent(target, deps.newSessionId(), DEFAULTS.smokeQuery, SMOKE_LANGUAGE));
    const problem = cxSmokeProblem(answer);
    if (problem) {
      deps.out(`    failed: ${problem}`);
      return EXIT_SMOKE_FAILED;
    }
    ok(`the webhook answered: ${answer.text.replace(/\s+/g, ' ')}`);
    deps.out(`live: ${url} (Dialogflow CX agent ${target})`);
    return 0;
  } catch (error) {
    if (error instanceof DeployStepError) {
      deps.out(`    failed: ${error.message}`);
      return EXIT_FAILED_STEP;
    }
    throw error;
  }
}
