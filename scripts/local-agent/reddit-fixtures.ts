/**
 * A few hand-written posts per catalog subreddit, shaped like Reddit's listing
 * JSON, for the offline Reddit stub and the tests. Every post passes the
 * webhook's filters, so each listing has something to tell.
 */
import { ALL_KINDS } from '../../src/catalog';

export interface FixturePost {
  readonly id: string;
  readonly title: string;
  readonly selftext?: string;
  /** Link posts (headlines, TIL) are not self posts. */
  readonly isSelf?: boolean;
}

const FIXTURES: Readonly<Record<string, readonly FixturePost[]>> = {
  jokes: [
    { id: 'jk1', title: 'Why did the scarecrow win an award?', selftext: 'Because he was outstanding in his field.' },
    { id: 'jk2', title: 'I told my cat a joke about dogs.', selftext: 'She was not amused. Cats only laugh at their own jokes.' },
    { id: 'jk3', title: 'Why do programmers prefer dark mode?', selftext: 'Because light attracts bugs.' },
    { id: 'jk4', title: "What do you call a fish wearing a bowtie?", selftext: 'Sofishticated.' },
  ],
  todayilearned: [
    { id: 'ti1', title: 'TIL that octopuses have three hearts and blue blood.', isSelf: false },
    { id: 'ti2', title: 'TIL honey found in ancient Egyptian tombs was still edible.', isSelf: false },
    { id: 'ti3', title: 'TIL that a day on Venus is longer than its year.', isSelf: false },
    { id: 'ti4', title: 'TIL cats spend about two thirds of their lives asleep.', isSelf: false },
  ],
  dadjokes: [
    { id: 'dj1', title: "I'm reading a book about anti-gravity.", selftext: "It's impossible to put down." },
    { id: 'dj2', title: 'Why did the coffee file a police report?', selftext: 'It got mugged.' },
    { id: 'dj3', title: 'What do you call a fake noodle?', selftext: 'An impasta.' },
  ],
  showerthoughts: [
    { id: 'st1', title: 'Your future self is watching you right now through memories.', isSelf: false },
    { id: 'st2', title: 'A lighthouse is just a very polite nightlight for boats.', isSelf: false },
    { id: 'st3', title: 'Nothing is on fire, fire is on things.', isSelf: false },
  ],
  lifeprotips: [
    {
      id: 'lp1',
      title: 'LPT: Put your keys in the fridge next to your lunch so you never forget it.',
      selftext: 'You will not leave without your keys.',
    },
    { id: 'lp2', title: 'LPT: Take a photo of where you parked.', selftext: 'Parking garages all look the same at night.' },
    { id: 'lp3', title: 'LPT: Read the whole recipe before you start cooking.', selftext: '' },
  ],
  worldnews: [
    { id: 'wn1', title: 'Sample headline: volunteers plant a million trees along river banks', isSelf: false },
    { id: 'wn2', title: 'Sample headline: city library lends out telescopes for stargazing', isSelf: false },
    { id: 'wn3', title: 'Sample headline: new night train connects three capitals', isSelf: false },
  ],
  oneliners: [
    { id: 'ol1', title: 'I used to play piano by ear, but now I use my hands.', isSelf: false },
    { id: 'ol2', title: 'I have a fear of speed bumps, but I am slowly getting over it.', isSelf: false },
    { id: 'ol3', title: 'Time flies like an arrow; fruit flies like a banana.', isSelf: false },
  ],
  witze: [
    { id: 'wz1', title: 'Was ist grün und klopft an die Tür?', selftext: 'Ein Klopfsalat.' },
    { id: 'wz2', title: 'Treffen sich zwei Katzen im Park.', selftext: 'Sagt die eine: „Miau.“ Sagt die andere: „Das wollte ich auch gerade sagen!“' },
    { id: 'wz3', title: 'Warum können Seeräuber keinen Kreis berechnen?', selftext: 'Weil sie Pi raten.' },
  ],
  heutelernteich: [
    { id: 'hl1', title: 'HLI, dass Kraken drei Herzen und blaues Blut haben.', isSelf: false },
    { id: 'hl2', title: 'HLI: Honig aus ägyptischen Gräbern war nach 3.000 Jahren noch essbar.', isSelf: false },
    { id: 'hl3', title: 'Heute lernte ich, dass Katzen etwa 15,5 Stunden am Tag schlafen.', isSelf: false },
  ],
  duschgedanken: [
    { id: 'dg1', title: 'Ein Leuchtturm ist eigentlich nur ein sehr höfliches Nachtlicht für Schiffe.', isSelf: false },
    { id: 'dg2', title: 'Nichts brennt, das Feuer ist nur auf Dingen.', isSelf: false },
  ],
  chistes: [
    { id: 'ch1', title: '¿Qué le dijo un pez a otro pez?', selftext: 'Nada.' },
    { id: 'ch2', title: 'Le conté a mi gato un chiste de perros.', selftext: 'No le hizo gracia: los gatos solo se ríen de sus propios chistes.' },
    { id: 'ch3', title: '¿Cuál es el café más peligroso del mundo?', selftext: 'El ex-preso.' },
  ],
  hoyaprendi: [
    { id: 'ha1', title: 'Hoy aprendí que los pulpos tienen tres corazones y sangre azul.', isSelf: false },
    { id: 'ha2', title: 'Hoy aprendí que un día en Venus dura más que su año.', isSelf: false },
    { id: 'ha3', title: 'Hoy aprendí que los gatos duermen unas 15,5 horas al día.', isSelf: false },
  ],
  blagues: [
    { id: 'bl1', title: 'Pourquoi les plongeurs plongent-ils toujours en arrière ?', selftext: 'Parce que sinon, ils tombent dans le bateau.' },
    { id: 'bl2', title: "J'ai raconté une blague sur les chiens à mon chat.", selftext: "Ça ne l'a pas fait rire : les chats ne rient que de leurs propres blagues." },
    { id: 'bl3', title: "Que dit une imprimante dans l'eau ?", selftext: "J'ai papier !" },
  ],
  aujourdhuijaiappris: [
    { id: 'aj1', title: "AJA que les pieuvres ont trois cœurs et le sang bleu.", isSelf: false },
    { id: 'aj2', title: "AJA qu'un jour sur Vénus dure plus longtemps que son année.", isSelf: false },
    { id: 'aj3', title: "Aujourd'hui j'ai appris que les chats dorment environ 15,5 heures par jour.", isSelf: false },
  ],
  penseesdedouche: [
    { id: 'pd1', title: "Un phare, c'est juste une veilleuse très polie pour les bateaux.", isSelf: false },
    { id: 'pd2', title: "Rien n'est en feu : c'est le feu qui est sur les choses.", isSelf: false },
  ],
};

