import { resolveKind, subredditFor, type ContentKind } from '../catalog';
import { DEFAULT_CONTENT_FILTER, judgeText } from '../content-filter';
import { PARAMS } from '../dialogflow/names';
import { DEFAULT_LANGUAGE, languageFor, type Language } from '../languages';
import { leadWordPattern } from '../languages/patterns';
import { judgedCandidates, type JudgedCandidates } from '../moderation/candidates';
import { RedditError, RENDER_RESERVE_MS, type ListingQuery } from '../reddit/client';
import { acceptable as acceptablePost, candidatePosts } from '../reddit/filters';
import type { Post } from '../reddit/listing';
import { offlineSetFor, pickOffline } from '../reddit/offline';
import { pickUnserved, rememberServed } from '../reddit/pick';
import type { Reply } from '../reply';
import { echoText, sliceUnits } from '../speech/clean';
import {
  allHeardNote,
  apologySpeech,
  askKindSpeech,
  contentChips,
  kindChips,
  noTopicHitNote,
  offlineSpeech,
  offensiveTopicSpeech,
  type OfflineReason,
  introFor,
  nextFollowUp,
  postCard,
  tellPost,
  unknownKindSpeech,
} from '../speech/phrases';
import type { IntentContext, IntentHandler } from './context';
import type { NextState } from '../conversation';
import { readFollowup } from './followup';

/** Longest topic we search for; Dialogflow's @sys.any can capture whole sentences. */
export const MAX_TOPIC_CHARS = 100;

/** The `content` parameter as a string: Dialogflow sends a string, or a list when the parameter is a list. */
export function contentParameter(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  if (Array.isArray(value)) return value.find((item): item is string => typeof item === 'string');
  return undefined;
}

/** "about cats" / "cats!" → "cats" (lead words from the language file); empty or non-text → undefined. */
export function topicParameter(value: unknown, lang: Language = DEFAULT_LANGUAGE): string | undefined {
  const raw = contentParameter(value);
  if (!raw) return undefined;
  // Cut before cleaning: a 10 kB @sys.any value is not worth a regex pass, and no topic is that long.
  const topic = echoText(sliceUnits(raw, MAX_TOPIC_CHARS * 4), MAX_TOPIC_CHARS * 4)
    .replace(/^[\u00bf\u00a1]+/, '') // Spanish ¿ and ¡
    .replace(leadWordPattern(lang.topicLeadWords), '')
    .replace(/[?!.,;:]+$/g, '');
  return sliceUnits(topic, MAX_TOPIC_CHARS).trim() || undefined;
}

interface Choice {
  post?: Post;
  note?: string;
  /** Every eligible post was served already; `post` is a repeat. */
  repeat?: boolean;
  /** Reddit failed (timeout, 429, 5xx, blocked, garbage). */
  failed?: boolean;
}

/**
 * The listing's posts that pass the cheap filters, and the verdict to ask only of the posts picked:
 * the moderation model's when it is on (fed here, judged in the background), else the content filter's.
 */
async function candidatesFor(ctx: IntentContext, kind: ContentKind, query: ListingQuery): Promise<JudgedCandidates> {
  const posts = await ctx.posts.fetchPosts(query, ctx.deadline);
  const options = { allowNsfw: ctx.allowNsfw, contentFilter: ctx.contentFilter };
  const candidates = candidatePosts(posts, kind, options);
  if (ctx.judge) {
    const level = ctx.contentFilter ?? DEFAULT_CONTENT_FILTER;
    return judgedCandidates(ctx.judge, posts, candidates, kind, level, () => ctx.deadline.budgetFor(RENDER_RESERVE_MS));
  }
  return { posts: candidates, accept: (post: Post) => acceptablePost(post, kind, options) };
}

