/**
 * Spanish. The profanity, sexual words and slurs are LDNOOBW's Spanish list
 * (npm `naughty-words`), each entry classified here; the rest are the same
 * classes as in English (en.ts), in Spanish. "Negro" is the colour black.
 */
import type { LanguageLists } from './languages';

export const ES: LanguageLists = {
  ldnoobw: {
    slur: ['Bollera', 'Marica', 'Maricón', 'Mariconazo'],
    sexual: [
      'Chupapollas', 'Esperma', 'Follador', 'Follar', 'Hacer una paja', 'Haciendo el amor', 'Mamada', 'Pervertido', 'Prostituta',
      'Ramera', 'Semen', 'Sexo', 'Sexo oral', 'Tetas grandes', 'Verga', 'Vulva',
    ],
    // Also a shell ("concha"), a hickey, a compliment, a trio of musicians, a bachelor party: only `strict` refuses them.
    sexualStrict: ['concha', 'Chupetón', 'Maciza', 'Macizorra', 'Tía buena', 'Fiesta de salchichas', 'Pezón', 'Travesti'],
    profanity: [
      'bastardo', 'Cabrón', 'Concha de tu madre', 'Coño', 'Gilipollas', 'Hija de puta', 'Hijaputa', 'Hijo de puta', 'Hijoputa',
      'Jilipollas', 'Kapullo', 'Mierda', 'Pendejo', 'Pinche', 'Puta', 'Soplapollas', 'vete a la mierda',
    ],
    mild: ['Caca', 'Culo', 'Gilipichis', 'Idiota', 'Imbécil', 'Lameculos', 'maldito', 'Soplagaitas'],
    // Ordinary words in this list: murder, donkey, sucked, coprophagy, drugs, heroin (and heroine), hell, hammer,
    // Nazi (a tragedy word, in the rules below), urine, fart, pee, racist, sadistic, trio.
    innocent: ['Asesinato', 'asno', 'Chupada', 'Coprofagía', 'Drogas', 'Heroína', 'infierno', 'martillo', 'Nazi', 'Orina', 'Pedo', 'Pis', 'Racista', 'Sádico', 'Trio'],
  },
  rules: [
    { category: 'slur', from: 'standard', words: ['sudaca*', 'mariquita', 'maricas', 'maricones', 'tortillera*', 'panchito*', 'mongólico*', 'subnormal*', 'retrasado*', 'negrata*'] },
    { category: 'sexual', from: 'standard', words: ['sexy', 'sexual*', 'porno*', 'condón', 'condones', 'preservativo*', 'prostitu*', 'puticlub*', 'putas', 'orgasmo*', 'masturb*', 'pene', 'penes', 'vagina*', 'tetas', 'desnud*', 'coger', 'cogí', 'polla', 'pollas', 'paja', 'pajas', 'culear'] },
    { category: 'sexual', from: 'strict', tone: 'humor', words: ['chupar', 'chupa', 'huevos', 'virgen', 'cama', 'luna de miel', 'amante*', 'infiel*', 'pechos', 'duro', 'dura'] },
    { category: 'derogatory', from: 'standard', tone: 'humor', words: ['judío*', 'judía*', 'musulm*', 'moro', 'moros', 'gitano*', 'gitana*', 'gay*', 'lesbiana*', 'homosexual*', 'mujeres', 'rubia*', 'negros', 'negrito*', 'inmigrante*', 'minusválido*', 'discapacitado*', 'ciego*', 'sordo*', 'cojo*', 'gordo*', 'gorda*', 'enano*'] },
    { category: 'derogatory', from: 'strict', tone: 'humor', words: ['mujer', 'suegra*', 'gallego*', 'chino*', 'china', 'indio*', 'mexicano*', 'argentino*', 'venezolano*', 'cura', 'monja*', 'papa', 'jesús', 'dios'] },
    { category: 'tragedy', from: 'standard', words: ['violación*', 'violaciones', 'violar', 'violad*', 'pederast*', 'pedófil*', 'abuso sexual', 'abusos sexuales', 'pornografía infantil'] },
    { category: 'tragedy', from: 'standard', tone: 'humor', words: ['holocausto', 'auschwitz', 'hitler*', 'nazi*', 'genocidio*', 'torres gemelas', '11 s', '11-s', '9/11', 'terroris*', 'suicid*', 'cáncer', 'sida', 'aborto*', 'esclav*', 'asesin*', 'cadáver*', 'bebé muerto', 'bebés muertos', 'matarme'] },
    { category: 'tragedy', from: 'strict', tone: 'humor', words: ['muerto*', 'muerta*', 'muerte', 'morir', 'murió', 'mata*', 'funeral*', 'entierro*', 'guerra*', 'bomba*', 'enfermo*', 'virus', 'droga*', 'borracho*'] },
    { category: 'tragedy', from: 'strict', tone: 'info', words: ['holocausto', 'hitler*', 'nazi*', 'genocidio*', 'terroris*', 'suicid*', 'muerto*', 'muerta*', 'muerte*', 'murió', 'asesin*', 'masacre*', 'guerra*', 'bomba*', 'crimen*', 'cárcel*', 'cadáver*', 'abuso*'] },
    { category: 'violent', from: 'standard', words: ['decapit*', 'tortur*', 'descuartiz*', 'caníbal*', 'canibal*', 'castra*', 'mutila*', 'quemado vivo', 'quemada viva'] },
    { category: 'violent', from: 'strict', tone: 'humor', words: ['apuñal*', 'dispar*', 'pistola*', 'cuchillo*', 'sangre'] },
    { category: 'profanity', from: 'standard', words: ['joder', 'jodido*', 'jodida*', 'me cago', 'cagar', 'carajo', 'chingar*', 'chingada*', 'pendeja*', 'pendejos', 'cabrones', 'hijos de puta', 'mierdas', 'gilipolla*', 'capullo*', 'fuck*', 'shit', 'bitch*', 'malparid*', 'huevón', 'boludo*', 'pelotudo*'] },
    { category: 'profanity', from: 'strict', words: ['maldit*', 'idiota*', 'imbécil*', 'estúpid*', 'tonto*', 'tonta*', 'culo*', 'caca', 'pedo*', 'infierno', 'diablos', 'coñazo', 'hostia*', 'cojones'] },
  ],
  innocent: ['homo sapiens', 'homo erectus', 'maine coon', 'fukushima'],
  notEnglish: ['negro', 'negroes', 'negros', 'negra', 'negras'],
};
