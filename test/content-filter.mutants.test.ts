import { DataSet, englishDataset } from 'obscenity';
import { offensiveTerms } from '../src/content-filter';

/** What src/content-filter.ts relies on instead of fallbacks that could never run. */

describe('the library word list', () => {
  it('names the word of every phrase, which the filter reads without a fallback', () => {
    const words: unknown[] = [];
    new DataSet<{ originalWord: string }>().addAll(englishDataset).removePhrasesIf((phrase) => words.push(phrase.metadata?.originalWord) < 0);
    expect(words.length).toBeGreaterThan(50);
    expect(words.filter((word) => typeof word !== 'string' || word === '')).toEqual([]);
  });

  it('reports a library word and an extra word by name, without the extra word\'s category prefix', () => {
    expect(offensiveTerms('what the fuck, you tard')).toEqual([
      { term: 'tard', category: 'slur', from: 'standard' },
      { term: 'fuck', category: 'profanity', from: 'standard' },
    ]);
  });
});
