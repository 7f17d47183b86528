/**
 * The multilingual agent: what agent:build writes per language, what
 * agent:check refuses, and the local matcher reading one language.
 */
import { join } from 'node:path';
import { ALL_KINDS } from '../../src/catalog';
import { LANGUAGES } from '../../src/languages';
import { validateAgentFiles } from '../../scripts/agent/check';
import { generateAgent, toJsonText } from '../../scripts/agent/generate';
import type { EntityEntry, IntentFile, UserSays } from '../../scripts/agent/schema';
import { AgentLoadError, agentFromFiles, loadAgent } from '../../scripts/local-agent/agent';
import { matchText } from '../../scripts/local-agent/match';
import { AGENT_DIR, parse } from './helpers';

const files = generateAgent(ALL_KINDS);
const edited = (path: string, change: (json: any) => unknown) => {
  const copy = new Map(files);
  copy.set(path, toJsonText(change(JSON.parse(copy.get(path)!))));
  return copy;
};

describe('agent:build, one agent in four languages', () => {
  it('lists English as the agent language and German, Spanish, French as supported', () => {
    const agent = parse<{ language: string; supportedLanguages: string[] }>(files, 'agent.json');
    expect(agent.language).toBe('en');
    expect(agent.supportedLanguages).toEqual(['de', 'es', 'fr']);
  });

  it('writes entity entries and training phrases per language', () => {
    for (const code of LANGUAGES.keys()) {
      expect(files.has(`entities/content_entries_${code}.json`)).toBe(true);
      for (const intent of ['Default Welcome Intent', 'say-content', 'say-content-more', 'bye', 'Default Fallback Intent', 'help', 'surprise', 'repeat', 'feedback']) {
        const phrases = parse<UserSays[]>(files, `intents/${intent}_usersays_${code}.json`);
        expect(phrases.length).toBeGreaterThan(0);
        expect(phrases.every((phrase) => phrase.lang === code)).toBe(true);
      }
    }
    expect(parse<EntityEntry[]>(files, 'entities/content_entries_de.json').map((entry) => entry.value)).toEqual(['Duschgedanke', 'Fakt', 'Witz']);
  });

  it('gives each intent a reply per language and say-content its prompts per language', () => {
    const say = parse<IntentFile>(files, 'intents/say-content.json');
    const replies = say.responses[0]!.messages.map((message) => [message.lang, message.speech[0]]);
    expect(replies).toEqual([
      ['en', "Sorry, I can't reach my stories right now. What do you want to hear next, a joke or a fact?"],
      ['de', 'Entschuldige, ich komme gerade nicht an meine Geschichten. Was möchtest du als Nächstes hören: einen Witz oder einen Fakt?'],
      ['es', 'Perdona, ahora no puedo llegar a mis historias. ¿Qué quieres oír ahora: un chiste o un dato curioso?'],
      ["fr", "Désolé, je n'arrive pas à joindre mes histoires pour le moment. Qu'est-ce que tu veux entendre maintenant : une blague ou une anecdote ?"],
    ]);
    const prompts = say.responses[0]!.parameters.find((parameter) => parameter.name === 'content')!.prompts;
    expect(prompts.filter((prompt) => prompt.lang === 'de').map((prompt) => prompt.value)).toEqual([
      'Was möchtest du hören: einen Witz oder einen Fakt?',
      'Gern! Einen Witz oder einen Fakt?',
      'Was soll ich dir erzählen?',
    ]);
  });

  it('annotates the inflected German noun after its article ("einen [duschgedanken]")', () => {
    const phrases = parse<UserSays[]>(files, 'intents/say-content_usersays_de.json').map((phrase) =>
      phrase.data.map((part) => ('alias' in part ? `[${part.text}]` : part.text)).join(''),
    );
    expect(phrases).toContain('erzähl mir einen [witz] über [katzen]');
    expect(phrases.some((phrase) => phrase.includes('einen [duschgedanken]'))).toBe(true);
  });

  it('has the sentiment entity in every language, with that language\'s words', () => {
    for (const code of LANGUAGES.keys()) {
      const entries = parse<EntityEntry[]>(files, `entities/sentiment_entries_${code}.json`);
      expect(entries.map((entry) => entry.value)).toEqual(['positive', 'negative']);
    }
    const german = parse<EntityEntry[]>(files, 'entities/sentiment_entries_de.json');
    expect(german[0]!.synonyms).toContain('der war gut');
    expect(german[1]!.synonyms).toContain('nicht witzig');
    const help = parse<UserSays[]>(files, 'intents/help_usersays_fr.json').map((phrase) => phrase.data.map((part) => part.text).join(''));
    expect(help).toContain("qu'est-ce que tu sais faire");
  });

  it('passes its own checks', () => {
    expect(validateAgentFiles(files)).toEqual([]);
  });
});

