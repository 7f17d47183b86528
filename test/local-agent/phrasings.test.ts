import { join } from 'node:path';
import { CONTEXTS, INTENTS } from '../../src/dialogflow/names';
import { loadAgent, words, type Agent } from '../../scripts/local-agent/agent';
import { matchText } from '../../scripts/local-agent/match';
import { testReport } from '../support/report';

/**
 * Held-back phrasings: how people ask, written without looking at the
 * training phrases, none of them a training phrase itself. Each must reach
 * its intent through the local matcher (with the follow-up context active
 * where the intent needs it); the share matched is reported, the goal is 95%.
 */
type Expected = { intent: string; parameters?: Record<string, string> };

const HELD_BACK: ReadonlyArray<[string, Expected]> = [
  // help
  ['what are you able to help me with', { intent: INTENTS.help }],
  ['what do you know how to do', { intent: INTENTS.help }],
  ['how does this thing work?', { intent: INTENTS.help }],
  ['what can I ask you for', { intent: INTENTS.help }],
  ['help me please', { intent: INTENTS.help }],
  // surprise
  ['surprise me please', { intent: INTENTS.surprise }],
  ["i'm so bored right now", { intent: INTENTS.surprise }],
  ['entertain me please', { intent: INTENTS.surprise }],
  ['you decide', { intent: INTENTS.surprise }],
  ['just pick something', { intent: INTENTS.surprise }],
  ['something random please', { intent: INTENTS.surprise }],
  // repeat
  ['can you say that again?', { intent: INTENTS.repeat }],
  ['wait, what was that again?', { intent: INTENTS.repeat }],
  ['sorry, what did you just say', { intent: INTENTS.repeat }],
  ['repeat that please', { intent: INTENTS.repeat }],
  ["I didn't catch that one", { intent: INTENTS.repeat }],
  // feedback
  ['haha, good one', { intent: INTENTS.feedback, parameters: { sentiment: 'positive' } }],
  ['lol that was hilarious', { intent: INTENTS.feedback, parameters: { sentiment: 'positive' } }],
  ['that wasn\'t funny', { intent: INTENTS.feedback, parameters: { sentiment: 'negative' } }],
  ['so lame', { intent: INTENTS.feedback, parameters: { sentiment: 'negative' } }],
  ['boring', { intent: INTENTS.feedback, parameters: { sentiment: 'negative' } }],
  ['I loved it', { intent: INTENTS.feedback, parameters: { sentiment: 'positive' } }],
  ['meh, not funny at all', { intent: INTENTS.feedback, parameters: { sentiment: 'negative' } }],
  // say-content: casual ways to ask for each kind
  ["what's in the news", { intent: INTENTS.sayContent, parameters: { content: 'news' } }],
  ['any headlines today?', { intent: INTENTS.sayContent, parameters: { content: 'news' } }],
  ['give me a life hack', { intent: INTENTS.sayContent, parameters: { content: 'life pro tip' } }],
  ['got any useful tips?', { intent: INTENTS.sayContent, parameters: { content: 'life pro tip' } }],
  ['hit me with a pun', { intent: INTENTS.sayContent, parameters: { content: 'dad joke' } }],
  ['a one liner please', { intent: INTENTS.sayContent, parameters: { content: 'one-liner' } }],
  ['tell me a quick joke', { intent: INTENTS.sayContent, parameters: { content: 'one-liner' } }],
  ['make me laugh', { intent: INTENTS.sayContent, parameters: { content: 'joke' } }],
  ['I want something interesting', { intent: INTENTS.sayContent, parameters: { content: 'fact' } }],
  ['share a shower thought with me', { intent: INTENTS.sayContent, parameters: { content: 'shower thought' } }],
  ['know any good jokes about dogs?', { intent: INTENTS.sayContent, parameters: { content: 'joke', topic: 'dogs' } }],
  ['a fun fact about sharks', { intent: INTENTS.sayContent, parameters: { content: 'fact', topic: 'sharks' } }],
  // say-content-more
  ['ok another', { intent: INTENTS.sayContentMore }],
  ['next one please', { intent: INTENTS.sayContentMore }],
  ['next please', { intent: INTENTS.sayContentMore }],
  ['one more please', { intent: INTENTS.sayContentMore }],
  ['give me another', { intent: INTENTS.sayContentMore }],
  ['more more more', { intent: INTENTS.sayContentMore }],
  // bye
  ["that's all for now, thank you", { intent: INTENTS.bye }],
  ['ok bye now', { intent: INTENTS.bye }],
  ["I'm done for today", { intent: INTENTS.bye }],
  ['thanks, goodbye', { intent: INTENTS.bye }],
  ['see you tomorrow', { intent: INTENTS.bye }],
  // welcome
  ['hello there', { intent: INTENTS.welcome }],
  ['hey bot', { intent: INTENTS.welcome }],
];

/** Intents that need the follow-up context: a user says these right after an answer. */
const AFTER_AN_ANSWER = new Set<string>([INTENTS.sayContentMore, INTENTS.repeat, INTENTS.feedback]);

let agent: Agent;
beforeAll(async () => {
  agent = await loadAgent(join(__dirname, '..', '..', 'agent'));
});

function outcome([text, expected]: (typeof HELD_BACK)[number]): string | undefined {
  const contexts = new Set<string>(AFTER_AN_ANSWER.has(expected.intent) ? [CONTEXTS.followup] : []);
  const match = matchText(agent, text, contexts);
  const got = { intent: match.intent.name, parameters: Object.fromEntries(Object.keys(expected.parameters ?? {}).map((key) => [key, match.parameters[key]])) };
  const wanted = { intent: expected.intent, parameters: expected.parameters ?? {} };
  return JSON.stringify(got) === JSON.stringify(wanted) ? undefined : `"${text}": wanted ${JSON.stringify(wanted)}, got ${JSON.stringify(got)}`;
}

describe('held-back phrasings through the local matcher', () => {
  it('has at least 40, none of them a training phrase', () => {
    expect(HELD_BACK.length).toBeGreaterThanOrEqual(40);
    const training = new Set(agent.intents.flatMap((intent) => intent.phrases.map((phrase) => words(phrase.text).join(' '))));
    expect(HELD_BACK.map(([text]) => text).filter((text) => training.has(words(text).join(' ')))).toEqual([]);
  });

  it('matches at least 95% to the right intent (and parameters)', () => {
    const misses = HELD_BACK.map(outcome).filter((miss): miss is string => miss !== undefined);
    const share = (HELD_BACK.length - misses.length) / HELD_BACK.length;
    // The share is the measure the issue asks for: build/test-reports/phrasings.txt (TEST_REPORTS=1 prints it).
    testReport(
      'phrasings',
      `held-back phrasings matched: ${HELD_BACK.length - misses.length}/${HELD_BACK.length} (${(share * 100).toFixed(1)}%)` +
        (misses.length > 0 ? `\nmisses:\n${misses.join('\n')}` : ''),
    );
    if (share < 0.95) throw new Error(`only ${(share * 100).toFixed(1)}% matched; misses:\n${misses.join('\n')}`);
  });
});
