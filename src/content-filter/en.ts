/**
 * English: what a word list can catch beyond the obscenity library's words.
 *
 * The library knows swear words, slurs and explicit sexual words. A
 * family-friendly bot is also let down by jokes that use none of them: a
 * double meaning, a joke about a group, a joke about a tragedy. No list can
 * judge a joke; these lists catch the vocabulary such jokes cannot do
 * without, by general classes (not post by post), and refuse it in a joke
 * (tone `humor`) more readily than in a headline or a fact (`info`).
 */
import type { PairRule, WordRule } from './lexicon';

/** Sex and the body, beyond the library's words. */
const SEXUAL: readonly WordRule[] = [
  {
    category: 'sexual',
    from: 'standard',
    words: [
      'sexy', 'sexting', 'sexual*', 'horny', 'boner*', 'erection*', 'condom*', 'threesome*', 'stripper*', 'strip club*', 'prostitut*',
      'milf*', 'genital*', 'testicle*', 'testes', 'testicular', 'scrotum*', 'erotic*', 'foreplay', 'sperm*', 'ejaculat*',
      'orgasm*', 'blowjob*', 'blow job*', 'handjob*', 'hand job*', 'rimjob*', 'booty call*', 'pimp', 'pimps', 'pimping',
      'brothel*', 'thot', 'thots', 'jack off', 'jacking off', 'jerk off', 'jerking off', 'whack off', 'beat off', 'sex tape*', 'std',
      'stds', 'chlamydia', 'gonorrh*', 'syphilis', 'mile high club', 'virginity', 'fetish*', 'bdsm', 'gimp suit*', 'safe word',
      'vibrator*', 'kinky', 'boob*', 'tits', 'titties', 'titty', 'butthole*', 'deepthroat*', 'nudist*', 'give head', 'giving head',
      'gave head', 'happy ending*', 'had sex', 'having sex', 'have sex', 'make love', 'making love', 'get laid', 'got laid',
      'getting laid', 'humping', 'humped', 'one night stand*', 'nympho*', 'pervert*', 'perv', 'pervy', 'sugar daddy', 'gigolo*',
      'ballsack*', 'ball sack*', 'suck my', 'sucks my', 'suck his', 'suck her', 'blow him', 'blow his', 'blow me', 'blew him',
      'spit or swallow', 'lay the pipe', 'laying pipe', 'bend over', 'bends over', 'bent over', 'going down on', 'jack it',
      'wedding night', 'sleep with', 'slept with', 'sleeping with', 'mistress*', 'hoes', 'dropping the soap', 'drop the soap',
      'pornhub', 'onlyfans', 'xxx', 'lingerie', 'grope*', 'groping', 'fondl*', 'twerk*', 'hooker*', 'escorts', 'pussy*', 'sex',
      'sexes', 'penis*', 'vagina*', 'clitoris', 'nipple*', 'barely know her', 'hardly know her', 'teste',
    ],
  },
  // A word with a double meaning that jokes lean on; in a joke `strict` refuses it.
  {
    category: 'sexual',
    from: 'strict',
    tone: 'humor',
    words: [
      'balls', 'suck*', 'swallow*', 'blow', 'blew', 'blows', 'screw*', 'bang*', 'wet', 'ride', 'rode', 'inch', 'inches', 'virgin*',
      'hoe', 'booty', 'beat it', 'pull out', 'pulled out', 'down under', 'downunder', 'finish first', 'back door', 'backdoor',
      'bedroom', 'honeymoon', 'hook up', 'hooked up', 'hookup', 'undress*', 'spank*', 'moan*', 'junk', 'thrust*', 'stiff', 'lick*',
      'melons', 'sausage*', 'cucumber*', 'bra', 'bras', 'panties', 'thong*', 'bikini*', 'seduc*', 'cheat*', 'affair*', 'cum',
      'flirt*', 'naked', 'nude*',
    ],
  },
  { category: 'sexual', from: 'strict', tone: 'info', words: ['viagra', 'incest', 'nipple*', 'brothel*', 'orgy', 'orgies', 'porn*'] },
];