/** An unheard post the verdict allows; on a cold moderation cache, the one post picked is judged on the spot. */
async function pickFrom(ctx: IntentContext, candidates: JudgedCandidates, served: ReadonlySet<string>): Promise<Post | undefined> {
  const post = pickUnserved(candidates.posts, served, ctx.random, candidates.accept);
  if (post || !candidates.judgeOnSpot) return post;
  const picked = pickUnserved(candidates.posts, served, ctx.random);
  return picked && (await candidates.judgeOnSpot(picked)) ? picked : undefined;
}

/** The user's words pass the same filter as what we read aloud, in the turn's language (and the harder tone: their kind is unknown). */
function acceptable(ctx: IntentContext, text: string): boolean {
  return judgeText(text, ctx.contentFilter ?? DEFAULT_CONTENT_FILTER, { lang: ctx.turn.languageCode }).allowed;
}

/** What one content answer carries besides the post: its follow-up question and the state it writes back. */
interface Telling {
  readonly kind: ContentKind;
  readonly topic?: string;
  readonly servedIds: string[];
  readonly followUp: { index: number; text: string };
  /** The topic whose miss was already said. */
  readonly noted?: string;
  /** Replaces "Here's a joke:" (a surprise says so). */
  readonly intro?: string;
}

/** The state this answer leaves for the next turn. */
function nextState(telling: Telling, servedIds: string[] = telling.servedIds, noted = telling.noted): NextState {
  return {
    content: telling.kind.id,
    topic: telling.topic,
    servedIds,
    asked: telling.followUp.index,
    noted: noted && noted === telling.topic ? noted : undefined,
  };
}

/**
 * An offensive topic is never searched (nor echoed): a polite no, the usual
 * chips, and the conversation kept without the topic, so "another one" gets
 * a random one of the kind.
 */
function refuseTopic(ctx: IntentContext, telling: Telling): Reply {
  ctx.log.info({ kind: telling.kind.id }, 'offensive topic refused');
  return {
    speech: offensiveTopicSpeech(telling.kind, telling.followUp.text),
    chips: contentChips(telling.kind.lang),
    conversation: nextState({ ...telling, topic: undefined }),
  };
}

/** Topic hit first, then the day's top posts; repeats only once everything was heard. */
async function choosePost(ctx: IntentContext, telling: Telling, served: Set<string>): Promise<Choice> {
  const { kind, topic } = telling;
  const subreddit = subredditFor(kind, ctx.contentFilter);
  let note: string | undefined;
  if (topic) {
    const hits = await candidatesFor(ctx, kind, { subreddit, topic });
    const post = await pickFrom(ctx, hits, served);
    if (post) return { post };
    note = noTopicHitNote(kind, topic, hits.posts.some(hits.accept));
  }
  const top = await candidatesFor(ctx, kind, { subreddit });
  const post = await pickFrom(ctx, top, served);
  if (post) return { post, note };
  const again = pickUnserved(top.posts, new Set(), ctx.random, top.accept);
  // Without a post there is nothing to put a note before (the offline answer and the apology say their own).
  return again ? { post: again, note: allHeardNote(kind.lang), repeat: true } : {};
}

/** An item of the bot's own collection instead of a failed, empty or exhausted Reddit listing. */
function offlineReply(ctx: IntentContext, telling: Telling, reason: OfflineReason): Reply | undefined {
  const { kind, topic, servedIds } = telling;
  const set = offlineSetFor(kind.id);
  if (!set) return undefined;
  const pick = pickOffline(set, new Set(servedIds), ctx.random, topic, kind.lang);
  if (!pick) return undefined;
  // A repeat from today's Reddit beats a repeat from the collection.
  if (pick.repeated && reason === 'all-heard') return undefined;
  const told = offlineSpeech(kind, pick.item, reason, pick, topic, telling.followUp.text);
  return {
    ...told,
    chips: contentChips(kind.lang),
    conversation: nextState(telling, rememberServed(servedIds, pick.item.id)),
    served: { kind: kind.id, source: 'offline', postId: pick.item.id },
  };
}

