import { http } from '@google-cloud/functions-framework';
import { createApp } from './app';
import { configWarnings } from './config';
import { preloadResponseLibrary } from './dialogflow/response';
import { installFrontDoor } from './http/front-door';
import { installJsonErrorHandling } from './http/parser-errors';
import { installGracefulShutdown } from './http/shutdown';
import { jsonLogger } from './log';
import { loadConfigOrExit } from './startup';

// The front door checks and reads requests before functions-framework's own parsers; the
// express patch keeps parse errors JSON should a framework update leave the front door out.
installJsonErrorHandling();
installFrontDoor();
// Config is parsed here, at start-up: a bad variable stops the instance with one line per problem.
const config = loadConfigOrExit();
const log = jsonLogger(config.logLevel);
for (const warning of configWarnings(config)) log.warn({ event: 'config' }, warning);
// On SIGTERM, requests in flight finish before the framework exits.
installGracefulShutdown({ log });
// Warm-up fills the Reddit cache in the background after the first answer, so the next users do not wait for Reddit.
http('webhook', createApp({ config, log, warmUp: true }));
// Warm the response library once the server is up, so the first user does not wait for it.
setImmediate(preloadResponseLibrary).unref();
