import type { Request, Response } from '@google-cloud/functions-framework';
import { loadConfig, type Config } from './config';
import { createWebhookHandler } from './http/handler';
import { jsonLogger, type Logger } from './log';
import { RedditClient, type PostSource } from './reddit/client';

export interface AppOptions {
  config?: Config;
  posts?: PostSource;
  log?: Logger;
  random?: () => number;
}

/** Wires config, logger and Reddit client into the HTTP function. */
export function createApp(options: AppOptions = {}): (req: Request, res: Response) => Promise<void> {
  const config = options.config ?? loadConfig();
  const log = options.log ?? jsonLogger(config.logLevel);
  const posts = options.posts ?? new RedditClient(config);
  return createWebhookHandler({ config, posts, log, random: options.random });
}