/** Members of a group named as such: in a joke the joke is about them; a headline about them is news. */
const GROUPS: readonly string[] = [
  // ethnicity and race, as people
  'jew', 'jews', 'jewish', 'black guy*', 'black man', 'black men', 'black kid*', 'black woman', 'black women', 'black person',
  'black people', 'black boy*', 'black girl*', 'black dude*', 'blacks', 'white people', 'white boy*', 'white guy*', 'asian*',
  'chinaman', 'oriental*', 'hispanic*', 'latino*', 'latina*', 'mexican*', 'gypsy', 'gypsies', 'romani', 'arab', 'arabs',
  'eskimo*', 'redneck*', 'hillbill*', 'native american*', 'aborigin*', 'african american*', 'africans', 'minorities',
  'minority', 'ghetto',
  // religion
  'muslim*', 'islam*', 'allah', 'mohammed', 'muhammad', 'hindu*', 'sikh*', 'mormon*', 'amish', 'catholic*', 'rabbi*',
  // sexuality and gender identity
  'gay*', 'lesbian*', 'homosexual*', 'queer*', 'trans', 'transgender*', 'transsexual*', 'bisexual*', 'lgbt*', 'drag queen*',
  // gender, generalised
  'women', 'womens', 'female', 'females', 'wives', 'blonde*', 'blond', 'feminist*', 'feminazi*', 
  // disability and illness of the mind
  'helen keller', 'autis*', 'down syndrome', "down's syndrome", 'cripple*', 'midget*', 'schizophren*', 'special needs',
  'mentally ill', 'mental illness',
];

/** Jokes about a group; `strict` keeps groups out of facts and headlines too. */
const DEROGATORY: readonly WordRule[] = [
  { category: 'derogatory', from: 'standard', tone: 'humor', words: GROUPS },
  { category: 'derogatory', from: 'strict', tone: 'info', words: [...GROUPS, 'woman', 'girls'] },
  {
    category: 'derogatory',
    from: 'strict',
    tone: 'humor',
    words: [
      'woman', 'girls', 'blind', 'deaf', 'wheelchair*', 'handicap*', 'disabled', 'dwarf*', 'dwarves', 'stutter*',
      'fat', 'obese', 'jesus', 'christ', 'priest*', 'nun', 'nuns', 'pope', 'church', 'atheist*', 'christian*', 'religio*',
      'racist', 'racism',
      // nationalities, regions
      'american*', 'french*', 'frenchman', 'german*', 'russian*', 'chinese', 'japanese', 'korean*', 'indian*', 'irish*', 'irishman',
      'scottish', 'scotsman', 'polish', 'italian*', 'canadian*', 'australian*', 'aussie*', 'texan*', 'british', 'englishman',
      'welsh*', 'swedish', 'dutch', 'greek*', 'pakistani*', 'african*', 'arabic', 'iraqi*', 'iranian*', 'immigra*',
    ],
  },
];

/** Deaths, disasters, abuse: never a joke, and abuse not even a headline. */
const TRAGEDY: readonly WordRule[] = [
  {
    category: 'tragedy',
    from: 'standard',
    words: [
      'rape', 'rapes', 'raped', 'raping', 'rapist*', 'molest*', 'pedo', 'pedos', 'pedophil*', 'paedophil*', 'child porn*',
      'child abuse*', 'abused child*', 'sexual abuse', 'sexually abus*', 'sexual assault*', 'sexually assault*', 'sex offender*',
      'sex traffick*', 'child predator*', 'to catch a predator', 'touching kids', 'touching children', 'touched kids', 'touching a child',
    ],
  },
  {
    category: 'tragedy',
    from: 'standard',
    tone: 'humor',
    words: [
      'holocaust*', 'auschwitz', 'hitler*', 'nazi*', 'concentration camp*', 'gas chamber*', 'genocide*', 'final solution', '9/11',
      '9-11', 'nine eleven', 'twin towers', 'world trade center', 'september 11*', 'terroris*', 'suicide*', 'suicidal',
      'kill myself', 'kill yourself', 'killed myself', 'killed himself', 'killed herself', 'kills himself', 'kills herself',
      'hang myself', 'hanged himself', 'hung himself', 'shoot myself', 'shot himself', 'slit my wrists', 'isis', 'al qaeda',
      'taliban', 'bin laden', 'cancer*', 'aids', 'hiv', 'leukemia', 'tumor*', 'tumour*', 'chemo*', 'abortion*', 'aborted',
      'miscarriage*', 'dead baby', 'dead babies', 'dead kid*', 'dead child*', 'school shooting*', 'school shooter*',
      'mass shooting*', 'get shot', 'gets shot', 'shot up', 'slave*', 'slavery', 'lynch*', 'kkk', 'klan', 'hot car', 'plane crash*',
      'drown*', 'abusive', 'domestic violence', 'murder*', 'corpse*', 'hiroshima', 'nagasaki', 'atom bomb*', 'atomic bomb*',
      'famine', 'starving children',
    ],
  },
  {
    category: 'tragedy',
    from: 'strict',
    tone: 'humor',
    words: [
      'dead', 'death', 'died', 'dies', 'dying', 'die', 'killed', 'kills', 'killer*', 'funeral*', 'coffin*', 'grave', 'execution*', 'lethal injection',
      'electric chair', 'orphan*', 'ventilator*', 'bomb*', 'nuke*', 'crash*', 'disease*', 'sick', 'pandemic', 'virus', 'covid*',
      'coronavirus', 'corona', 'quarantin*', 'lockdown', 'epidemic', 'plague', 'war', 'hospital*', 'terminal*', 'ill', 'drug*',
      'crackhead*', 'overdose*', 'alcoholic*', 'drunk', 'hangover', 'cannabis', 'weed', 'stoned', '420', '4/20',
    ],
  },
  {
    category: 'tragedy',
    from: 'strict',
    tone: 'info',
    words: [
      'holocaust*', 'auschwitz', 'hitler*', 'nazi*', 'genocide*', 'terror*', 'suicide*', 'cancer*', 'aids', 'abortion*', 'dead',
      'death*', 'died', 'dies', 'dying', 'kill*', 'murder*', 'homicide*', 'massacre*', 'shooting*', 'shot', 'shoot*', 'slave*',
      'lynch*', 'execut*', 'corpse*', 'bomb*', 'fatal*', 'crime*', 'criminal*',
      'prison*', 'jail*', 'arrest*', 'convicted', 'guilty', 'sentenced', 'trial', 'assault*', 'abuse*', 'violen*', 'gun*',
      'weapon*', 'drug*', 'opium', 'heroin', 'meth', 'overdose*', 'disaster*', 'crash*', 'accident*', 'injur*', 'victim*',
      'tumor*', 'tumour*', 'virus', 'covid*', 'pandemic', 'omicron', 'hospital*', 'coma', 'kidnap*', 'stab*',
      'hijack*', 'nuclear', 'atom bomb*', 'missile*',
    ],
  },
];

