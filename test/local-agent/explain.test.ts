/**
 * The debug line of the chat (`--explain`) and the demo names what the user
 * said or clicked, and the interactive chat opens with its commands.
 */
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { loadAgent, type Agent } from '../../scripts/local-agent/agent';
import { matchText } from '../../scripts/local-agent/match';

const ROOT = join(__dirname, '..', '..');

let agent: Agent;
beforeAll(async () => {
  agent = await loadAgent(join(ROOT, 'agent'));
});

describe('the matched phrase, in the user\u2019s words', () => {
  it.each([
    ['a fact', 'fact'],
    ['shower thought', 'shower thought'],
    ['a joke', 'joke'],
  ])('a click on the chip %p names %p, not another kind\u2019s example', (chip, named) => {
    const match = matchText(agent, chip, new Set());
    expect(match.intent.name).toBe('say-content');
    expect(match.phrase).toContain(named);
    for (const other of ['joke', 'fact', 'shower thought'].filter((kind) => !named.includes(kind))) {
      expect(match.phrase).not.toContain(other);
    }
  });
});

describe('the interactive chat', () => {
  it('lists its commands before the first answer and leaves on /quit', async () => {
    const { code, stdout } = await new Promise<{ code: number | null; stdout: string }>((resolve, reject) => {
      const child = spawn(process.execPath, ['--import', 'tsx', join(ROOT, 'scripts', 'chat.ts'), '--offline'], {
        cwd: ROOT,
        env: { ...process.env, LOG_LEVEL: 'silent' },
        stdio: ['pipe', 'pipe', 'pipe'],
      });
      let out = '';
      child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
      child.on('error', reject);
      child.on('close', (exit) => resolve({ code: exit, stdout: out }));
      child.stdin.end('/quit\n');
    });
    expect(code).toBe(0);
    const lines = stdout.split('\n');
    const banner = lines.indexOf('Commands: /quit leaves, /reset starts over, /contexts shows the active contexts.');
    expect(banner).toBeGreaterThan(0);
    expect(lines.findIndex((line) => line.startsWith('bot> '))).toBeGreaterThan(banner);
  }, 30_000);
});
