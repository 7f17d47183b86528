/**
 * The languages the bot speaks, one file each (en.ts, ...), checked against
 * schema.ts by `npm run agent:check` and the tests. English is the default and
 * the answer for any language code the bot does not know.
 */
import { de } from './de';
import { en } from './en';
import { es } from './es';
import { fr } from './fr';
import type { Language, LanguageText } from './schema';

export type { Language, KindText, LanguageText, OfflineJoke } from './schema';

/** Adding a language: write its file, list it here, run `npm run agent:build`. */
const FILES: readonly LanguageText[] = [en, de, es, fr];

/**
 * The files as the bot uses them. They are type-checked against the schema at
 * compile time (`satisfies LanguageText`), and checked in full (placeholders,
 * empty phrases, subreddit names) by `languageProblems()` in `npm run
 * agent:check` and the tests, not at every cold start: parsing all four costs
 * a cold start several milliseconds of CPU, and the files cannot change after
 * the build.
 */
export const LANGUAGES: ReadonlyMap<string, Language> = new Map(FILES.map((file) => [file.code, file]));

/** Every problem of every language file, each naming the file and the field; empty when all are fine. */
export function languageProblems(files: readonly LanguageText[] = FILES): string[] {
  // Loaded here, not at the top: building the schema is ~250 zod schemas, work a cold start would do for nothing.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { LanguageSchema } = require('./schema') as typeof import('./schema');
  const codes = new Set<string>();
  return files.flatMap((file) => {
    const parsed = LanguageSchema.safeParse(file);
    const problems = parsed.success
      ? []
      : parsed.error.issues.map((issue) => `src/languages/${file.code}.ts: ${issue.path.join('.') || '(root)'}: ${issue.message}`);
    if (codes.has(file.code)) problems.push(`src/languages/${file.code}.ts: the code "${file.code}" is listed twice`);
    codes.add(file.code);
    return problems;
  });
}

export const DEFAULT_LANGUAGE: Language = LANGUAGES.get('en')!;

/** The language of a code, region and case aside: `de`, `de-DE`, `de_AT`, `DE` → `de`; undefined when there is none. */
export function languagePrefix(code: string | undefined): string | undefined {
  return code?.match(/^([A-Za-z]{2})(?![A-Za-z])/)?.[1]?.toLowerCase();
}

/** `de`, `de-DE`, `de_AT`, `DE` → German; anything unknown or missing → English. */
export function languageFor(code: string | undefined): Language {
  const prefix = languagePrefix(code);
  return (prefix && LANGUAGES.get(prefix)) || DEFAULT_LANGUAGE;
}

/**
 * Fills `{name}` placeholders; `{Name}` gets the value with a capital first
 * letter. Placeholders are checked against the schema when a file loads, so
 * an unknown one here is a bug in the caller, and is left as it is.
 */
export function fill(template: string, values: Readonly<Record<string, string>>): string {
  return template.replace(/\{([A-Za-z]+)\}/g, (whole, name: string) => {
    const key = name.charAt(0).toLowerCase() + name.slice(1);
    const value = values[key];
    if (value === undefined) return whole;
    return key === name ? value : value.charAt(0).toUpperCase() + value.slice(1);
  });
}
