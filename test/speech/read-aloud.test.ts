import { CATALOG } from '../../src/catalog';
import { parseListing } from '../../src/reddit/listing';
import { cleanText } from '../../src/speech/clean';
import { contentText, titleAddsNothing } from '../../src/speech/content';
import { tellPost } from '../../src/speech/phrases';
import { listing, redditPost } from '../support/reddit';

/**
 * What authors add around a post, in the shapes found on r/Jokes and
 * r/todayilearned, does not reach the voice; a title that adds nothing does
 * not become a setup bubble without a joke.
 */

const joke = CATALOG.find((kind) => kind.id === 'joke')!;

describe('author notes are not read aloud', () => {
  it.each([
    ['"*Edit:" with one asterisk', 'To get to the other side.\n\n*Edit: wow, my first gold, thanks kind stranger!', 'To get to the other side.'],
    ['"EDIT:" at the very start', 'EDIT: yes I know it is a repost\n\nA man walks into a bar. Ouch.', 'A man walks into a bar. Ouch.'],
    ['a bracketed tag', 'My dad told me this one [OC]', 'My dad told me this one'],
    ['a cross-post note', 'An impasta (x-post from r/dadjokes)', 'An impasta'],
    ['an edit note in brackets', 'She looked surprised (edit: spelling)', 'She looked surprised'],
    ['a "Source:" line', 'Because he was outstanding in his field.\n\nSource: my grandpa', 'Because he was outstanding in his field.'],
    ['a "via /u/" line', 'It was pointless.\nvia /u/pun_master', 'It was pointless.'],
    ['a subreddit path with its pointer word', 'Saw this on r/Jokes and laughed', 'Saw this and laughed'],
    ['a bare user path', 'Thanks u/pun_master for this one', 'Thanks for this one'],
    ['flag emojis', 'I love Germany 🇩🇪 and France 🇫🇷', 'I love Germany and France'],
    ['a run of emoji', 'It was a pointless argument 😂😂😂', 'It was a pointless argument'],
  ])('%s', (_name, raw, spoken) => {
    expect(cleanText(raw)).toBe(spoken);
  });

  it.each([
    ['one emoji stays', 'Only one 😂 here'],
    ['a ratio is no path', 'Mix 1/2 cup r and u/2'],
    ['an edit inside a sentence stays', 'I had to edit: my essay was too long'],
    ['brackets that belong to the joke stay', 'What do you call a fake noodle? (An impasta)'],
  ])('%s', (_name, raw) => {
    expect(cleanText(raw)).toBe(raw);
  });
});

describe('a title that adds nothing is not told as a setup', () => {
  it.each([
    ['Honesty', true],
    ['My favourite joke', true],
    ['My favorite joke', true],
    ['Best joke ever!', true],
    ['A dad joke for you', true],
    ['Knock knock', false],
    ['FUUUUCK', false],
    ['T', false],
    ['Why did the scarecrow win an award?', false],
    ['I used to hate facial hair', false],
  ])('"%s" → %s', (title, drop) => {
    expect(titleAddsNothing(title, 'Some body text.')).toBe(drop);
  });

  it('drops a setup the body repeats, and tells the body in two bubbles', () => {
    const [post] = parseListing(
      listing([
        redditPost({
          id: 'rep',
          title: 'A man walks into a bar',
          selftext: 'A man walks into a bar.\n\nOuch. It was an iron bar.',
        }),
      ]),
    );
    expect(contentText(post!, joke)).toBe('A man walks into a bar.\n\nOuch. It was an iron bar.');
    const told = tellPost(post!, joke, "Here's a joke:", 'Another one?');
    expect(told.texts).toEqual(["Here's a joke:\n\nA man walks into a bar.", 'Ouch. It was an iron bar.\n\nAnother one?']);
  });

  it('keeps a title that is the setup', () => {
    const [post] = parseListing(listing([redditPost({ id: 's', title: 'Why did the scarecrow win an award?', selftext: 'Because he was outstanding in his field.' })]));
    expect(contentText(post!, joke)).toBe('Why did the scarecrow win an award?\nBecause he was outstanding in his field.');
  });
});
