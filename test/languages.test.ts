/**
 * The bot in German, Spanish and French: the language files, the language
 * chosen per request, read-aloud rules and text cleanup per language, the
 * built-in collections, and whole answers over HTTP (strict v2 responses).
 */
import nock from 'nock';
import { catalogFor, kindPhrases, resolveKind } from '../src/catalog';
import { readConversationState } from '../src/conversation';
import { DEFAULT_LANGUAGE, fill, languageProblems, LANGUAGES, languageFor } from '../src/languages';
import { LanguageSchema, placeholdersOf } from '../src/languages/schema';
import { en } from '../src/languages/en';
import { offlineItems } from '../src/reddit/offline';
import { cleanText, echoText } from '../src/speech/clean';
import { sorryReply } from '../src/speech/phrases';
import { contentText } from '../src/speech/content';
import { RedditError } from '../src/reddit/client';
import { listing, redditPost } from './support/reddit';
import { webhookRequest } from './support/requests';
import { REDDIT, startWebhook, type RunningWebhook } from './support/server';
import { answer, FakeReddit } from './support/turns';
import { expectValidV2Response } from './support/v2-proto';

const lang = (code: string) => LANGUAGES.get(code)!;
const post = (title: string, selftext = '') =>
  ({ id: 'p', title, selftext, subreddit: '', permalink: '/r/x/comments/p/', stickied: false, over_18: false, is_self: true, spoiler: false }) as never;

describe('choosing the language from queryResult.languageCode', () => {
  it.each([
    ['de', 'de'],
    ['de-DE', 'de'],
    ['de-AT', 'de'],
    ['de_CH', 'de'],
    ['DE', 'de'],
    ['es', 'es'],
    ['es-419', 'es'],
    ['fr-CA', 'fr'],
    ['en-GB', 'en'],
    ['ru', 'en'],
    ['id', 'en'],
    ['pt-BR', 'en'],
    ['deu', 'en'],
    ['d', 'en'],
    ['', 'en'],
    [undefined, 'en'],
  ])('%s → %s', (code, expected) => {
    expect(languageFor(code).code).toBe(expected);
  });
});

describe('language files', () => {
  it('are English, German, Spanish and French, English first', () => {
    expect([...LANGUAGES.keys()]).toEqual(['en', 'de', 'es', 'fr']);
    expect(DEFAULT_LANGUAGE.code).toBe('en');
  });

  it('reject a phrase with a placeholder the bot does not fill, naming it', () => {
    const broken = { ...en, phrases: { ...en.phrases, here: 'Here is {thing}:' } };
    const result = LanguageSchema.safeParse(broken);
    expect(result.success).toBe(false);
    expect(JSON.stringify(result.error?.issues)).toContain('phrases');
    expect(LanguageSchema.safeParse(en).success).toBe(true);
  });

  it('all pass the full check (what agent:check runs); a broken one is named with its field', () => {
    expect(languageProblems()).toEqual([]);
    const broken = { ...en, code: 'xx', phrases: { ...en.phrases, bye: '' }, kinds: { ...en.kinds, joke: { ...en.kinds.joke, subreddit: 'r/Jokes' } } };
    expect(languageProblems([en, broken, en])).toEqual([
      'src/languages/xx.ts: kinds.joke.subreddit: Invalid string: must match pattern /^[A-Za-z0-9_]{2,21}$/',
      'src/languages/xx.ts: phrases.bye: Too small: expected string to have >=1 characters',
      'src/languages/en.ts: the code "en" is listed twice',
    ]);
  });

  it('reject a kind without synonyms and an intent without training phrases', () => {
    const noSynonyms = { ...en, kinds: { ...en.kinds, joke: { ...en.kinds.joke, synonyms: [] } } };
    const noPhrases = { ...en, agent: { ...en.agent, training: { ...en.agent.training, bye: [] } } };
    expect(LanguageSchema.safeParse(noSynonyms).success).toBe(false);
    expect(LanguageSchema.safeParse(noPhrases).success).toBe(false);
  });

  it('fills {name} and {Name}', () => {
    expect(placeholdersOf('Sure! {Choices}? {a}')).toEqual(['choices', 'a']);
    expect(fill('¡Claro! ¿{Choices}?', { choices: 'un chiste o un dato curioso' })).toBe('¡Claro! ¿Un chiste o un dato curioso?');
  });

  it.each(['de', 'es', 'fr'])('%s offers jokes and facts, each phrase for one kind only, every phrase understood', (code) => {
    const kinds = catalogFor(lang(code));
    expect(kinds.map((kind) => kind.id)).toEqual(expect.arrayContaining(['joke', 'fact']));
    const owner = new Map<string, string>();
    for (const kind of kinds) {
      for (const phrase of kindPhrases(kind)) {
        expect(owner.get(phrase) ?? kind.id).toBe(kind.id);
        owner.set(phrase, kind.id);
        expect(resolveKind(phrase, lang(code))?.id).toBe(kind.id);
      }
      // The follow-up context carries the catalog id; it resolves in every language.
      expect(resolveKind(kind.id, lang(code))).toBe(kind);
    }
  });

  it('resolves a language\'s words in that language only, with its articles', () => {
    expect(resolveKind('einen Witz', lang('de'))?.subreddit).toBe('Witze');
    expect(resolveKind('noch einen Witz', lang('de'))?.subreddit).toBe('Witze');
    expect(resolveKind('una broma', lang('es'))?.subreddit).toBe('chistes');
    expect(resolveKind('une blague', lang('fr'))?.subreddit).toBe('blagues');
    expect(resolveKind('Witz', lang('en'))).toBeUndefined();
    expect(resolveKind('dad joke', lang('de'))).toBeUndefined();
  });
});

