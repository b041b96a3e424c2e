import { describe, expect, it } from 'vitest';
import { stripPersonal } from '../../shared/strip-personal.js';

describe('stripPersonal', () => {
  it('removes handles, links, email addresses and phone numbers, keeping the question', () => {
    expect(stripPersonal('@SpotifyCares my playlist vanished https://t.co/abc123 help')).toBe('my playlist vanished help');
    expect(stripPersonal('@acme @bob_smith where is my parcel? mail me at jane.doe+x@example.co.uk')).toBe(
      'where is my parcel? mail me at',
    );
    expect(stripPersonal('call me on +44 20 7946 0958 or (555) 123-4567 please')).toBe('call me on or please');
    expect(stripPersonal('see www.example.com/orders/42 and acme.com for it')).toBe('see and for it');
  });

  it('keeps prices, years and counts as text', () => {
    expect(stripPersonal('charged $12.99 twice in 2017, 3 items')).toBe('charged $12.99 twice in 2017, 3 items');
  });

  it('drops invisible and bidi characters and squeezes the gaps left behind', () => {
    expect(stripPersonal('\u202Eplaylist\u202C   gone\u200B  ,  why')).toBe('playlist gone, why');
    expect(stripPersonal('  @only_a_handle  ')).toBe('');
  });

  it('strips a handle written with a full-width at sign or after punctuation', () => {
    expect(stripPersonal('hi ＠acme_help, (@support) my app crashes')).toBe('hi, ( ) my app crashes');
  });
});

describe('stripPersonal on a long text', () => {
  it('reads the start of a long text, cut between words, in bounded time whatever the text', () => {
    for (const unit of ['x.', 'a-', 'a1', 'a@']) {
      const started = performance.now();
      stripPersonal(unit.repeat(100_000));
      expect(performance.now() - started, unit).toBeLessThan(1_000);
    }
    const long = `my parcel is late ${'and still late '.repeat(400)}mail jane.doe@example.com today`;
    const kept = stripPersonal(long);
    expect(kept.startsWith('my parcel is late and still late')).toBe(true);
    expect(kept.length).toBeLessThanOrEqual(4_000);
    expect(kept).not.toMatch(/jane|example/);
    expect(stripPersonal(`${'word '.repeat(799)}jane.doe@example.com`)).not.toMatch(/jane|exam/);
  });
});
