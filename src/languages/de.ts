/**
 * Deutsch. See schema.ts for what each field means; `{name}` in a phrase is
 * filled in by the bot, `{Name}` the same with a capital first letter.
 *
 * Subreddits (checked with the project's search tool, 2026-11-30):
 * - r/Witze: German jokes; a 2024 post (r/witze/comments/1fcoz5a, "Ein Vampir auf einem
 *   Tandem ...") is used as a real link in a public link-parser test suite.
 * - r/HeuteLernteIch ("Heute lernte ich", the German TIL) and r/Duschgedanken (German
 *   shower thoughts): both on Reddit's own 2021 list of German community-programme
 *   subreddits (reddit-employee-datasets "subclu_selected_subs" query, geo DE) and in
 *   public scrapers of German text subreddits.
 * No German community was found for dad jokes, life pro tips, world news or
 * one-liners, so those kinds are not offered in German (docs/agent.md, "Languages").
 */
import type { LanguageText } from './schema';

export const de = {
  code: 'de',
  name: 'Deutsch',
  or: 'oder',
  articles: ['ein', 'eine', 'einen', 'einem', 'der', 'die', 'das', 'den', 'noch'],
  topicLeadWords: ['über', 'ueber', 'zum thema', 'zu', 'zum', 'zur', 'von', 'mit'],
  topicStopwords: ['der', 'die', 'das', 'den', 'dem', 'und', 'über', 'ueber', 'mit', 'von', 'zum', 'zur', 'ein', 'eine', 'einen', 'etwas'],

  kinds: {
    joke: {
      value: 'Witz',
      subreddit: 'Witze',
      noun: 'Witz',
      a: 'ein Witz',
      aObject: 'einen Witz',
      plural: 'Witze',
      chip: 'Witz',
      synonyms: ['Witze', 'etwas Lustiges', 'was Lustiges', 'lustig', 'Scherz', 'Humor', 'was zum Lachen', 'Flachwitz'],
    },
    fact: {
      value: 'Fakt',
      subreddit: 'HeuteLernteIch',
      noun: 'Fakt',
      a: 'ein Fakt',
      aObject: 'einen Fakt',
      plural: 'Fakten',
      chip: 'Fakt',
      synonyms: [
        'Fakten',
        'Fun Fact',
        'etwas Interessantes',
        'was Interessantes',
        'interessant',
        'Wissenswertes',
        'Tatsache',
        'heute lernte ich',
        'HLI',
      ],
      titlePrefixes: ['HLI', 'heute lernte ich', 'TIL'],
      afterTitlePrefix: ['dass', 'daß'],
    },
    'shower thought': {
      value: 'Duschgedanke',
      subreddit: 'Duschgedanken',
      noun: 'Duschgedanke',
      a: 'ein Duschgedanke',
      aObject: 'einen Duschgedanken',
      plural: 'Duschgedanken',
      chip: 'Duschgedanke',
      synonyms: ['Duschgedanken', 'Gedanke', 'einen Gedanken', 'etwas zum Nachdenken', 'was Tiefsinniges'],
    },
  },

  phrases: {
    moreChip: 'Noch einer',
    byeChip: 'Tschüss',
    welcome: 'Hallo! Ich erzähle Witze und Fakten aus den heutigen Top-Beiträgen auf Reddit. Was möchtest du hören: {choices}?',
    followUp: 'Was möchtest du als Nächstes hören: {choices}?',
    askKind: 'Ich kann dir {all} erzählen. Was hättest du gern: {choices}?',
    unknownKind: '„{asked}“ habe ich noch nicht.',
    fallback: 'Entschuldige, das habe ich nicht verstanden.',
    bye: 'Tschüss! Komm jederzeit wieder für den nächsten Witz oder Fakt.',
    somethingWrong: 'Entschuldige, bei mir ist etwas schiefgegangen. Frag mich gleich bitte noch einmal.',
    here: 'Hier ist {a}:',
    cardSubtitle: 'r/{subreddit} auf Reddit',
    topicNotFound: 'Zu „{topic}“ habe ich nichts gefunden, darum etwas anderes.',
    topicAllHeard: 'Das waren alle {plural} zu „{topic}“, die ich finden konnte, darum etwas anderes.',
    allHeard: 'Du hast schon alles Neue von heute gehört, darum eine Wiederholung.',
    apology: 'Entschuldige, Reddit liefert mir gerade keine {plural}.',
    apologyHint: 'Versuch es gleich noch einmal oder frag nach etwas anderem.',
    offlineUnavailable: 'Reddit antwortet gerade nicht',
    offlineNothingUsable: 'Reddit hat gerade keine {plural}, die ich vorlesen kann',
    offlineAllHeard: 'Du kennst schon alle heutigen {plural} von Reddit',
    offlineSame: '{why}, darum etwas aus meiner eigenen Sammlung{offTopic}{repeat}:',
    offlineOther: '{why}, darum stattdessen {a} aus meiner eigenen Sammlung{offTopic}{repeat}:',
    offlineOffTopic: ', auch wenn es nicht um „{topic}“ geht',
    offlineRepeat: ', allerdings schon bekannt',
  },

  agent: {
    welcomeReply: 'Hallo! Möchtest du {choices} hören?',
    contentReply: 'Entschuldige, ich komme gerade nicht an meine Geschichten. {followUp}',
    byeReply: 'Tschüss! Bis zum nächsten Mal.',
    fallbackReply: 'Entschuldige, das habe ich nicht verstanden. Möchtest du {choices}?',
    contentPrompts: ['Was möchtest du hören: {choices}?', 'Gern! {Choices}?', 'Was soll ich dir erzählen?'],
    training: {
      welcome: ['hallo', 'hi', 'hey', 'guten morgen', 'guten tag', 'guten abend', 'servus', 'moin', 'grüß dich', 'los geht’s', 'start'],
      sayContent: [
        'erzähl mir {a content} über {topic}',
        'erzähl mir {a content}',
        'erzähl mir was',
        'erzähl mir etwas',
        'ich will {a content} hören',
        'kannst du mir {a content} erzählen',
        'kennst du {a content} über {topic}',
        'sag mir {a content}',
        'ich hätte gern {a content}',
        'gib mir {a content} zum thema {topic}',
        '{content}',
        '{content} bitte',
        'ich will {content}',
        'gib mir {content}',
        'wie wäre es mit {content}',
        'ich habe lust auf {content}',
        '{content} über {topic}',
        '{content} zu {topic}',
      ],
      sayContentMore: [
        'mehr',
        'mehr bitte',
        'noch einer',
        'noch eins',
        'noch einen',
        'erzähl noch einen',
        'nochmal',
        'weiter',
        'der nächste',
        'mach weiter',
        'gib mir noch einen',
        'noch mal dasselbe',
      ],
      bye: ['tschüss', 'auf wiedersehen', 'bis später', 'das war’s', 'das reicht', 'ich bin fertig', 'stopp', 'nein danke', 'ende', 'gute nacht'],
      fallback: [
        'wie wird das wetter',
        'wie spät ist es',
        'stell einen wecker',
        'spiel musik',
        'reservier einen tisch für zwei',
        'erzähl mir von dir',
      ],
    },
    objectStarts: ['ein', 'eine', 'einen', 'etwas', 'was', 'der', 'die', 'das', 'den', 'noch'],
    sampleTopics: ['katzen', 'hunde', 'weltraum', 'pizza', 'computer', 'fußball', 'geschichte', 'kaffee', 'arbeit', 'musik'],
  },
} satisfies LanguageText;
