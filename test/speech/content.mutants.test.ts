import { kindById, type ContentKind } from '../../src/catalog';
import { parseListing, type Post } from '../../src/reddit/listing';
import { contentText } from '../../src/speech/content';
import { listing, redditPost } from '../support/reddit';

describe('contentText', () => {
  it('cleans a post once per kind: the text is kept with the post object, later changes to it are not seen', () => {
    const post: Post = parseListing(listing([redditPost({ id: 'c1', title: 'Why?', selftext: '**Because.**' })]))[0]!;
    const joke = kindById('joke') as ContentKind;
    expect(contentText(post, joke)).toBe('Why?\nBecause.');
    (post as { title: string }).title = 'Changed';
    expect(contentText(post, joke)).toBe('Why?\nBecause.');
    // another kind is a text of its own, made now
    expect(contentText(post, kindById('fact') as ContentKind)).toBe('Changed');
  });
});
