/**
 * The single source of truth for what the bot can tell.
 *
 * Both the webhook (kind resolution, subreddit, phrasing, chips) and the
 * exported Dialogflow agent (`npm run agent:build` writes the `content`
 * entity from `synonyms`) are generated from this list, so a synonym is
 * written exactly once. Adding a kind = one entry here + `npm run agent:build`.
 */

/** How a post becomes speech. */
export type RenderStyle =
  /** title is the setup, selftext the punchline (r/Jokes, r/dadjokes) */
  | 'setup-punchline'
  /** the title alone is the content (TIL, shower thoughts, news headlines) */
  | 'title'
  /** the title, then the body when there is one (life pro tips) */
  | 'title-and-body';

export interface ContentKind {
  /** Entity reference value sent by Dialogflow, e.g. `joke`. */
  readonly id: string;
  /** Subreddit name without `r/`. */
  readonly subreddit: string;
  /** Said in sentences: "Here's a joke", "a joke about cats". */
  readonly noun: string;
  /** Chip text that asks for this kind. */
  readonly chip: string;
  /** Words users say for this kind (the entity synonyms; `id` is added automatically). */
  readonly synonyms: readonly string[];
  readonly render: RenderStyle;
  /** Title prefixes that read badly aloud ("TIL that ..."); matched case-insensitively. */
  readonly stripTitlePrefix?: RegExp;
  /** Offered in the follow-up question and the welcome ("a joke or a fact?"). */
  readonly featured?: boolean;
}

export const CATALOG: readonly ContentKind[] = [
  {
    id: 'joke',
    subreddit: 'Jokes',
    noun: 'joke',
    chip: 'Joke',
    synonyms: ['jokes', 'something funny', 'funny', 'a laugh', 'laugh', 'humor', 'humour', 'funny story'],
    render: 'setup-punchline',
    featured: true,
  },
  {
    id: 'fact',
    subreddit: 'todayilearned',
    noun: 'fact',
    chip: 'Fact',
    synonyms: [
      'facts',
      'fun fact',
      'something interesting',
      'interesting',
      'trivia',
      'something i did not know',
      'til',
      'today i learned',
    ],
    render: 'title',
    stripTitlePrefix: /^\s*(TIL|today\s+i\s+learned)\s*(,|:|-|–|—)?\s*(that\s+|about\s+|of\s+)?/i,
    featured: true,
  },
  {
    id: 'dad joke',
    subreddit: 'dadjokes',
    noun: 'dad joke',
    chip: 'Dad joke',
    synonyms: ['dad jokes', 'pun', 'puns', 'a groaner', 'cheesy joke', 'corny joke'],
    render: 'setup-punchline',
  },
  {
    id: 'shower thought',
    subreddit: 'Showerthoughts',
    noun: 'shower thought',
    chip: 'Shower thought',
    synonyms: ['shower thoughts', 'deep thought', 'something deep', 'a thought', 'musing'],
    render: 'title',
  },
  {
    id: 'life pro tip',
    subreddit: 'LifeProTips',
    noun: 'life pro tip',
    chip: 'Life pro tip',
    synonyms: ['life pro tips', 'lpt', 'tip', 'a tip', 'life hack', 'lifehack', 'advice', 'useful tip'],
    render: 'title-and-body',
    stripTitlePrefix: /^\s*(LPT|life\s*pro\s*tip)\s*(request)?\s*(,|:|-|–|—)?\s*/i,
  },
  {
    id: 'news',
    subreddit: 'worldnews',
    noun: 'news headline',
    chip: 'News',
    synonyms: ['headline', 'headlines', 'world news', 'the news', 'something new', "what's happening"],
    render: 'title',
  },
  {
    id: 'one-liner',
    subreddit: 'oneliners',
    noun: 'one-liner',
    chip: 'One-liner',
    synonyms: ['one liner', 'one-liners', 'one liners', 'short joke', 'quick joke'],
    render: 'title',
  },
];

/** Lower-case, single spaces, no surrounding punctuation: how synonyms are compared. */
export function normalizePhrase(text: string): string {
  return text
    .toLowerCase()
    .replace(/[\u2018\u2019]/g, "'")
    .replace(/[^\p{L}\p{N}' -]+/gu, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

const BY_PHRASE: ReadonlyMap<string, ContentKind> = new Map(
  CATALOG.flatMap((kind) => [kind.id, ...kind.synonyms].map((phrase) => [normalizePhrase(phrase), kind] as const)),
);

/**
 * Maps what Dialogflow put in the `content` parameter (normally the entity's
 * reference value, but a synonym or the raw user word when the agent is out of
 * date) to a catalog kind. `undefined` when nothing matches.
 */
export function resolveKind(value: string): ContentKind | undefined {
  const phrase = normalizePhrase(value);
  return BY_PHRASE.get(phrase) ?? BY_PHRASE.get(phrase.replace(/^(an?|the|some)\s+/, ''));
}

export function kindById(id: string): ContentKind | undefined {
  return CATALOG.find((kind) => kind.id === id);
}

export const FEATURED: readonly ContentKind[] = CATALOG.filter((kind) => kind.featured);

/** "a joke or a fact" (or "a joke, a fact or a dad joke" if more are featured). */
export function featuredChoices(): string {
  const options = FEATURED.map((kind) => withArticle(kind.noun));
  if (options.length <= 1) return options.join('');
  return `${options.slice(0, -1).join(', ')} or ${options[options.length - 1]}`;
}

export function withArticle(noun: string): string {
  return /^[aeiou]/i.test(noun) && !/^one\b|^one-/i.test(noun) ? `an ${noun}` : `a ${noun}`;
}

/** The question every content answer ends with. */
export function followUpPrompt(): string {
  return `What do you want to hear next, ${featuredChoices()}?`;
}
