/**
 * What a language file (src/languages/<code>.ts) must contain. Each file is
 * plain data a translator can edit without reading code; the compiler checks
 * its shape, and this schema the rest (`npm run agent:check`, `npm test`), so a
 * missing phrase or an unknown placeholder fails the checks, not a user's
 * conversation.
 *
 * Phrases are templates: `{name}` is filled in by the bot; `{Name}` (capital
 * first letter) is the same value with its first letter capitalised.
 */
import * as z from 'zod';

const PLACEHOLDER = /\{([A-Za-z]+)\}/g;

/** The placeholders a template uses, lower-cased first letter ("{Choices}" → "choices"). */
export function placeholdersOf(template: string): string[] {
  return [...template.matchAll(PLACEHOLDER)].map((match) => match[1]!.charAt(0).toLowerCase() + match[1]!.slice(1));
}

/** A non-empty phrase that may use only these placeholders. */
function template(...names: string[]) {
  const allowed = new Set(names);
  return z
    .string()
    .min(1)
    .refine((text) => placeholdersOf(text).every((name) => allowed.has(name)), {
      error: `may use only these placeholders: ${names.map((name) => `{${name}}`).join(' ') || 'none'}`,
    });
}

/** Placeholders about a content kind: its noun, with article (as subject and object), plural. */
const KIND = ['noun', 'a', 'aObject', 'plural'] as const;

const phrase = z.string().trim().min(1);
const phrases = z.array(phrase).min(1);

export const KindTextSchema = z.strictObject({
  /** The entity's reference value in this language: what Dialogflow sends as `content`. */
  value: phrase,
  /** The subreddit read for this kind in this language, without `r/`. */
  subreddit: z.string().regex(/^[A-Za-z0-9_]{2,21}$/),
  /**
   * A subreddit of the same kind that is clean by its own rules (no sexual, racist or gory
   * posts), read instead under CONTENT_FILTER=strict. Only where one serves the kind.
   */
  cleanSubreddit: z.string().regex(/^[A-Za-z0-9_]{2,21}$/).optional(),
  /** Singular noun: "joke". */
  noun: phrase,
  /** With its indefinite article, as a sentence's subject: "a joke" ("ein Witz"). */
  a: phrase,
  /** With its article as an object ("tell me a joke", German "einen Witz"); defaults to `a`. */
  aObject: phrase.optional(),
  /** Plural: "jokes". */
  plural: phrase,
  /** Button text that asks for this kind. */
  chip: z.string().trim().min(1).max(25),
  /** Other words users say for this kind (the value itself is added automatically). */
  synonyms: phrases,
  /** Read-aloud rule: words dropped from the start of a title ("TIL"), any case, with a following , : - – — */
  titlePrefixes: z.array(phrase).optional(),
  /** Words dropped right after such a prefix ("TIL that ..." → "..."). */
  afterTitlePrefix: z.array(phrase).optional(),
});

/** A joke of the bot's own collection, read as two lines. */
export const OfflineJokeSchema = z.strictObject({
  setup: phrase,
  punchline: phrase,
});

/**
 * The bot's own jokes and facts in this language, told when Reddit has nothing
 * usable. Append only: an item's id is its position, and ids travel in the
 * user's follow-up context.
 */
export const OfflineSchema = z.strictObject({
  jokes: z.array(OfflineJokeSchema),
  facts: z.array(phrase),
});

/** Training phrases per intent. Slots: `{content}`, `{a content}` (with article), `{topic}`. */
export const TrainingSchema = z.strictObject({
  welcome: phrases,
  sayContent: phrases,
  sayContentMore: phrases,
  bye: phrases,
  /** Negative examples: close to a request, but not one. */
  fallback: phrases,
  help: phrases,
  surprise: phrases,
  repeat: phrases,
  /** Slot: `{sentiment}`, filled with the sentiment entity's synonyms. */
  feedback: phrases,
});

