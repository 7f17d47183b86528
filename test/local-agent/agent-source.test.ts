/**
 * The local matcher knows only what agent/ says: a synonym added to the catalog
 * and built with the agent generator is understood with no other change.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CATALOG, type ContentKind } from '../../src/catalog';
import { INTENTS } from '../../src/dialogflow/names';
import { writeTree } from '../../scripts/agent/files';
import { generateAgent } from '../../scripts/agent/generate';
import { AgentLoadError, loadAgent } from '../../scripts/local-agent/agent';
import { matchText } from '../../scripts/local-agent/match';

const NEW_SYNONYM = 'knee slapper';
const withSynonym: ContentKind[] = CATALOG.map((kind) =>
  kind.id === 'joke' ? { ...kind, synonyms: [...kind.synonyms, NEW_SYNONYM] } : kind,
);

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'local-agent-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('the matcher reads phrases and synonyms from the agent folder only', () => {
  it('does not know the new synonym from the committed agent/', async () => {
    const committed = await loadAgent(join(__dirname, '..', '..', 'agent'));
    const match = matchText(committed, `give me a ${NEW_SYNONYM}`, new Set());
    expect(match.parameters.content).toBeUndefined();
  });

  it('understands it once agent:build has written it into the content entity', async () => {
    await writeTree(join(dir, 'agent'), generateAgent(withSynonym));
    const rebuilt = await loadAgent(join(dir, 'agent'));
    for (const text of [NEW_SYNONYM, `tell me a ${NEW_SYNONYM} about cats`]) {
      const match = matchText(rebuilt, text, new Set());
      expect({ text, intent: match.intent.name, content: match.parameters.content }).toEqual({
        text,
        intent: INTENTS.sayContent,
        content: 'joke',
      });
    }
  });

  it('refuses an agent folder that is not a valid export, naming the file', async () => {
    const files = new Map(generateAgent(CATALOG));
    files.set('intents/bye.json', '{"name": "bye"}\n');
    await writeTree(join(dir, 'broken'), files);
    await expect(loadAgent(join(dir, 'broken'))).rejects.toThrow(AgentLoadError);
    await expect(loadAgent(join(dir, 'broken'))).rejects.toThrow(/intents\/bye\.json/);
    await expect(loadAgent(join(dir, 'missing'))).rejects.toThrow(/cannot read the agent folder/);
  });
});