/** Cruelty for its own sake: refused anywhere at `standard`. */
const VIOLENT: readonly WordRule[] = [
  {
    category: 'violent',
    from: 'standard',
    words: [
      'behead*', 'decapitat*', 'dismember*', 'torture*', 'tortured', 'mutilat*', 'castrat*', 'cannibal*', 'disembowel*', 'gore',
      'gory', 'cooks people', 'burned alive', 'burnt alive', 'skinned alive', 'eaten alive', 'beat his wife', 'beat my wife',
      'beats his wife', 'wife beater*', 'stoned to death', 
    ],
  },
  { category: 'violent', from: 'standard', tone: 'humor', words: ['stab*', 'strangl*', 'kidnap*', 'throat'] },
  { category: 'violent', from: 'strict', tone: 'humor', words: ['gun*', 'shoot*', 'shot', 'knife', 'punch*', 'hit her', 'blood*'] },
];

/** Swearing beyond the library's words: strong at `standard`, mild at `strict`. */
const PROFANITY: readonly WordRule[] = [
  {
    category: 'profanity',
    from: 'standard',
    words: [
      'asshole*', 'arsehole*', 'motherf*', 'mofo', 'dickhead*', 'bullshit', 'horseshit', 'shitty', 'shitless', 'shittin*', 'wtf',
      'stfu', 'fml', 'son of a bitch', 
    ],
  },
  {
    category: 'profanity',
    from: 'strict',
    words: [
      'damn*', 'dammit', 'goddam*', 'crap*', 'crappy', 'hell', 'pissed', 'piss*', 'sucks', 'sucked', 'screw you', 'jackass*',
      'dumbass*', 'smartass*', 'badass*', 'kickass', 'butthurt', 'douche*', 'bloody', 'bollocks', 'idiot*', 'stupid', 'moron*',
      'dumb', 'lmao', 'jesus christ', 'oh my god', 'omg', 'ass', 'arse', 'fart*', 'turd*',
    ],
  },
];

export const EN_RULES: readonly WordRule[] = [...SEXUAL, ...DEROGATORY, ...TRAGEDY, ...VIOLENT, ...PROFANITY];

