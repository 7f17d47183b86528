/**
 * Turns what the Dialogflow client library throws into one line a user can act
 * on: the command to run or the role to grant. Everything here ends the deploy
 * with exit code 2 (scripts/deploy.ts); an error we do not recognise keeps
 * Dialogflow's own message.
 */
import { GoogleError } from 'google-gax';

export class DeployStepError extends Error {
  override name = 'DeployStepError';
}

/** The role that allows restore, setAgent and updateFulfillment (detectIntent needs less). */
export const DIALOGFLOW_ROLE = 'roles/dialogflow.admin';

export interface GaxLikeError {
  code?: number | string;
  message?: string;
  details?: unknown;
  reason?: string;
  errorInfoMetadata?: Record<string, string>;
}

const PERMISSION_DENIED = 7;
const UNAUTHENTICATED = 16;
const INVALID_ARGUMENT = 3;
const FAILED_PRECONDITION = 9;

/** Dialogflow's own words, without the "7 PERMISSION_DENIED: " prefix the library adds. */
function apiMessage(error: GaxLikeError): string {
  const text = (typeof error.details === 'string' && error.details) || error.message || JSON.stringify(error);
  return text.replace(/^\d+ [A-Z_]+: /, '');
}

/**
 * The REST transport's HTTP layer (gaxios) throws for a non-2xx answer before
 * google-gax can decode it; the message is then Google's JSON error body.
 * Decode it the way google-gax would, so both paths look the same here.
 */
export function decodeApiError(error: unknown): GaxLikeError {
  const e = (typeof error === 'object' && error !== null ? error : { message: String(error) }) as GaxLikeError;
  if (typeof e.message === 'string' && e.message.trimStart().startsWith('{')) {
    try {
      const body = JSON.parse(e.message) as { error?: unknown };
      if (body.error) return GoogleError.parseHttpError(body);
    } catch {
      // not JSON after all: keep the error as it is
    }
  }
  return e;
}

/** The project number of the Google Cloud SDK's own OAuth client. */
const GCLOUD_PROJECT_NUMBER = '764086051850';

function usesGcloudsOwnProject(e: GaxLikeError, message: string): boolean {
  return (
    /requires a quota project/i.test(message) ||
    e.errorInfoMetadata?.consumer === `projects/${GCLOUD_PROJECT_NUMBER}` ||
    message.includes(`project ${GCLOUD_PROJECT_NUMBER}`)
  );
}

/** `what` names the step ("restore the agent"), for the messages that need it. */
export function explainDialogflowError(error: unknown, project: string, what: string): DeployStepError {
  const e = decodeApiError(error);
  const message = apiMessage(e);
  if (/Could not load the default credentials|Unable to detect a Project Id/i.test(message)) {
    return new DeployStepError(
      `no Application Default Credentials for the Dialogflow API. Run:\n  gcloud auth application-default login\n` +
        `(or set GOOGLE_APPLICATION_CREDENTIALS to a service account key file), then deploy again.`,
    );
  }
  if (e.code === UNAUTHENTICATED) {
    return new DeployStepError(
      `the Application Default Credentials were refused (${message}). Log in again:\n  gcloud auth application-default login`,
    );
  }
  if (e.code === PERMISSION_DENIED && usesGcloudsOwnProject(e, message)) {
    // User credentials from `gcloud auth application-default login` without a quota
    // project are billed to gcloud's own project, where the API is of course off.
    return new DeployStepError(
      `your Application Default Credentials have no quota project, so Google bills the calls to gcloud's own ` +
        `project instead of ${project}. Set it:\n  gcloud auth application-default set-quota-project ${project}\n` +
        `then deploy again.`,
    );
  }
  if (e.code === PERMISSION_DENIED && (e.reason === 'SERVICE_DISABLED' || /has not been used in project|is disabled/i.test(message))) {
    return new DeployStepError(
      `the Dialogflow API is not enabled in project ${project}. Enable it:\n` +
        `  gcloud services enable dialogflow.googleapis.com --project ${project}\n` +
        `then wait a minute and deploy again.`,
    );
  }
  if (e.code === PERMISSION_DENIED) {
    const permission = e.errorInfoMetadata?.permission;
    return new DeployStepError(
      `permission denied to ${what}${permission ? ` (${permission})` : ''}: the account of your Application Default ` +
        `Credentials needs the role ${DIALOGFLOW_ROLE} ("Dialogflow API Admin") on project ${project}:\n` +
        `  gcloud projects add-iam-policy-binding ${project} --member=user:YOU@example.com --role=${DIALOGFLOW_ROLE}\n` +
        `Dialogflow said: ${message}`,
    );
  }
  if (what === 'restore the agent' && (e.code === INVALID_ARGUMENT || e.code === FAILED_PRECONDITION || e.code === undefined)) {
    return new DeployStepError(`Dialogflow rejected the agent restore: ${message}`);
  }
  return new DeployStepError(`could not ${what}: ${message}`);
}
