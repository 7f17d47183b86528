import { byeSpeech, fallbackSpeech, kindChips, welcomeSpeech } from '../speech/phrases';
import { clearFollowup } from './followup';
import type { IntentHandler } from './context';

export const welcome: IntentHandler = () => ({ speech: welcomeSpeech(), chips: kindChips(), contexts: [] });

export const fallback: IntentHandler = () => ({ speech: fallbackSpeech(), chips: kindChips(), contexts: [] });

export const bye: IntentHandler = () => ({ speech: byeSpeech(), chips: [], contexts: [clearFollowup()] });
