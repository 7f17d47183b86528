import { capText, cleanText, sliceUnits } from '../../src/speech/clean';

describe('cleanText drops a trailing edit note', () => {
  it.each([
    // indented: the spaces between the line break and "Edit" are part of the marker
    ['Setup\n  Edit: thanks for the gold', 'Setup'],
    // a space between the number and a bold marker the markdown rules left alone ("**" without its pair)
    ['Setup\nEdit 2 **: thanks for the gold', 'Setup'],
    // a space between that marker and the colon
    ['Setup\nEdit 2** : thanks for the gold', 'Setup'],
  ])('%j → %j', (raw, expected) => {
    expect(cleanText(raw)).toBe(expected);
  });
});

describe('sliceUnits at the limits', () => {
  it('keeps text of exactly max units whole, even when it ends in half an emoji', () => {
    expect(sliceUnits('ab\ud83d', 3)).toBe('ab\ud83d');
  });

  it('treats the first and last high surrogates (0xd800, 0xdbff) as the start of a pair', () => {
    expect(sliceUnits('a\ud800\udc00b', 2)).toBe('a');
    expect(sliceUnits('a\udbff\udfffb', 2)).toBe('a');
    // just outside: a low surrogate and the character before the high ones are cut after
    expect(sliceUnits('a\udc00b', 2)).toBe('a\udc00');
    expect(sliceUnits('a\ud7ffb', 2)).toBe('a\ud7ff');
  });
});

describe('capText ending', () => {
  it('drops all the punctuation and spaces before the ellipsis', () => {
    expect(capText('Wait... whatever comes', 10)).toBe('Wait\u2026');
    expect(capText('One, two -- three four', 13)).toBe('One, two\u2026');
  });
});
