import { kindById } from '../src/catalog';
import type { Post } from '../src/reddit/listing';
import { PostSchema } from '../src/reddit/listing';
import { decodeHTML as decodeAnyHTML } from 'entities/decode';
import { capText, cleanText, decodeHTML } from '../src/speech/clean';
import { contentText } from '../src/speech/content';
import { composeSpeech, postCard, postSpeech, tell, tellPost } from '../src/speech/phrases';
import { redditPost } from './support/reddit';

const kind = (id: string) => kindById(id)!;
const post = (fields: Parameters<typeof redditPost>[0]): Post => PostSchema.parse(redditPost(fields));

describe('decodeHTML', () => {
  // The library's answer is the reference: the basic five are decoded without it, everything else by it.
  it.each([
    ['Tom &amp; Jerry &lt;3 &quot;hi&quot; &#39;yo&#39;', 'Tom & Jerry <3 "hi" \'yo\''],
    ['&amp;lt; is how you write &lt;', '&lt; is how you write <'],
    ['&&amp;amp;', '&&amp;'],
    ['Q & A, Q&A, R&D, 100%&', 'Q & A, Q&A, R&D, 100%&'],
    ['&AMP; in capitals', '& in capitals'],
    ['fish &amp chips', 'fish & chips'],
    ['&copy 2026 &nbsp;x', '\u00a9 2026 \u00a0x'],
    ['&#x200B;&#8203;', '\u200b\u200b'],
    ['&amp;&#x1F600;', '&\u{1F600}'],
    ['no references at all', 'no references at all'],
  ])('decodes %j as the entities library does', (text, decoded) => {
    expect(decodeAnyHTML(text)).toBe(decoded);
    expect(decodeHTML(text)).toBe(decoded);
  });
});

describe('cleanText', () => {
  it('decodes HTML entities', () => {
    expect(cleanText('Tom &amp; Jerry &lt;3 &quot;hi&quot; &#39;yo&#39; &#x1F600;')).toBe('Tom & Jerry <3 "hi" \'yo\' 😀');
  });

  it('strips markdown but keeps the words', () => {
    expect(cleanText('**bold** and *italic* and ~~gone~~ and `code`')).toBe('bold and italic and gone and code');
    expect(cleanText('see [this page](https://example.com/a_(b)) now')).toBe('see this page now');
    expect(cleanText('# Heading\n> quoted\n- item one\n1. item two')).toBe('Heading\nquoted\nitem one\nitem two');
    expect(cleanText('>!the butler did it!<')).toBe('the butler did it');
    expect(cleanText('visit https://example.com today')).toBe('visit today');
  });

  it('leaves snake_case and arithmetic alone', () => {
    expect(cleanText('my_file_name is 2*3*4')).toBe('my_file_name is 2*3*4');
  });

  it('drops markup tags pasted into a post, keeps "<3" and comparisons', () => {
    expect(cleanText('<html><body>hi</body></html>')).toBe('hi');
    expect(cleanText('a <b class="x">bold</b> move<br/>')).toBe('a bold move');
    expect(cleanText('I &lt;3 you, and 2 < 3 > 1')).toBe('I <3 you, and 2 < 3 > 1');
  });

  it('keeps real newlines, drops extra blank lines and zero-width fillers', () => {
    expect(cleanText('line one\r\n\r\n\r\n&#x200B;\n\nline two')).toBe('line one\n\nline two');
  });

  it('drops trailing edit notes', () => {
    expect(cleanText('The punchline.\n\nEdit: thanks for the gold!')).toBe('The punchline.');
    expect(cleanText('The punchline.\n\n**EDIT 2:** wow')).toBe('The punchline.');
  });
});

describe('capText', () => {
  it('returns short text unchanged', () => {
    expect(capText('short text', 20)).toBe('short text');
  });

  it('cuts at a word boundary with an ellipsis and never exceeds the cap', () => {
    const text = 'The quick brown fox jumps over the lazy dog again and again';
    const capped = capText(text, 25);
    expect(capped.length).toBeLessThanOrEqual(25);
    expect(capped).toBe('The quick brown fox…');
  });

  it('cuts inside a very long word when there is no boundary', () => {
    const capped = capText('x'.repeat(100), 10);
    expect(capped).toBe(`${'x'.repeat(9)}…`);
  });
});

