/**
 * Español. See schema.ts for what each field means; `{name}` in a phrase is
 * filled in by the bot, `{Name}` the same with a capital first letter.
 *
 * Subreddits (checked with the project's search tool, 2026-11-30):
 * - r/chistes: listed as the Spanish-language jokes community ("r/Chistes: Jokes.") in a
 *   public research corpus of Spanish subreddits (multilingual Reddit study, "spanish_subreddits").
 * - r/HoyAprendi ("Hoy aprendí", the Spanish TIL): named as a Reddit community in public
 *   code; the weakest evidence of the three languages' fact communities. When its
 *   listing is empty or unreachable, the Spanish built-in collection answers.
 * No Spanish community was found for dad jokes, shower thoughts, life pro tips,
 * world news or one-liners, so those kinds are not offered in Spanish.
 */
import type { LanguageText } from './schema';

export const es = {
  code: 'es',
  name: 'Español',
  or: 'o',
  articles: ['un', 'una', 'unos', 'unas', 'el', 'la', 'los', 'las', 'otro', 'otra'],
  topicLeadWords: ['acerca de', 'sobre', 'de', 'del', 'con'],
  topicStopwords: ['el', 'la', 'los', 'las', 'del', 'con', 'sobre', 'para', 'por', 'una', 'unos', 'unas', 'que', 'algo'],

  kinds: {
    joke: {
      value: 'chiste',
      subreddit: 'chistes',
      noun: 'chiste',
      a: 'un chiste',
      plural: 'chistes',
      chip: 'Chiste',
      synonyms: ['chistes', 'algo gracioso', 'algo divertido', 'gracioso', 'humor', 'una broma', 'bromas', 'algo para reír'],
    },
    fact: {
      value: 'dato curioso',
      subreddit: 'HoyAprendi',
      noun: 'dato curioso',
      a: 'un dato curioso',
      plural: 'datos curiosos',
      chip: 'Dato curioso',
      synonyms: [
        'datos curiosos',
        'dato',
        'datos',
        'curiosidad',
        'una curiosidad',
        'curiosidades',
        'algo interesante',
        'interesante',
        'hoy aprendí',
        'sabías que',
      ],
      titlePrefixes: ['hoy aprendí', 'hoy aprendi', 'TIL'],
      afterTitlePrefix: ['que'],
    },
  },

  phrases: {
    moreChip: 'Otro',
    byeChip: 'Adiós',
    welcome: '¡Hola! Cuento chistes y datos curiosos de las publicaciones más populares de hoy en Reddit. ¿Qué quieres oír: {choices}?',
    followUp: '¿Qué quieres oír ahora: {choices}?',
    askKind: 'Puedo contarte {all}. ¿Qué prefieres: {choices}?',
    unknownKind: 'Todavía no tengo «{asked}».',
    fallback: 'Perdona, no te he entendido.',
    bye: '¡Adiós! Vuelve cuando quieras por otro chiste o dato curioso.',
    somethingWrong: 'Perdona, algo ha fallado por mi parte. Vuelve a preguntarme en un momento.',
    here: 'Aquí tienes {a}:',
    cardSubtitle: 'r/{subreddit} en Reddit',
    topicNotFound: 'No encontré {a} sobre «{topic}», así que aquí va uno al azar.',
    topicAllHeard: 'Esos eran todos los {plural} sobre «{topic}» que pude encontrar, así que aquí va uno al azar.',
    allHeard: 'Ya has oído todos los nuevos de hoy, así que aquí va uno repetido.',
    apology: 'Perdona, ahora mismo no puedo traer {a} de Reddit.',
    apologyHint: 'Inténtalo de nuevo en un momento o pide otra cosa.',
    offlineUnavailable: 'Reddit no responde ahora mismo',
    offlineNothingUsable: 'Reddit no tiene ahora {plural} que pueda leer en voz alta',
    offlineAllHeard: 'Ya has oído todos los {plural} de hoy en Reddit',
    offlineSame: '{why}, así que aquí va uno de mi propia colección{offTopic}{repeat}:',
    offlineOther: '{why}, así que aquí va {a} de mi propia colección en su lugar{offTopic}{repeat}:',
    offlineOffTopic: ', aunque no trata de «{topic}»',
    offlineRepeat: ', uno que ya has oído',
  },

  agent: {
    welcomeReply: '¡Hola! ¿Quieres oír {choices}?',
    contentReply: 'Perdona, ahora no puedo llegar a mis historias. {followUp}',
    byeReply: '¡Adiós! Vuelve cuando quieras.',
    fallbackReply: 'Perdona, no te he entendido. ¿Quieres {choices}?',
    contentPrompts: ['¿Qué quieres oír: {choices}?', '¡Claro! ¿{Choices}?', '¿Qué te cuento?'],
    training: {
      welcome: ['hola', 'buenas', 'buenos días', 'buenas tardes', 'qué tal', 'hey', 'empezar', 'qué hay', 'saludos'],
      sayContent: [
        'cuéntame {a content} sobre {topic}',
        'cuéntame {a content}',
        'cuéntame algo',
        'dime algo',
        'quiero oír {a content}',
        'me cuentas {a content}',
        'sabes {a content} sobre {topic}',
        'dime {a content}',
        'me gustaría {a content} por favor',
        'dame {a content} de {topic}',
        '{content}',
        '{content} por favor',
        'quiero {content}',
        'dame {content}',
        'y si me cuentas {content}',
        'tengo ganas de {content}',
        '{content} sobre {topic}',
        '{content} de {topic}',
      ],
      sayContentMore: [
        'más',
        'más por favor',
        'otro',
        'otro más',
        'uno más',
        'cuéntame otro',
        'otra vez',
        'siguiente',
        'sigue',
        'dame otro',
        'lo mismo otra vez',
        'otra',
      ],
      bye: ['adiós', 'hasta luego', 'chao', 'eso es todo', 'ya basta', 'he terminado', 'para', 'no gracias', 'salir', 'hasta mañana'],
      fallback: ['qué tiempo hace', 'qué hora es', 'pon una alarma', 'pon música', 'reserva una mesa para dos', 'háblame de ti'],
    },
    objectStarts: ['un', 'una', 'algo', 'el', 'la', 'los', 'las', 'otro', 'otra'],
    sampleTopics: ['gatos', 'perros', 'fútbol', 'pizza', 'ordenadores', 'animales', 'historia', 'café', 'trabajo', 'música'],
  },
} satisfies LanguageText;
