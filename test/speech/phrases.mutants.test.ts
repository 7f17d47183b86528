import { kindById, type ContentKind } from '../../src/catalog';
import { DEFAULT_LANGUAGE as en } from '../../src/languages';
import {
  askKindSpeech,
  fallbackSpeech,
  feedbackSpeech,
  nextFollowUp,
  offensiveTopicSpeech,
  offlineSpeech,
  unknownKindSpeech,
  welcomeSpeech,
} from '../../src/speech/phrases';

const ASK_KIND =
  'I can tell you a joke, a fact, a dad joke, a shower thought, a life pro tip, a news headline or a one-liner. ' +
  'What would you like, a joke or a fact?';
const NEXT = 'What do you want to hear next, a joke or a fact?';

describe('English phrases, word for word', () => {
  it('welcome', () => {
    expect(welcomeSpeech(en)).toBe("Hi! I tell jokes and facts from today's top posts on Reddit. What do you want to hear, a joke or a fact?");
  });

  it('asking for a kind, after nothing matched, after an unknown kind with nothing worth echoing', () => {
    expect(askKindSpeech(en)).toBe(ASK_KIND);
    expect(fallbackSpeech(en)).toBe(`Sorry, I didn't get that. ${ASK_KIND}`);
    expect(unknownKindSpeech('<>', en)).toBe(ASK_KIND);
    expect(unknownKindSpeech('poems', en)).toBe(`I don't have "poems" yet. ${ASK_KIND}`);
  });

  it('a refused topic, then the follow-up question', () => {
    expect(offensiveTopicSpeech(kindById('joke') as ContentKind)).toBe(`I'd rather not look for jokes about that. ${NEXT}`);
  });
});

describe('picks at random, over the whole range of the random source', () => {
  // followUp, then the five variants
  it.each([
    [0, 1, 'Want another one? Or maybe a joke or a fact?'],
    [0.5, 3, 'Shall I go on? Say "another one", or pick a joke or a fact.'],
    // 1 is outside Math.random's range, but a source may return it: the last phrasing, not past the end
    [1, 5, 'What would you like now, a joke or a fact?'],
  ])('follow-up after the usual one, random %d → phrasing %d', (r, index, text) => {
    expect(nextFollowUp(en, 0, () => r)).toEqual({ index, text });
  });

  it('feedback replies: the first at 0, the last at 1', () => {
    expect(feedbackSpeech(en, true, () => 0)).toBe('Glad you liked it!');
    expect(feedbackSpeech(en, true, () => 1)).toBe('Happy to help!');
  });
});

describe('offline answers', () => {
  const text = 'First line\nSecond line';
  const told = (set: 'joke' | 'fact') =>
    offlineSpeech(kindById(set) as ContentKind, { id: `offline:${set}:0`, set, text }, 'unavailable', {
      repeated: false,
      onTopic: true,
    });
  const speech = `Reddit isn't answering right now, so here's one from my own collection:\n\n${text}\n\n${NEXT}`;

  it('split only a joke into setup and punchline; a fact with a line break stays one message', () => {
    expect(told('fact')).toEqual({ speech, texts: [speech] });
    expect(told('joke')).toEqual({
      speech,
      texts: ["Reddit isn't answering right now, so here's one from my own collection:\n\nFirst line", `Second line\n\n${NEXT}`],
    });
  });
});
