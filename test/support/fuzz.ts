import fc from 'fast-check';
import { CATALOG } from '../../src/catalog';
import { CX_TAGS } from '../../src/dialogflow/cx-tags';
import { ACTIONS, INTENTS } from '../../src/dialogflow/names';
import { RedditError, type ListingQuery, type PostSource } from '../../src/reddit/client';
import { parseListing, type Post } from '../../src/reddit/listing';
import { listing, redditPost } from './reddit';
import { SESSION } from './requests';
import { v2ResponseProblems } from './v2-proto';

/** Generators of hostile and almost-valid Dialogflow requests, for property tests. */

const loneSurrogate = fc.integer({ min: 0xd800, max: 0xdfff }).map((code) => String.fromCharCode(code));
const nasty = fc.constantFrom(
  '',
  ' ',
  '\u0000',
  '\u0000joke\u0000',
  '\u202ekoj\u202c',
  '\u200f\u061cنكتة',
  'שלום',
  '🤡',
  '👩‍👩‍👧‍👦',
  '🏳️‍🌈'.repeat(20),
  'e\u0301\u0301\u0301',
  '\ud83d',
  '\ude00x',
  '__proto__',
  'constructor',
  'toString',
  'hasOwnProperty',
  '<script>alert(1)</script>',
  '<html><body>hi</body></html>',
  '{"a":1}',
  '${process.exit()}',
  '../../etc/passwd',
  'null',
  'undefined',
  'NaN',
  '\r\n\r\nHTTP/1.1 200 OK',
  'Error: boom\n    at Object.<anonymous> (/x.js:1:1)',
  '*'.repeat(300),
  '[a](('.repeat(50),
  '>!'.repeat(100),
);

/** Any text: ordinary, any code point, graphemes, lone surrogates, known troublemakers, very long. */
export const anyText: fc.Arbitrary<string> = fc.oneof(
  { weight: 3, arbitrary: fc.string() },
  { weight: 2, arbitrary: fc.string({ unit: 'binary' }) },
  { weight: 2, arbitrary: fc.string({ unit: 'grapheme' }) },
  { weight: 1, arbitrary: fc.string({ unit: fc.oneof(fc.string({ unit: 'binary', minLength: 1, maxLength: 1 }), loneSurrogate) }) },
  { weight: 3, arbitrary: nasty },
  {
    weight: 1,
    arbitrary: fc
      .tuple(fc.oneof(nasty, fc.string({ minLength: 1 })), fc.integer({ min: 1000, max: 12000 }))
      .map(([seed, length]) => (seed || 'x').repeat(Math.ceil(length / Math.max(1, seed.length))).slice(0, length)),
  },
);

const kindWords = fc.constantFrom(...CATALOG.flatMap((kind) => [kind.id, kind.chip, kind.noun, ...kind.synonyms]));

/** Any JSON value, nested a little or absurdly. */
export const anyJson: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 4, arbitrary: fc.jsonValue({ maxDepth: 4 }) },
  { weight: 2, arbitrary: anyText },
  { weight: 1, arbitrary: fc.integer({ min: 1, max: 40 }).map((depth) => nestedValue(depth)) },
  { weight: 1, arbitrary: fc.constantFrom(null, true, false, 0, -1, 1e308, -0, 3.5, [], {}) },
);

function nestedValue(depth: number): unknown {
  let value: unknown = 'joke';
  for (let i = 0; i < depth; i += 1) value = i % 2 ? [value] : { value };
  return value;
}

/** A parameter value as Dialogflow might send it, or as nobody should. */
const parameterValue: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 4, arbitrary: kindWords },
  { weight: 1, arbitrary: kindWords.map((word) => [word]) },
  { weight: 3, arbitrary: anyText },
  { weight: 1, arbitrary: fc.array(fc.oneof(kindWords, anyText, fc.integer()), { maxLength: 4 }) },
  { weight: 2, arbitrary: anyJson },
);

