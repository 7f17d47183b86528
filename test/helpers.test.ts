import { pickRandom, randomIndex } from '../src/random-pick';
import { sleep } from '../src/sleep';
import { raceTimeout } from '../src/timeout';

describe('randomIndex and pickRandom', () => {
  it('map [0, 1) over the list, and keep a random of 1 inside it', () => {
    expect(randomIndex(4, () => 0)).toBe(0);
    expect(randomIndex(4, () => 0.5)).toBe(2);
    expect(randomIndex(4, () => 0.99)).toBe(3);
    expect(randomIndex(4, () => 1)).toBe(3);
    expect(pickRandom(['a', 'b', 'c'], () => 0.4)).toBe('b');
    expect(pickRandom(['a', 'b', 'c'], () => 1)).toBe('c');
  });
});

describe('raceTimeout', () => {
  it('gives the work when it settles first, and clears its timer', async () => {
    const late = jest.fn(() => 'late');
    await expect(raceTimeout(Promise.resolve('done'), 20, late)).resolves.toBe('done');
    await expect(raceTimeout(Promise.reject(new Error('broke')), 20, late)).rejects.toThrow('broke');
    await sleep(40);
    expect(late).not.toHaveBeenCalled();
  });

  it('gives what `late` gives when the time is up first: a value, a rejection or a promise', async () => {
    const never = new Promise<string>(() => undefined);
    await expect(raceTimeout(never, 1, () => 'late')).resolves.toBe('late');
    await expect(
      raceTimeout(never, 1, () => {
        throw new Error('too late');
      }),
    ).rejects.toThrow('too late');
    await expect(raceTimeout(never, 1, () => Promise.reject(new Error('later')))).rejects.toThrow('later');
  });
});
