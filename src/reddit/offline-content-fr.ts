/**
 * The bot's own French collection (see offline-content.ts for the rules:
 * clean, family-friendly, well-established facts; append only, an item's id is
 * its position).
 */
import type { OfflineJoke } from './offline-content';

export const OFFLINE_JOKES_FR: readonly OfflineJoke[] = [
  { setup: 'Pourquoi les plongeurs plongent-ils toujours en arrière ?', punchline: 'Parce que sinon, ils tombent dans le bateau.' },
  { setup: "Qu'est-ce qui est jaune et qui attend ?", punchline: 'Jonathan.' },
  { setup: "Que dit une imprimante dans l'eau ?", punchline: "J'ai papier !" },
  { setup: 'Quel est le comble pour un électricien ?', punchline: "Ne pas être au courant." },
  { setup: "Pourquoi les poissons n'aiment-ils pas jouer au tennis ?", punchline: "Parce qu'ils ont peur du filet." },
  { setup: 'Que fait une fraise sur un cheval ?', punchline: 'Tagada, tagada !' },
  { setup: 'Comment appelle-t-on un chat tombé dans un pot de peinture le jour de Noël ?', punchline: 'Un chat-peint de Noël.' },
  { setup: "Pourquoi les canards sont-ils toujours à l'heure ?", punchline: "Parce qu'ils sont dans l'étang." },
  { setup: "Que dit un oignon quand il se cogne ?", punchline: 'Aïe !' },
  { setup: 'Quel est le sport le plus silencieux ?', punchline: 'Le para-chuuut.' },
  { setup: 'Pourquoi le livre de maths est-il triste ?', punchline: "Parce qu'il a trop de problèmes." },
  { setup: 'Comment appelle-t-on un boomerang qui ne revient pas ?', punchline: 'Un bâton.' },
];

export const OFFLINE_FACTS_FR: readonly string[] = [
  'Les pieuvres ont trois cœurs et le sang bleu.',
  "Le miel ne se gâte presque jamais : il contient si peu d'eau et il est si acide que la plupart des microbes ne peuvent pas s'y développer.",
  "Un jour sur Vénus, soit un tour complet sur elle-même, dure plus longtemps qu'une année vénusienne.",
  "D'un point de vue botanique, les bananes sont des baies, mais pas les fraises.",
  "La tour Eiffel grandit d'environ 15 centimètres les jours de forte chaleur, parce que son fer se dilate.",
  'Les wombats font des crottes en forme de cube.',
  'La lumière du Soleil met environ 8,3 minutes pour atteindre la Terre.',
  "Les paresseux peuvent retenir leur souffle jusqu'à 40 minutes.",
  "L'œil d'une autruche est plus gros que son cerveau.",
  "La Grande Muraille de Chine n'est pas visible à l'œil nu depuis la Lune.",
  'Un éclair est environ cinq fois plus chaud que la surface du Soleil.',
  "L'Everest grandit de quelques millimètres par an, parce que l'Inde continue de pousser vers le nord contre l'Asie.",
];
