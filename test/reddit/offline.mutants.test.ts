import { DEFAULT_LANGUAGE, LANGUAGES, type Language } from '../../src/languages';
import { OFFLINE, pickOffline, topicWords } from '../../src/reddit/offline';

const GERMAN = LANGUAGES.get('de') as Language;
const first = () => 0;

describe('topicWords', () => {
  it('has no words for no topic or a topic without a word of three letters', () => {
    expect(topicWords(undefined)).toEqual([]);
    expect(topicWords('')).toEqual([]);
    expect(topicWords('a b ?!')).toEqual([]);
  });

  it('drops only a final "s" in English', () => {
    expect(topicWords('horses')).toEqual(['horse']);
    expect(topicWords('bus')).toEqual(['bus']);
  });

  it('drops a final -en, -n, -e or -s in German, and only at the end', () => {
    expect(topicWords('Hunde', GERMAN)).toEqual(['hund']);
    expect(topicWords('Katzen', GERMAN)).toEqual(['katz']);
    expect(topicWords('Tigern', GERMAN)).toEqual(['tiger']);
    expect(topicWords('Autos', GERMAN)).toEqual(['auto']);
    // an English topic in German keeps its German reading, and vice versa
    expect(topicWords('Hunde')).toEqual(['hunde']);
  });

  it('reads the stopwords of the language once', () => {
    let reads = 0;
    const words = [...DEFAULT_LANGUAGE.topicStopwords];
    const counting = {
      ...DEFAULT_LANGUAGE,
      get topicStopwords() {
        reads += 1;
        return words;
      },
    };
    expect(topicWords('the cats and the dogs', counting)).toEqual(['cat', 'dog']);
    expect(topicWords('about moons', counting)).toEqual(['moon']);
    expect(reads).toBe(1);
  });
});

describe('pickOffline', () => {
  it('is on topic when any one of the topic words is mentioned', () => {
    const pick = pickOffline('fact', new Set(), first, 'xylophonist cats')!;
    expect(pick.onTopic).toBe(true);
    expect(pick.item.text).toBe('Cats cannot taste sweetness.');
  });

  it('without a topic picks from every item and is not on topic', () => {
    const pick = pickOffline('joke', new Set(), first)!;
    expect(pick).toEqual({ item: OFFLINE.joke[0], repeated: false, onTopic: false });
  });

  it('gives nothing for a language without a collection', () => {
    const klingon = { ...DEFAULT_LANGUAGE, code: 'tlh' };
    expect(pickOffline('joke', new Set(), first, undefined, klingon)).toBeUndefined();
    expect(pickOffline('fact', new Set(), first, 'cats', klingon)).toBeUndefined();
  });
});
