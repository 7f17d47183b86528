/**
 * Every length limit of the spoken and shown text, pinned with literal values
 * just inside and just outside: a changed cap fails here.
 */
import { kindById, type ContentKind } from '../../src/catalog';
import { parseListing, type Post } from '../../src/reddit/listing';
import { capText, echoText, sliceUnits } from '../../src/speech/clean';
import { composeSpeech, noTopicHitNote, offlineSpeech, postCard, unknownKindSpeech } from '../../src/speech/phrases';
import { topicParameter } from '../../src/intents/say-content';
import { listing, redditPost } from '../support/reddit';

const joke = kindById('joke') as ContentKind;
const post = (fields: { id: string; title?: string; selftext?: string }): Post => parseListing(listing([redditPost(fields)]))[0]!;

describe('composeSpeech: 640 characters, Dialogflow\u2019s cap for a text message', () => {
  it('fills exactly 640 when the content is longer, cutting only the content', () => {
    const speech = composeSpeech('Intro:', 'x'.repeat(2000), 'Outro?');
    expect(speech).toHaveLength(640);
    expect(speech.startsWith('Intro:\n\n')).toBe(true);
    expect(speech.endsWith('\u2026\n\nOutro?')).toBe(true);
  });

  it('keeps content that fits whole: 624 characters with a 16-character frame', () => {
    const content = 'x'.repeat(624);
    expect(composeSpeech('Intro:', content, 'Outro?')).toBe(`Intro:\n\n${content}\n\nOutro?`);
    expect(composeSpeech('Intro:', `${content}x`, 'Outro?')).toBe(`Intro:\n\n${'x'.repeat(623)}\u2026\n\nOutro?`);
  });

  it('gives the content at least 40 characters however long the frame, then cuts the whole to 640', () => {
    const speech = composeSpeech('i'.repeat(300), 'x'.repeat(100), 'o'.repeat(300));
    expect(speech.slice(302, 342)).toBe(`${'x'.repeat(39)}\u2026`);
    expect(speech).toHaveLength(640);
  });
});

describe('capText and sliceUnits', () => {
  it('returns text of exactly max characters unchanged, cuts one more', () => {
    expect(capText('abcde', 5)).toBe('abcde');
    expect(capText('abcdef', 5)).toBe('abcd\u2026');
  });

  it('cuts at the last word break when it is past half of max, else mid-word', () => {
    // "aaaaaa bbbbbbbbbb": slice of 11 = "aaaaaa bbbb", break at 6 > 12/2? no (6 is not > 6) → mid-word
    expect(capText('aaaaaa bbbbbbbbbb', 12)).toBe('aaaaaa bbbb\u2026');
    // break at 7 > 6 → at the word
    expect(capText('aaaaaaa bbbbbbbbbb', 12)).toBe('aaaaaaa\u2026');
  });

  it('handles a max of 1 and 0', () => {
    expect(capText('abc', 1)).toBe('\u2026');
    expect(capText('abc', 0)).toBe('');
    expect(capText('a', 1)).toBe('a');
  });

  it('never splits an emoji (a surrogate pair)', () => {
    expect(sliceUnits('ab\u{1F600}c', 3)).toBe('ab');
    expect(sliceUnits('ab\u{1F600}c', 4)).toBe('ab\u{1F600}');
    expect(sliceUnits('abc', 3)).toBe('abc');
    expect(sliceUnits('abcd', 3)).toBe('abc');
  });
});

describe('echoed user words', () => {
  it('unknown kind: 40 characters', () => {
    expect(unknownKindSpeech('y'.repeat(40))).toContain(`"${'y'.repeat(40)}"`);
    expect(unknownKindSpeech('y'.repeat(41))).toContain(`"${'y'.repeat(39)}\u2026"`);
  });

  it('topic miss note: 60 characters', () => {
    expect(noTopicHitNote(joke, 'z'.repeat(60))).toContain(` about ${'z'.repeat(60)},`);
    expect(noTopicHitNote(joke, 'z'.repeat(61))).toContain(` about ${'z'.repeat(59)}\u2026,`);
  });

  it('offline answer off the topic: 60 characters', () => {
    const item = { set: 'joke', id: 'offline:joke:1', text: 'A short joke.' } as Parameters<typeof offlineSpeech>[1];
    const at = (topic: string) => offlineSpeech(joke, item, 'unavailable', { repeated: false, onTopic: false }, topic).speech;
    expect(at('w'.repeat(60))).toMatch(new RegExp(` ${'w'.repeat(60)}[^w\u2026]`));
    expect(at('w'.repeat(61))).toContain(` ${'w'.repeat(59)}\u2026`);
  });

  it('echoText keeps words and everyday punctuation, one line', () => {
    expect(echoText('cats <b>and</b>\n\u202edogs', 40)).toBe('cats b and b dogs');
  });
});

describe('topic parameter: 100 characters', () => {
  it('keeps 100, cuts the 101st', () => {
    expect(topicParameter('t'.repeat(100))).toBe('t'.repeat(100));
    expect(topicParameter('t'.repeat(101))).toBe('t'.repeat(100));
  });

  it('reads only the first 400 characters of a huge value before cleaning', () => {
    // 399 spaces then a word: inside the 400 read, cleaning leaves the word
    expect(topicParameter(`${' '.repeat(399)}cats`)).toBe('c');
    expect(topicParameter(`${' '.repeat(400)}cats`)).toBeUndefined();
  });
});

describe('link card title: 80 characters', () => {
  it('keeps 80, cuts 81', () => {
    expect(postCard(post({ id: 'c1', title: 'q'.repeat(80), selftext: '' }), joke).title).toBe('q'.repeat(80));
    expect(postCard(post({ id: 'c2', title: 'q'.repeat(81), selftext: '' }), joke).title).toBe(`${'q'.repeat(79)}\u2026`);
  });
});
