import { execFile } from 'node:child_process';
import { readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { ALL_KINDS, CATALOG, type ContentKind } from '../../src/catalog';
import { ACTIONS } from '../../src/dialogflow/names';
import { checkAgentDir, displayPath, formatProblem, validateAgentFiles } from '../../scripts/agent/check';
import { generateAgent, toJsonText } from '../../scripts/agent/generate';
import { INTENT_DEFINITIONS } from '../../scripts/agent/intents';
import { AGENT_DIR, REPO_ROOT, copyAgent } from './helpers';

/** Every language's kinds, with one more synonym for an English kind. */
const withSynonym = (id: string, synonym: string): ContentKind[] =>
  ALL_KINDS.map((kind) => (kind.id === id && kind.lang.code === 'en' ? { ...kind, synonyms: [...kind.synonyms, synonym] } : kind));
const filesOf = (problems: { file: string }[]) => [...new Set(problems.map((p) => p.file))].sort();

describe('agent:check on the committed agent/', () => {
  it('finds agent/ up to date and valid', async () => {
    expect(await checkAgentDir(AGENT_DIR)).toEqual([]);
  });

  it('reports agent/ as stale when the catalog changed without a rebuild', async () => {
    const problems = await checkAgentDir(AGENT_DIR, withSynonym('fact', 'factoid'));
    expect(filesOf(problems)).toEqual(['entities/content_entries_en.json', 'intents/say-content_usersays_en.json']);
    expect(problems[0]!.message).toContain('npm run agent:build');
  });
});

describe('agent:check after hand edits', () => {
  let copy: Awaited<ReturnType<typeof copyAgent>>;
  beforeEach(async () => {
    copy = await copyAgent();
  });
  afterEach(async () => {
    await copy.cleanup();
  });

  const edit = async (path: string, change: (text: string) => string) => {
    const file = join(copy.dir, path);
    await writeFile(file, change(await readFile(file, 'utf8')));
  };

  it('names the file whose value was changed', async () => {
    await edit('intents/say-content.json', (text) => text.replace('"lifespan": 5', '"lifespan": 2'));
    const problems = await checkAgentDir(copy.dir);
    expect(filesOf(problems)).toEqual(['intents/say-content.json']);
    expect(problems[0]!.message).toContain('line 13: expected `"lifespan": 5`, found `"lifespan": 2`');
    expect(formatProblem('agent', problems[0]!)).toMatch(/^agent\/intents\/say-content\.json: /);
  });

  it('names the file for a whitespace-only edit', async () => {
    await edit('agent.json', (text) => text.trimEnd());
    expect(filesOf(await checkAgentDir(copy.dir))).toEqual(['agent.json']);
  });

  it('rejects a field the export format does not have, and says which', async () => {
    await edit('entities/content.json', (text) => text.replace('"isEnum": false', '"isEnum": false,\n  "colour": "red"'));
    const problems = await checkAgentDir(copy.dir);
    expect(filesOf(problems)).toEqual(['entities/content.json']);
    expect(problems.map((p) => p.message).join('\n')).toContain('colour');
  });

  it('reports invalid JSON, a missing file and an extra file', async () => {
    await edit('intents/bye_usersays_en.json', (text) => text.slice(0, -3));
    await rm(join(copy.dir, 'intents/say-content-more.json'));
    await writeFile(join(copy.dir, 'intents/notes.txt'), 'hello\n');
    const problems = await checkAgentDir(copy.dir);
    expect(filesOf(problems)).toEqual([
      'intents/bye_usersays_en.json',
      'intents/notes.txt',
      'intents/say-content-more.json',
      'intents/say-content-more_usersays_de.json',
      'intents/say-content-more_usersays_en.json',
      'intents/say-content-more_usersays_es.json',
      'intents/say-content-more_usersays_fr.json',
    ]);
    expect(problems.find((p) => p.file === 'intents/bye_usersays_en.json' && /invalid JSON/.test(p.message))).toBeDefined();
    expect(problems.find((p) => p.file === 'intents/say-content-more.json')?.message).toMatch(/^missing/);
  });

  it('also explains why a hand-added synonym is wrong: the webhook cannot map it', async () => {
    await edit('entities/content_entries_en.json', (text) => text.replace('"puns"', '"puns",\n      "gag"'));
    const problems = await checkAgentDir(copy.dir);
    expect(problems).toContainEqual({
      file: 'entities/content_entries_en.json',
      message: expect.stringContaining('"gag" (entry "dad joke") is not a catalog kind or synonym'),
    });
  });
});

describe('validateAgentFiles (consistency with the webhook)', () => {
  it('fails on an entity value or synonym the webhook cannot map', () => {
    const problems = validateAgentFiles(generateAgent(withSynonym('joke', 'knock knock')));
    expect(problems).toEqual([
      {
        file: 'entities/content_entries_en.json',
        message: '"knock knock" (entry "joke") is not a catalog kind or synonym: the webhook cannot map it',
      },
      {
        file: 'intents/say-content_usersays_en.json',
        message: '"knock knock" is annotated @content but is not a catalog kind or synonym',
      },
    ]);
  });

  it('fails on a synonym the webhook maps to another kind', () => {
    const problems = validateAgentFiles(generateAgent(withSynonym('fact', 'pun')));
    expect(problems).toContainEqual({
      file: 'entities/content_entries_en.json',
      message: '"pun" is in entry "fact" but the webhook maps it to "dad joke"',
    });
  });

  it('fails on a webhook action with no intent', () => {
    const intents = INTENT_DEFINITIONS.filter((intent) => intent.action !== ACTIONS.bye);
    expect(validateAgentFiles(generateAgent(CATALOG, { intents }))).toEqual([
      { file: 'intents/', message: `the webhook handles action "${ACTIONS.bye}" but no intent has it` },
    ]);
  });

  it('fails on an intent whose action the webhook does not handle', () => {
    const intents = INTENT_DEFINITIONS.map((intent) =>
      intent.name === 'bye' ? { ...intent, action: 'smalltalk.bye' } : intent,
    );
    expect(validateAgentFiles(generateAgent(CATALOG, { intents }))).toEqual([
      { file: 'intents/', message: `the webhook handles action "${ACTIONS.bye}" but no intent has it` },
      { file: 'intents/bye.json', message: expect.stringContaining('action "smalltalk.bye" is not handled') },
    ]);
  });

  it('fails on an annotation that is not a parameter of its intent', () => {
    const files = new Map(generateAgent(CATALOG));
    const path = 'intents/say-content_usersays_en.json';
    const phrases = JSON.parse(files.get(path)!) as { data: { alias?: string }[] }[];
    phrases[0]!.data[1]!.alias = 'kind';
    files.set(path, toJsonText(phrases));
    expect(validateAgentFiles(files)).toEqual([
      { file: path, message: '"joke" is annotated as "kind", which is not a parameter of say-content' },
    ]);
  });
});

describe('npm run agent:check (the command)', () => {
  const run = (dir: string) =>
    promisify(execFile)(process.execPath, [join(REPO_ROOT, 'node_modules/tsx/dist/cli.mjs'), 'scripts/agent-check.ts', dir], {
      cwd: REPO_ROOT,
    });

  it('exits 0 on the committed agent/', async () => {
    const { stdout } = await run(AGENT_DIR);
    expect(stdout).toContain('up to date and valid');
  });

  it('exits non-zero and names the hand-edited file', async () => {
    const copy = await copyAgent();
    try {
      const file = join(copy.dir, 'intents/bye.json');
      await writeFile(file, (await readFile(file, 'utf8')).replace('"lifespan": 0', '"lifespan": 1'));
      await expect(run(copy.dir)).rejects.toMatchObject({
        code: 1,
        stderr: expect.stringContaining(`${join(copy.dir, 'intents/bye.json')}: differs`),
      });
    } finally {
      await copy.cleanup();
    }
  });
});

describe('displayPath', () => {
  it('is relative inside the working directory and absolute outside it', () => {
    expect(displayPath('/repo/agent', '/repo')).toBe('agent');
    expect(displayPath('/repo', '/repo')).toBe('.');
    expect(displayPath('/tmp/x/agent', '/repo')).toBe('/tmp/x/agent');
  });
});
