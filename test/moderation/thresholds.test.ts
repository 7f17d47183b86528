import { MODERATION_CATEGORIES, moderationVerdict } from '../../src/moderation/thresholds';

/** Every threshold pinned with literal numbers, just inside and just outside (docs/moderation.md says why each). */

const only = (name: string, confidence: number, severity?: number) => [{ name, confidence, ...(severity !== undefined && { severity }) }];
const allowed = (level: 'strict' | 'standard' | 'off', name: string, confidence: number, severity?: number) =>
  moderationVerdict(only(name, confidence, severity), level).allowed;

describe('moderation thresholds', () => {
  it('knows the 16 categories of moderateText v2', () => {
    expect(MODERATION_CATEGORIES).toHaveLength(16);
  });

  it.each([
    ['Sexual', 0.3],
    ['Derogatory', 0.3],
    ['Toxic', 0.4],
    ['Insult', 0.4],
    ['Profanity', 0.4],
    ['Violent', 0.5],
    ['Death, Harm & Tragedy', 0.5],
    ['Illicit Drugs', 0.6],
    ['Firearms & Weapons', 0.7],
  ])('strict refuses %s from %f confidence', (name, threshold) => {
    expect(allowed('strict', name, threshold - 0.01)).toBe(true);
    expect(allowed('strict', name, threshold)).toBe(false);
    // strict ignores severity: a confident mild one is refused too
    expect(allowed('strict', name, threshold, 0)).toBe(false);
  });

  it.each([
    ['Sexual', 0.5],
    ['Derogatory', 0.5],
    ['Toxic', 0.7],
    ['Insult', 0.7],
  ])('standard refuses %s from %f confidence, whatever the severity', (name, threshold) => {
    expect(allowed('standard', name, threshold - 0.01)).toBe(true);
    expect(allowed('standard', name, threshold)).toBe(false);
    expect(allowed('standard', name, threshold, 0)).toBe(false);
  });

  it.each(['Profanity', 'Violent', 'Death, Harm & Tragedy'])('standard refuses %s from 0.8 confidence and 0.5 severity', (name) => {
    expect(allowed('standard', name, 0.79, 0.9)).toBe(true);
    expect(allowed('standard', name, 0.8, 0.49)).toBe(true);
    expect(allowed('standard', name, 0.8, 0.5)).toBe(false);
    // No severity given for the category: confidence alone decides.
    expect(allowed('standard', name, 0.8)).toBe(false);
  });

  it.each(['Illicit Drugs', 'Firearms & Weapons'])('standard lets %s pass', (name) => {
    expect(allowed('standard', name, 1, 1)).toBe(true);
  });

  it.each(['Public Safety', 'Health', 'Religion & Belief', 'War & Conflict', 'Politics', 'Finance', 'Legal', 'Some Future Category'])(
    'no level refuses the topic %s',
    (name) => {
      expect(allowed('strict', name, 1, 1)).toBe(true);
      expect(allowed('standard', name, 1, 1)).toBe(true);
    },
  );

  it('off refuses nothing', () => {
    expect(moderationVerdict(MODERATION_CATEGORIES.map((name) => ({ name, confidence: 1, severity: 1 })), 'off')).toEqual({ allowed: true });
  });

  it('names the first refused category', () => {
    const verdict = moderationVerdict(
      [
        { name: 'Toxic', confidence: 0.2 },
        { name: 'Insult', confidence: 0.75 },
        { name: 'Sexual', confidence: 0.9 },
      ],
      'standard',
    );
    expect(verdict).toEqual({ allowed: false, category: 'Insult', confidence: 0.75 });
  });
});
