import { alternatives, escapeRegExp, leadWordPattern } from '../../src/languages/patterns';

/**
 * The builders called directly: the language files build their patterns once, at load time,
 * which a mutation run never sees (it switches a mutant on per test, after loading).
 */
describe('language patterns', () => {
  it('escapes every regular-expression character', () => {
    expect(escapeRegExp('a.b*c+d?e^f$g{h}i(j)k|l[m]n\\o')).toBe('a\\.b\\*c\\+d\\?e\\^f\\$g\\{h\\}i\\(j\\)k\\|l\\[m\\]n\\\\o');
  });

  it('trims each word, lets inner spacing vary, and ends words that end in a letter or digit', () => {
    expect(alternatives([' today i  learned ', 'TIL', "qu'", 'r2', 'a.b'])).toBe(
      "today\\s*i\\s*learned(?![\\p{L}\\p{N}])|TIL(?![\\p{L}\\p{N}])|qu'|r2(?![\\p{L}\\p{N}])|a\\.b(?![\\p{L}\\p{N}])",
    );
  });

  it('matches lead words at the start only, repeated, with the spaces after them, in any case', () => {
    const words = ['the', 'noch einen'];
    const pattern = leadWordPattern(words);
    expect(pattern.source).toBe('^(?:(?:the(?![\\p{L}\\p{N}])|noch\\s*einen(?![\\p{L}\\p{N}]))\\s+)+');
    expect(pattern.flags).toBe('iu');
    expect('The noch  einen news'.replace(pattern, '')).toBe('news');
    expect('theory'.replace(pattern, '')).toBe('theory');
    // Built once per word list.
    expect(leadWordPattern(words)).toBe(pattern);
  });
});
