/**
 * French. The profanity, sexual words and slurs are LDNOOBW's French list (npm
 * `naughty-words`), each entry classified here; the rest are the same classes
 * as in English (en.ts), in French.
 */
import type { LanguageLists } from './languages';

export const FR: LanguageLists = {
  ldnoobw: {
    slur: ['gouine', 'grande folle', 'nègre', 'negro', 'pédé', 'pédale', 'tapette'],
    sexual: [
      'bander', 'bigornette', 'bite', 'bitte', 'bloblos', 'brackmard', 'branlage', 'branler', 'branlette', 'branleur', 'branleuse',
      'brouter le cresson', 'clito', 'clitoris', 'couilles', 'cramouille', 'ménage à trois', 'teuch', 'tringler', 'troncher',
      'turlute',
    ],
    // Also to kiss (a noun), a female cat, to enjoy (a right), to sweep a chimney, sucks, a cudgel, a childish word: only `strict`.
    sexualStrict: ['baiser', 'chatte', 'jouir', 'ramoner', 'suce', 'trique', 'palucher', 'zigounette', 'zizi'],
    profanity: [
      'connard', 'connasse', 'conne', 'enculé', 'enculée', 'enculeur', 'enculeurs', 'enfoiré', 'enfoirée', 'fille de pute',
      'fils de pute', 'foutre', 'la putain de ta mère', 'MALPT', 'merde', 'merdeuse', 'merdeux', 'nique ta mère', 'nique ta race',
      'pouffiasse', 'putain', 'pute', 'sac à foutre', 'sac à merde', 'salaud', 'salope', 'trou du cul', 'chier',
    ],
    mild: ['bordel', 'caca', 'chiasse', 'chiottes', 'con', 'cul', 'déconne', 'déconner', 'emmerdant', 'emmerder', 'emmerdeur', 'emmerdeuse', 'étron', 'grogniasse', 'pisser', 'pousse-crotte'],
    // Ordinary words in this list: drunk (and a dance), mad, a sheaf, to throw up, a mouth, a girl (slang), to fart, pee, a tench.
    innocent: ['bourré', 'bourrée', 'folle', 'gerbe', 'gerber', 'gueule', 'meuf', 'péter', 'pipi', 'tanche'],
  },
  rules: [
    { category: 'slur', from: 'standard', words: ['bougnoule*', 'youpin*', 'bamboula*', 'négro*', 'pd', 'pédés', 'tarlouze*', 'gogol*', 'mongol', 'mongols', 'bicot*', 'niakoué*'] },
    { category: 'sexual', from: 'standard', words: ['sexe', 'sexy', 'sexuel*', 'porno*', 'préservatif*', 'capote*', 'prostitu*', 'putes', 'orgasme*', 'masturb*', 'pénis', 'vagin*', 'seins', 'nichons', 'fellation*', 'sodom*', 'partouze*', 'sperme'] },
    { category: 'sexual', from: 'strict', words: ['nu', 'nue', 'nus', 'nues'] },
    { category: 'sexual', from: 'strict', tone: 'humor', words: ['sucer', 'avaler', 'boules', 'vierge*', 'lit', 'nuit de noces', 'lune de miel', 'amant*', 'maîtresse*', 'tromp*', 'dur', 'dure', 'mouillé*', 'lécher', 'coquin*'] },
    { category: 'derogatory', from: 'standard', tone: 'humor', words: ['juif*', 'juive*', 'musulman*', 'arabe*', 'noirs', 'gitan*', 'gay*', 'homo', 'homos', 'homosexuel*', 'lesbienne*', 'femmes', 'blonde*', 'handicapé*', 'trisomique*', 'attardé*', 'immigré*', 'aveugle*', 'sourd*', 'nain*', 'gros', 'grosse*'] },
    { category: 'derogatory', from: 'strict', tone: 'humor', words: ['femme', 'belle-mère', 'belge*', 'suisse*', 'chinois*', 'chinoise*', 'africain*', 'curé*', 'nonne*', 'pape', 'jésus', 'dieu'] },
    { category: 'tragedy', from: 'standard', words: ['viol', 'viols', 'violer', 'violé', 'violée*', 'violeur*', 'pédophil*', 'pédo', 'pédos', 'abus sexuel*', 'agression sexuelle', 'pédopornograph*'] },
    { category: 'tragedy', from: 'standard', tone: 'humor', words: ['holocauste', 'shoah', 'auschwitz', 'hitler*', 'nazi*', 'génocide*', '11 septembre', '9/11', 'tours jumelles', 'terroris*', 'suicid*', 'cancer', 'sida', 'avortement*', 'esclav*', 'meurtr*', 'cadavre*', 'bébé mort', 'bébés morts'] },
    { category: 'tragedy', from: 'strict', tone: 'humor', words: ['mort', 'morte', 'morts', 'mourir', 'meurt', 'tuer', 'tué', 'funérailles', 'enterrement*', 'cercueil*', 'guerre*', 'bombe*', 'malade*', 'virus', 'drogue*', 'bourré', 'ivre'] },
    { category: 'tragedy', from: 'strict', tone: 'info', words: ['holocauste', 'shoah', 'hitler*', 'nazi*', 'génocide*', 'terroris*', 'suicid*', 'mort', 'morte', 'morts', 'meurtr*', 'massacre*', 'tué*', 'guerre*', 'bombe*', 'crime*', 'prison*', 'cadavre*', 'abus'] },
    { category: 'violent', from: 'standard', words: ['décapit*', 'tortur*', 'démembr*', 'cannibal*', 'castr*', 'mutil*', 'brûlé vif', 'brûlée vive'] },
    { category: 'violent', from: 'strict', tone: 'humor', words: ['poignard*', 'fusill*', 'pistolet*', 'couteau*', 'sang'] },
    { category: 'profanity', from: 'standard', words: ['putains', 'merdes', 'emmerde', 'niquer', 'nique', 'enculés', 'connards', 'connasses', 'salopes', 'salauds', 'bâtard*', 'ta gueule', 'fuck*', 'shit', 'bitch*', 'chiant*', 'fait chier'] },
    { category: 'profanity', from: 'strict', words: ['zut', 'crétin*', 'idiot*', 'imbécile*', 'abruti*', 'débile*', 'stupide*', 'fesse*', 'pet', 'pets', 'enfer', 'foutu*'] },
  ],
  // A bicycle's pedal, a fly swatter, the naked eye, Homo sapiens.
  innocent: ['pédale de*', 'pédales de*', 'pédale d*', 'pédales d*', 'tapette à mouche*', 'tapettes à mouche*', 'œil nu', 'oeil nu', 'homo sapiens', 'homo erectus', 'maine coon', 'fukushima'],
  notEnglish: [],
};
