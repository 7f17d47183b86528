import { judgeText, offensiveTerms, readMask, type ContentFilterLevel, type Tone } from '../src/content-filter';
import { filterLanguage, ldnoobwList, ldnoobwRules, LISTS } from '../src/content-filter/languages';
import { wordPattern } from '../src/content-filter/lexicon';
import { LANGUAGES } from '../src/languages';
import { offlineItems } from '../src/reddit/offline';

/**
 * Every class of word both ways, in every language the bot speaks: a text the
 * class refuses, and an innocent text with the same letters (or the same
 * subject in a headline) that it keeps.
 */
interface Case {
  readonly lang: 'en' | 'de' | 'es' | 'fr';
  readonly what: string;
  readonly refused: string;
  readonly kept: string;
  /** The level both sides are judged at: the lowest that refuses `refused` (default standard). */
  readonly level?: Exclude<ContentFilterLevel, 'off'>;
  /** Tone of the refused text (default humor); `keptTone` the tone of the kept one (default the same). */
  readonly tone?: Tone;
  readonly keptTone?: Tone;
}

const CASES: readonly Case[] = [
  // English
  { lang: 'en', what: 'slur', refused: 'Why did the coon cross the road?', kept: 'My Maine Coon sleeps all day.' },
  { lang: 'en', what: 'masked slur', refused: 'Two f*ggots walk into a bar', kept: 'I used to shop at K**l’s on Sundays' },
  { lang: 'en', what: 'masked sexual word', refused: 'She is such a wh*re', kept: 'The answer is 2*3*4, isn’t it?' },
  { lang: 'en', what: 'sexual word', refused: 'He watched porn all night', kept: 'Chile legalizes same-sex marriage', tone: 'info' },
  { lang: 'en', what: 'name that is a rude word', refused: 'Some dick cut her off', kept: 'We watched Dick Van Dyke on TV, and then Jim Cummings read from Moby Dick to us' },
  { lang: 'en', what: 'rude word inside a word', refused: 'He grabbed his cock', kept: 'The pilot left the cockpit for a cocktail' },
  { lang: 'en', what: 'science', refused: 'What a homo', kept: 'Homo sapiens and Homo erectus met' },
  { lang: 'en', what: 'double meaning', refused: 'What did the lady at the sperm bank say? Thanks for coming!', kept: 'What did the bank say? Thanks for coming!' },
  { lang: 'en', what: 'double meaning about a partner', refused: 'My wife asked me to go down under with her', kept: 'My wife asked me to go to Australia with her' },
  { lang: 'en', what: 'group joke', refused: 'How many Mexicans does it take to change a bulb?', kept: 'Mexicans celebrate the Day of the Dead', keptTone: 'info' },
  { lang: 'en', what: 'religion joke', refused: 'A Muslim walks into a bar', kept: 'TIL Muslim scholars preserved Greek texts', keptTone: 'info' },
  { lang: 'en', what: 'sexuality joke', refused: 'The boogeyman is gay', kept: 'Tokyo pushes ahead with same-sex partnerships', keptTone: 'info' },
  { lang: 'en', what: 'disability joke', refused: 'How did Helen Keller burn her fingers?', kept: 'TIL Helen Keller wrote twelve books', keptTone: 'info' },
  { lang: 'en', what: 'gender joke', refused: 'Women are like parking spaces', kept: 'My wife loves parking spaces' },
  { lang: 'en', what: 'tragedy joke', refused: 'A Holocaust joke walks into a bar', kept: 'TIL the Holocaust memorial opened in 2005', keptTone: 'info' },
  { lang: 'en', what: 'suicide joke', refused: 'I would never kill myself, it would be the last thing I do', kept: 'I would never eat myself silly' },
  { lang: 'en', what: 'death next to a child', refused: "What's yellow and full of dead kids? A school bus", kept: "What's yellow and full of kids? A school bus" },
  { lang: 'en', what: 'abuse, even in a headline', refused: 'Teacher arrested for molesting pupils', kept: 'Teacher arrested for stealing bikes', tone: 'info' },
  { lang: 'en', what: 'cruelty', refused: 'He beheaded the statue', kept: 'He beat the record', tone: 'info' },
  { lang: 'en', what: 'strong swearing', refused: 'This is bullshit', kept: 'Damn, this is strong coffee' },
  { lang: 'en', what: 'mild swearing', refused: 'Damn, this is strong coffee', kept: 'Wow, this is strong coffee', level: 'strict' },
  { lang: 'en', what: 'place', refused: 'Fuck you', kept: 'Fukushima peaches are sweet', level: 'strict', keptTone: 'info' },
  // German
  { lang: 'de', what: 'slur', refused: 'Du bist eine Schwuchtel', kept: 'Homo sapiens lebte in Afrika' },
  { lang: 'de', what: 'masked slur', refused: 'Du bist eine Schw*chtel', kept: 'Ich kaufe bei K**l’s ein' },
  { lang: 'de', what: 'sexual word', refused: 'Er guckt Pornos', kept: 'Der Kaffee ist dick und süß' },
  { lang: 'de', what: 'borrowed English', refused: 'Fuck, der Bus ist weg', kept: 'Der Fagottist spielt dick auf' },
  { lang: 'de', what: 'double meaning', refused: 'Sie wollte ihm einen blasen', kept: 'Die Kinder machen Seifenblasen', level: 'strict' },
  { lang: 'de', what: 'group joke', refused: 'Wie viele Juden passen in ein Auto?', kept: 'Juden feiern Chanukka im Dezember', keptTone: 'info' },
  { lang: 'de', what: 'tragedy joke', refused: 'Ein Witz über Auschwitz', kept: 'Auschwitz wurde 1945 befreit', keptTone: 'info' },
  { lang: 'de', what: 'abuse', refused: 'Lehrer wegen Vergewaltigung verhaftet', kept: 'Lehrer wegen Diebstahl verhaftet', tone: 'info' },
  { lang: 'de', what: 'cruelty', refused: 'Er wurde gefoltert', kept: 'Er wurde gefordert', tone: 'info' },
  { lang: 'de', what: 'strong swearing', refused: 'So eine Scheiße', kept: 'So ein Mist' },
  { lang: 'de', what: 'mild swearing', refused: 'So ein Mist', kept: 'So ein Pech', level: 'strict' },
  // Spanish
  { lang: 'es', what: 'slur', refused: 'Eres un maricón', kept: 'Un perro negro y un gato negro' },
  { lang: 'es', what: 'masked slur', refused: 'Eres un m*ricón', kept: 'Compro en K**l’s los domingos' },
  { lang: 'es', what: 'sexual word', refused: 'Quiero sexo', kept: 'Encontré una concha en la playa' },
  { lang: 'es', what: 'borrowed English', refused: 'Qué shit de día', kept: 'Café con leche y cumpleaños feliz' },
  { lang: 'es', what: 'group joke', refused: 'Dos gitanos entran en un bar', kept: 'Los gitanos llegaron a España en el siglo XV', keptTone: 'info' },
  { lang: 'es', what: 'tragedy joke', refused: 'Un chiste del Holocausto', kept: 'El Holocausto terminó en 1945', keptTone: 'info' },
  { lang: 'es', what: 'abuse', refused: 'Detenido por violación', kept: 'Detenido por robo', tone: 'info' },
  { lang: 'es', what: 'cruelty', refused: 'Lo torturaron durante días', kept: 'Lo esperaron durante días', tone: 'info' },
  { lang: 'es', what: 'strong swearing', refused: 'Qué mierda', kept: 'Qué idiota' },
  { lang: 'es', what: 'mild swearing', refused: 'Qué idiota', kept: 'Qué pena', level: 'strict' },
  // French
  { lang: 'fr', what: 'slur', refused: 'Sale pédé', kept: 'La pédale de frein est cassée' },
  { lang: 'fr', what: 'masked slur', refused: 'Quelle g*uine', kept: 'J’achète chez K**l’s' },
  { lang: 'fr', what: 'sexual word', refused: 'Il regarde du porno', kept: 'Un baiser sur la joue' },
  { lang: 'fr', what: 'borrowed English', refused: 'Oh shit, le bus', kept: 'Le pissenlit pousse, la tanche nage' },
  { lang: 'fr', what: 'group joke', refused: 'Deux juifs entrent dans un bar', kept: 'Les juifs fêtent Hanoukka en hiver', keptTone: 'info' },
  { lang: 'fr', what: 'tragedy joke', refused: 'Une blague sur la Shoah', kept: 'La Shoah est enseignée au lycée', keptTone: 'info' },
  { lang: 'fr', what: 'abuse', refused: 'Arrêté pour viol', kept: 'Arrêté pour vol', tone: 'info' },
  { lang: 'fr', what: 'cruelty', refused: 'Il a été décapité', kept: 'Il a été décoré', tone: 'info' },
  { lang: 'fr', what: 'strong swearing', refused: 'Putain de merde', kept: 'Zut alors' },
  { lang: 'fr', what: 'mild swearing', refused: 'Zut alors', kept: 'Oh là là', level: 'strict' },
];

