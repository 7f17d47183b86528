/**
 * The bot's own collection, told when Reddit has nothing usable. Written for
 * this project: clean and family-friendly; every fact is a well-established
 * one that reads aloud in one breath.
 *
 * Append only: an item's id is its position (`offline:joke:7`), and ids travel
 * in the user's follow-up context, so reordering would make the bot repeat
 * itself or skip items mid-conversation.
 */

export interface OfflineJoke {
  readonly setup: string;
  readonly punchline: string;
}

export const OFFLINE_JOKES: readonly OfflineJoke[] = [
  { setup: "Why don't skeletons fight each other?", punchline: "They don't have the guts." },
  { setup: 'What do you call a fish with no eyes?', punchline: 'A fsh.' },
  { setup: 'Why did the scarecrow win an award?', punchline: 'He was outstanding in his field.' },
  { setup: "Why can't a bicycle stand up on its own?", punchline: "It's two tired." },
  { setup: 'What do you call a bear with no teeth?', punchline: 'A gummy bear.' },
  { setup: 'Why did the math book look so sad?', punchline: 'It had too many problems.' },
  { setup: 'What did the ocean say to the beach?', punchline: 'Nothing, it just waved.' },
  { setup: 'Why do cows wear bells?', punchline: "Because their horns don't work." },
  { setup: 'How does a penguin build its house?', punchline: 'Igloos it together.' },
  { setup: 'What do you call a sleeping dinosaur?', punchline: 'A dino-snore.' },
  { setup: 'Why did the cookie go to the doctor?', punchline: 'It was feeling crummy.' },
  { setup: 'What did one wall say to the other wall?', punchline: "I'll meet you at the corner." },
  { setup: 'Why are ghosts such bad liars?', punchline: 'You can see right through them.' },
  { setup: 'What kind of tree fits in your hand?', punchline: 'A palm tree.' },
  { setup: 'Why did the golfer bring two pairs of trousers?', punchline: 'In case he got a hole in one.' },
  { setup: "What do you call cheese that isn't yours?", punchline: 'Nacho cheese.' },
  { setup: "Why don't eggs tell each other jokes?", punchline: "They'd crack each other up." },
  { setup: 'Why did the tomato blush?', punchline: 'It saw the salad dressing.' },
  { setup: 'How do you organise a party in space?', punchline: 'You planet.' },
  { setup: 'What do you call a dog that does magic tricks?', punchline: 'A labracadabrador.' },
  { setup: 'Why was the broom late for work?', punchline: 'It over-swept.' },
  { setup: 'Why did the student eat his homework?', punchline: 'The teacher told him it was a piece of cake.' },
  { setup: 'What do you call a snowman with a six-pack?', punchline: 'An abdominal snowman.' },
  { setup: "Why don't scientists trust atoms?", punchline: 'Because they make up everything.' },
  { setup: "What's orange and sounds like a parrot?", punchline: 'A carrot.' },
  { setup: 'Why was the computer cold?', punchline: 'It left its Windows open.' },
  { setup: 'How do trees get online?', punchline: 'They log in.' },
  { setup: 'Why do bees have sticky hair?', punchline: 'Because they use honeycombs.' },
  { setup: 'What do you call a factory that makes okay products?', punchline: 'A satisfactory.' },
  { setup: 'Why did the coffee call the police?', punchline: 'It got mugged.' },
  { setup: "What is a skeleton's least favourite room?", punchline: 'The living room.' },
  { setup: "I'm reading a book about anti-gravity.", punchline: "It's impossible to put down." },
  { setup: 'Why did the invisible man turn down the job offer?', punchline: "He couldn't see himself doing it." },
  { setup: 'What do you call a pony with a cough?', punchline: 'A little hoarse.' },
  { setup: 'Why did the music teacher need a ladder?', punchline: 'To reach the high notes.' },
  { setup: 'What do you call a belt made of watches?', punchline: 'A waist of time.' },
];

export const OFFLINE_FACTS: readonly string[] = [
  'Octopuses have three hearts and blue blood.',
  'Honey hardly ever spoils: it holds so little water and is so acidic that most microbes cannot grow in it.',
  'A day on Venus, one full turn on its axis, lasts longer than a year on Venus.',
  'Botanically speaking, bananas are berries, but strawberries are not.',
  'The Eiffel Tower grows about 15 centimetres taller on hot summer days, because its iron expands in the heat.',
  'Sharks are older than trees: they were swimming in the oceans tens of millions of years before the first forests grew.',
  'A group of flamingos is called a flamboyance.',
  'Wombats produce cube-shaped droppings.',
  'An adult human skeleton has 206 bones, but a newborn baby has around 300, many of which fuse as it grows.',
  'Sunlight takes about 8 minutes and 20 seconds to travel from the Sun to Earth.',
  'Sea otters often hold hands while they sleep, so they do not drift apart.',
  'The shortest war on record, between Britain and Zanzibar in 1896, lasted less than an hour.',
  'The blue whale is the largest animal known to have ever lived, bigger than any dinosaur.',
  'Mount Everest is still rising by a few millimetres each year, as India keeps pushing into Asia.',
  'Venus is the hottest planet in the solar system, even though Mercury is closer to the Sun.',
  'Butterflies taste with their feet.',
  'A bolt of lightning is about five times hotter than the surface of the Sun.',
  'The Great Wall of China cannot be seen from the Moon with the naked eye.',
  'Koalas sleep for up to 20 hours a day.',
  'The dot above a lowercase i or j is called a tittle.',
  'There are more possible games of chess than there are atoms in the observable universe.',
  "Water covers about 71 percent of Earth's surface.",
  'The Moon drifts about 3.8 centimetres further away from Earth every year.',
  'Saturn is less dense than water.',
  'Hummingbirds can hover in place and even fly backwards.',
  'The Pacific Ocean covers more of the planet than all of the land on Earth put together.',
  'Sound travels about four times faster through water than through air.',
  'Antarctica is the largest desert in the world: it gets very little snow or rain.',
  "A polar bear's fur is not really white: each hair is see-through, and the skin underneath is black.",
  'Cats cannot taste sweetness.',
  'The University of Oxford was already teaching students before the Aztec city of Tenochtitlan was founded.',
  'Cleopatra lived closer in time to the first Moon landing than to the building of the Great Pyramid of Giza.',
  'The national animal of Scotland is the unicorn.',
  "An ostrich's eye is bigger than its brain.",
  'Some tardigrades, tiny animals also called water bears, have survived being exposed to outer space.',
];
