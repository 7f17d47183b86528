/**
 * Training-phrase templates → annotated phrases (pure, deterministic).
 * See intents.ts for the template syntax.
 */
import { kindPhrases, normalizePhrase, type ContentKind } from '../../src/catalog';
import { escapeRegExp } from '../../src/languages/patterns';

/** What fills a slot: `lead` is plain text before it ("a "), `text` is annotated. */
export interface SlotValue {
  readonly lead: string;
  readonly text: string;
}

export type Segment =
  | { readonly literal: string }
  | { readonly param: string; readonly articled: boolean };

/** One annotated piece of an expanded phrase (alias = parameter name). */
export type PhrasePart = { readonly text: string } | { readonly text: string; readonly param: string };

/** Where slot values come from; throws for a parameter it does not know. */
export type SlotValues = (param: string, articled: boolean) => readonly SlotValue[];

const SLOT = /\{(a )?([A-Za-z_][\w-]*)\}/g;

export function parseTemplate(template: string): Segment[] {
  const segments: Segment[] = [];
  let last = 0;
  for (const match of template.matchAll(SLOT)) {
    if (match.index > last) segments.push({ literal: template.slice(last, match.index) });
    segments.push({ param: match[2]!, articled: match[1] !== undefined });
    last = match.index + match[0].length;
  }
  if (last < template.length) segments.push({ literal: template.slice(last) });
  return segments;
}

/**
 * Catalog phrases for the `content` slots. A kind's noun, when users can say
 * it (it is the value or a synonym), reads "a joke"; synonyms that already read
 * as a whole object ("a laugh", "the news", "what's happening": they start
 * with one of the language's `objectStarts`) fit the same "tell me ..." slot
 * as they are; every other phrase goes into the bare `{content}` slot.
 */
export function contentSlotValues(catalog: readonly ContentKind[]): {
  readonly articled: readonly SlotValue[];
  readonly bare: readonly SlotValue[];
} {
  const articled: SlotValue[] = [];
  const bare: SlotValue[] = [];
  for (const kind of catalog) {
    const starts = kind.lang.agent.objectStarts.map((word) => escapeRegExp(normalizePhrase(word))).join('|');
    const selfContained = new RegExp(`^(?:${starts})(?![\\p{L}\\p{N}'])`, 'u');
    const phrases = entityPhrases(kind);
    const withArticle = articledNoun(kind, phrases);
    if (withArticle) articled.push(withArticle);
    for (const phrase of phrases) {
      if (selfContained.test(phrase)) articled.push({ lead: '', text: phrase });
      else if (phrase !== withArticle?.text) bare.push({ lead: '', text: phrase });
    }
  }
  return { articled, bare };
}

/**
 * "a joke" as lead "a " + entity phrase "joke": the kind's object form split
 * where its noun starts, as many words as the noun has ("einen Duschgedanken"
 * → "einen " + "duschgedanken", the inflected noun); undefined when users
 * cannot say that noun (it is not the value or a synonym).
 */
function articledNoun(kind: ContentKind, phrases: readonly string[]): SlotValue | undefined {
  const words = normalizePhrase(kind.aObject ?? kind.a).split(' ');
  const start = words.length - normalizePhrase(kind.noun).split(' ').length;
  const text = words.slice(Math.max(0, start)).join(' ');
  if (!phrases.includes(text)) return undefined;
  return { lead: words.slice(0, Math.max(0, start)).map((word) => `${word} `).join(''), text };
}

/** The entity entry's phrases for a kind: its value first, then its synonyms, normalised, no repeats. */
export function entityPhrases(kind: ContentKind): string[] {
  return kindPhrases(kind);
}

/**
 * Expands templates so that every template is used at least once and every
 * value of each template's first slot is used at least once (round robin);
 * further slots take their values in turn. Phrases repeating an earlier one
 * are dropped.
 */
export function expandTemplates(templates: readonly string[], values: SlotValues): PhrasePart[][] {
  const parsed = templates.map(parseTemplate);
  const groups = new Map<string, Segment[][]>();
  for (const segments of parsed) {
    const first = segments.find(isSlot);
    const key = first ? `${first.articled ? 'a ' : ''}${first.param}` : `literal:${groups.size}`;
    groups.set(key, [...(groups.get(key) ?? []), segments]);
  }

  const cursors = new Map<string, number>();
  const next = (param: string, articled: boolean): SlotValue => {
    const key = `${articled ? 'a ' : ''}${param}`;
    const pool = nonEmpty(values(param, articled), key);
    const index = cursors.get(key) ?? 0;
    cursors.set(key, index + 1);
    return pool[index % pool.length]!;
  };

  const seen = new Set<string>();
  const phrases: PhrasePart[][] = [];
  for (const group of groups.values()) {
    const first = group[0]!.find(isSlot);
    const rounds = Math.max(group.length, first ? values(first.param, first.articled).length : 0);
    for (let round = 0; round < rounds; round++) {
      const parts = fill(group[round % group.length]!, next);
      const text = parts.map((part) => part.text).join('');
      if (seen.has(text)) continue;
      seen.add(text);
      phrases.push(parts);
    }
  }
  return phrases;
}

function fill(segments: readonly Segment[], next: (param: string, articled: boolean) => SlotValue): PhrasePart[] {
  const parts: PhrasePart[] = [];
  let literal = '';
  for (const segment of segments) {
    if (!isSlot(segment)) {
      literal += segment.literal;
      continue;
    }
    const value = next(segment.param, segment.articled);
    literal += value.lead;
    if (literal) parts.push({ text: literal });
    parts.push({ text: value.text, param: segment.param });
    literal = '';
  }
  if (literal) parts.push({ text: literal });
  return parts;
}

function isSlot(segment: Segment): segment is Extract<Segment, { param: string }> {
  return 'param' in segment;
}

function nonEmpty(pool: readonly SlotValue[], key: string): readonly SlotValue[] {
  if (pool.length === 0) throw new Error(`no values for template slot {${key}}`);
  return pool;
}
