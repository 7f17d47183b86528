/**
 * Français. See schema.ts for what each field means; `{name}` in a phrase is
 * filled in by the bot, `{Name}` the same with a capital first letter.
 *
 * Subreddits (checked with the project's search tool, 2026-11-30):
 * - r/AujourdhuiJaiAppris (the French TIL) and r/penseesdedouche (French shower
 *   thoughts): both in jimlaloi/FrequencyDictionary reddit.py, a list of French-language
 *   text subreddits taken from r/france's "annuaire des subreddits de la francophonie"
 *   (only subreddits whose posts are mostly in French were kept).
 * - r/blagues: the search tool found no reference to a French jokes subreddit (not in
 *   that annuaire-based list either); r/blagues is used as the best-known candidate, NOT
 *   verified. If its listing is empty or unreachable, the French built-in collection
 *   (src/reddit/offline-content-fr.ts) answers, so a French user still hears French jokes.
 * No French community was found for dad jokes, life pro tips, world news or
 * one-liners, so those kinds are not offered in French.
 */
import type { LanguageText } from './schema';

export const fr = {
  code: 'fr',
  name: 'Français',
  or: 'ou',
  articles: ['un', 'une', 'des', 'le', 'la', 'les', 'du', 'de la', 'encore'],
  topicLeadWords: ['à propos de', 'au sujet de', 'concernant', 'sur', 'de', 'avec'],
  topicStopwords: ['les', 'des', 'une', 'sur', 'avec', 'pour', 'dans', 'par', 'que', 'qui', 'aux', 'est'],

  kinds: {
    joke: {
      value: 'blague',
      subreddit: 'blagues',
      noun: 'blague',
      a: 'une blague',
      plural: 'blagues',
      chip: 'Blague',
      synonyms: ['blagues', 'quelque chose de drôle', 'drôle', 'humour', 'une histoire drôle', 'un truc marrant', 'marrant', 'rigoler'],
    },
    fact: {
      value: 'anecdote',
      subreddit: 'AujourdhuiJaiAppris',
      noun: 'anecdote',
      a: 'une anecdote',
      plural: 'anecdotes',
      chip: 'Anecdote',
      synonyms: [
        'anecdotes',
        'un fait',
        'un fait intéressant',
        'le saviez-vous',
        "quelque chose d'intéressant",
        'intéressant',
        'culture générale',
        "aujourd'hui j'ai appris",
      ],
      titlePrefixes: ['AJA', "aujourd'hui j'ai appris", 'TIL'],
      afterTitlePrefix: ['que', "qu'"],
    },
    'shower thought': {
      value: 'pensée de douche',
      subreddit: 'penseesdedouche',
      noun: 'pensée de douche',
      a: 'une pensée de douche',
      plural: 'pensées de douche',
      chip: 'Pensée de douche',
      synonyms: ['pensées de douche', 'une pensée', 'pensée profonde', 'quelque chose de profond', 'une réflexion'],
    },
  },

  phrases: {
    moreChip: 'Encore une',
    byeChip: 'Au revoir',
    welcome:
      "Salut ! Je raconte des blagues et des anecdotes tirées des meilleurs posts du jour sur Reddit. Qu'est-ce que tu veux entendre : {choices} ?",
    followUp: "Qu'est-ce que tu veux entendre maintenant : {choices} ?",
    askKind: "Je peux te raconter {all}. Qu'est-ce qui te ferait plaisir : {choices} ?",
    unknownKind: "Je n'ai pas encore « {asked} ».",
    fallback: "Désolé, je n'ai pas compris.",
    bye: 'Au revoir ! Reviens quand tu veux pour une autre blague ou une anecdote.',
    somethingWrong: "Désolé, quelque chose n'a pas marché de mon côté. Redemande-moi dans un instant.",
    here: 'Voici {a} :',
    cardSubtitle: 'r/{subreddit} sur Reddit',
    topicNotFound: "Je n'ai rien trouvé sur « {topic} », alors en voici une au hasard.",
    topicAllHeard: "C'étaient toutes les {plural} sur « {topic} » que j'ai pu trouver, alors en voici une au hasard.",
    allHeard: 'Tu as déjà entendu toutes les nouveautés du jour, alors en voici une de nouveau.',
    apology: "Désolé, je n'arrive pas à récupérer {a} sur Reddit pour le moment.",
    apologyHint: 'Réessaie dans un instant, ou demande autre chose.',
    offlineUnavailable: 'Reddit ne répond pas pour le moment',
    offlineNothingUsable: "Reddit n'a pas de {plural} que je peux lire à voix haute pour le moment",
    offlineAllHeard: 'Tu as déjà entendu toutes les {plural} du jour sur Reddit',
    offlineSame: '{why}, alors en voici une de ma propre collection{offTopic}{repeat} :',
    offlineOther: '{why}, alors voici plutôt {a} de ma propre collection{offTopic}{repeat} :',
    offlineOffTopic: ', même si elle ne parle pas de « {topic} »',
    offlineRepeat: ', une que tu connais déjà',
  },

  agent: {
    welcomeReply: 'Salut ! Tu veux entendre {choices} ?',
    contentReply: "Désolé, je n'arrive pas à joindre mes histoires pour le moment. {followUp}",
    byeReply: 'Au revoir ! À bientôt.',
    fallbackReply: "Désolé, je n'ai pas compris. Tu veux {choices} ?",
    contentPrompts: ["Qu'est-ce que tu veux entendre : {choices} ?", 'Avec plaisir ! {Choices} ?', "Qu'est-ce que je te raconte ?"],
    training: {
      welcome: ['salut', 'bonjour', 'bonsoir', 'coucou', 'hello', 'salut toi', 'ça va', 'commencer', 'on commence'],
      sayContent: [
        'raconte-moi {a content} sur {topic}',
        'raconte-moi {a content}',
        'raconte-moi quelque chose',
        'dis-moi quelque chose',
        'je veux entendre {a content}',
        'tu peux me raconter {a content}',
        'tu connais {a content} sur {topic}',
        'dis-moi {a content}',
        "j'aimerais {a content} s'il te plaît",
        'donne-moi {a content} sur {topic}',
        '{content}',
        "{content} s'il te plaît",
        'je veux {content}',
        'donne-moi {content}',
        'et si on écoutait {content}',
        "j'ai envie de {content}",
        '{content} sur {topic}',
        '{content} à propos de {topic}',
      ],
      sayContentMore: [
        'encore',
        'encore une',
        'une autre',
        'encore une fois',
        'la suivante',
        'suivant',
        'continue',
        "raconte-m'en une autre",
        'une de plus',
        'pareil',
        'vas-y encore',
        'plus',
      ],
      bye: ['au revoir', 'salut à plus', 'à plus tard', "c'est tout", 'ça suffit', "j'ai fini", 'stop', 'non merci', 'quitter', 'bonne nuit'],
      fallback: [
        'quel temps fait-il',
        'quelle heure est-il',
        'mets une alarme',
        'mets de la musique',
        'réserve une table pour deux',
        'parle-moi de toi',
      ],
    },
    objectStarts: ['un', 'une', 'des', 'le', 'la', 'les', 'quelque', 'du', 'de la'],
    sampleTopics: ['les chats', 'les chiens', "l'espace", 'la pizza', 'les ordinateurs', 'la mer', "l'histoire", 'le café', 'le travail', 'la musique'],
  },
} satisfies LanguageText;
