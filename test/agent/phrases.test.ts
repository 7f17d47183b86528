import type { ContentKind } from '../../src/catalog';
import { DEFAULT_LANGUAGE } from '../../src/languages';
import { contentSlotValues, expandTemplates, parseTemplate, type SlotValue } from '../../scripts/agent/phrases';

const values =
  (pools: Record<string, readonly SlotValue[]>) =>
  (param: string, articled: boolean): readonly SlotValue[] => {
    const pool = pools[`${articled ? 'a ' : ''}${param}`];
    if (!pool) throw new Error(`unexpected slot ${param}`);
    return pool;
  };
const plain = (...texts: string[]): SlotValue[] => texts.map((text) => ({ lead: '', text }));
const render = (parts: ReturnType<typeof expandTemplates>[number]) =>
  parts.map((part) => ('param' in part ? `[${part.text}:${part.param}]` : part.text)).join('');

describe('parseTemplate', () => {
  it('splits literals and slots, marking {a name} as articled', () => {
    expect(parseTemplate('tell me {a content} about {topic}!')).toEqual([
      { literal: 'tell me ' },
      { param: 'content', articled: true },
      { literal: ' about ' },
      { param: 'topic', articled: false },
      { literal: '!' },
    ]);
    expect(parseTemplate('bye')).toEqual([{ literal: 'bye' }]);
  });
});

describe('expandTemplates', () => {
  it('uses every template and every value of the first slot at least once', () => {
    const phrases = expandTemplates(
      ['{content} please', 'i want {content}'],
      values({ content: plain('jokes', 'facts', 'puns') }),
    ).map(render);
    expect(phrases).toEqual(['[jokes:content] please', 'i want [facts:content]', '[puns:content] please']);
  });

  it('repeats values when there are more templates than values', () => {
    const phrases = expandTemplates(['a {content}', 'b {content}', 'c {content}'], values({ content: plain('x') }));
    expect(phrases.map(render)).toEqual(['a [x:content]', 'b [x:content]', 'c [x:content]']);
  });

  it('puts the lead into the text before the annotation and fills later slots in turn', () => {
    const phrases = expandTemplates(
      ['tell me {a content} about {topic}'],
      values({ 'a content': [{ lead: 'a ', text: 'joke' }, { lead: '', text: 'the news' }], topic: plain('cats', 'dogs') }),
    );
    expect(phrases).toEqual([
      [{ text: 'tell me a ' }, { text: 'joke', param: 'content' }, { text: ' about ' }, { text: 'cats', param: 'topic' }],
      [{ text: 'tell me ' }, { text: 'the news', param: 'content' }, { text: ' about ' }, { text: 'dogs', param: 'topic' }],
    ]);
  });

  it('keeps literal-only templates as they are and drops repeats', () => {
    expect(expandTemplates(['bye', 'see you', 'bye'], values({})).map(render)).toEqual(['bye', 'see you']);
  });

  it('fails loudly on a slot with no values', () => {
    expect(() => expandTemplates(['{content}'], values({ content: [] }))).toThrow('{content}');
  });
});

describe('contentSlotValues', () => {
  const kind = (id: string, noun: string, synonyms: string[]): ContentKind => ({
    id,
    value: id,
    noun,
    a: `a ${noun}`,
    plural: `${noun}s`,
    synonyms,
    subreddit: 'x',
    chip: id,
    render: 'title',
    lang: DEFAULT_LANGUAGE,
  });

  it('gives the noun its article and sends determiner-led synonyms to the articled slot', () => {
    const pools = contentSlotValues([
      kind('joke', 'joke', ['jokes', 'a laugh', 'something funny']),
      kind('life pro tip', 'life pro tip', ['advice']),
      kind('news', 'news headline', ['the news', 'headlines']),
    ]);
    expect(pools.articled).toEqual([
      { lead: 'a ', text: 'joke' },
      { lead: '', text: 'a laugh' },
      { lead: '', text: 'something funny' },
      { lead: 'a ', text: 'life pro tip' },
      { lead: '', text: 'the news' },
    ]);
    // "news headline" is not something users say for the entity, so "news" stays bare.
    expect(pools.bare.map((value) => value.text)).toEqual(['jokes', 'advice', 'news', 'headlines']);
  });
});
