import { listOf, titlePrefixPattern } from '../src/catalog';
import { languageFor } from '../src/languages';

/** Builders that run while the catalog loads, called directly so a mutation run can reach them. */

describe('listOf', () => {
  const en = languageFor('en');

  it('gives no item as nothing and one item as itself', () => {
    expect(listOf([], en)).toBe('');
    expect(listOf(['a joke'], en)).toBe('a joke');
  });

  it('puts the language\'s "or" before the last of two or more', () => {
    expect(listOf(['a joke', 'a fact'], en)).toBe('a joke or a fact');
    expect(listOf(['a', 'b', 'c'], languageFor('de'))).toBe('a, b oder c');
  });
});

describe('titlePrefixPattern', () => {
  it('is none without prefixes', () => {
    expect(titlePrefixPattern({})).toBeUndefined();
    expect(titlePrefixPattern({ titlePrefixes: [] })).toBeUndefined();
  });

  it('strips a prefix and its punctuation when no words may follow it', () => {
    const pattern = titlePrefixPattern({ titlePrefixes: ['TIL'] })!;
    expect('TIL: cats purr'.replace(pattern, '')).toBe('cats purr');
    expect('til cats purr'.replace(pattern, '')).toBe('cats purr');
    expect('TIL that cats purr'.replace(pattern, '')).toBe('that cats purr');
  });

  it('strips one of the words after the prefix too', () => {
    const pattern = titlePrefixPattern({ titlePrefixes: ['TIL'], afterTitlePrefix: ['that'] })!;
    expect('TIL - that, cats purr'.replace(pattern, '')).toBe('cats purr');
    expect('TIL cats purr'.replace(pattern, '')).toBe('cats purr');
  });
});