/** Usually a well-formed value, sometimes anything: most bodies get past validation, all fields get hit. */
function mostly<T>(valid: fc.Arbitrary<T>, hostile: fc.Arbitrary<unknown> = anyJson): fc.Arbitrary<unknown> {
  return fc.oneof({ weight: 15, arbitrary: valid }, { weight: 1, arbitrary: hostile });
}

const sessionPath = mostly(
  fc.oneof(
    { weight: 6, arbitrary: fc.constant(SESSION) },
    { weight: 1, arbitrary: fc.constant('projects/p/locations/europe-west1/agent/environments/draft/users/u-1/sessions/s-1') },
    { weight: 2, arbitrary: fc.stringMatching(/^projects\/[a-z0-9-]{1,12}\/agent\/sessions\/[^/\s]{1,40}$/) },
  ),
  anyText,
);

const contextArb = fc.record(
  {
    name: mostly(
      fc.oneof(
        { weight: 4, arbitrary: fc.constantFrom(`${SESSION}/contexts/content-followup`, `${SESSION}/contexts/__system_counters__`) },
        { weight: 1, arbitrary: anyText.map((text) => `${SESSION}/contexts/${text}`) },
      ),
      fc.oneof(anyText, anyJson),
    ),
    lifespanCount: mostly(fc.integer({ min: 0, max: 50 })),
    parameters: mostly(
      fc.record(
        {
          content: parameterValue,
          topic: parameterValue,
          servedIds: fc.oneof(fc.array(fc.oneof(fc.string({ maxLength: 12 }), anyText, fc.integer()), { maxLength: 60 }), anyJson),
        },
        { requiredKeys: [] },
      ),
      fc.dictionary(anyText, parameterValue, { maxKeys: 4 }),
    ),
  },
  { requiredKeys: ['name'] },
);

const queryResult = fc.record(
  {
    queryText: mostly(fc.oneof(fc.string({ maxLength: 80 }), anyText.map((text) => text.slice(0, 300)))),
    languageCode: mostly(fc.constantFrom('en', 'en-US', 'de', 'de-AT', 'es-419', 'fr-CA', 'ru', 'id', 'x', '')),
    action: mostly(fc.oneof({ weight: 6, arbitrary: fc.constantFrom(...Object.values(ACTIONS), '') }, { weight: 1, arbitrary: fc.string({ maxLength: 30 }) })),
    parameters: mostly(
      fc.oneof(
        { weight: 5, arbitrary: fc.record({ content: parameterValue, topic: parameterValue }, { requiredKeys: [] }) },
        { weight: 1, arbitrary: fc.dictionary(anyText, parameterValue, { maxKeys: 5 }) },
      ),
    ),
    outputContexts: mostly(fc.array(contextArb, { maxLength: 3 })),
    intent: mostly(
      fc.record(
        {
          name: mostly(fc.constant('projects/p/agent/intents/1'), anyText),
          displayName: mostly(fc.oneof({ weight: 6, arbitrary: fc.constantFrom(...Object.values(INTENTS)) }, { weight: 1, arbitrary: fc.string({ maxLength: 30 }) })),
        },
        { requiredKeys: [] },
      ),
    ),
    allRequiredParamsPresent: mostly(fc.boolean()),
    intentDetectionConfidence: mostly(fc.double({ min: 0, max: 1, noNaN: true })),
    diagnosticInfo: anyJson,
    sentimentAnalysisResult: anyJson,
    fulfillmentMessages: anyJson,
    webhookPayload: anyJson,
  },
  { requiredKeys: [] },
);

const original = fc.record(
  {
    source: mostly(fc.oneof(fc.constantFrom('telegram', 'TELEGRAM', 'slack', 'facebook', 'google', 'line', 'DIALOGFLOW_CONSOLE', '__proto__', 'constructor'), fc.string({ maxLength: 20 }))),
    version: mostly(fc.constant('2')),
    payload: mostly(fc.record({ source: mostly(fc.string({ maxLength: 20 })), data: anyJson }, { requiredKeys: [] })),
  },
  { requiredKeys: [] },
);

