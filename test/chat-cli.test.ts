/**
 * `npm run chat -- --offline --script <file>` end to end: a real process with
 * the in-process webhook and the Reddit stub, judged by its exit code.
 */
import { spawn } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const ROOT = join(__dirname, '..');
const SCRIPT = join(ROOT, 'test', 'conversations', 'joke-fact-bye.chat');

/** `input` is piped to the chat's stdin (not a terminal; none by default); `env` is added to the environment. */
function chat(args: string[], options: { input?: string; env?: NodeJS.ProcessEnv } = {}): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    // What `npm run chat` runs, without npm in between; no Reddit variables, so only --offline can serve it.
    const env = { ...process.env };
    for (const name of Object.keys(env)) if (/^(REDDIT_|WEBHOOK_|LOG_LEVEL$)/.test(name)) delete env[name];
    const child = spawn(process.execPath, ['--import', 'tsx', join(ROOT, 'scripts', 'chat.ts'), ...args], {
      cwd: ROOT,
      env: { ...env, REDDIT_BASE_URL: 'http://127.0.0.1:9', ...options.env },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    child.stdin.end(options.input ?? '');
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'chat-cli-'));
});
afterAll(() => rm(dir, { recursive: true, force: true }));

describe('npm run chat --script', () => {
  it('exits 0 when the scripted dialogue passes, 1 when an expectation is wrong, 2 for a bad script', async () => {
    const broken = join(dir, 'broken.chat');
    const original = await readFile(SCRIPT, 'utf8');
    // Same dialogue, one wrong expectation: "more please" is expected to be a fact.
    await writeFile(broken, original.replace(/(> more please\nintent: say-content-more\n)< \^Here's a joke:/, "$1< ^Here's a fact:"));
    expect(await readFile(broken, 'utf8')).not.toBe(original);
    const invalid = join(dir, 'invalid.chat');
    await writeFile(invalid, '< an answer before anything was said\n');

    const [good, bad, syntax] = await Promise.all([
      chat(['--offline', '--script', SCRIPT]),
      chat(['--offline', '--script', broken]),
      chat(['--offline', '--script', invalid]),
    ]);

    expect(good.stdout).toContain('6 turns, all checks passed');
    expect(good.code).toBe(0);

    expect(bad.stdout).toMatch(/✗ line \d+: expected the answer to match \/\^Here's a fact:\//);
    expect(bad.stdout).toContain('1 of 6 turns failed');
    expect(bad.code).toBe(1);

    expect(syntax.stderr).toContain('invalid.chat:1: a check before the first "> user text" line');
    expect(syntax.code).toBe(2);
  }, 30_000);
});

describe('npm run chat --lang', () => {
  it('holds the French conversation offline (welcome, a joke, another, a fact, bye), and refuses a language the agent lacks', async () => {
    // The French script without its "lang:" line: the language comes from --lang alone.
    const french = join(dir, 'french.chat');
    const text = await readFile(join(ROOT, 'test', 'conversations', 'joke-fact-bye.fr.chat'), 'utf8');
    await writeFile(french, text.replace(/^lang: fr\n/m, ''));
    expect(await readFile(french, 'utf8')).not.toMatch(/^lang:/m);

    const [fr, it] = await Promise.all([
      chat(['--offline', '--lang', 'fr', '--script', french]),
      chat(['--offline', '--lang', 'it', '--script', french]),
    ]);
    expect(fr.stdout).toContain('Voici une blague :');
    expect(fr.stdout).toContain('Au revoir !');
    expect(fr.stdout).toMatch(/turns, all checks passed/);
    expect(fr.code).toBe(0);

    expect(it.stderr).toContain('the agent does not speak "it" (it speaks en, de, es, fr)');
    expect(it.code).toBe(2);
  }, 30_000);

  it('talks German for de-AT, as the webhook does, and names --lang or the script\'s "lang:" line, not agent.json, for a language the agent lacks', async () => {
    const italian = join(dir, 'italian.chat');
    await writeFile(italian, 'lang: it\n\n> ciao\n');
    const [austrian, viaFlag, viaScript] = await Promise.all([
      chat(['--offline', '--lang', 'de-AT'], { input: 'erzähl mir einen Witz\n/quit\n' }),
      chat(['--offline', '--lang', 'it-IT']),
      chat(['--offline', '--script', italian]),
    ]);
    expect(austrian.stdout).toContain('you> erzähl mir einen Witz\nbot> Hier ist ein Witz:');
    expect(austrian.code).toBe(0);

    expect(viaFlag.stderr).toBe('chat: --lang: the agent does not speak "it-IT" (it speaks en, de, es, fr)\n');
    expect(viaFlag.code).toBe(2);
    expect(viaScript.stderr).toBe(`chat: ${italian} ("lang:" line): the agent does not speak "it" (it speaks en, de, es, fr)\n`);
    expect(viaScript.code).toBe(2);
  }, 30_000);
});

describe('npm run chat with piped input', () => {
  const INPUT = 'tell me a joke\nbye\n';

  it('echoes each line after the prompt, and keeps the webhook\'s logs out of stdout (none unless LOG_LEVEL is set, then on stderr)', async () => {
    const [quiet, verbose] = await Promise.all([
      chat(['--offline'], { input: INPUT }),
      chat(['--offline'], { input: INPUT, env: { LOG_LEVEL: 'info' } }),
    ]);
    for (const run of [quiet, verbose]) {
      expect(run.code).toBe(0);
      expect(run.stdout).toContain("you> tell me a joke\nbot> Here's a joke:\n");
      expect(run.stdout).toContain('you> bye\nbot> Bye! Come back any time for another joke or fact.\n');
      expect(run.stdout).not.toContain('you> bot>');
      expect(run.stdout).not.toContain('"severity"');
      // Input ran out after the last prompt: the transcript still ends its line.
      expect(run.stdout.endsWith('\nyou> \n')).toBe(true);
    }
    expect(quiet.stderr).toBe('');
    expect(verbose.stderr).toContain('"message":"webhook request"');
  }, 30_000);
});

describe('npm run chat --cx', () => {
  const CX_SCRIPT = join(ROOT, 'test', 'conversations', 'cx', 'tour.chat');

  it('passes the CX script offline, exits 1 on a wrong expectation, and reads --lang against agent-cx/', async () => {
    const broken = join(dir, 'broken-cx.chat');
    const original = await readFile(CX_SCRIPT, 'utf8');
    // Same dialogue, one wrong expectation: the form's answer is expected to be a fact.
    await writeFile(broken, original.replace(/(> a joke\nintent: Ask for content \(form\)\n)< \^Here's a joke:/, "$1< ^Here's a fact:"));
    expect(await readFile(broken, 'utf8')).not.toBe(original);

    const [good, bad, german, italian] = await Promise.all([
      chat(['--cx', '--offline', '--script', CX_SCRIPT]),
      chat(['--cx', '--offline', '--script', broken]),
      chat(['--cx', '--offline', '--lang', 'de-AT'], { input: 'erzähl mir einen Witz\n/contexts\n/quit\n' }),
      chat(['--cx', '--offline', '--lang', 'it']),
    ]);
    expect(good.stdout).toContain(', Dialogflow CX)');
    expect(good.stdout).toContain('10 turns, all checks passed');
    expect(good.code).toBe(0);

    expect(bad.stdout).toMatch(/✗ line \d+: expected the answer to match \/\^Here's a fact:\//);
    expect(bad.stdout).toContain('1 of 10 turns failed');
    expect(bad.code).toBe(1);

    expect(german.stdout).toContain('you> erzähl mir einen Witz\nbot> Hier ist ein Witz:');
    expect(german.stdout).toMatch(/you> \/contexts\npage: Content told\nsession parameters: \{"content":"Witz","followup_content":"joke",/);
    expect(german.code).toBe(0);

    expect(italian.stderr).toBe('chat: --lang: the agent does not speak "it" (it speaks en, de, es, fr)\n');
    expect(italian.code).toBe(2);
  }, 30_000);
});
