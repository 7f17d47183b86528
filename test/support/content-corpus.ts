/**
 * Posts of our own for the content filter tests: what each level must let
 * through and what it must drop. Unclean entries are as short as a test
 * allows; obfuscated spellings are the ones seen on Reddit (leetspeak,
 * symbols, spaced and dotted letters, look-alike and invisible characters,
 * stretched letters, masks).
 */
import type { OffensiveCategory } from '../../src/content-filter';

export interface CorpusPost {
  readonly title: string;
  readonly selftext: string;
  /** `clean` passes every level, `mild` all but `strict`; otherwise the worst category in it (`standard` refuses it). */
  readonly rating: 'clean' | 'mild' | OffensiveCategory;
}

const post = (rating: CorpusPost['rating'], title: string, selftext = ''): CorpusPost => ({ rating, title, selftext });

/** Innocent jokes, several with a bad word hidden inside a good one (the Scunthorpe problem). */
export const CLEAN: readonly CorpusPost[] = [
  post('clean', 'What do you call a fish with no eyes?', 'A fsh.'),
  post('clean', 'I told my wife she was drawing her eyebrows too high.', 'She looked surprised.'),
  post('clean', 'Why did the assassin take a class in bass fishing?', 'He wanted to make a killing at the lake.'),
  post('clean', 'A grape walks into a therapist', 'and says: I feel so crushed after the analysis.'),
  post('clean', 'Why is Uranus so cold?', 'It is far from the sun, and the cocktail bar closed.'),
  post('clean', 'My peacock joined a kung fu class', 'Now he fights with his cocoon of feathers.'),
  post('clean', 'A raccoon from Scunthorpe moved to Japan', 'and then on to Pakistan, where he cleaned it all spic and span.'),
  post('clean', 'I ordered shiitake soup in Sussex', 'The circumstances were cumulative.'),
  post('clean', 'My homework is a document about the constitution', 'The title alone took a week.'),
  post('clean', 'What did the U.S.A. say to the ocean?', 'Nothing, it just waved.'),
  post('clean', 'Why do cows wear bells?', 'Because their horns do not work.'),
  post('clean', 'I am reading a book about anti-gravity.', 'It is impossible to put down.'),
  post('clean', "What's the best thing about Switzerland?", "I don't know, but the flag is a big plus."),
  post('clean', 'TIL octopuses have three hearts'),
  post('clean', 'My dog ate a whole Scrabble set', 'The vet is still waiting for the results: 2 * 3 = 6.'),
  // What the filter refused before it read names, animals, places and science (issue #25).
  post('clean', 'Dick Van Dyke walks into a bakery', 'and asks for a chim-chim-cheree cake.'),
  post('clean', 'My book club is reading Moby Dick', 'We are having a whale of a time.'),
  post('clean', 'Jim Cummings voiced Winnie the Pooh', 'and Tigger, who never stops bouncing.'),
  post('clean', 'Why did the pilot tidy the cockpit?', 'He wanted a clean landing.'),
  post('clean', 'Homo sapiens invented the wheel', 'and then the spare tyre.'),
  post('clean', 'My Maine Coon sat on the keyboard', 'Now my essay is mostly about tuna.'),
  post('clean', 'TIL the first same-sex marriage licences were issued in 2001'),
  post('clean', 'A scientist from Fukushima studies bonsai', 'Small trees, big patience.'),
  post('clean', 'Why are butterflies bad at poker?', 'They always flutter when they bluff.'),
  post('clean', 'My parrot pussyfoots around the cat', 'Smart bird.'),
];

/** Mild swearing: `strict` drops it, `standard` keeps it. */
export const MILD: readonly CorpusPost[] = [
  post('mild', 'Damn, this coffee is strong', 'It did my push-ups for me.'),
  post('mild', 'My neighbour is a jackass', 'He keeps returning my lawnmower.'),
  post('mild', 'What the hell is a quantum leap?', 'A very small jump, it turns out.'),
  post('mild', 'My printer is crap', 'It only prints when I am not looking.'),
  post('mild', 'I used to shop at K**l’s', 'until the mask made it unreadable.'),
];

