import { decodeHTML } from 'entities';

/** Dialogflow shows at most 640 characters of a text message; speech should stay under that too. */
export const MAX_SPEECH_CHARS = 640;

const MARKDOWN_RULES: ReadonlyArray<[RegExp, string]> = [
  [/\r\n?/g, '\n'],
  [/\u200b|\ufeff/g, ''], // zero-width spaces Reddit uses as paragraph fillers
  [/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, ''], // lone surrogates are not text
  [/>!(.*?)!</gs, '$1'], // spoiler tags
  [/!\[([^\]]*)\]\([^)]*\)/g, '$1'], // images
  [/\[([^\]]+)\]\((?:[^()]|\([^)]*\))*\)/g, '$1'], // links keep their text
  [/<https?:\/\/[^>]+>/g, ''],
  // Markup pasted into a title ("<b>", "</body>") is read out tag by tag; "I <3 you" and "a < b" stay.
  [/<\/?[a-z][a-z0-9-]*(?:\s[^<>]*)?\/?>/gi, ''],
  [/https?:\/\/\S+/g, ''], // bare URLs read terribly aloud
  [/^\s{0,3}#{1,6}\s+/gm, ''], // headings
  [/^\s{0,3}>\s?/gm, ''], // quotes
  [/^\s*(?:[-*+]|\d+[.)])\s+/gm, ''], // list markers
  [/^\s*(?:[-*_]\s*){3,}$/gm, ''], // horizontal rules
  [/(?<!\w)(\*\*|__)(?=\S)(.+?)(?<=\S)\1(?!\w)/g, '$2'], // bold
  [/(?<![\w*])(\*|_)(?=\S)(.+?)(?<=\S)\1(?![\w*])/g, '$2'], // italics, not snake_case or 2*3*4
  [/~~(.+?)~~/g, '$1'],
  [/`{1,3}([^`]*)`{1,3}/g, '$1'],
  [/\^\((.*?)\)/g, '$1'], // superscript groups
  [/\^(\S)/g, '$1'],
  [/\\([\\`*_{}[\]()#+\-.!>~^|])/g, '$1'], // markdown escapes
];

/** Drops trailing "Edit: thanks for the gold" notes, which are not part of the content. */
function dropEditNotes(text: string): string {
  const match = /\n\s*(?:\*\*)?(?:edit|eta|update)\s*\d*\s*(?:\*\*)?\s*[:\-–]/i.exec(text);
  return match ? text.slice(0, match.index) : text;
}

/**
 * Reddit markdown/HTML-escaped text → plain text that reads well aloud:
 * entities decoded, markdown removed, real newlines, single spaces, no more
 * than one blank line in a row.
 */
export function cleanText(raw: string): string {
  let text = decodeHTML(raw);
  for (const [pattern, replacement] of MARKDOWN_RULES) text = text.replace(pattern, replacement);
  text = dropEditNotes(text);
  return text
    .split('\n')
    .map((line) => line.replace(/[ \t\u00a0]+/g, ' ').trim())
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

/** The first `max` UTF-16 units, one shorter if the cut would split a surrogate pair (an emoji). */
export function sliceUnits(text: string, max: number): string {
  if (text.length <= max) return text;
  const end = Math.max(0, max);
  const last = text.charCodeAt(end - 1);
  return text.slice(0, last >= 0xd800 && last <= 0xdbff ? end - 1 : end);
}

/** Cuts at a word boundary so that the result, ellipsis included, is at most `max` characters. */
export function capText(text: string, max: number): string {
  if (text.length <= max) return text;
  // A max of 1 needs no case of its own: nothing fits before the ellipsis, which alone is 1 long.
  if (max < 1) return '';
  const slice = sliceUnits(text, max - 1);
  const lastBreak = slice.search(/\s\S*$/);
  const cut = lastBreak > max / 2 ? slice.slice(0, lastBreak) : slice;
  return `${cut.replace(/[\s,;:.\-–—]+$/, '')}…`;
}

// Echoed user input keeps words and everyday punctuation only: no control or
// bidi characters (which can make text display reversed), no lone surrogates,
// no markup or code-like brackets that a chat client might render or a voice
// would read out symbol by symbol.
const NOT_WORDS = /[^\p{L}\p{M}\p{N}\p{Zs}.,'’!?¿¡&+#:;@%-]/gu;

/** User input that is repeated back in speech: one line of plain words, at most `max` characters. */
export function echoText(raw: string, max: number): string {
  return capText(raw.replace(NOT_WORDS, ' ').replace(/\s+/g, ' ').trim(), max);
}