export const LanguageSchema = z.strictObject({
  /** ISO 639-1 code, as Dialogflow sends it in `languageCode` (prefix): "en". */
  code: z.string().regex(/^[a-z]{2}$/),
  /** The language's own name, shown in the demo's picker: "English", "Deutsch". */
  name: phrase,
  /** The word that joins the last two options of a list: "a joke or a fact". */
  or: phrase,
  /** Leading words dropped from what users say before looking it up ("a joke" → "joke"). */
  articles: phrases,
  /** Leading words dropped from a topic ("about cats" → "cats"). */
  topicLeadWords: phrases,
  /** Words that say nothing about a topic, ignored when the bot's own collection is searched for it. */
  topicStopwords: phrases,
  /**
   * Word endings cut off a topic word (of more than three letters) so that it
   * matches the word's other forms ("cats" → "cat"), tried in this order at
   * the end of the word; defaults to `['s']`.
   */
  topicWordEndings: phrases.optional(),
  /** Content kinds offered in this language, by catalog id; a kind left out is not offered. */
  kinds: z.record(z.string(), KindTextSchema),
  /** The bot's own jokes and facts; without them, a failed Reddit gives an apology in the language. */
  offline: OfflineSchema.optional(),
  /** What the webhook says. */
  phrases: z.strictObject({
    moreChip: z.string().trim().min(1).max(25),
    byeChip: z.string().trim().min(1).max(25),
    welcome: template('choices'),
    followUp: template('choices'),
    /** More ways to ask the follow-up question; answers rotate through followUp and these, never the same twice in a row. */
    followUpVariants: z.array(template('choices')).min(4),
    /** "What can you do?": `{all}` lists every kind. */
    help: template('all', 'choices'),
    /** Said instead of "Here's a joke:" when the user asked for a surprise. */
    surprise: template(...KIND),
    /** Said before a post told again, word for word. */
    repeat: template(...KIND),
    /** There is nothing to repeat (no post yet, or it is gone from the cache). */
    repeatNothing: template('choices'),
    /** Replies to "good one" (one at random). */
    feedbackPositive: z.array(template()).min(3),
    /** Replies to "that wasn't funny": `{other}` is another kind, offered instead. */
    feedbackNegative: z.array(template('other')).min(3),
    /** `{all}` lists every kind: "a joke, a fact or a news headline". */
    askKind: template('all', 'choices'),
    /** Said before askKind when the user asked for something unknown. */
    unknownKind: template('asked'),
    /** Said before askKind when nothing matched. */
    fallback: template(),
    bye: template(),
    /** When the bot itself failed (a bug, or the deadline came first). */
    somethingWrong: template(),
    here: template(...KIND),
    cardSubtitle: template('subreddit'),
    topicNotFound: template(...KIND, 'topic'),
    topicAllHeard: template(...KIND, 'topic'),
    allHeard: template(),
    /** A topic the content filter refused (never echoed); the follow-up question comes after it. */
    offensiveTopic: template(...KIND),
    apology: template(...KIND),
    apologyHint: template(),
    /** Why an answer comes from the bot's own collection. */
    offlineUnavailable: template(...KIND),
    offlineNothingUsable: template(...KIND),
    offlineAllHeard: template(...KIND),
    /** `{why}` is one of the three above; `{offTopic}` and `{repeat}` the two below, or empty. */
    offlineSame: template(...KIND, 'why', 'offTopic', 'repeat'),
    /** The collection has none of the kind asked for; `{a}` etc. are about the kind given instead. */
    offlineOther: template(...KIND, 'why', 'offTopic', 'repeat'),
    offlineOffTopic: template('topic'),
    offlineRepeat: template(),
  }),
  /** The exported Dialogflow agent. */
  agent: z.strictObject({
    /** What Dialogflow says by itself when the webhook cannot be reached. */
    welcomeReply: template('choices'),
    contentReply: template('followUp'),
    byeReply: template(),
    fallbackReply: template('choices'),
    helpReply: template('choices'),
    feedbackReply: template(),
    /** The sentiment entity's synonyms per value (the value itself is added). */
    sentiments: z.strictObject({ positive: phrases, negative: phrases }),
    /** Asked when the user wants content but did not say which kind. */
    contentPrompts: z.array(template('choices')).min(1),
    training: TrainingSchema,
    /**
     * Synonyms that start with one of these words already read as the object
     * of "tell me ..." ("a laugh", "the news"), so training phrases use them
     * without adding an article.
     */
    objectStarts: phrases,
    /** Filled into `{topic}` in training phrases, in turn. */
    sampleTopics: phrases,
  }),
});

/** A language file as written (optional fields may be left out). */
export type LanguageText = z.input<typeof LanguageSchema>;
/** A checked language file. */
export type Language = z.output<typeof LanguageSchema>;
export type KindText = z.output<typeof KindTextSchema>;
export type OfflineJoke = z.output<typeof OfflineJokeSchema>;
export type PhraseKey = keyof Language['phrases'];
