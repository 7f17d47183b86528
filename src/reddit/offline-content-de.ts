/**
 * The bot's own German collection (see offline-content.ts for the rules:
 * clean, family-friendly, well-established facts; append only, an item's id is
 * its position).
 */
import type { OfflineJoke } from './offline-content';

export const OFFLINE_JOKES_DE: readonly OfflineJoke[] = [
  { setup: 'Was ist grün und klopft an die Tür?', punchline: 'Ein Klopfsalat.' },
  { setup: 'Was sitzt auf dem Baum und ruft „Aha“?', punchline: 'Ein Uhu mit Sprachfehler.' },
  { setup: 'Was macht ein Pirat am Computer?', punchline: 'Er drückt die Enter-Taste.' },
  { setup: 'Wie nennt man einen Bumerang, der nicht zurückkommt?', punchline: 'Stock.' },
  { setup: 'Was ist rot und schlecht für die Zähne?', punchline: 'Ein Ziegelstein.' },
  { setup: 'Was ist orange und läuft durch den Wald?', punchline: 'Eine Wanderine.' },
  { setup: 'Was ist gelb und kann nicht schwimmen?', punchline: 'Ein Bagger.' },
  { setup: 'Warum können Seeräuber keinen Kreis berechnen?', punchline: 'Weil sie Pi raten.' },
  { setup: 'Was ist braun, klebrig und läuft durch die Wüste?', punchline: 'Ein Karamel.' },
  { setup: 'Was ist ein Keks unter einem Baum?', punchline: 'Ein schattiges Plätzchen.' },
  { setup: 'Was sagt der große Stift zum kleinen Stift?', punchline: 'Wachs mal, Stift!' },
  { setup: 'Was ist weiß und stört beim Essen?', punchline: 'Eine Lawine.' },
];

export const OFFLINE_FACTS_DE: readonly string[] = [
  'Kraken haben drei Herzen und blaues Blut.',
  'Honig verdirbt so gut wie nie: Er enthält so wenig Wasser und ist so sauer, dass die meisten Mikroben darin nicht wachsen können.',
  'Ein Tag auf der Venus, also eine ganze Drehung um die eigene Achse, dauert länger als ein Venusjahr.',
  'Botanisch gesehen sind Bananen Beeren, Erdbeeren aber nicht.',
  'Der Eiffelturm ist an heißen Sommertagen etwa 15 Zentimeter höher, weil sich sein Eisen in der Hitze ausdehnt.',
  'Wombats hinterlassen würfelförmigen Kot.',
  'Das Licht der Sonne braucht etwa 8,3 Minuten bis zur Erde.',
  'Faultiere können bis zu 40 Minuten lang die Luft anhalten.',
  'Das Auge eines Straußes ist größer als sein Gehirn.',
  'Die Chinesische Mauer ist vom Mond aus mit bloßem Auge nicht zu sehen.',
  'Ein Blitz ist etwa fünfmal heißer als die Oberfläche der Sonne.',
  'Der Mount Everest wächst jedes Jahr um einige Millimeter, weil Indien weiter nach Norden gegen Asien drückt.',
];