describe('contentText', () => {
  it('reads a joke as setup then punchline', () => {
    expect(contentText(post({ id: 'a', title: 'Setup?', selftext: 'Punchline!' }), kind('joke'))).toBe('Setup?\nPunchline!');
  });

  it('removes the TIL prefix from facts and ignores the body', () => {
    const til = post({ id: 'b', title: 'TIL that octopuses have three hearts', selftext: 'source: wiki' });
    expect(contentText(til, kind('fact'))).toBe('Octopuses have three hearts');
    expect(contentText(post({ id: 'c', title: 'Today I learned: honey never spoils' }), kind('fact'))).toBe(
      'Honey never spoils',
    );
  });

  it('removes the LPT prefix from life pro tips', () => {
    expect(contentText(post({ id: 'd', title: 'LPT: Drink water', selftext: '' }), kind('life pro tip'))).toBe('Drink water');
  });

  it('reads the same post again per kind (texts are kept per post and kind)', () => {
    const both = post({ id: 'f', title: 'TIL cats sleep a lot', selftext: 'Like, *a lot*.' });
    expect(contentText(both, kind('joke'))).toBe('TIL cats sleep a lot\nLike, a lot.');
    expect(contentText(both, kind('fact'))).toBe('Cats sleep a lot');
    expect(contentText(both, kind('joke'))).toBe('TIL cats sleep a lot\nLike, a lot.');
  });
});

describe('speech', () => {
  it('always ends with the follow-up question and stays under the cap', () => {
    const long = post({ id: 'e', title: 'Setup '.repeat(40), selftext: 'word '.repeat(400) });
    const speech = postSpeech(long, kind('joke'));
    expect(speech.length).toBeLessThanOrEqual(640); // Dialogflow's limit for a text message
    expect(speech.endsWith('What do you want to hear next, a joke or a fact?')).toBe(true);
    expect(speech).toContain('…');
  });

  it('starts with the kind and uses real newlines (the seed printed a literal "n")', () => {
    const speech = postSpeech(post({ id: 'f', title: 'Why?', selftext: 'Because.' }), kind('joke'));
    expect(speech).toBe("Here's a joke:\n\nWhy?\nBecause.\n\nWhat do you want to hear next, a joke or a fact?");
  });

  it('composes intro, body and outro', () => {
    expect(composeSpeech('Intro.', 'Body.', 'Outro?')).toBe('Intro.\n\nBody.\n\nOutro?');
  });

  it('links the card to the post on reddit.com', () => {
    const card = postCard(post({ id: 'g', title: 'TIL cats purr', subreddit: 'todayilearned' }), kind('fact'));
    expect(card).toEqual({
      title: 'Cats purr',
      subtitle: 'r/todayilearned on Reddit',
      url: 'https://www.reddit.com/r/todayilearned/comments/g/slug/',
    });
  });

  it("names the kind's subreddit on the card when the post does not say its own", () => {
    const card = postCard(post({ id: 'h', title: 'TIL cats purr', subreddit: '' }), kind('fact'));
    expect(card.subtitle).toBe('r/todayilearned on Reddit');
  });
});

describe('telling a post in bubbles', () => {
  it('tells a life pro tip with a body in one bubble: only jokes have a punchline', () => {
    const told = tellPost(post({ id: 'l', title: 'LPT: water your plants', selftext: 'They like it.', subreddit: 'LifeProTips' }), kind('life pro tip'), 'Tip:', 'Next?');
    expect(told.texts).toEqual([told.speech]);
    expect(told.speech).toBe('Tip:\n\nWater your plants\nThey like it.\n\nNext?');
  });

  it('leaves no blank lines where the intro or the question is empty', () => {
    expect(tell('', 'Setup\nPunchline', 'Next?', true)).toEqual({ speech: 'Setup\nPunchline\n\nNext?', texts: ['Setup', 'Punchline\n\nNext?'] });
    expect(tell('Intro:', 'Setup\nPunchline', '', true)).toEqual({ speech: 'Intro:\n\nSetup\nPunchline', texts: ['Intro:\n\nSetup', 'Punchline'] });
    expect(composeSpeech('', 'Body.', '')).toBe('Body.');
  });

  it('keeps a joke whose only line break ends it in one bubble, and trims the setup', () => {
    expect(tell('Intro:', 'Just a setup\n', 'Next?', true).texts).toHaveLength(1);
    expect(tell('Intro:', 'Setup  \nPunchline', 'Next?', true).texts[0]).toBe('Intro:\n\nSetup');
  });
});
