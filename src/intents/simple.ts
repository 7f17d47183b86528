import { languageFor } from '../languages';
import { byeSpeech, fallbackSpeech, kindChips, welcomeSpeech } from '../speech/phrases';
import { clearFollowup } from './followup';
import type { IntentHandler } from './context';

export const welcome: IntentHandler = ({ turn }) => {
  const lang = languageFor(turn.languageCode);
  return { speech: welcomeSpeech(lang), chips: kindChips(lang), contexts: [] };
};

export const fallback: IntentHandler = ({ turn }) => {
  const lang = languageFor(turn.languageCode);
  return { speech: fallbackSpeech(lang), chips: kindChips(lang), contexts: [] };
};

export const bye: IntentHandler = ({ turn }) => ({ speech: byeSpeech(languageFor(turn.languageCode)), chips: [], contexts: [clearFollowup()] });