describe.each(['en', 'de', 'es', 'fr'] as const)('content filter in %s: every class both ways', (lang) => {
  const cases = CASES.filter((entry) => entry.lang === lang);

  it.each(cases.map((entry) => [entry.what, entry] as const))('%s: refused', (_what, entry) => {
    const level = entry.level ?? 'standard';
    expect(judgeText(entry.refused, level, { lang, tone: entry.tone ?? 'humor' })).toMatchObject({ allowed: false });
    expect(judgeText(entry.refused, 'off', { lang, tone: entry.tone ?? 'humor' })).toEqual({ allowed: true });
  });

  it.each(cases.map((entry) => [entry.what, entry] as const))('%s: kept', (_what, entry) => {
    const level = entry.level ?? 'standard';
    expect(judgeText(entry.kept, level, { lang, tone: entry.keptTone ?? entry.tone ?? 'humor' })).toEqual({ allowed: true });
  });
});

describe('content filter: the bot\'s own collection', () => {
  it.each([...LANGUAGES.values()].map((lang) => [lang.code, lang] as const))('%s: every joke and fact passes strict', (_code, lang) => {
    const refused = (['joke', 'fact'] as const).flatMap((set) =>
      offlineItems(set, lang).filter((item) => !judgeText(item.text, 'strict', { lang: lang.code, tone: set === 'fact' ? 'info' : 'humor' }).allowed),
    );
    expect(refused.map((item) => item.id)).toEqual([]);
  });
});

