/**
 * The obscenity library's English words (its `originalWord` metadata) by how
 * they count, and the common words its list lacks. Its words carry no
 * category, and the levels need one, so each is classified here; a word it
 * adds in a later version counts as a slur until classified (`standard`
 * refuses it).
 */

/** How a word counts: its category, and whether `standard` refuses it or only `strict`. */
export const LIBRARY_CLASSES = ['slur', 'sexual', 'profanity', 'mildProfanity'] as const;
export type LibraryClass = (typeof LIBRARY_CLASSES)[number];

export const LIBRARY_WORDS: Readonly<Record<LibraryClass, readonly string[]>> = {
  slur: [
    'abo', 'abeed', 'africoon', 'arabush', 'boonga', 'chingchong', 'chink', 'dyke', 'fag', 'kike', 'negro',
    'nigger', 'retard', 'spastic', 'tranny',
  ],
  sexual: [
    'anal', 'anus', 'bestiality', 'blowjob', 'boob', 'buttplug', 'cock', 'cuck', 'cum', 'cunt', 'deepthroat',
    'dick', 'dildo', 'doggystyle', 'double penetration', 'ejaculate', 'felch', 'fellatio', 'finger bang',
    'fisting', 'gangbang', 'handjob', 'hentai', 'hooker', 'incest', 'jerk off', 'jizz', 'lubejob', 'masturbate',
    'orgasm', 'orgy', 'penis', 'porn', 'pussy', 'rape', 'semen', 'sex', 'slut', 'tit', 'twat', 'vagina', 'wank',
    'whore', 'scat',
  ],
  // Strong swearing: `standard` refuses it (a business's website is no place for "fuck").
  profanity: ['bastard', 'bitch', 'fuck', 'shit'],
  // Mild: only `strict` refuses it.
  mildProfanity: ['arse', 'ass', 'bollocks', 'piss', 'prick', 'turd'],
};

/** Innocent words the library reads as one of its words (its `originalWord` → more whitelisted terms). */
export const LIBRARY_ALLOW: Readonly<Record<string, readonly string[]>> = {
  shit: ['shiitake'],
};

/** Patterns of one word, and innocent phrases that contain it. */
export interface ExtraWord {
  readonly patterns: readonly string[];
  readonly allow?: readonly string[];
}

/**
 * Common words the library's list lacks, in its pattern syntax: `|` is a word
 * boundary, `[x]` an optional letter, `?` any one character. Being in the
 * library's syntax, they are seen through leetspeak like its own words.
 */
export const EXTRA_WORDS: Readonly<Record<LibraryClass, Readonly<Record<string, readonly string[] | ExtraWord>>>> = {
  slur: {
    spic: { patterns: ['|spic|', '|spics|'], allow: ['spic and span', 'spic n span'] },
    wetback: ['wetback'],
    gook: ['|gook'],
    raghead: ['raghead', 'towelhead'],
    coon: ['|coon|', '|coons|'],
    beaner: ['|beaner'],
    paki: ['|paki|', '|pakis|'],
    shemale: ['shemale'],
    tard: ['|tard|', '|tards|'],
    jap: ['|jap|', '|japs|'],
    homo: ['|homo|', '|homos|'],
    nigga: ['|nigga', '|niga|', '|nigg'],
    faggot: ['|faggot', '|fagg'],
  },
  sexual: {
    sexual: ['|sexual', '|sexting'],
    horny: ['|horny|'],
    boner: ['|boner'],
    erection: ['erection'],
    condom: ['|condom'],
    viagra: ['viagra'],
    naked: { patterns: ['|naked|', '|nude|', '|nudes|', '|nudity'], allow: ['naked eye', 'naked mole'] },
    threesome: ['threesome'],
    stripper: ['|stripper', '|strip club'],
    prostitute: ['prostitut'],
    milf: ['|milf'],
    genitals: ['|genital', '|testicle', '|scrotum'],
    erotic: ['|erotic'],
    foreplay: ['foreplay'],
  },
  profanity: {
    wtf: ['|wtf|', '|stfu|'],
    asshole: ['asshole', '|a[s]shole'],
    motherfucker: ['motherf'],
  },
  mildProfanity: {
    damn: ['|damn', '|dammit', 'goddam'],
    crap: ['|crap|', '|crappy|', '|craps|'],
    douche: ['|douche'],
    ass: ['jackass', 'dumbass', 'smartass', 'badass'],
  },
};

/**
 * Words a mask (`f*ggot`, `sh*t`, `n****r`) may stand for, by how they count.
 * A mask that fits none of them counts as mild profanity: `K**l's` is a shop.
 */
export const MASKABLE: Readonly<Record<Exclude<LibraryClass, 'mildProfanity'>, readonly string[]>> = {
  slur: [
    'nigger', 'niggers', 'nigga', 'niggas', 'negro', 'faggot', 'faggots', 'fag', 'fags', 'kike', 'kikes', 'spic', 'spics', 'chink',
    'chinks', 'retard', 'retarded', 'tranny', 'dyke', 'coon', 'wetback', 'gook', 'paki', 'beaner', 'raghead', 'towelhead',
  ],
  sexual: [
    'cunt', 'cunts', 'whore', 'whores', 'slut', 'sluts', 'cock', 'cocks', 'dick', 'dicks', 'pussy', 'penis', 'porn', 'sex', 'tits',
    'boobs', 'cum', 'jizz', 'dildo', 'anal', 'anus', 'rape', 'raped', 'horny', 'blowjob', 'twat', 'wank', 'wanker',
  ],
  profanity: [
    'fuck', 'fucks', 'fucking', 'fucked', 'fucker', 'fuckers', 'motherfucker', 'shit', 'shits', 'shitty', 'shitting', 'bullshit',
    'bitch', 'bitches', 'bastard', 'asshole', 'assholes', 'dickhead', 'goddamn', 'fck', 'fk',
  ],
};