/** Bodies from "almost a real Dialogflow request" to "anything that parses as JSON". */
export const webhookBody: fc.Arbitrary<unknown> = fc.oneof(
  {
    weight: 24,
    arbitrary: fc.record(
      {
        responseId: mostly(fc.uuid()),
        session: sessionPath,
        queryResult: mostly(queryResult),
        originalDetectIntentRequest: mostly(original),
        alternativeQueryResults: anyJson,
      },
      { requiredKeys: ['session', 'queryResult'] },
    ),
  },
  {
    weight: 2,
    arbitrary: fc.record(
      { session: fc.oneof(sessionPath, anyJson), queryResult: fc.oneof(queryResult, anyJson), result: anyJson, originalDetectIntentRequest: fc.oneof(original, anyJson) },
      { requiredKeys: [] },
    ),
  },
  { weight: 1, arbitrary: anyJson },
  { weight: 1, arbitrary: fc.dictionary(anyText, anyJson, { maxKeys: 6 }) },
);

const cxTag = fc.oneof(
  { weight: 8, arbitrary: fc.constantFrom(...Object.values(CX_TAGS)) },
  { weight: 1, arbitrary: anyText },
  { weight: 1, arbitrary: fc.constantFrom(null, '', 'Default Welcome Intent') },
);
const cxStateParameters = fc.record(
  {
    followup_content: mostly(kindWords),
    followup_topic: mostly(anyText),
    followup_served_ids: mostly(fc.array(fc.oneof(fc.stringMatching(/^[a-z0-9]{1,8}$/), fc.constant('offline:joke:3'), anyText), { maxLength: 60 })),
    followup_asked: mostly(fc.integer({ min: -1, max: 60 })),
    followup_noted: mostly(anyText),
    content: parameterValue,
    topic: parameterValue,
  },
  { requiredKeys: [] },
);
const cxIntentParameters = fc.dictionary(
  fc.constantFrom('content', 'topic', 'sentiment', 'x'),
  mostly(fc.record({ originalValue: mostly(anyText), resolvedValue: parameterValue }, { requiredKeys: [] })),
  { maxKeys: 4 },
);

/** CX bodies from "almost what Dialogflow CX sends" to "anything with fulfillmentInfo or sessionInfo". */
export const cxWebhookBody: fc.Arbitrary<unknown> = fc.record(
  {
    detectIntentResponseId: mostly(fc.uuid()),
    fulfillmentInfo: mostly(fc.record({ tag: cxTag }, { requiredKeys: [] })),
    sessionInfo: mostly(
      fc.record(
        {
          session: mostly(fc.stringMatching(/^projects\/[a-z0-9-]{1,12}\/locations\/global\/agents\/[a-z0-9-]{1,36}\/sessions\/[^/\s]{1,40}$/), anyText),
          parameters: mostly(cxStateParameters),
        },
        { requiredKeys: [] },
      ),
    ),
    intentInfo: mostly(fc.record({ displayName: mostly(anyText), parameters: mostly(cxIntentParameters) }, { requiredKeys: [] })),
    pageInfo: mostly(
      fc.record({ formInfo: mostly(fc.record({ parameterInfo: mostly(fc.array(fc.record({ displayName: mostly(fc.constantFrom('content', 'topic')), value: parameterValue }, { requiredKeys: [] }), { maxLength: 3 })) }, { requiredKeys: [] })) }, { requiredKeys: [] }),
    ),
    text: mostly(anyText),
    languageCode: mostly(fc.constantFrom('en', 'de', 'es', 'fr', 'de-AT', 'pt-BR', ''), anyText),
    payload: mostly(fc.record({ source: fc.constantFrom('DIALOGFLOW_MESSENGER', 'telegram') }, { requiredKeys: [] })),
  },
  { requiredKeys: ['fulfillmentInfo'] },
);