/** Strong swearing: `standard` and `strict` drop it. */
export const PROFANE: readonly CorpusPost[] = [
  post('profanity', 'What a shit day', 'My coffee went cold.'),
  post('profanity', 'My boss is a real b1tch about deadlines', 'So I handed it in yesterday.'),
  post('profanity', 'Why did the chicken cross the road?', 'Who the f u c k cares.'),
  post('profanity', 'My code compiled on the first try', 'Holy s.h.i.t, that never happens.'),
  post('profanity', 'When the wifi drops', 'f**k this.'),
  post('profanity', 'FUUUUCK', 'I stepped on a Lego.'),
  post('profanity', 'Ｓｈｉｔ happens', 'especially on Mondays.'),
  post('profanity', 'sh\u200bit, I forgot the punchline'),
  post('profanity', 'My dad is such an @sshole', 'He named me after his dog.'),
];

/** Sexual content: `standard` and `strict` drop it. */
export const SEXUAL: readonly CorpusPost[] = [
  post('sexual', 'Why did the couple stop having sex?', 'They ran out of batteries.'),
  post('sexual', 'A man walks into a bar feeling horny', 'The bartender says: not in here.'),
  post('sexual', 'My wife found my p0rn folder', 'It was full of tax returns.'),
  post('sexual', 'What did the condom say to the other?', 'Nothing. They were both sealed.'),
  post('sexual', 'The nudist', 'was n a k e d in the park.'),
  post('sexual', 'What do boobs and toy trains have in common?', 'They are meant for kids.'),
  post('sexual', 'S3XY and I know it'),
  post('sexual', 'Why did the p.e.n.i.s cross the road?'),
  // Masked: the mask is read as the word it fits.
  post('sexual', 'What do you call a c*nt', 'on a bicycle?'),
  post('sexual', 'My neighbour is a wh*re', 'for garden gnomes.'),
  // Double meanings: no bad word, the joke is the sex.
  post('sexual', 'What did the lady at the sperm bank say as you left?', 'Thanks for coming!'),
  post('sexual', 'Professor?', 'I barely know her!'),
];

/** Slurs: every level but `off` drops them, wherever in the post they are. */
export const SLURS: readonly CorpusPost[] = [
  post('slur', 'What do you call a n1gg3r', 'in a suit?'),
  post('slur', 'Two guys walk into a bar', 'The f@g says to the bartender...'),
  post('slur', 'My cousin is such a retard', 'He tried to climb Mount Everest in sandals.'),
  post('slur', 'A k1ke and a priest walk into a bar'),
  post('slur', 'What did the n****r say?', 'Nothing.'),
  post('slur', 'Why do ch1nks', 'never win at cards?'),
  post('slur', 'A tr@nny walks into a pharmacy'),
  post('slur', 'How do you stop a sp1c', 'from stealing your bike?'),
  // Masked slurs pass no level but off (they were mere profanity before).
  post('slur', 'Two f*ggots walk into a bar', 'and order a drink.'),
  post('slur', 'A k*ke and a priest'),
  post('slur', 'What do you call a n****r', 'with a job?'),
];

/** Jokes about a group without a slur: `standard` drops them. */
export const GROUP_JOKES: readonly CorpusPost[] = [
  post('derogatory', 'Why do Mexicans', 'always bring a ladder?'),
  post('derogatory', 'How many Jews does it take', 'to change a light bulb?'),
  post('derogatory', 'Why did the gay guy', 'cross the road?'),
  post('derogatory', 'Women are like parking spaces', 'the good ones are taken.'),
  post('derogatory', 'How did Helen Keller', 'burn her fingers?'),
];

/** Jokes about a tragedy: `standard` drops them. */
export const TRAGEDY_JOKES: readonly CorpusPost[] = [
  post('tragedy', "What's the difference between a cow and the Holocaust?", 'You cannot milk a cow for 70 years.'),
  post('tragedy', 'I hate jokes about 9/11', 'my uncle died in it.'),
  post('tragedy', 'A friend asked if I would ever kill myself', 'It would be the last thing I do.'),
  post('tragedy', "What's the difference between me and cancer?", 'My dad beat cancer.'),
  post('tragedy', "What's yellow and full of dead kids?", 'A school bus.'),
];

export const CORPUS: readonly CorpusPost[] = [...CLEAN, ...MILD, ...PROFANE, ...SEXUAL, ...SLURS, ...GROUP_JOKES, ...TRAGEDY_JOKES];
