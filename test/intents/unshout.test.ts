import { describe, expect, it } from 'vitest';
import { unshouted } from '../../intents/unshout.js';

describe("shouted words read in lower case (issue 15, a new user's mention)", () => {
  it('lowers runs of three capitalised words or more', () => {
    expect(unshouted('@acme WHERE IS MY PARCEL. Promised Thursday.')).toBe('@acme where is my parcel. Promised Thursday.');
    expect(unshouted('THE APP IS DOWN!!! AGAIN')).toBe('the app is down!!! again');
  });

  it('keeps acronyms, codes, handles and links as written', () => {
    expect(unshouted('@acme my iPhone X is LATE')).toBe('@acme my iPhone X is LATE');
    expect(unshouted('flew LHR to JFK on BA198')).toBe('flew LHR to JFK on BA198');
    expect(unshouted('@ACME_HELP see https://t.co/AbCDEF')).toBe('@ACME_HELP see https://t.co/AbCDEF');
  });

  it('reads a long shouted text in time proportional to its length', () => {
    const long = 'ABC '.repeat(50_000) + 'x';
    const started = performance.now();
    expect(unshouted(long).startsWith('abc abc')).toBe(true);
    expect(performance.now() - started).toBeLessThan(2000);
  });
});