/** Reddit posts with hostile text, so the speech/response path sees the worst too. */
const postText = fc.oneof(fc.string(), anyText, fc.constantFrom('&amp;lt;', '**bold** _it_ ~~s~~ >!spoiler!<', '[link](http://x.y/(a))', '\n\n\n', 'TIL that'));
export const listingArb = fc
  .array(
    fc.record({
      id: fc.stringMatching(/^[a-z0-9]{1,8}$/),
      title: postText,
      selftext: postText,
      over_18: fc.boolean(),
      stickied: fc.boolean(),
      spoiler: fc.boolean(),
      is_self: fc.boolean(),
    }),
    { maxLength: 6 },
  )
  .map((posts) => listing(posts.map((post) => redditPost(post))));

/** In-memory Reddit: the same generated listing for every subreddit and search, or a failure. */
export class FuzzReddit implements PostSource {
  private readonly posts: Post[];
  constructor(
    body: unknown,
    private readonly failure?: RedditError,
  ) {
    this.posts = parseListing(body);
  }
  async fetchPosts(_query: ListingQuery): Promise<Post[]> {
    if (this.failure) throw this.failure;
    return this.posts;
  }
}

export const redditFailure = fc.option(
  fc.constantFrom<RedditError>(new RedditError('timeout', 'slow'), new RedditError('upstream', 'boom', 500), new RedditError('format', 'bad')),
  { nil: undefined, freq: 4 },
);

const STACK_TRACE = /\n\s+at \S|\bat [^\s()]+ \([^)]*:\d+:\d+\)/;
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

/** A 200 for ES: a strict v2 WebhookResponse with something to say. */
function v2AnswerProblems(json: any): string[] {
  const problems = v2ResponseProblems(json);
  if (typeof json?.fulfillmentText !== 'string' || json.fulfillmentText.trim() === '') problems.push('empty fulfillmentText');
  return problems;
}

/**
 * What every answer must be, whatever was sent: never a 5xx, JSON (never HTML,
 * never a stack), a strict WebhookResponse when 200 (v2 unless `okProblems`
 * checks another edition), the error shape otherwise.
 * Returns the problems; [] when the answer is fine.
 */
export function answerProblems(
  status: number,
  contentType: string | undefined | null,
  text: string,
  okProblems: (json: any) => string[] = v2AnswerProblems,
): string[] {
  const problems: string[] = [];
  if (status >= 500 || status < 200) problems.push(`status ${status}`);
  if (!/^application\/json\b/.test(contentType ?? '')) problems.push(`content type ${String(contentType)}`);
  if (/<html|<pre>|<!doctype/i.test(text)) problems.push('HTML in the body');
  if (STACK_TRACE.test(text)) problems.push('stack trace in the body');
  let json: any;
  try {
    json = JSON.parse(text);
  } catch {
    problems.push(`not JSON: ${text.slice(0, 80)}`);
    return problems;
  }
  if (status === 200) {
    problems.push(...okProblems(json));
    // JSON.stringify escapes exactly the lone surrogates (pairs stay raw), so an escape means one slipped through.
    if (LONE_SURROGATE.test(text) || /(?<!\\)\\u[dD][89a-fA-F][0-9a-fA-F]{2}/.test(text)) problems.push('lone surrogate in the answer');
  } else {
    const keys = json && typeof json === 'object' ? Object.keys(json) : [];
    const error = json?.error;
    if (keys.join() !== 'error' || typeof error?.code !== 'string' || typeof error?.message !== 'string' || Object.keys(error).length !== 2) {
      problems.push(`error body not {"error": {"code", "message"}}: ${text.slice(0, 120)}`);
    }
  }
  return problems;
}