describe('read aloud per language', () => {
  it.each([
    ['de', 'HLI, dass Faultiere 40 Minuten die Luft anhalten können', 'Faultiere 40 Minuten die Luft anhalten können'],
    ['de', 'Heute lernte ich: Kraken haben drei Herzen', 'Kraken haben drei Herzen'],
    ['es', 'Hoy aprendí que el café es una fruta', 'El café es una fruta'],
    ['es', 'Ha sido un año raro para los pulpos', 'Ha sido un año raro para los pulpos'],
    ['fr', "AJA qu'il y a 3,5 millions d'habitants", "Il y a 3,5 millions d'habitants"],
    ['fr', "Aujourd'hui j'ai appris que les éléphants ne sautent pas", 'Les éléphants ne sautent pas'],
    ['en', 'TIL that octopuses have three hearts', 'Octopuses have three hearts'],
    ['en', 'Tilapia are fish', 'Tilapia are fish'],
  ])('%s fact "%s" reads "%s"', (code, title, spoken) => {
    expect(contentText(post(title), resolveKind('fact', lang(code))!)).toBe(spoken);
  });

  it('keeps accents, decimal commas and each language\'s quotes', () => {
    expect(cleanText('Sagt die eine: „Miau.“ – 3,5&nbsp;%')).toBe('Sagt die eine: „Miau.“ – 3,5 %');
    expect(cleanText('Il a dit : « Ça coûte 2,50 € » **vraiment**')).toBe('Il a dit : « Ça coûte 2,50 € » vraiment');
    expect(cleanText('¿Qué le dijo el 0 al 8?\n¡Bonito cinturón!')).toBe('¿Qué le dijo el 0 al 8?\n¡Bonito cinturón!');
    expect(cleanText('Ærø, Øresund, ñandú, Straße, œuvre')).toBe('Ærø, Øresund, ñandú, Straße, œuvre');
  });

  it('echoes a user\'s words with accents and Spanish marks, without markup', () => {
    expect(echoText('¿chistes de <b>pingüinos</b>?', 40)).toBe('¿chistes de b pingüinos b ?');
    expect(echoText('Käsekuchen mit 2,5 kg', 40)).toBe('Käsekuchen mit 2,5 kg');
  });
});

