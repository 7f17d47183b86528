/**
 * The languages the bot speaks, one file each (en.ts, ...), checked against
 * schema.ts once when this module loads. English is the default and the
 * answer for any language code the bot does not know.
 */
import { z } from 'zod';
import { en } from './en';
import { LanguageSchema, type Language, type LanguageText } from './schema';

export type { Language, KindText, LanguageText } from './schema';

/** Adding a language: write its file, list it here, run `npm run agent:build`. */
const FILES: readonly LanguageText[] = [en];

function load(file: LanguageText): Language {
  const parsed = LanguageSchema.safeParse(file);
  if (!parsed.success) throw new Error(`src/languages/${file.code}.ts: ${z.prettifyError(parsed.error)}`);
  return parsed.data;
}

export const LANGUAGES: ReadonlyMap<string, Language> = new Map(FILES.map((file) => [file.code, load(file)]));

export const DEFAULT_LANGUAGE: Language = LANGUAGES.get('en')!;

/** `de`, `de-DE`, `de_AT`, `DE` → German; anything unknown or missing → English. */
export function languageFor(code: string | undefined): Language {
  const prefix = /^([A-Za-z]{2})(?![A-Za-z])/.exec(code ?? '')?.[1]?.toLowerCase();
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
