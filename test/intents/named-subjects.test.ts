import { describe, expect, it } from 'vitest';
import { namedEvents, namedWords, namesAnotherEvent, namesAnotherSubject, namedWordsOf } from '../../intents/named-subjects.js';

const plain = (m: Map<string, Set<string>>) => Object.fromEntries([...m].map(([k, v]) => [k, [...v].sort()]));

describe('named subjects (issue 15)', () => {
  it('reads the names given a word: capitalised, with a digit, up to three before it', () => {
    expect(plain(namedWords('is the SEC Network part of the Fios TV lineup'))).toMatchObject({
      network: ['sec'],
      lineup: ['fios', 'tv'],
    });
    expect(plain(namedWords('@brand My Rapid Rewards points are missing'))).toMatchObject({ points: ['rapid', 'rewards'] });
  });

  it('takes no handle, no function word and no word capitalised only for opening a sentence for a name', () => {
    expect(namedWords('@SouthwestAir flights are the best')).toEqual(new Map());
    expect(namedWords('Our network is down. Network still down')).toEqual(new Map());
    // In capitals or with a digit, the first word is a name.
    expect(plain(namedWords('SEC Network is missing'))).toEqual({ network: ['sec'] });
    expect(plain(namedWords('Pac-12 Network is missing'))).toEqual({ network: ['pac12'] });
  });

  it('reads no names in Title Case, where every word is capitalised', () => {
    expect(namedWords('Parcel Deliveries Running Late')).toEqual(new Map());
  });

  it('tells another name for a named word from the same one', () => {
    const own = namedWordsOf(['do you carry the Pac-12 Network', 'Pac-12 Network is not on Fios TV']);
    expect(namesAnotherSubject(own, 'what about the SEC Network?')).toBe(true);
    expect(namesAnotherSubject(own, 'what about the PAC-12 Network?')).toBe(false);
    expect(namesAnotherSubject(own, 'what about my network?')).toBe(false);
  });
});

describe('campaign days (issue 15, a new user asking about another sale)', () => {
  it('finds the days a text names, in any case, one name for the plural', () => {
    expect(namedEvents('is there a Cyber Monday sale?')).toEqual(new Set(['cyber monday']));
    expect(namedEvents("my new year's resolution: no more january sales")).toEqual(new Set(['new year', 'january sale']));
    expect(namedEvents('is my parcel late?')).toEqual(new Set());
  });

  it("tells another day than the entry's apart, and asks nothing of a mention naming the entry's own", () => {
    const entry = new Set(['black friday']);
    expect(namesAnotherEvent(entry, 'is there a cyber monday sale?')).toBe(true);
    expect(namesAnotherEvent(entry, 'is the black friday deal better than the cyber monday one?')).toBe(false);
    expect(namesAnotherEvent(entry, 'is the sale still on?')).toBe(false);
    // An entry that names no day asks nothing of the days a mention names.
    expect(namesAnotherEvent(new Set(), 'is there a cyber monday sale?')).toBe(false);
  });
});