export async function tellContent(
  ctx: IntentContext,
  kind: ContentKind,
  topic: string | undefined,
  options: { intro?: string } = {},
): Promise<Reply> {
  const state = readFollowup(ctx.turn);
  const telling: Telling = {
    kind,
    topic,
    servedIds: state.servedIds,
    followUp: nextFollowUp(kind.lang, state.asked, ctx.random),
    noted: state.noted,
    intro: options.intro,
  };
  // Also on "another one": the context's topic came from the user too.
  if (topic && !acceptable(ctx, topic)) return refuseTopic(ctx, telling);
  const served = new Set(state.servedIds);
  let choice: Choice;
  try {
    choice = await choosePost(ctx, telling, served);
  } catch (error) {
    const failure = error instanceof RedditError ? error : undefined;
    ctx.log.warn({ subreddit: kind.subreddit, reason: failure?.reason ?? 'unknown', status: failure?.status }, 'reddit unavailable');
    choice = { failed: true };
  }
  if (!choice.post || choice.repeat) {
    const reason: OfflineReason = choice.failed ? 'unavailable' : choice.post ? 'all-heard' : 'nothing-usable';
    const offline = offlineReply(ctx, telling, reason);
    if (offline) return offline;
  }
  if (!choice.post) {
    return {
      speech: apologySpeech(kind, telling.followUp.text),
      chips: contentChips(kind.lang),
      conversation: nextState(telling),
    };
  }
  const { post } = choice;
  // A topic miss is said once per topic, not again on every "another one".
  const missNoted = topic !== undefined && choice.note !== undefined && !choice.repeat;
  const note = missNoted && state.noted === topic ? undefined : choice.note;
  return {
    ...tellPost(post, kind, note ?? telling.intro ?? introFor(kind), telling.followUp.text),
    chips: contentChips(kind.lang),
    card: postCard(post, kind),
    conversation: nextState(telling, rememberServed(state.servedIds, post.id), missNoted ? topic : state.noted),
    served: { kind: kind.id, source: 'reddit', subreddit: post.subreddit || kind.subreddit, postId: post.id },
  };
}

function askForKind(ctx: IntentContext, asked: string | undefined, lang: Language): Reply {
  // An unknown kind is echoed back ("I don't have X yet"), unless it is not fit to repeat.
  const echo = asked && acceptable(ctx, asked) ? asked : undefined;
  return { speech: echo ? unknownKindSpeech(echo, lang) : askKindSpeech(lang), chips: kindChips(lang) };
}

/**
 * say-content ("tell me a joke", "a fact about space") and say-content-more
 * ("another one") share this action: without a `content` parameter the kind
 * and topic come from the follow-up context of the previous answer.
 */
export const sayContent: IntentHandler = (ctx) => {
  const lang = languageFor(ctx.turn.languageCode);
  const asked = contentParameter(ctx.turn.parameters[PARAMS.content]);
  if (asked) {
    const kind = resolveKind(asked, lang);
    return kind ? tellContent(ctx, kind, topicParameter(ctx.turn.parameters[PARAMS.topic], lang)) : askForKind(ctx, asked, lang);
  }
  const state = readFollowup(ctx.turn);
  const kind = state.content ? resolveKind(state.content, lang) : undefined;
  return kind ? tellContent(ctx, kind, topicParameter(state.topic, lang)) : askForKind(ctx, undefined, lang);
};

/**
 * "One about cats" (CX's `topic` route): the topic said now, for the kind said
 * with it or else the conversation's kind.
 */
export const sayContentAbout: IntentHandler = (ctx) => {
  const lang = languageFor(ctx.turn.languageCode);
  const said = contentParameter(ctx.turn.parameters[PARAMS.content]);
  const asked = said ?? readFollowup(ctx.turn).content;
  const kind = asked ? resolveKind(asked, lang) : undefined;
  return kind ? tellContent(ctx, kind, topicParameter(ctx.turn.parameters[PARAMS.topic], lang)) : askForKind(ctx, said, lang);
};
