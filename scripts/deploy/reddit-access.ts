/**
 * Does this deploy have a way to tell posts? Since 2026-05-29 Reddit serves its
 * JSON only to approved API apps, so a function deployed without credentials
 * never tells a post from Reddit. `npm run deploy` refuses that unless the user
 * says so with --no-reddit (answers from POSTS_FILE and the built-in collection).
 */
import { isAbsolute, normalize } from 'node:path';
import { isRedditHost, REDDIT_ACCESS_DOCS } from '../../src/reddit/access';
import type { DeployRequest } from './plan';

export interface RedditDeployCheck {
  problems: string[];
  warnings: string[];
}

/** The refusal: what is missing and the two ways out. */
export const NO_CREDENTIALS = [
  'no Reddit credentials: Reddit serves its posts only to approved API apps, so this bot would never tell a post from Reddit. Two ways:',
  `  1. credentials: create an app at https://www.reddit.com/prefs/apps and request API access for it (${REDDIT_ACCESS_DOCS}); ` +
    'then put REDDIT_CLIENT_ID and REDDIT_USERNAME in the env file and pass --reddit-secret NAME (the Secret Manager secret holding ' +
    'a script or web app\'s REDDIT_CLIENT_SECRET), or set REDDIT_CLIENT_ID alone for an installed app;',
  '  2. --no-reddit: deploy without Reddit; the bot answers from POSTS_FILE (set it in the env file; the file is uploaded with the function) and its built-in collection.',
].join('\n');

const set = (value: string | undefined) => value !== undefined && value !== '';

/**
 * `uploaded(path)`: would gcloud upload this file (the .gcloudignore allow-list)?
 * The function reads POSTS_FILE from its own copy of the source, so the file must be in it.
 */
export function checkRedditAccess(
  request: Pick<DeployRequest, 'noReddit' | 'redditSecret'>,
  envVars: Readonly<Record<string, string>>,
  uploaded: (path: string) => boolean,
): RedditDeployCheck {
  const problems: string[] = [];
  const warnings: string[] = [];
  const credentials = request.redditSecret !== undefined || set(envVars.REDDIT_CLIENT_ID);
  // A mirror or caching proxy may be read without credentials, as the webhook does.
  const mirror = set(envVars.REDDIT_BASE_URL) && !isRedditHost(envVars.REDDIT_BASE_URL as string);
  if (request.noReddit && credentials) {
    problems.push('--no-reddit: but Reddit credentials are given (--reddit-secret or REDDIT_CLIENT_ID in the env file); drop one or the other');
  } else if (!request.noReddit && !credentials && !mirror) {
    problems.push(NO_CREDENTIALS);
  }
  const postsFile = envVars.POSTS_FILE;
  if (set(postsFile)) {
    const path = normalize(postsFile as string).replace(/\\/g, '/');
    if (isAbsolute(path) || path.startsWith('../')) {
      problems.push(`POSTS_FILE: "${String(postsFile)}" must be a path inside the project (the function reads its own uploaded copy), e.g. posts/posts.json`);
    } else if (!uploaded(path)) {
      problems.push(`POSTS_FILE: "${String(postsFile)}" would not be uploaded (.gcloudignore); put it under posts/, which is uploaded, e.g. posts/posts.json`);
    }
  } else if (request.noReddit) {
    warnings.push('--no-reddit without POSTS_FILE in the env file: every answer comes from the built-in collection (a dozen jokes and facts)');
  }
  return { problems, warnings };
}
