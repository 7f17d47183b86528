/**
 * Conversation scripts (`*.chat`): a whole dialogue with checks on each answer.
 *
 *   # a comment
 *   event: WELCOME          send an event instead of text (Dialogflow Messenger sends WELCOME on open)
 *   > tell me a joke        what the user says
 *   < here's a joke         the answer text matches this regex (case-insensitive, anywhere)
 *   <! sorry                the answer text does not match this regex
 *   intent: say-content     the local agent matched this intent
 *   chips: Another one, Bye the answer offers these chips (among others)
 *   link: reddit\.com/r/Jokes/   the answer's link card URL matches this regex
 *   new                     the answer text differs from every earlier answer
 *   lang: de                before the first user line: the conversation is in this language
 *
 * Checks belong to the user line above them.
 */
import type { TurnInput } from './turn';
import type { TurnResult } from './session';
import { formatReply } from './reply';

export type Check =
  | { readonly kind: 'matches'; readonly pattern: RegExp; readonly line: number }
  | { readonly kind: 'not-matches'; readonly pattern: RegExp; readonly line: number }
  | { readonly kind: 'intent'; readonly name: string; readonly line: number }
  | { readonly kind: 'chips'; readonly chips: readonly string[]; readonly line: number }
  | { readonly kind: 'link'; readonly pattern: RegExp; readonly line: number }
  | { readonly kind: 'new'; readonly line: number };

export interface ScriptStep {
  readonly line: number;
  readonly input: TurnInput;
  readonly checks: readonly Check[];
}

export class ScriptSyntaxError extends Error {
  override name = 'ScriptSyntaxError';
}

/** The script's `lang:` line (`de`), or undefined: the language its conversation is in. */
export function scriptLanguage(text: string): string | undefined {
  return /^\s*lang:\s*(\S+)\s*$/im.exec(text)?.[1]?.toLowerCase();
}

export function parseScript(text: string, file = 'script'): ScriptStep[] {
  const steps: Array<{ line: number; input: TurnInput; checks: Check[] }> = [];
  const fail = (line: number, message: string): never => {
    throw new ScriptSyntaxError(`${file}:${line}: ${message}`);
  };
  const regex = (source: string, line: number): RegExp => {
    if (!source) fail(line, 'empty pattern');
    try {
      return new RegExp(source, 'i');
    } catch (error) {
      return fail(line, `bad regex /${source}/: ${(error as Error).message}`);
    }
  };

  text.split(/\r?\n/).forEach((raw, index) => {
    const line = index + 1;
    const content = raw.trim();
    if (!content || content.startsWith('#')) return;

    if (/^lang:\s*\S+$/i.test(content)) {
      if (steps.length > 0) fail(line, '"lang:" belongs before the first "> user text" line');
      return;
    }
    const user = /^>\s*(.*)$/.exec(content);
    const event = /^event:\s*(\S+)$/i.exec(content);
    if (user || event) {
      const input: TurnInput = user ? { text: user[1]! } : { event: event![1]! };
      if (user && !user[1]) fail(line, 'nothing to say after ">"');
      steps.push({ line, input, checks: [] });
      return;
    }

    const step = steps[steps.length - 1] ?? fail(line, 'a check before the first "> user text" line');
    let match: RegExpExecArray | null;
    if ((match = /^<!\s*(.*)$/.exec(content))) step.checks.push({ kind: 'not-matches', pattern: regex(match[1]!, line), line });
    else if ((match = /^<\s*(.*)$/.exec(content))) step.checks.push({ kind: 'matches', pattern: regex(match[1]!, line), line });
    else if ((match = /^intent:\s*(.+)$/i.exec(content))) step.checks.push({ kind: 'intent', name: match[1]!.trim(), line });
    else if ((match = /^chips:\s*(.+)$/i.exec(content))) {
      const chips = match[1]!.split(',').map((chip) => chip.trim()).filter(Boolean);
      step.checks.push({ kind: 'chips', chips, line });
    } else if ((match = /^link:\s*(.+)$/i.exec(content))) step.checks.push({ kind: 'link', pattern: regex(match[1]!.trim(), line), line });
    else if (/^new$/i.test(content)) step.checks.push({ kind: 'new', line });
    else fail(line, `not a script line: ${content} (expected "> text", "< regex", "<! regex", "intent:", "chips:", "link:", "new", "event:", "lang:" or "# comment")`);
  });
  if (steps.length === 0) throw new ScriptSyntaxError(`${file}: no "> user text" line`);
  return steps;
}

