import { OAuth2Client } from 'google-auth-library';
import { createGoogleModerator, failureFor } from '../../src/moderation/google';
import { ModerationError } from '../../src/moderation/model';
import { refusal, scores, startFakeModeration, type FakeModeration } from '../support/fake-moderation';

/**
 * The REST path to moderateText against the local fake: what is sent (the
 * v2 body, credentials only to a signed endpoint), what comes back, and each
 * way the API can refuse becoming one failure reason.
 */

const JOKE = 'Why did the scarecrow win an award?\nBecause he was outstanding in his field.';

/** google-auth-library's own OAuth2 client with a token already held: it signs requests without any network. */
function signedClient(token: string): OAuth2Client {
  const client = new OAuth2Client();
  client.setCredentials({ access_token: token, expiry_date: Date.now() + 3_600_000 });
  return client;
}

async function failureOf(work: Promise<unknown>): Promise<ModerationError> {
  const error = await work.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(ModerationError);
  return error as ModerationError;
}

describe('moderateText over REST', () => {
  let fake: FakeModeration;
  beforeEach(async () => {
    fake = await startFakeModeration((text) => scores(text.includes('scarecrow') ? { Toxic: 0.12 } : {}));
  });
  afterEach(() => fake.close());

  it('sends the v2 body without credentials to an http:// server and returns its categories', async () => {
    const moderate = createGoogleModerator({ endpoint: fake.url });
    const result = await moderate(JOKE, 2000);
    expect(result).toHaveLength(16);
    expect(result.find((score) => score.name === 'Toxic')).toEqual({ name: 'Toxic', confidence: 0.12 });
    expect(fake.calls).toEqual([
      { text: JOKE, authorization: undefined, body: { document: { type: 'PLAIN_TEXT', content: JOKE }, modelVersion: 'MODEL_VERSION_2' } },
    ]);
  });

  it('keeps severities and tolerates a trailing slash on the endpoint', async () => {
    await fake.close();
    fake = await startFakeModeration(() => scores({ Profanity: 0.9 }, { Profanity: 0.2 }));
    const result = await createGoogleModerator({ endpoint: `${fake.url}/` })('damn', 2000);
    expect(result.find((score) => score.name === 'Profanity')).toEqual({ name: 'Profanity', confidence: 0.9, severity: 0.2 });
  });

  it('signs with the credentials given (google-auth-library), which a fake that wants a token accepts', async () => {
    await fake.close();
    fake = await startFakeModeration(() => scores({ Insult: 0.7 }), { requireAuth: true });
    const signed = createGoogleModerator({ endpoint: fake.url, credentials: signedClient('test-token') });
    expect((await signed(JOKE, 2000)).find((score) => score.name === 'Insult')?.confidence).toBe(0.7);
    const unsigned = createGoogleModerator({ endpoint: fake.url });
    expect((await failureOf(unsigned(JOKE, 2000))).status).toBe(401);
    expect(fake.calls.map((call) => call.authorization)).toEqual(['Bearer test-token', undefined]);
  });

  it.each([
    [503, 'unavailable'],
    [500, 'unavailable'],
    [429, 'quota'],
    [403, 'denied'],
    [401, 'denied'],
    [400, 'invalid'],
  ])('answers %i → %s', async (status, reason) => {
    fake.trouble({ status });
    const failure = await failureOf(createGoogleModerator({ endpoint: fake.url })(JOKE, 2000));
    expect([failure.reason, failure.status]).toEqual([reason, status]);
  });

  it('gives up after its timeout on a server that does not answer', async () => {
    fake.trouble('hang');
    const started = performance.now();
    const failure = await failureOf(createGoogleModerator({ endpoint: fake.url })(JOKE, 30));
    expect(failure.reason).toBe('timeout');
    // It waited its 30 ms (a timer never fires early). Whether the request had reached the fake by then
    // depends on how busy the machine is (stress run, Node 22), so that is not asserted.
    expect(performance.now() - started).toBeGreaterThanOrEqual(29);
  });

  it('calls a server that is not there unavailable', async () => {
    const url = fake.url;
    await fake.close();
    const failure = await failureOf(createGoogleModerator({ endpoint: url })(JOKE, 2000));
    expect(failure.reason).toBe('unavailable');
    fake = await startFakeModeration(() => scores());
  });
});

describe('the fake refuses what the real API refuses', () => {
  let fake: FakeModeration;
  beforeAll(async () => {
    fake = await startFakeModeration(() => scores(), { requireAuth: true });
  });
  afterAll(() => fake.close());

  const post = (body: string, authorization?: string) =>
    fetch(`${fake.url}/v2/documents:moderateText`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(authorization && { authorization }) },
      body,
    }).then(async (res) => ({ status: res.status, body: (await res.json()) as { error?: { status: string } } }));

  it.each([
    ['no document', {}],
    ['no content', { document: { type: 'PLAIN_TEXT' } }],
    ['empty content', { document: { type: 'PLAIN_TEXT', content: '' } }],
    ['no type', { document: { content: 'hello' } }],
    ['TYPE_UNSPECIFIED', { document: { type: 'TYPE_UNSPECIFIED', content: 'hello' } }],
    ['a wrong type', { document: { type: 'TEXT', content: 'hello' } }],
  ])('%s → 400 INVALID_ARGUMENT', async (_name, body) => {
    const answer = await post(JSON.stringify(body), 'Bearer t');
    expect([answer.status, answer.body.error?.status]).toEqual([400, 'INVALID_ARGUMENT']);
  });

  it('a body that is not JSON → 400 INVALID_ARGUMENT', async () => {
    const answer = await post('{"document":', 'Bearer t');
    expect([answer.status, answer.body.error?.status]).toEqual([400, 'INVALID_ARGUMENT']);
  });

  it('no credentials → 401 UNAUTHENTICATED; a bearer token → 200', async () => {
    const body = JSON.stringify({ document: { type: 'PLAIN_TEXT', content: 'hello' } });
    expect((await post(body)).body.error?.status).toBe('UNAUTHENTICATED');
    expect((await post(body, 'Bearer t')).status).toBe(200);
  });

  it('HTML documents are accepted like plain text', () => {
    expect(refusal({ document: { type: 'HTML', content: '<p>hi</p>' } })).toBeUndefined();
  });
});

describe('failure reasons by status', () => {
  it.each([
    [429, 'quota'],
    [401, 'denied'],
    [403, 'denied'],
    [400, 'invalid'],
    [404, 'invalid'],
    [499, 'invalid'],
    [500, 'unavailable'],
    [502, 'unavailable'],
    [504, 'unavailable'],
  ])('%i → %s', (status, reason) => {
    expect(failureFor(status)).toBe(reason);
  });
});