describe('content filter: languages kept apart', () => {
  it('reads "negro" as the colour in Spanish and as a slur in English', () => {
    expect(judgeText('un perro negro', 'strict', { lang: 'es' })).toEqual({ allowed: true });
    expect(judgeText('a negro', 'standard', { lang: 'en' })).toMatchObject({ allowed: false, category: 'slur' });
  });

  it('reads "dick" as thick in German and as a rude word in English', () => {
    expect(judgeText('Das Buch ist dick', 'strict', { lang: 'de' })).toEqual({ allowed: true });
    expect(judgeText('what a dick', 'standard', { lang: 'en' })).toMatchObject({ allowed: false, category: 'sexual' });
  });

  it('judges a regional code by its language, and a language without lists by English', () => {
    expect(filterLanguage('de-AT')).toBe('de');
    expect(filterLanguage('es_MX')).toBe('es');
    expect(filterLanguage('it')).toBe('en');
    expect(filterLanguage(undefined)).toBe('en');
  });

  it('reads a mask by the words of the text’s language', () => {
    expect(readMask('m*ricón', 'es')).toMatchObject({ category: 'slur', from: 'standard' });
    expect(readMask('m*ricón', 'en')).toMatchObject({ category: 'profanity', from: 'strict' });
  });
});

describe('LDNOOBW lists (npm naughty-words)', () => {
  it.each(['de', 'es', 'fr'] as const)('%s: every entry of the package is classified once, and nothing else', (lang) => {
    const classes = Object.values(LISTS[lang].ldnoobw).flat().map((word) => word.toLowerCase());
    expect(new Set(classes).size).toBe(classes.length);
    expect([...classes].sort()).toEqual(ldnoobwList(lang).map((word) => word.toLowerCase()).sort());
  });

  it('counts an entry a later version adds as a slur until it is classified', () => {
    const rules = ldnoobwRules(['neuwort', 'Arsch'], { slur: [], sexual: [], sexualStrict: [], profanity: [], mild: ['arsch'], innocent: [] });
    expect(rules.find((rule) => rule.category === 'slur')?.words).toEqual(['neuwort']);
    expect(rules.find((rule) => rule.from === 'strict' && rule.category === 'profanity')?.words).toEqual(['arsch']);
  });

  it('drops the entries that are ordinary words in the language', () => {
    expect(judgeText('Die Rosette am Kleid, der Lümmel im Garten', 'strict', { lang: 'de', tone: 'info' })).toEqual({ allowed: true });
    expect(judgeText('La tanche est un poisson', 'strict', { lang: 'fr', tone: 'info' })).toEqual({ allowed: true });
  });
});

describe('word lists: syntax', () => {
  it('matches whole words, a trailing * as any ending, a space as spaces or hyphens', () => {
    const pattern = wordPattern(['same sex', 'rapist*', 'cum']);
    expect('same-sex, same  sex, rapists, cum'.match(pattern)).toEqual(['same-sex', 'same  sex', 'rapists', 'cum']);
    expect('cumpleaños cumulative grapist'.match(pattern)).toBeNull();
  });

  it('names a pair of words that offend only together', () => {
    const pairs = (text: string) => offensiveTerms(text).filter((term) => term.term.includes(' … ')).map((term) => term.term);
    expect(pairs('the bomb fell on the children')).toEqual(['bomb … children']);
    // Further apart than the rule's 20 words: two sentences that have nothing to do with each other.
    expect(pairs(`the bomb squad left${' and then'.repeat(10)} the children came home`)).toEqual([]);
    expect(pairs('the children came home')).toEqual([]);
  });
});
