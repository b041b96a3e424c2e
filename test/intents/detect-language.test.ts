import { describe, expect, it } from 'vitest';
import { detectLanguage } from '../../intents/detect-language.js';

describe('detectLanguage: the language filter of search where the understanding has none', () => {
  it('tells common languages apart on real-length posts, handles and links aside', () => {
    expect(detectLanguage('@acme why was I charged twice on my card? I want my money back')).toBe('en');
    expect(detectLanguage('@acme bonjour, mon colis est perdu depuis une semaine https://t.co/abc')).toBe('fr');
    expect(detectLanguage('@acme ¿dónde está mi pedido? llevo dos semanas esperando')).toBe('es');
    expect(detectLanguage('@acme mijn pakket is nog steeds niet aangekomen')).toBe('nl');
  });
  it('says nothing rather than guess: too short, emoji only, or two languages as likely', () => {
    expect(detectLanguage('@acme ok')).toBeNull();
    expect(detectLanguage('@acme 👍🙏 #help')).toBeNull();
    expect(detectLanguage('@acme my parcel is two weeks late, order 5521')).not.toBe('nl');
  });
  it('stays fast on a long post (only its start is read)', () => {
    const long = 'my order never arrived and nobody answers the phone '.repeat(2000);
    const t = performance.now();
    expect(detectLanguage(long)).toBe('en');
    expect(performance.now() - t).toBeLessThan(50);
  });
});
