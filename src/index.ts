import { http } from '@google-cloud/functions-framework';
import { createApp } from './app';
import { preloadResponseLibrary } from './dialogflow/response';
import { installFrontDoor } from './http/front-door';
import { installJsonErrorHandling } from './http/parser-errors';

installJsonErrorHandling();
installFrontDoor();
// Config is parsed here, at start-up: a bad variable stops the instance with a message naming it.
http('webhook', createApp());
// Warm the response library once the server is up, so the first user does not wait for it.
setImmediate(preloadResponseLibrary).unref();