/** Words a double meaning rests on. */
const INNUENDO = [
  'balls', 'suck*', 'swallow*', 'blow', 'blew', 'blows', 'screw*', 'bang*', 'wet', 'ride', 'inches', 'virgin*', 'hoe', 'booty',
  'beat it', 'pull out', 'down under', 'downunder', 'finish first', 'back door', 'bedroom', 'undress*', 'spank*', 'moan*', 'junk',
  'thrust*', 'stiff', 'lick*', 'melons', 'sausage*', 'cucumber*', 'panties', 'cum', 'naked', 'nude*', 'knees', 'on my face',
  'on her face', 'on your face', 'on his face', 'come for', 'came for', 'comes for', 'hard', 'harder', 'deep', 'tight', 'in the back',
  'behind', 'position*', 'pole', 'pipe', 'hole', 'load', 'shaved', 'cream*',
];
/** Whom a double meaning is about. */
const PARTNER = [
  'woman', 'women', 'girl', 'girls', 'girlfriend*', 'wife', 'wives', 'lady', 'ladies', 'she', 'her', 'boyfriend*', 'husband*',
  'nurse*', 'nun', 'nuns', 'bride*', 'mistress*', 'date', 'bed', 'night', 'first time', 'lover*', 'gay', 'lesbian*', 'priest*',
  'secretary', 'stripper*', 'prostitut*', 'hooker*', 'man', 'guy', 'boys', 'people',
];
/** Death and harm. */
const HARM = [
  'dead', 'death', 'died', 'dies', 'dying', 'die', 'kill*', 'bomb*', 'crash*', 'drown*', 'murder*', 'funeral*', 'brains', 'burn*',
  'shot', 'shoot*', 'gun*', 'hits the ground', "can't swim", 'cannot swim', 'buried', 'grave', 'coffin*', 'fewer', 'extinct*',
];
/** Who must not be the butt of a joke about death and harm. */
const VULNERABLE = [
  'child', 'children', 'kid', 'kids', 'baby', 'babies', 'toddler*', 'school', 'orphan*', 'pandemic*', 'disease*', 'virus',
  'covid*', 'sick', 'japanese', 'jew*', 'muslim*', 'black', 'mexican*', 'immigrant*', 'refugee*', 'old people', 'grandma',
  'grandpa', 'grandmother', 'grandfather', 'airplane', 'plane', 'passengers', 'republicans', 'democrats', 'supporters',
  'protesters', 'women', 'wife', 'girlfriend', 'dog', 'puppy', 'cat', 'kitten',
];
/** Who must never be near a word of touch or sex. */
const MINOR = ['kid', 'kids', 'child', 'children', 'minor', 'minors', 'boy', 'boys', 'little girl*', 'teen*', 'year old', 'years old', 'school'];
const TOUCH = ['touch*', 'fondl*', 'grope*', 'groping', 'naked', 'nude*', 'sex*', 'body', 'bodies', 'bed', 'molest*', 'kiss*', 'shower*'];

export const EN_PAIRS: readonly PairRule[] = [
  { category: 'sexual', from: 'standard', tone: 'humor', first: INNUENDO, second: PARTNER, within: 20 },
  { category: 'tragedy', from: 'standard', tone: 'humor', first: HARM, second: VULNERABLE, within: 20 },
  { category: 'tragedy', from: 'standard', first: TOUCH, second: MINOR, within: 8 },
];

/**
 * Innocent phrases that contain a listed word: names of animals and plants,
 * places, science. Blanked out before any list (the library's too) reads the text.
 */
export const EN_INNOCENT: readonly string[] = [
  // animals and plants
  'maine coon*', 'coonhound*', 'coon hound*', 'coon cat*', 'blue tit*', 'great tit*', 'coal tit*', 'titmouse', 'titmice',
  'blue footed boob*', 'booby bird*', 'pussy willow*', 'pussycat*', 'spotted dick', 'dickcissel*', 'wild ass*', 'woodcock*',
  'gamecock*', 'cockatoo*', 'cockatiel*', 'cockerel*', 'naked mole rat*', 'naked eye', 'sea cucumber*', 'humpback*',
  'sperm whale*', 'cockpit*', 'shuttlecock*', 'stopcock*', 'ballcock*', 'weathercock*', 'cockney*', 'hitchcock',
  // places
  'fukushima', 'fukuoka', 'fukui', 'phuket', 'penistone', 'clitheroe', 'cockermouth', 'scunthorpe', 'gobbler*s knob',
  'middlesex', 'sussex', 'essex', 'wessex',
  // science, law, society
  'same sex', 'opposite sex', 'both sexes', 'sex education', 'sex ed', 'sex chromosome*', 'sex ratio*', 'sex discrimination',
  'sex determination', 'biological sex', 'sex reassignment', 'cum laude', 'magna cum', 'summa cum', 'homo sapien*',
  'homo erectus', 'homo habilis', 'homo neanderthalensis', 'homo floresiensis', 'homo naledi', 'homo heidelbergensis',
  'sextant*', 'sextuplet*', 'pussyfoot*', 'scuttlebutt', 'butterfl*', 'buttercup*', 'button*', 'butter*', 'hard drive*',
  'hard disk*', 'mass effect',
];
