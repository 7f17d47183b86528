import { CATALOG, resolveKind, type ContentKind } from '../../src/catalog';
import { ACTIONS, CONTEXTS, INTENTS, PARAMS } from '../../src/dialogflow/names';
import { validateAgentFiles } from '../../scripts/agent/check';
import { generateAgent, WEBHOOK_URL_PLACEHOLDER } from '../../scripts/agent/generate';
import {
  AgentFileSchema,
  EntityEntriesFileSchema,
  IntentFileSchema,
  UserSaysFileSchema,
  schemaForPath,
  type IntentFile,
  type UserSays,
} from '../../scripts/agent/schema';
import { parse } from './helpers';

const files = generateAgent(CATALOG);
const intent = (name: string): IntentFile => IntentFileSchema.parse(parse(files, `intents/${name}.json`));
const userSays = (name: string): UserSays[] => UserSaysFileSchema.parse(parse(files, `intents/${name}_usersays_en.json`));
const textOf = (phrase: UserSays) => phrase.data.map((part) => part.text).join('');
const entries = EntityEntriesFileSchema.parse(parse(files, 'entities/content_entries_en.json'));

describe('generated agent files', () => {
  it('has exactly the export layout: agent.json, package.json, the two entities, two files per intent', () => {
    const intents = Object.values(INTENTS).flatMap((name) => [`intents/${name}.json`, `intents/${name}_usersays_en.json`]);
    expect([...files.keys()].sort()).toEqual(
      [
        'agent.json',
        'package.json',
        'entities/content.json',
        'entities/content_entries_en.json',
        'entities/sentiment.json',
        'entities/sentiment_entries_en.json',
        ...intents,
      ].sort(),
    );
    expect(parse(files, 'package.json')).toEqual({ version: '1.0.0' });
  });

  it('is byte-identical between builds, ids included', () => {
    expect([...generateAgent(CATALOG)]).toEqual([...files]);
  });

  it('is sorted by path, two-space JSON with a trailing newline', () => {
    expect([...files.keys()]).toEqual([...files.keys()].sort());
    for (const [path, text] of files) {
      expect({ path, ok: text === `${JSON.stringify(JSON.parse(text), null, 2)}\n` }).toEqual({ path, ok: true });
    }
  });

  it('passes its own format and consistency checks', () => {
    for (const path of files.keys()) expect(schemaForPath(path)).toBeDefined();
    expect(validateAgentFiles(files)).toEqual([]);
  });

  it('uses version-5 UUIDs, each unique', () => {
    const ids = [...files.values()].flatMap((text) => [...text.matchAll(/"id": "([^"]+)"/g)].map((m) => m[1]!));
    expect(ids.length).toBeGreaterThan(50);
    for (const id of ids) expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('enables the webhook with a placeholder URL and API v2', () => {
    const agent = AgentFileSchema.parse(parse(files, 'agent.json'));
    expect(agent.webhook).toMatchObject({ url: WEBHOOK_URL_PLACEHOLDER, available: true, useForDomains: false });
    expect(agent).toMatchObject({ language: 'en', enableOnePlatformApi: true, onePlatformApiVersion: 'v2' });
    expect(agent.googleAssistant.endIntentIds).toEqual([intent(INTENTS.bye).id]);
  });
});

describe('content entity', () => {
  it('has one entry per catalog kind, sorted by value', () => {
    expect(entries.map((entry) => entry.value)).toEqual(CATALOG.map((kind) => kind.id).sort());
  });

  it.each(CATALOG.map((kind) => [kind.id, kind] as const))('lists every word for "%s", each mapped back to it by the webhook', (_id, kind) => {
    const entry = entries.find((e) => e.value === kind.id);
    expect(entry?.synonyms[0]).toBe(kind.id);
    for (const word of [kind.id, ...kind.synonyms]) {
      expect(entry?.synonyms).toContain(word);
      expect({ word, kind: resolveKind(word)?.id }).toEqual({ word, kind: kind.id });
    }
  });

  it('contains no word the webhook would map elsewhere', () => {
    for (const entry of entries) {
      for (const word of entry.synonyms) expect({ word, kind: resolveKind(word)?.id }).toEqual({ word, kind: entry.value });
    }
  });
});

describe('intents (DESIGN.md agent table)', () => {
  const table = [
    [INTENTS.welcome, ACTIONS.welcome, [], []],
    [INTENTS.sayContent, ACTIONS.sayContent, [], [{ name: CONTEXTS.followup, lifespan: 5 }]],
    [INTENTS.sayContentMore, ACTIONS.sayContent, [CONTEXTS.followup], [{ name: CONTEXTS.followup, lifespan: 5 }]],
    [INTENTS.bye, ACTIONS.bye, [], [{ name: CONTEXTS.followup, lifespan: 0 }]],
    [INTENTS.fallback, ACTIONS.fallback, [], []],
  ] as const;

  it.each(table)('%s: action %s, contexts, webhook', (name, action, input, output) => {
    const file = intent(name);
    expect(file.name).toBe(name);
    expect(file.responses[0]!.action).toBe(action);
    expect(file.contexts).toEqual(input);
    expect(file.responses[0]!.affectedContexts).toEqual(output);
    expect(file.webhookUsed).toBe(true);
    expect(file.fallbackIntent).toBe(name === INTENTS.fallback);
  });

  it('say-content requires @content with prompts and takes an optional @sys.any topic', () => {
    const [content, topic, ...rest] = intent(INTENTS.sayContent).responses[0]!.parameters;
    expect(rest).toEqual([]);
    expect(content).toMatchObject({ name: PARAMS.content, dataType: '@content', value: '$content', required: true, isList: false });
    expect(content!.prompts.length).toBeGreaterThan(0);
    expect(content!.prompts.every((prompt) => prompt.lang === 'en' && prompt.value.length > 0)).toBe(true);
    expect(topic).toMatchObject({ name: PARAMS.topic, dataType: '@sys.any', value: '$topic', required: false });
  });

  it('only say-content and feedback have parameters', () => {
    for (const name of Object.values(INTENTS).filter((n) => n !== INTENTS.sayContent && n !== INTENTS.feedback)) {
      expect({ name, parameters: intent(name).responses[0]!.parameters }).toEqual({ name, parameters: [] });
    }
    expect(intent(INTENTS.feedback).responses[0]!.parameters).toMatchObject([
      { name: 'sentiment', dataType: '@sentiment', required: false, value: '$sentiment', prompts: [] },
    ]);
  });

  it('the sentiment entity has exactly the values positive and negative, each with its words', () => {
    const entries = parse<Array<{ value: string; synonyms: string[] }>>(files, 'entities/sentiment_entries_en.json');
    expect(entries.map((entry) => entry.value)).toEqual(['positive', 'negative']);
    expect(entries[0]!.synonyms).toEqual(expect.arrayContaining(['positive', 'good one', 'funny', 'haha']));
    expect(entries[1]!.synonyms).toEqual(expect.arrayContaining(['negative', 'not funny', "wasn't funny", 'lame']));
  });

  it('new intents follow the DESIGN.md agent table: contexts in and out', () => {
    const contexts = (name: string) => ({
      in: intent(name).contexts,
      out: intent(name).responses[0]!.affectedContexts.map((context) => `${context.name}/${context.lifespan}`),
    });
    expect(contexts(INTENTS.help)).toEqual({ in: [], out: [] });
    expect(contexts(INTENTS.surprise)).toEqual({ in: [], out: ['content-followup/5'] });
    expect(contexts(INTENTS.repeat)).toEqual({ in: ['content-followup'], out: ['content-followup/5'] });
    expect(contexts(INTENTS.feedback)).toEqual({ in: ['content-followup'], out: ['content-followup/5'] });
    expect(Object.values(INTENTS).map((name) => intent(name).responses[0]!.action)).toEqual(
      expect.arrayContaining(['help', 'surprise', 'repeat', 'feedback']),
    );
  });

  it('the welcome intent answers the WELCOME event and the platform ones; bye clears contexts and ends the conversation', () => {
    expect(intent(INTENTS.welcome).events.map((event: { name: string }) => event.name)).toEqual([
      'WELCOME',
      'TELEGRAM_WELCOME',
      'FACEBOOK_WELCOME',
      'SLACK_WELCOME',
      'VIBER_WELCOME',
      'KIK_WELCOME',
      'SKYPE_WELCOME',
      'TELEPHONY_WELCOME',
    ]);
    const bye = intent(INTENTS.bye);
    expect(bye.responses[0]!.resetContexts).toBe(true);
    expect(bye.endInteraction).toBe(true);
    expect(intent(INTENTS.sayContent).endInteraction).toBeUndefined();
  });

  it('every webhook action belongs to some intent', () => {
    const actions = Object.values(INTENTS).map((name) => intent(name).responses[0]!.action);
    for (const action of Object.values(ACTIONS)) expect(actions).toContain(action);
  });
});

describe('training phrases', () => {
  it.each([
    [INTENTS.sayContent, 15],
    [INTENTS.sayContentMore, 8],
    [INTENTS.bye, 6],
    [INTENTS.welcome, 3],
  ] as const)('%s has at least %i distinct phrases', (name, min) => {
    const texts = userSays(name).map(textOf);
    expect(texts.length).toBeGreaterThanOrEqual(min);
    expect(new Set(texts).size).toBe(texts.length);
  });

  it('say-content includes "tell me a joke about cats" with the kind and the topic annotated', () => {
    const phrase = userSays(INTENTS.sayContent).find((p) => textOf(p) === 'tell me a joke about cats');
    expect(phrase?.data).toEqual([
      { text: 'tell me a ', userDefined: false },
      { text: 'joke', alias: 'content', meta: '@content', userDefined: true },
      { text: ' about ', userDefined: false },
      { text: 'cats', alias: 'topic', meta: '@sys.any', userDefined: true },
    ]);
  });

  it('say-content trains on every catalog word, annotated as @content', () => {
    const annotated = userSays(INTENTS.sayContent).flatMap((p) =>
      p.data.flatMap((part) => ('alias' in part && part.meta === '@content' ? [part.text] : [])),
    );
    for (const kind of CATALOG) for (const word of [kind.id, ...kind.synonyms]) expect(annotated).toContain(word);
  });

  it('say-content has phrases with topics and without', () => {
    const withTopic = userSays(INTENTS.sayContent).filter((p) => p.data.some((part) => 'alias' in part && part.alias === 'topic'));
    expect(withTopic.length).toBeGreaterThanOrEqual(5);
    expect(withTopic.length).toBeLessThan(userSays(INTENTS.sayContent).length);
  });

  it('grows with the catalog: a new synonym becomes a training phrase', () => {
    const catalog: ContentKind[] = CATALOG.map((kind) =>
      kind.id === 'joke' ? { ...kind, synonyms: [...kind.synonyms, 'wisecrack'] } : kind,
    );
    const more = generateAgent(catalog);
    const texts = UserSaysFileSchema.parse(parse(more, 'intents/say-content_usersays_en.json')).map(textOf);
    expect(texts.some((text) => text.includes('wisecrack'))).toBe(true);
    const joke = EntityEntriesFileSchema.parse(parse(more, 'entities/content_entries_en.json')).find((e) => e.value === 'joke');
    expect(joke?.synonyms).toContain('wisecrack');
  });

  it('more, bye and the fallback phrases carry no annotations', () => {
    for (const name of [INTENTS.sayContentMore, INTENTS.bye, INTENTS.welcome, INTENTS.fallback]) {
      for (const phrase of userSays(name)) expect(phrase.data).toEqual([{ text: textOf(phrase), userDefined: false }]);
    }
  });
});
