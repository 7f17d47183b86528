import { kindById, type ContentKind } from '../../src/catalog';
import { FEED_INTERVAL_MS, judgedCandidates } from '../../src/moderation/candidates';
import type { JudgeItem, PostJudge } from '../../src/moderation/judge';
import { parseListing, type Post } from '../../src/reddit/listing';
import { jokes } from '../support/reddit';

/**
 * A warm request feeds its listing's candidates to the judge at most once a second per kind (the
 * judge then sees posts whose verdict expired, e.g. after an outage's cool-down), not on every
 * request. The judge here records what it is fed and has judged nothing yet.
 */

function recordingJudge(): PostJudge & { fed: string[][] } {
  const fed: string[][] = [];
  return {
    fed,
    feed: (items: readonly JudgeItem[]) => fed.push(items.map((item) => item.id)),
    verdict: () => undefined,
    judgeNow: () => Promise.resolve(true),
  };
}

const joke = kindById('joke') as ContentKind;
const oneLiner = kindById('one-liner') as ContentKind;

describe('feeding a listing to the judge', () => {
  let listing: Post[];
  beforeEach(() => {
    listing = parseListing(jokes(3));
  });
  const ask = (judge: PostJudge, kind: ContentKind, at: number, posts: Post[] = listing) =>
    judgedCandidates(judge, posts, [...posts], kind, 'standard', () => 0, () => at);

  it('feeds every candidate the first time, and again only once a second has passed', () => {
    const judge = recordingJudge();
    ask(judge, joke, 10_000);
    ask(judge, joke, 10_000 + FEED_INTERVAL_MS - 1);
    expect(judge.fed).toEqual([['j1', 'j2', 'j3']]);
    ask(judge, joke, 10_000 + FEED_INTERVAL_MS);
    expect(judge.fed).toHaveLength(2);
  });

  it('counts each kind, each judge and each listing on its own', () => {
    const judge = recordingJudge();
    const other = recordingJudge();
    ask(judge, joke, 0);
    ask(judge, oneLiner, 1);
    ask(other, joke, 2);
    ask(judge, joke, 3, parseListing(jokes(3)));
    expect([judge.fed.length, other.fed.length]).toEqual([3, 1]);
  });

  it('still answers from the verdicts when it does not feed: a post not judged is not told, and a cold cache may judge on the spot', () => {
    const judge = recordingJudge();
    ask(judge, joke, 0);
    const again = ask(judge, joke, 1);
    expect(again.posts.filter(again.accept)).toEqual([]);
    expect(again.judgeOnSpot).toBeDefined();
  });
});