describe('when the bot itself fails', () => {
  it.each([
    ['de', 'Entschuldige, bei mir ist etwas schiefgegangen. Frag mich gleich bitte noch einmal.', 'Noch einer'],
    ['es', 'Perdona, algo ha fallado por mi parte. Vuelve a preguntarme en un momento.', 'Otro'],
    ['fr', "Désolé, quelque chose n'a pas marché de mon côté. Redemande-moi dans un instant.", 'Encore une'],
  ])('%s: the apology and its chips are in the language', (code, speech, more) => {
    const reply = sorryReply(lang(code));
    expect(reply.speech).toBe(speech);
    expect(reply.chips[0]).toBe(more);
    expect(sorryReply(lang(code))).toBe(reply);
  });
});

describe('the built-in collections', () => {
  it.each(['en', 'de', 'es', 'fr'])('%s has at least 10 jokes and 10 facts, with ids the follow-up context keeps', (code) => {
    for (const set of ['joke', 'fact'] as const) {
      const items = offlineItems(set, lang(code));
      expect(items.length).toBeGreaterThanOrEqual(10);
      const ids = items.map((item) => item.id);
      expect(new Set(ids).size).toBe(ids.length);
      const kept = readConversationState({ servedIds: ids }).servedIds;
      expect(kept).toEqual(ids.slice(-kept.length));
      expect(kept.length).toBeGreaterThan(0);
    }
    expect(offlineItems('joke', lang('de'))[0]!.id).toBe('offline:de-joke:0');
    expect(offlineItems('joke', lang('en'))[0]!.id).toBe('offline:joke:0');
  });

  it.each([
    ['de', /^Reddit antwortet gerade nicht, darum etwas aus meiner eigenen Sammlung:\n\n.+\n.+\n\nWas möchtest du als Nächstes hören: einen Witz oder einen Fakt\?$/],
    ['es', /^Reddit no responde ahora mismo, así que aquí va uno de mi propia colección:\n\n¿.+\n.+\n\n¿Qué quieres oír ahora: un chiste o un dato curioso\?$/],
    ['fr', /^Reddit ne répond pas pour le moment, alors en voici une de ma propre collection :\n\n.+\n.+\n\nQu'est-ce que tu veux entendre maintenant : une blague ou une anecdote \?$/],
  ])('%s: when Reddit fails, a joke of its own, said so in the language', async (code, expected) => {
    const value = catalogFor(lang(code)).find((kind) => kind.id === 'joke')!.value;
    const reddit = new FakeReddit({}, new RedditError('timeout', 'timed out'));
    const { reply } = await answer(webhookRequest({ languageCode: code, parameters: { content: value, topic: '' } }), reddit, { random: () => 0 });
    expect(reply.speech).toMatch(expected);
    expect(offlineItems('joke', lang(code)).map((item) => item.text)).toContain(reply.speech.split('\n\n')[1]);
  });

  it('a shower thought in French falls back on an anecdote of its own, saying so', async () => {
    const reddit = new FakeReddit({}, new RedditError('timeout', 'timed out'));
    const { reply } = await answer(webhookRequest({ languageCode: 'fr-FR', parameters: { content: 'pensée de douche' } }), reddit, { random: () => 0 });
    expect(reply.speech).toMatch(/^Reddit ne répond pas pour le moment, alors voici plutôt une anecdote de ma propre collection :\n\nLes pieuvres/);
  });
});

describe('answers in the request\'s language (v2 over HTTP)', () => {
  let webhook: RunningWebhook;
  beforeAll(async () => {
    webhook = await startWebhook();
  });
  afterAll(() => webhook.close());
  afterEach(() => nock.cleanAll());

  const chipsOf = (json: any): string[] =>
    json.fulfillmentMessages.find((m: any) => m.payload)?.payload.richContent.flat().find((c: any) => c.type === 'chips').options.map((o: any) => o.text);

  it.each([
    {
      languageCode: 'de-DE',
      content: 'Witz',
      subreddit: 'Witze',
      post: { title: 'Was ist gelb und kann nicht schwimmen?', selftext: 'Ein Bagger.' },
      speech: 'Hier ist ein Witz:\n\nWas ist gelb und kann nicht schwimmen?\nEin Bagger.\n\nWas möchtest du als Nächstes hören: einen Witz oder einen Fakt?',
      chips: ['Noch einer', 'Witz', 'Fakt', 'Duschgedanke', 'Tschüss'],
      subtitle: 'r/Witze auf Reddit',
    },
    {
      languageCode: 'es',
      content: 'chiste',
      subreddit: 'chistes',
      post: { title: '¿Qué le dijo el 0 al 8?', selftext: 'Bonito cinturón.' },
      speech: 'Aquí tienes un chiste:\n\n¿Qué le dijo el 0 al 8?\nBonito cinturón.\n\n¿Qué quieres oír ahora: un chiste o un dato curioso?',
      chips: ['Otro', 'Chiste', 'Dato curioso', 'Adiós'],
      subtitle: 'r/chistes en Reddit',
    },
    {
      languageCode: 'fr',
      content: 'blague',
      subreddit: 'blagues',
      post: { title: 'Quel est le comble pour un électricien ?', selftext: 'Ne pas être au courant.' },
      speech: "Voici une blague :\n\nQuel est le comble pour un électricien ?\nNe pas être au courant.\n\nQu'est-ce que tu veux entendre maintenant : une blague ou une anecdote ?",
      chips: ['Encore une', 'Blague', 'Anecdote', 'Pensée de douche', 'Au revoir'],
      subtitle: 'r/blagues sur Reddit',
    },
  ])('$languageCode: the joke value gets a post from r/$subreddit, the language\'s phrase, chips and question', async (c) => {
    const scope = nock(REDDIT)
      .get(`/r/${c.subreddit}/top.json`)
      .query(true)
      .reply(200, listing([redditPost({ id: 'x1', subreddit: c.subreddit, ...c.post })]));
    const { status, json } = await webhook.post(webhookRequest({ languageCode: c.languageCode, parameters: { content: c.content, topic: '' } }));
    expect(status).toBe(200);
    expectValidV2Response(json);
    expect(json.fulfillmentText).toBe(c.speech);
    expect(chipsOf(json)).toEqual(c.chips);
    expect(JSON.stringify(json.fulfillmentMessages)).toContain(c.subtitle);
    expect(json.outputContexts[0].parameters).toMatchObject({ content: 'joke', servedIds: ['x1'] });
    scope.done();
  });

  it('a language it does not speak (Russian) gets English, from r/Jokes', async () => {
    const scope = nock(REDDIT).get('/r/Jokes/top.json').query(true).reply(200, listing([redditPost({ id: 'r1', title: 'Knock knock.', selftext: "Who's there?" })]));
    const { json } = await webhook.post(webhookRequest({ languageCode: 'ru', parameters: { content: 'joke', topic: '' } }));
    expectValidV2Response(json);
    expect(json.fulfillmentText).toMatch(/^Here's a joke:\n\nKnock knock\./);
    scope.done();
  });

  it.each([
    ['de', 'Hallo! Ich erzähle Witze und Fakten', ['Witz', 'Fakt', 'Duschgedanke']],
    ['es-MX', '¡Hola! Cuento chistes y datos curiosos', ['Chiste', 'Dato curioso']],
    ['fr-BE', 'Salut ! Je raconte des blagues', ['Blague', 'Anecdote', 'Pensée de douche']],
  ])('%s: welcome, fallback and bye in the language', async (languageCode, welcome, chips) => {
    const hello = await webhook.post(webhookRequest({ languageCode, action: 'input.welcome', intent: 'Default Welcome Intent', queryText: 'hi' }));
    const lost = await webhook.post(webhookRequest({ languageCode, action: 'input.unknown', intent: 'Default Fallback Intent', queryText: '???' }));
    const bye = await webhook.post(webhookRequest({ languageCode, action: 'bye', intent: 'bye', queryText: 'bye' }));
    for (const response of [hello, lost, bye]) expectValidV2Response(response.json);
    expect(hello.json.fulfillmentText.startsWith(welcome)).toBe(true);
    expect(chipsOf(hello.json)).toEqual(chips);
    expect(chipsOf(lost.json)).toEqual(chips);
    expect(lost.json.fulfillmentText).not.toMatch(/Sorry|I can tell/);
    expect(bye.json.fulfillmentText).not.toMatch(/\bBye\b/);
    expect(bye.json.outputContexts[0].lifespanCount).toBe(0);
  });
});