/** Posts for any subreddit: the fixtures, or a few generated ones for a kind added later. */
export function fixturePosts(subreddit: string): readonly FixturePost[] {
  const posts = FIXTURES[subreddit.toLowerCase()];
  if (posts) return posts;
  const slug = subreddit.toLowerCase().replace(/[^a-z0-9]/g, '').slice(0, 6) || 'sub';
  return [1, 2, 3].map((n) => ({
    id: `${slug}${n}`,
    title: `Sample post ${n} from r/${subreddit}`,
    selftext: `This is the text of sample post ${n}.`,
  }));
}

/** Subreddits of the catalog in every language, for tools that want to pre-build every listing. */
export function catalogSubreddits(): string[] {
  return [...new Set(ALL_KINDS.map((kind) => kind.subreddit))];
}

/** One post as Reddit's JSON has it (the fields the webhook reads, and a few more). */
export function redditPostJson(subreddit: string, post: FixturePost): Record<string, unknown> {
  const permalink = `/r/${subreddit}/comments/${post.id}/${slugify(post.title)}/`;
  const isSelf = post.isSelf ?? true;
  return {
    id: post.id,
    name: `t3_${post.id}`,
    title: post.title,
    selftext: post.selftext ?? '',
    permalink,
    url: isSelf ? `https://www.reddit.com${permalink}` : `https://example.com/${post.id}`,
    author: 'sample_author',
    subreddit,
    over_18: false,
    stickied: false,
    spoiler: false,
    is_self: isSelf,
    locked: false,
    score: 1000,
    removed_by_category: null,
    post_hint: isSelf ? null : 'link',
  };
}

export function listingJson(subreddit: string, posts: readonly FixturePost[]): Record<string, unknown> {
  return {
    kind: 'Listing',
    data: {
      after: null,
      dist: posts.length,
      children: posts.map((post) => ({ kind: 't3', data: redditPostJson(subreddit, post) })),
    },
  };
}

/** Posts whose title or text has every word of the topic (plural or not), like a much simpler Reddit search. */
export function searchPosts(posts: readonly FixturePost[], topic: string): FixturePost[] {
  const stem = (word: string) => word.replace(/s$/, '');
  const terms = (topic.toLowerCase().match(/[\p{L}\p{N}']+/gu) ?? []).map(stem);
  return posts.filter((post) => {
    const words = new Set((`${post.title} ${post.selftext ?? ''}`.toLowerCase().match(/[\p{L}\p{N}']+/gu) ?? []).map(stem));
    return terms.length > 0 && terms.every((term) => words.has(term));
  });
}

function slugify(title: string): string {
  return title.toLowerCase().replace(/[^a-z0-9]+/g, '_').replace(/^_|_$/g, '').slice(0, 40);
}
