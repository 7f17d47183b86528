import { join } from 'node:path';
import { CATALOG } from '../../src/catalog';
import { CONTEXTS, INTENTS } from '../../src/dialogflow/names';
import { contentChips } from '../../src/speech/phrases';
import { loadAgent, words, type Agent } from '../../scripts/local-agent/agent';
import { findMention, markersFor, matchEvent, matchText, similarity } from '../../scripts/local-agent/match';

let agent: Agent;
beforeAll(async () => {
  agent = await loadAgent(join(__dirname, '..', '..', 'agent'));
});

const NONE = new Set<string>();
const FOLLOWUP = new Set<string>([CONTEXTS.followup]);
const intentNamed = (name: string) => agent.intents.find((intent) => intent.name === name)!;

describe('similarity (2·LCS / total words)', () => {
  it('is 1 for the same words, 0 for nothing in common, in between for partial overlap', () => {
    expect(similarity(['tell', 'me', '@content'], ['tell', 'me', '@content'])).toBe(1);
    expect(similarity(['purple', 'monkey'], ['tell', 'me', '@content'])).toBe(0);
    expect(similarity(['a', '@content'], ['@content'])).toBeCloseTo(2 / 3);
  });

  it('counts words only in order', () => {
    expect(similarity(['me', 'tell'], ['tell', 'me'])).toBe(0.5);
  });
});

describe('entity mentions', () => {
  it('prefers the longest synonym at a position ("dad joke" over "joke")', () => {
    const mention = findMention(words('tell me a dad joke'), agent.entities.get('content')!);
    expect(mention).toEqual({ start: 3, end: 5, value: 'dad joke' });
  });

  it('maps a synonym to its entry value', () => {
    expect(findMention(words('something funny please'), agent.entities.get('content')!)?.value).toBe('joke');
  });
});

describe('matchText against agent/', () => {
  it('finds the topic markers in the training phrases, not in code', () => {
    expect([...markersFor(intentNamed(INTENTS.sayContent), 'topic')].sort()).toEqual(['about', 'on']);
  });

  it('reads "a joke about cats" as content=joke, topic=cats', () => {
    const match = matchText(agent, 'Tell me a joke about cats!', NONE);
    expect(match.intent.name).toBe(INTENTS.sayContent);
    expect(match.parameters).toEqual({ content: 'joke', topic: 'cats' });
    expect(match.originals).toEqual({ content: 'joke', topic: 'cats' });
    expect(match.missing).toEqual([]);
  });

  it('keeps several words of topic', () => {
    expect(matchText(agent, 'any facts about the deep ocean', NONE).parameters).toEqual({ content: 'fact', topic: 'the deep ocean' });
  });

  it('matches say-content without its required parameter for "tell me something"', () => {
    const match = matchText(agent, 'tell me something', NONE);
    expect(match.intent.name).toBe(INTENTS.sayContent);
    expect(match.missing.map((parameter) => parameter.name)).toEqual(['content']);
  });

  it('offers say-content-more only while content-followup is active', () => {
    expect(matchText(agent, 'another one', FOLLOWUP).intent.name).toBe(INTENTS.sayContentMore);
    expect(matchText(agent, 'another one', NONE).intent.name).not.toBe(INTENTS.sayContentMore);
  });

  it('prefers the intent that recognises a named kind on a tie ("another joke" while facts are flowing)', () => {
    const match = matchText(agent, 'another joke', FOLLOWUP);
    expect(match.intent.name).toBe(INTENTS.sayContent);
    expect(match.parameters).toEqual({ content: 'joke' });
  });

  it('falls back below the threshold and explains the closest intent', () => {
    const match = matchText(agent, 'purple monkey dishwasher', NONE);
    expect(match.intent.name).toBe(INTENTS.fallback);
    expect(match.parameters).toEqual({});
    expect(match.nearest!.score).toBeLessThan(0.5);
  });

  it("falls back when a fallback intent's negative example is the best match", () => {
    const match = matchText(agent, 'tell me about yourself', NONE);
    expect(match.intent.name).toBe(INTENTS.fallback);
    expect(match.phrase).toBe('tell me about yourself');
  });

  it('understands every chip the webhook offers', () => {
    const chips = contentChips();
    expect(chips.length).toBe(CATALOG.length + 2);
    for (const chip of chips) {
      const match = matchText(agent, chip, FOLLOWUP);
      const kind = CATALOG.find((candidate) => candidate.chip === chip);
      if (kind) {
        expect({ chip, intent: match.intent.name, content: match.parameters.content }).toEqual({
          chip,
          intent: INTENTS.sayContent,
          content: kind.id,
        });
      } else {
        expect({ chip, intent: match.intent.name }).toEqual({
          chip,
          intent: chip === 'Bye' ? INTENTS.bye : INTENTS.sayContentMore,
        });
      }
    }
  });

  it('understands every entity synonym on its own', () => {
    for (const entry of agent.entities.get('content')!) {
      for (const synonym of entry.synonyms) {
        const match = matchText(agent, synonym, NONE);
        expect({ synonym, intent: match.intent.name, content: match.parameters.content }).toEqual({
          synonym,
          intent: INTENTS.sayContent,
          content: entry.value,
        });
      }
    }
  });

});

describe('matchEvent', () => {
  it('finds the intent that lists the event, and nothing for an unknown one', () => {
    expect(matchEvent(agent, 'WELCOME')?.intent.name).toBe(INTENTS.welcome);
    expect(matchEvent(agent, 'NO_SUCH_EVENT')).toBeUndefined();
  });
});
