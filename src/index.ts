import { http } from '@google-cloud/functions-framework';
import { createApp } from './app';
import { preloadResponseLibrary } from './dialogflow/response';
import { installFrontDoor } from './http/front-door';
import { installJsonErrorHandling } from './http/parser-errors';

installJsonErrorHandling();
installFrontDoor();
// Config is parsed here, at start-up: a bad variable stops the instance with a message naming it.
// Warm-up fills the Reddit cache in the background, so the first users do not wait for Reddit.
http('webhook', createApp({ warmUp: true }));
// Warm the response library once the server is up, so the first user does not wait for it.
setImmediate(preloadResponseLibrary).unref();
