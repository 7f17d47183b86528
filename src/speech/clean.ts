let decodeEntities: ((text: string) => string) | undefined;

/** A character reference starts with '&' and a letter (named) or '#' (numeric); a lone '&' ("Q & A") is text. */
const REFERENCE_START = /&[#a-z]/i;
/** The five references HTML escaping writes (Reddit without raw_json, most sites): decoded here, no table needed. */
const BASIC_REFERENCES = /&(?:amp|lt|gt|quot|#39);/g;
const BASIC_CHARS: Readonly<Record<string, string>> = { '&amp;': '&', '&lt;': '<', '&gt;': '>', '&quot;': '"', '&#39;': "'" };

/**
 * `entities` decodes its table of HTML entities when it loads (~2 ms on a cold Node 24), which a
 * welcome, the answer of a cold start, does not need, nor a text whose only references are the
 * five basic ones: loaded with the first text that has any other. Its `decode` entry alone: the
 * package's index also builds the encoding tables (~2 ms), never used here. The basic five are
 * replaced in one left-to-right pass, as the library decodes them ("&amp;lt;" stays "&lt;").
 */
export function decodeHTML(text: string): string {
  if (!REFERENCE_START.test(text)) return text;
  // Removing the basic references can only remove reference starts (each has its one '&' first), never hide one.
  if (!REFERENCE_START.test(text.replace(BASIC_REFERENCES, ''))) return text.replace(BASIC_REFERENCES, (reference) => BASIC_CHARS[reference] ?? reference);
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- loaded on first use (cold start)
  decodeEntities ??= (require('entities/decode') as typeof import('entities/decode')).decodeHTML;
  return decodeEntities(text);
}

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

/** Drops trailing "Edit: thanks for the gold" notes, which are not part of the content ("*Edit:" with one asterisk too; "Edit –", \u2013). */
function dropEditNotes(text: string): string {
  const match = /\n\s*(?:\*{1,2})?(?:edit|eta|update)\s*\d*\s*(?:\*{1,2})?\s*[:\-\u2013]/i.exec(text);
  return match ? text.slice(0, match.index) : text;
}

/**
 * What an author adds around the content, found in real posts: read aloud it
 * breaks the joke. Applied after markdown is gone, so links are their text.
 */
const AUTHOR_NOTES: ReadonlyArray<[RegExp, string]> = [
  // An "EDIT:" at the very start is a note before the content: its whole line goes.
  [/^\s*\**edit\s*\d*\**\s*[:\-\u2013][^\n]*\n*/i, ''],
  // "Source: my dad", "Credit: u/someone", "via /u/someone", "h/t /u/x" lines.
  [/^[ \t]*(?:source|sauce|credits?)\s*:[^\n]*$/gim, ''],
  [/^[ \t]*(?:via|h\/t|hat tip(?: to)?|credit to|stolen from|shamelessly stolen from)\s+\/?u\/[^\n]*$/gim, ''],
  // Bracketed notes: "[OC]", "[Long]", "(x-post from r/dadjokes)", "(edit: typo)", "(not mine)".
  [/\s*\[[^\]\n]{1,40}\]/g, ''],
  [/\s*\((?=[^()\n]*\b(?:edit|repost|x-?post|cross-?post|credits?|source|via|oc|not mine|found (?:this|it)|heard (?:this|it))\b)[^()\n]{1,80}\)/gi, ''],
  // Reddit paths, with the word that points at them: "from r/Jokes", "by /u/someone".
  // A name has 3 or more characters and a letter, so "u/2" in a sum stays.
  [/\s*\b(?:from|on|in|via|by|over at)\s+\/?[ru]\/(?=[\w-]*[A-Za-z])[\w-]{3,}/gi, ''],
  [/(?<![\w/])\/?[ru]\/(?=[\w-]*[A-Za-z])[\w-]{3,}\s?/g, ''],
  // Flags (two regional indicators) and runs of emoji: a voice reads each one's name.
  [/[\u{1F1E6}-\u{1F1FF}]{2}/gu, ''],
  [/(?:\p{Extended_Pictographic}(?:\u{FE0F}|\u{200D}|\p{Emoji_Modifier})*\s*){2,}/gu, ' '],
];

function dropAuthorNotes(text: string): string {
  let result = text;
  for (const [pattern, replacement] of AUTHOR_NOTES) result = result.replace(pattern, replacement);
  return result;
}

/**
 * Reddit markdown/HTML-escaped text → plain text that reads well aloud:
 * entities decoded, markdown removed, real newlines, single spaces, no more
 * than one blank line in a row.
 */
export function cleanText(raw: string): string {
  let text = decodeHTML(raw);
  for (const [pattern, replacement] of MARKDOWN_RULES) text = text.replace(pattern, replacement);
  text = dropAuthorNotes(dropEditNotes(text));
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
  // No dangling punctuation or dash (\u2013 –, \u2014 —) before the ellipsis.
  return `${cut.replace(/[\s,;:.\-\u2013\u2014]+$/, '')}…`;
}

// Echoed user input keeps words and everyday punctuation only: no control or
// bidi characters (which can make text display reversed), no lone surrogates,
// no markup or code-like brackets that a chat client might render or a voice
// would read out symbol by symbol. \u2019 is the curly apostrophe, \u00bf and \u00a1 Spanish ¿ and ¡.
const NOT_WORDS = /[^\p{L}\p{M}\p{N}\p{Zs}.,'\u2019!?\u00bf\u00a1&+#:;@%-]/gu;

/** User input that is repeated back in speech: one line of plain words, at most `max` characters. */
export function echoText(raw: string, max: number): string {
  return capText(raw.replace(NOT_WORDS, ' ').replace(/\s+/g, ' ').trim(), max);
}
