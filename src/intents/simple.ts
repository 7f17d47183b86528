import { languageFor } from '../languages';
import { byeSpeech, contentChips, fallbackSpeech, kindChips, welcomeSpeech } from '../speech/phrases';
import { followupAlive } from './followup';
import type { IntentHandler } from './context';

export const welcome: IntentHandler = ({ turn }) => {
  const lang = languageFor(turn.languageCode);
  return { speech: welcomeSpeech(lang), chips: kindChips(lang) };
};

/** While "another one" still works, its chip stays on offer. */
export const fallback: IntentHandler = ({ turn }) => {
  const lang = languageFor(turn.languageCode);
  return { speech: fallbackSpeech(lang), chips: followupAlive(turn) ? contentChips(lang) : kindChips(lang) };
};

export const bye: IntentHandler = ({ turn }) => ({ speech: byeSpeech(languageFor(turn.languageCode)), chips: [], conversation: null });
