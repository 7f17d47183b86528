import { languageProblems } from '../../src/languages';
import { en } from '../../src/languages/en';

describe('languageProblems', () => {
  it('names a problem of the file as a whole "(root)": an unknown top-level field', () => {
    expect(languageProblems([{ ...en, colour: 'blue' } as never])).toEqual(['src/languages/en.ts: (root): Unrecognized key: "colour"']);
  });
});