describe('agent:check, per language', () => {
  it('fails on a language missing a kind', () => {
    const problems = validateAgentFiles(edited('entities/content_entries_fr.json', (entries) => entries.filter((entry: EntityEntry) => entry.value !== 'blague')));
    expect(problems).toEqual([
      { file: 'entities/content_entries_fr.json', message: 'kind "joke" ("blague") has no entry with synonyms in Français (fr)' },
    ]);
  });

  it('fails on a language missing an intent\'s phrases', () => {
    const copy = new Map(files);
    copy.delete('intents/bye_usersays_es.json');
    expect(validateAgentFiles(copy)).toEqual([
      { file: 'intents/bye.json', message: '"bye" has no training phrases in Español (intents/bye_usersays_es.json)' },
    ]);
    const empty = edited('intents/bye_usersays_es.json', () => []);
    expect(validateAgentFiles(empty)).toEqual([
      { file: 'intents/bye.json', message: '"bye" has no training phrases in Español (intents/bye_usersays_es.json)' },
    ]);
  });

  it('fails on an intent without a reply or prompt in a language', () => {
    const problems = validateAgentFiles(
      edited('intents/say-content.json', (intent: IntentFile) => {
        const response = intent.responses[0]!;
        response.messages = response.messages.filter((message) => message.lang !== 'de');
        response.parameters[0]!.prompts = response.parameters[0]!.prompts.filter((prompt) => prompt.lang !== 'de');
        return intent;
      }),
    );
    expect(problems).toEqual([
      { file: 'intents/say-content.json', message: '"say-content" has no reply in Deutsch (de)' },
      { file: 'intents/say-content.json', message: 'required parameter "content" has no prompt in Deutsch (de)' },
    ]);
  });

  it('fails on a language the webhook does not speak, and on files in a language the agent does not list', () => {
    const unknown = validateAgentFiles(edited('agent.json', (agent) => ({ ...agent, supportedLanguages: ['de', 'es', 'fr', 'it'] })));
    expect(unknown).toEqual([{ file: 'agent.json', message: 'language "it" has no src/languages/it.ts: the webhook would answer it in English' }]);
    const unlisted = validateAgentFiles(edited('agent.json', (agent) => ({ ...agent, supportedLanguages: ['de', 'es'] })));
    expect(unlisted.map((problem) => problem.file)).toContain('entities/content_entries_fr.json');
    expect(unlisted.every((problem) => problem.message === 'language "fr" is not in agent.json (language, supportedLanguages)')).toBe(true);
  });

  it('fails on a synonym the webhook cannot map in that language (an English word in German)', () => {
    const problems = validateAgentFiles(
      edited('entities/content_entries_de.json', (entries: EntityEntry[]) =>
        entries.map((entry) => (entry.value === 'Witz' ? { ...entry, synonyms: [...entry.synonyms, 'dad joke'] } : entry)),
      ),
    );
    expect(problems).toEqual([
      { file: 'entities/content_entries_de.json', message: expect.stringContaining('"dad joke" (entry "Witz") is not a catalog kind or synonym') },
    ]);
  });
});

describe('the local matcher in one language', () => {
  it('reads German phrases, synonyms and prompts', async () => {
    const agent = await loadAgent(AGENT_DIR, 'de');
    expect(agent.languageCode).toBe('de');
    const match = matchText(agent, 'erzähl mir einen Witz über Hunde', new Set());
    expect(match.intent.name).toBe('say-content');
    expect(match.parameters).toEqual({ content: 'Witz', topic: 'hunde' });
    expect(agent.intents.find((intent) => intent.name === 'say-content')!.parameters[0]!.prompts[0]).toBe(
      'Was möchtest du hören: einen Witz oder einen Fakt?',
    );
    expect(matchText(agent, 'tell me a joke', new Set()).intent.fallback).toBe(true);
  });

  it('reads French by default only when asked, and refuses a language the agent does not speak', async () => {
    const english = agentFromFiles(files);
    expect(english.languageCode).toBe('en');
    expect(matchText(agentFromFiles(files, 'fr'), 'raconte-moi une blague', new Set()).parameters).toEqual({ content: 'blague' });
    expect(() => agentFromFiles(files, 'it')).toThrow(AgentLoadError);
    expect(() => agentFromFiles(files, 'it')).toThrow('the agent does not speak "it" (it speaks en, de, es, fr)');
    await expect(loadAgent(join(AGENT_DIR), 'xx')).rejects.toThrow(/does not speak "xx"/);
  });
});
