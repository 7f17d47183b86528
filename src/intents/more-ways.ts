/**
 * help, surprise, repeat and feedback: the intents that are not "tell me a
 * <kind>" but keep the conversation going (DESIGN.md, agent table).
 */
import { catalogFor, resolveKind, subredditFor, type ContentKind } from '../catalog';
import { DEFAULT_CONTENT_FILTER, judgeText } from '../content-filter';
import { PARAMS, SENTIMENTS, type Sentiment } from '../dialogflow/names';
import { languageFor } from '../languages';
import { pickRandom } from '../random-pick';
import { RedditError } from '../reddit/client';
import { rejectReason } from '../reddit/filters';
import { offlineItems } from '../reddit/offline';
import type { Reply } from '../reply';
import {
  contentChips,
  feedbackSpeech,
  helpSpeech,
  kindChips,
  nextFollowUp,
  postCard,
  repeatIntro,
  repeatNothingSpeech,
  surpriseIntro,
  tell,
  tellPost,
} from '../speech/phrases';
import type { IntentContext, IntentHandler } from './context';
import { followupAlive, readFollowup, type Followup } from './followup';
import type { NextState } from '../conversation';
import { contentParameter, tellContent, topicParameter } from './say-content';

/**
 * One item at random, from those `preferred` accepts when there are any, else
 * from all (a language offering a single kind still gets an answer).
 */
export function pickPreferring<T>(items: readonly T[], preferred: (item: T) => boolean, random: () => number): T {
  const better = items.filter(preferred);
  const from = better.length > 0 ? better : items;
  return pickRandom(from, random);
}

/** "What can you do?": every kind, how to ask, and chips (with "Another one" while it works). */
export const help: IntentHandler = ({ turn }) => {
  const lang = languageFor(turn.languageCode);
  return { speech: helpSpeech(lang), chips: followupAlive(turn) ? contentChips(lang) : kindChips(lang) };
};

/** "Surprise me": a random kind, not the one just told when there is a choice. */
export const surprise: IntentHandler = (ctx) => {
  const current = readFollowup(ctx.turn).content;
  const kinds = catalogFor(languageFor(ctx.turn.languageCode));
  const kind = pickPreferring(kinds, (other) => other.id !== current, ctx.random);
  return tellContent(ctx, kind, undefined, { intro: surpriseIntro(kind) });
};

/** The state the conversation had, written back with a new follow-up question index. */
function keep(state: Followup, kind: ContentKind, asked?: number): NextState {
  // The state came from the request: its topic is cleaned like a new one before it is written back.
  const topic = topicParameter(state.topic, kind.lang);
  return { content: kind.id, topic, servedIds: state.servedIds, asked: asked ?? state.asked, noted: topic && state.noted === topic ? topic : undefined };
}

/** The last post told, from the listings it came from (cached) or the bot's own collection. */
async function findLast(ctx: IntentContext, kind: ContentKind, state: Followup) {
  const id = state.servedIds.at(-1);
  if (!id) return undefined;
  const own = [...offlineItems('joke', kind.lang), ...offlineItems('fact', kind.lang)].find((item) => item.id === id);
  if (own) return { own };
  // The topic search the post may have come from (cached), never for a topic the filter refuses.
  const topic = topicParameter(state.topic, kind.lang);
  const searchable = topic && judgeText(topic, ctx.contentFilter ?? DEFAULT_CONTENT_FILTER).allowed;
  const subreddit = subredditFor(kind, ctx.contentFilter);
  const queries = [...(searchable ? [{ subreddit, topic }] : []), { subreddit }];
  for (const query of queries) {
    const posts = await ctx.posts.fetchPosts(query, ctx.deadline);
    const options = { allowNsfw: ctx.allowNsfw, contentFilter: ctx.contentFilter };
    // Judge the one post, not the listing (a "say that again" on a cold instance).
    const post = posts.find((p) => p.id === id);
    if (post && rejectReason(post, kind, options) === undefined) return { post };
  }
  return undefined;
}

/** "Say that again": the last post, word for word, or an honest "can't". */
export const repeat: IntentHandler = async (ctx) => {
  const state = readFollowup(ctx.turn);
  const lang = languageFor(ctx.turn.languageCode);
  const kind = state.content ? resolveKind(state.content, lang) : undefined;
  if (!kind) return { speech: repeatNothingSpeech(lang), chips: kindChips(lang) };
  const followUp = nextFollowUp(kind.lang, state.asked, ctx.random);
  let found: Awaited<ReturnType<typeof findLast>>;
  try {
    found = await findLast(ctx, kind, state);
  } catch (error) {
    ctx.log.warn({ reason: error instanceof RedditError ? error.reason : 'unknown' }, 'repeat: reddit unavailable');
  }
  const conversation = keep(state, kind, followUp.index);
  if (found?.post) {
    return {
      ...tellPost(found.post, kind, repeatIntro(kind), followUp.text),
      chips: contentChips(kind.lang),
      card: postCard(found.post, kind),
      conversation,
    };
  }
  if (found?.own) {
    return { ...tell(repeatIntro(kind), found.own.text, followUp.text, found.own.set === 'joke'), chips: contentChips(kind.lang), conversation };
  }
  return { speech: repeatNothingSpeech(kind.lang), chips: contentChips(kind.lang), conversation: keep(state, kind) };
};

function sentimentOf(value: unknown): Sentiment | undefined {
  const text = contentParameter(value)?.trim().toLowerCase();
  return SENTIMENTS.find((sentiment) => sentiment === text);
}

/**
 * "Haha, good one" / "that wasn't funny": a short reply, and a `feedback`
 * field in the request log. After a negative one, another kind is offered
 * (its chip first).
 */
export const feedback: IntentHandler = (ctx) => {
  const state = readFollowup(ctx.turn);
  const lang = languageFor(ctx.turn.languageCode);
  const kind = state.content ? resolveKind(state.content, lang) : undefined;
  // Every training phrase carries the sentiment; without one, the thanks is the safe reply and nothing is counted.
  const known = sentimentOf(ctx.turn.parameters[PARAMS.sentiment]);
  const sentiment = known ?? 'positive';
  const lastId = state.servedIds.at(-1);
  const logged: Reply['feedback'] = known && { sentiment: known, ...(kind ? { kind: kind.id } : {}), ...(lastId ? { postId: lastId } : {}) };
  const conversation = kind ? keep(state, kind) : undefined;
  if (sentiment === 'positive') {
    return { speech: feedbackSpeech(lang, true, ctx.random), chips: kind ? contentChips(lang) : kindChips(lang), conversation, feedback: logged };
  }
  const kinds = catalogFor(lang);
  const other = pickPreferring(kinds, (candidate) => candidate.id !== kind?.id && Boolean(candidate.featured), ctx.random);
  const chips = contentChips(lang).filter((chip) => chip !== other.chip);
  return { speech: feedbackSpeech(lang, false, ctx.random, other), chips: [other.chip, ...chips], conversation, feedback: logged };
};
