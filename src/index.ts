import { http } from '@google-cloud/functions-framework';
import { createApp } from './app';
import { installJsonErrorHandling } from './http/parser-errors';

installJsonErrorHandling();
// Config is parsed here, at start-up: a bad variable stops the instance with a message naming it.
http('webhook', createApp());
