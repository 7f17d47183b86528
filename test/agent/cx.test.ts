/**
 * agent-cx/: generated from the same catalog and language files as agent/,
 * checked by agent:check (stale, shape, references, tags), zipped by
 * agent:zip -- --cx.
 */
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { strFromU8, unzipSync } from 'fflate';
import { ALL_KINDS } from '../../src/catalog';
import { LANGUAGES } from '../../src/languages';
import { readTree, writeTree } from '../../scripts/agent/files';
import { generateAgent } from '../../scripts/agent/generate';
import { checkCxAgentDir, validateCxAgentFiles } from '../../scripts/agent-cx/check';
import { generateCxAgent } from '../../scripts/agent-cx/generate';
import { TAGS } from '../../scripts/agent-cx/tags';
import { runScript } from '../support/run-script';
import { parse, REPO_ROOT } from './helpers';

const CX_DIR = join(REPO_ROOT, 'agent-cx');
const FLOW = 'flows/Default Start Flow/Default Start Flow.json';
const files = generateCxAgent();
const edit = (path: string, change: (json: any) => unknown) => new Map([...files, [path, `${JSON.stringify(change(parse(files, path)), null, 2)}\n`]]);
const messages = (problems: { file: string; message: string }[]) => problems.map((p) => `${p.file}: ${p.message}`);

jest.setTimeout(30_000);

describe('the committed agent-cx/', () => {
  it('is what agent:build makes, and valid', async () => {
    expect(await checkCxAgentDir(CX_DIR)).toEqual([]);
  });

  it('is the same bytes on every build', () => {
    expect([...generateCxAgent()]).toEqual([...files]);
  });

  it('has training phrases for every intent in every language of the webhook, and entities for both entity types', () => {
    const codes = [...LANGUAGES.keys()].sort();
    const agent = parse<{ defaultLanguageCode: string; supportedLanguageCodes: string[] }>(files, 'agent.json');
    expect([agent.defaultLanguageCode, ...agent.supportedLanguageCodes].sort()).toEqual(codes);
    for (const intent of ['Default Welcome Intent', 'Default Negative Intent', 'say-content', 'say-content-more', 'bye', 'help', 'surprise', 'repeat', 'feedback']) {
      for (const code of codes) expect(files.has(`intents/${intent}/trainingPhrases/${code}.json`)).toBe(true);
    }
    for (const entity of ['content', 'sentiment']) for (const code of codes) expect(files.has(`entityTypes/${entity}/entities/${code}.json`)).toBe(true);
  });

  it('learns the same content words as the ES agent, in each language', () => {
    const es = generateAgent(ALL_KINDS);
    for (const code of LANGUAGES.keys()) {
      const cx = parse<{ entities: { value: string; synonyms: string[]; languageCode: string }[] }>(files, `entityTypes/content/entities/${code}.json`);
      expect(cx.entities.map(({ value, synonyms }) => ({ value, synonyms }))).toEqual(parse(es, `entities/content_entries_${code}.json`));
      expect(cx.entities.every((entry) => entry.languageCode === code)).toBe(true);
    }
  });

  it('calls the webhook with every tag it routes, and only those', () => {
    const text = [...files.values()].join('\n');
    const used = [...text.matchAll(/"tag": "([^"]+)"/g)].map((m) => m[1]);
    expect([...new Set(used)].sort()).toEqual(Object.values(TAGS).sort());
  });
});

