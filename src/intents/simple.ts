import { byeSpeech, contentChips, fallbackSpeech, kindChips, welcomeSpeech } from '../speech/phrases';
import { clearFollowup, followupAlive } from './followup';
import type { IntentHandler } from './context';

export const welcome: IntentHandler = () => ({ speech: welcomeSpeech(), chips: kindChips(), contexts: [] });

/** While "another one" still works, its chip stays on offer. */
export const fallback: IntentHandler = ({ turn }) => ({
  speech: fallbackSpeech(),
  chips: followupAlive(turn) ? contentChips() : kindChips(),
  contexts: [],
});

export const bye: IntentHandler = () => ({ speech: byeSpeech(), chips: [], contexts: [clearFollowup()] });