export interface TurnReport {
  readonly step: ScriptStep;
  readonly result: TurnResult;
  /** One message per failed check, with its line number. */
  readonly failures: readonly string[];
}

export interface ScriptReport {
  readonly turns: readonly TurnReport[];
  readonly passed: boolean;
}

/** The answer text as a user reads it. */
export function answerText(result: TurnResult): string {
  return result.display.texts.join('\n');
}

export function checkTurn(checks: readonly Check[], result: TurnResult, earlier: readonly string[]): string[] {
  const text = answerText(result);
  const failures: string[] = [];
  for (const check of checks) {
    const at = `line ${check.line}`;
    switch (check.kind) {
      case 'matches':
        if (!check.pattern.test(text)) failures.push(`${at}: expected the answer to match /${check.pattern.source}/`);
        break;
      case 'not-matches':
        if (check.pattern.test(text)) failures.push(`${at}: expected the answer not to match /${check.pattern.source}/`);
        break;
      case 'intent':
        if (result.intent !== check.name) failures.push(`${at}: expected intent "${check.name}", matched "${result.intent}"`);
        break;
      case 'chips': {
        const offered = new Set(result.display.chips.map((chip) => chip.toLowerCase()));
        const absent = check.chips.filter((chip) => !offered.has(chip.toLowerCase()));
        if (absent.length) failures.push(`${at}: expected chips ${absent.map((c) => `[${c}]`).join(' ')}, offered ${result.display.chips.map((c) => `[${c}]`).join(' ') || 'none'}`);
        break;
      }
      case 'link': {
        const url = result.display.card?.url;
        if (!url || !check.pattern.test(url)) failures.push(`${at}: expected a link matching /${check.pattern.source}/, got ${url ?? 'no link'}`);
        break;
      }
      case 'new':
        if (earlier.includes(text)) failures.push(`${at}: expected a new answer, got one given before`);
        break;
    }
  }
  if (result.webhookStatus && !result.webhookStatus.ok) failures.push(`line ${checks[0]?.line ?? '?'}: ${result.webhookStatus.error ?? 'failed'}`);
  return failures;
}

/** Plays the steps in order through `converse` (a LocalSession's say/event), checking each answer. */
export async function runScript(
  steps: readonly ScriptStep[],
  converse: (input: TurnInput) => Promise<TurnResult>,
  onTurn?: (turn: TurnReport) => void,
): Promise<ScriptReport> {
  const turns: TurnReport[] = [];
  const earlier: string[] = [];
  for (const step of steps) {
    const result = await converse(step.input);
    const turn = { step, result, failures: checkTurn(step.checks, result, earlier) };
    earlier.push(answerText(result));
    turns.push(turn);
    onTurn?.(turn);
  }
  return { turns, passed: turns.every((turn) => turn.failures.length === 0) };
}

/** A turn as the terminal shows it: what was said, the answer, then any failed checks. */
export function formatTurn(turn: TurnReport, options: { explain?: boolean } = {}): string {
  const said = 'text' in turn.step.input ? `> ${turn.step.input.text}` : `event: ${turn.step.input.event}`;
  const lines = [said, ...formatReply(turn.result.display).split('\n').map((line) => `  ${line}`)];
  if (options.explain) lines.push(`  ${explainTurn(turn.result)}`);
  for (const failure of turn.failures) lines.push(`  ✗ ${failure}`);
  return lines.join('\n');
}

/** Why the local agent chose what it chose, in one line. */
export function explainTurn(result: TurnResult): string {
  const how = result.phrase !== undefined ? ` like "${result.phrase}"` : result.nearest ? `; closest was ${result.nearest.intent} (${result.nearest.score.toFixed(2)})` : '';
  const params = Object.entries(result.parameters).filter(([, value]) => value);
  const withParams = params.length ? ` ${params.map(([name, value]) => `${name}=${JSON.stringify(value)}`).join(' ')}` : '';
  const webhook = result.webhookStatus ? ` · webhook ${result.webhookStatus.ok ? (result.webhookStatus.status ?? '?') : 'failed'} in ${result.webhookStatus.ms} ms` : ` · ${result.source}`;
  return `· ${result.intent} (${result.score.toFixed(2)}${how})${withParams}${webhook}`;
}