describe('agent:check on agent-cx/ names the file and the problem', () => {
  it('a route that no longer calls a tag', () => {
    const changed = edit(FLOW, (flow) => ({ ...flow, transitionRoutes: flow.transitionRoutes.filter((r: any) => r.intent !== 'bye') }));
    expect(messages(validateCxAgentFiles(changed))).toEqual([
      'flows/: the webhook handles tag "bye" but no route or event handler calls it',
      'intents/bye/bye.json: no route leads to intent "bye": it can never be matched',
    ]);
  });

  it('a tag the webhook does not route, a missing page, a missing webhook', () => {
    const changed = edit(FLOW, (flow) => ({
      ...flow,
      transitionRoutes: flow.transitionRoutes.map((r: any) =>
        r.intent === 'help' ? { ...r, triggerFulfillment: { webhook: 'other', tag: 'helpme' }, targetPage: 'Nowhere' } : r,
      ),
    }));
    expect(messages(validateCxAgentFiles(changed))).toEqual([
      `${FLOW}: webhook "other" has no webhooks/other.json`,
      `${FLOW}: tag "helpme" is not one the webhook routes (src/dialogflow/cx-tags.ts)`,
      `${FLOW}: target page "Nowhere" does not exist`,
      'flows/: the webhook handles tag "help" but no route or event handler calls it',
    ]);
  });

  it('a stray field (strict schemas), and a language without training phrases', () => {
    const stray = edit('intents/help/help.json', (intent) => ({ ...intent, labels: {} }));
    expect(messages(validateCxAgentFiles(stray))).toEqual(['intents/help/help.json: (root): Unrecognized key: "labels"']);
    const missing = new Map([...files].filter(([path]) => path !== 'intents/help/trainingPhrases/fr.json'));
    expect(messages(validateCxAgentFiles(missing))).toEqual([
      'intents/help/help.json: "help" has no training phrases in fr (intents/help/trainingPhrases/fr.json)',
    ]);
  });

  it('a synonym the webhook cannot map, and an annotation that names no parameter', () => {
    const synonym = edit('entityTypes/content/entities/en.json', (file) => ({
      entities: file.entities.map((e: any) => (e.value === 'joke' ? { ...e, synonyms: [...e.synonyms, 'limerick'] } : e)),
    }));
    expect(messages(validateCxAgentFiles(synonym))).toEqual([
      'entityTypes/content/entities/en.json: "limerick" (entry "joke") is not what the webhook maps to that kind',
    ]);
    const annotation = edit('intents/help/trainingPhrases/en.json', (file) => ({
      trainingPhrases: [{ ...file.trainingPhrases[0], parts: [{ text: 'help', parameterId: 'content' }] }, ...file.trainingPhrases.slice(1)],
    }));
    expect(messages(validateCxAgentFiles(annotation))).toEqual([
      'intents/help/trainingPhrases/en.json: "help" is annotated as "content", which is not a parameter of help',
    ]);
  });

  it('the command checks agent/ and agent-cx/, and a CX folder given alone', async () => {
    const both = await runScript('agent-check.ts', []);
    expect({ code: both.code, stdout: both.stdout.trim() }).toEqual({ code: 0, stdout: 'agent/ and agent-cx/ are up to date and valid, in every language' });
    const base = await mkdtemp(join(tmpdir(), 'agent-cx-check-'));
    try {
      const copy = join(base, 'agent-cx');
      await writeTree(copy, edit('agent.json', (agent) => ({ ...agent, timeZone: 'Europe/Paris' })));
      const run = await runScript('agent-check.ts', [copy]);
      expect(run.code).toBe(1);
      expect(run.stderr.split('\n')[0]).toBe(
        `${copy}/agent.json: differs from the generated file (line 9: expected \`"timeZone": "Europe/London",\`, found \`"timeZone": "Europe/Paris",\`); run \`npm run agent:build\` (the agent is generated from src/catalog.ts, src/languages/ and scripts/agent/)`,
      );
    } finally {
      await rm(base, { recursive: true, force: true });
    }
  });
});

describe('npm run agent:zip -- --cx', () => {
  it('zips agent-cx/ with its files at the root, as the console restores them', async () => {
    const base = await mkdtemp(join(tmpdir(), 'agent-cx-zip-'));
    try {
      const out = join(base, 'agent-cx.zip');
      const run = await runScript('agent-zip.ts', ['--cx', out]);
      expect(run.code).toBe(0);
      const entries = unzipSync(await readFile(out));
      const committed = await readTree(CX_DIR);
      expect(Object.keys(entries).filter((p) => !p.endsWith('/')).sort()).toEqual([...committed.keys()].sort());
      expect(strFromU8(entries[FLOW]!)).toBe(committed.get(FLOW));
    } finally {
      await rm(base, { recursive: true, force: true });
    }
  });
});
