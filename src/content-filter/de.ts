/**
 * German. The profanity, sexual words and slurs are LDNOOBW's German list (npm
 * `naughty-words`), each entry classified here; the rest are the same classes
 * as in English (en.ts), in German.
 */
import type { LanguageLists } from './languages';

export const DE: LanguageLists = {
  ldnoobw: {
    slur: ['kanake', 'neger', 'nigger', 'schwuchtel', 'kampflesbe', 'analritter'],
    sexual: [
      'arschficker', 'bumsen', 'fick', 'ficken', 'flittchen', 'fotze', 'hure', 'MILF', 'möpse', 'morgenlatte', 'möse', 'muschi',
      'nackt', 'nippel', 'nutte', 'onanieren', 'orgasmus', 'penis', 'pimmel', 'pimpern', 'poppen', 'porno', 'schlampe',
      'schwanzlutscher', 'tittchen', 'titten', 'wichse', 'wichsen',
    ],
    // "Vögeln" is also "birds" (dative plural): only `strict` refuses it.
    sexualStrict: ['vögeln', 'bimbo'],
    profanity: ['arschloch', 'arschlecker', 'hackfresse', 'hurensohn', 'kackbratze', 'scheiße', 'scheisser', 'wichser', 'pisser'],
    mild: ['arsch', 'bratze', 'dödel', 'kacke', 'kacken', 'kackwurst', 'pissen', 'reudig', 'vollpfosten'],
    // Ordinary German words in this list: a big shot, a grimace, a gun sight, a rascal, a mufti, to pee, a booger,
    // a rosette, a saddle cloth, to snap one's fingers, a misspelt "shooter", a girl.
    innocent: ['bonze', 'fratze', 'kimme', 'lümmel', 'mufti', 'pinkeln', 'popel', 'rosette', 'schabracke', 'schnackeln', 'schiesser', 'ische'],
  },
  rules: [
    { category: 'slur', from: 'standard', words: ['zigeuner*', 'tunte*', 'polacke*', 'spast*', 'mongo', 'mongos', 'schlitzauge*', 'kanacke*'] },
    {
      category: 'sexual',
      from: 'standard',
      words: ['sex', 'sexy', 'sexuell*', 'geschlechtsverkehr', 'blowjob*', 'sperma', 'kondom*', 'prostitu*', 'puff', 'bordell*', 'porn*', 'scheisse', 'scheiss*', 'nackte*', 'vorspiel', 'dreier', 'selbstbefriedigung', 'sextoy*', 'dildo*'],
    },
    { category: 'sexual', from: 'strict', tone: 'humor', words: ['blasen', 'lutsch*', 'steif*', 'latte', 'eier', 'jungfrau*', 'schlafzimmer', 'hochzeitsnacht', 'affäre*', 'fremdgeh*', 'brüste', 'busen'] },
    { category: 'derogatory', from: 'standard', tone: 'humor', words: ['jude', 'juden', 'jüdisch*', 'muslim*', 'moslem*', 'islam*', 'türke', 'türken', 'ausländer*', 'schwule*', 'schwul', 'lesbe', 'lesben', 'behinderte*', 'behindert', 'blondine*', 'frauen', 'schwarze', 'araber', 'flüchtling*', 'asylant*'] },
    { category: 'derogatory', from: 'strict', tone: 'humor', words: ['frau', 'blinde*', 'taube*', 'rollstuhl*', 'dicke', 'fett*', 'jesus', 'pfarrer*', 'priester*', 'nonne*', 'papst', 'ostfriese*', 'österreicher*', 'schweizer*', 'polen', 'russe*', 'amerikaner*', 'chinese*', 'italiener*', 'franzose*'] },
    { category: 'tragedy', from: 'standard', words: ['vergewaltig*', 'kinderschänder*', 'pädophil*', 'kinderporno*', 'sexueller missbrauch', 'sexuellen missbrauch*', 'kindesmissbrauch*'] },
    { category: 'tragedy', from: 'standard', tone: 'humor', words: ['holocaust', 'auschwitz', 'hitler*', 'nazi*', 'kz', 'gaskammer*', 'völkermord*', '9/11', '11. september', 'twin towers', 'terror*', 'selbstmord*', 'suizid*', 'umbringen', 'krebs', 'aids', 'hiv', 'abtreibung*', 'amoklauf*', 'sklave*', 'ermordet', 'mord', 'leiche*', 'tote babys', 'missbrauch*'] },
    { category: 'tragedy', from: 'strict', tone: 'humor', words: ['tot', 'tote', 'tod', 'sterben', 'stirbt', 'starb', 'töte*', 'beerdigung*', 'friedhof*', 'sarg', 'krieg*', 'bombe*', 'krank*', 'virus', 'corona', 'drogen', 'besoffen', 'betrunken', 'kiffen'] },
    { category: 'tragedy', from: 'strict', tone: 'info', words: ['holocaust', 'auschwitz', 'hitler*', 'nazi*', 'völkermord*', 'terror*', 'selbstmord*', 'suizid*', 'tot', 'tote', 'toten', 'tod', 'getötet', 'mord*', 'ermordet', 'massaker*', 'krieg*', 'bombe*', 'verbrech*', 'gefängnis*', 'leiche*', 'missbrauch*'] },
    { category: 'violent', from: 'standard', words: ['enthaupt*', 'köpfen', 'geköpft', 'folter*', 'gefoltert', 'zerstückel*', 'kannibal*', 'kastrier*', 'verstümmel*', 'lebendig verbrannt'] },
    { category: 'violent', from: 'strict', tone: 'humor', words: ['erstoch*', 'erschoss*', 'erschieß*', 'pistole*', 'waffe*', 'messer*', 'blut*'] },
    { category: 'profanity', from: 'standard', words: ['fuck*', 'shit', 'bitch*', 'arschgeige*', 'drecksau', 'dreckskerl', 'verdammte scheiße', 'leck mich', 'fotze*', 'missgeburt*', 'wixxer', 'wixer', 'hurensöhne'] },
    { category: 'profanity', from: 'strict', words: ['verdammt*', 'mist', 'scheiß', 'blöd*', 'idiot*', 'depp*', 'trottel*', 'dumm*', 'hölle', 'furz*', 'pups*', 'kack*', 'pisse', 'doof*'] },
  ],
  innocent: ['homo sapien*', 'homo erectus', 'maine coon*', 'fukushima', 'sex chromosom*'],
  // "Dick" is German for thick.
  notEnglish: ['dick'],
};
