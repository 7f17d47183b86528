/**
 * The bot's own Spanish collection (see offline-content.ts for the rules:
 * clean, family-friendly, well-established facts; append only, an item's id is
 * its position).
 */
import type { OfflineJoke } from './offline-content';

export const OFFLINE_JOKES_ES: readonly OfflineJoke[] = [
  { setup: '¿Qué le dice un jardinero a otro?', punchline: 'Disfrutemos mientras podamos.' },
  { setup: '¿Qué le dijo un pez a otro pez?', punchline: 'Nada.' },
  { setup: '¿Cuál es el café más peligroso del mundo?', punchline: 'El ex-preso.' },
  { setup: '¿Qué hace una abeja en el gimnasio?', punchline: '¡Zum-ba!' },
  { setup: '¿Por qué las focas del circo miran siempre hacia arriba?', punchline: 'Porque es donde están los focos.' },
  { setup: '¿Qué le dice una iguana a su hermana gemela?', punchline: 'Somos iguanitas.' },
  { setup: '¿Cómo se dice pañuelo en japonés?', punchline: 'Saka-moko.' },
  { setup: '¿Qué le dijo el 0 al 8?', punchline: 'Bonito cinturón.' },
  { setup: '¿Qué hace un perro con un taladro?', punchline: 'Taladrando.' },
  { setup: '¿Por qué está triste el libro de matemáticas?', punchline: 'Porque tiene muchos problemas.' },
  { setup: '¿Qué le dijo una impresora a otra?', punchline: '¿Esa hoja es tuya o es impresión mía?' },
  { setup: '¿Cómo se despiden los químicos?', punchline: 'Ácido un placer.' },
];

export const OFFLINE_FACTS_ES: readonly string[] = [
  'Los pulpos tienen tres corazones y sangre azul.',
  'La miel casi nunca se estropea: tiene tan poca agua y es tan ácida que la mayoría de los microbios no puede crecer en ella.',
  'Un día en Venus, una vuelta completa sobre su eje, dura más que un año venusiano.',
  'Desde el punto de vista botánico, los plátanos son bayas, pero las fresas no.',
  'La Torre Eiffel crece unos 15 centímetros en los días calurosos de verano, porque su hierro se dilata con el calor.',
  'Los wombats hacen excrementos con forma de cubo.',
  'La luz del Sol tarda unos 8,3 minutos en llegar a la Tierra.',
  'Los perezosos pueden aguantar la respiración hasta 40 minutos.',
  'El ojo de un avestruz es más grande que su cerebro.',
  'La Gran Muralla China no se ve a simple vista desde la Luna.',
  'Un rayo es unas cinco veces más caliente que la superficie del Sol.',
  'El Everest crece unos milímetros cada año, porque la India sigue empujando hacia el norte contra Asia.',
];
