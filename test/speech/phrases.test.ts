import { catalogFor, followUpPrompt, kindById, type ContentKind } from '../../src/catalog';
import { fill, LANGUAGES, type Language } from '../../src/languages';
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

/*
 * What the phrases do, in every language the bot speaks. The sentences themselves are the
 * translators' (src/languages/<code>.ts): these tests take them from there rather than
 * copying them, and check what a user relies on: every kind is offered, nothing is left
 * unfilled, the user's own word is echoed only when it is worth echoing, the random choice
 * covers the whole list and never runs past its end.
 */
const languages = [...LANGUAGES.values()].map((lang) => [lang.code, lang] as const);
const kindIn = (id: string, lang: Language) => kindById(id, lang) as ContentKind;
const UNFILLED = /\{\w+\}/;

describe.each(languages)('%s', (_code, lang) => {
  it('asking for a kind offers every kind of the catalog, by name', () => {
    const ask = askKindSpeech(lang);
    for (const kind of catalogFor(lang)) expect(ask).toContain(kind.aObject ?? kind.a);
    expect(ask).not.toMatch(UNFILLED);
  });

  it('the welcome and the fallback leave nothing unfilled; the fallback apologises, then asks for a kind', () => {
    expect(welcomeSpeech(lang)).not.toMatch(UNFILLED);
    expect(fallbackSpeech(lang)).toBe(`${lang.phrases.fallback} ${askKindSpeech(lang)}`);
  });

  it('an unknown kind is echoed when it has letters, and left out when nothing of it is printable', () => {
    expect(unknownKindSpeech('poems', lang).startsWith(fill(lang.phrases.unknownKind, { asked: 'poems' }))).toBe(true);
    expect(unknownKindSpeech('poems', lang).endsWith(askKindSpeech(lang))).toBe(true);
    expect(unknownKindSpeech('<>', lang)).toBe(askKindSpeech(lang));
  });

  it('a refused topic names the kind in its plural and ends with the follow-up question', () => {
    const joke = kindIn('joke', lang);
    const speech = offensiveTopicSpeech(joke);
    expect(speech).toContain(joke.plural);
    expect(speech.endsWith(` ${followUpPrompt(lang)}`)).toBe(true);
    expect(speech).not.toMatch(UNFILLED);
  });

  it('the follow-up question: the usual one first, then the whole range of the others, never past the end', () => {
    const others = lang.phrases.followUpVariants.length;
    expect(nextFollowUp(lang, undefined, () => 0.99).index).toBe(0);
    // after the usual one (index 0), a random source at 0 gives the first other phrasing and one at 1
    // (outside Math.random's range, but a source may return it) the last, not one past it
    expect(nextFollowUp(lang, 0, () => 0).index).toBe(1);
    expect(nextFollowUp(lang, 0, () => 1).index).toBe(others);
    expect(nextFollowUp(lang, 0, () => 1).text).not.toMatch(UNFILLED);
  });

  it('feedback replies cover their whole list: the first at 0, the last at 1', () => {
    const { feedbackPositive, feedbackNegative } = lang.phrases;
    expect(feedbackSpeech(lang, true, () => 0)).toBe(feedbackPositive[0]);
    expect(feedbackSpeech(lang, true, () => 1)).toBe(feedbackPositive.at(-1));
    const fact = kindIn('fact', lang);
    expect(feedbackSpeech(lang, false, () => 1, fact)).toBe(fill(feedbackNegative.at(-1) ?? '', { other: fact.aObject ?? fact.a }));
    expect(feedbackSpeech(lang, false, () => 1)).not.toMatch(UNFILLED);
  });

  it('from the collection, a joke is told in two bubbles, setup then punchline with the question; a fact in one', () => {
    const told = (set: 'joke' | 'fact') =>
      offlineSpeech(kindIn(set, lang), { id: `offline:${set}:0`, set, text: 'First line\nSecond line' }, 'unavailable', {
        repeated: false,
        onTopic: true,
      });
    const fact = told('fact');
    expect(fact.texts).toEqual([fact.speech]);
    const joke = told('joke');
    expect(joke.texts).toHaveLength(2);
    expect(joke.texts[0]?.endsWith('\n\nFirst line')).toBe(true);
    expect(joke.texts[1]).toBe(`Second line\n\n${followUpPrompt(lang)}`);
    expect(joke.speech).toBe(joke.texts.join('\n'));
  });
});
