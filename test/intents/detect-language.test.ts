import { describe, expect, it } from 'vitest';
import { detectLanguage, LANGUAGE_RULE, rankLanguages } from '../../intents/detect-language.js';
import { LANGUAGE_POSTS, loadLanguagePosts } from '../../intents/eval/datasets/language-posts.js';
import { evaluateCandidate } from '../language-eval/language-eval.js';
import { languageSample } from '../../intents/language-text.js';

describe('detectLanguage: the language a customer wrote in, or null when too short to tell', () => {
  it('tells common languages apart on real-length posts, handles and links aside', () => {
    expect(detectLanguage('@acme why was I charged twice on my card? I want my money back')).toBe('en');
    expect(detectLanguage('@acme bonjour, mon colis est perdu depuis une semaine https://t.co/abc')).toBe('fr');
    expect(detectLanguage('@acme ¿dónde está mi pedido? llevo dos semanas esperando')).toBe('es');
    expect(detectLanguage('@acme mijn pakket is nog steeds niet aangekomen')).toBe('nl');
    expect(detectLanguage('@AcmeDestek kargom hâlâ gelmedi')).toBe('tr');
    expect(detectLanguage('@acme_jp 返金は？')).toBe('ja');
  });

  it('reads neither handles, links, e-mail addresses, hashtags nor emoji', () => {
    // An English brand handle, an English hashtag and an English link around a German post.
    expect(
      detectLanguage('@BestCustomerServiceEver meine Bestellung ist nicht angekommen #WorstDeliveryEver https://acme.com/track/your-order'),
    ).toBe('de');
    const { sample, letters } = languageSample('@acme 😡😡 mail me at help.desk@acme.com #refundnow www.acme.com/x 123');
    expect(sample).toBe('😡😡 mail me at 123');
    expect(letters).toBe(8);
  });

  it('says nothing rather than guess: too short, emoji only, a handle alone', () => {
    expect(detectLanguage('@acme ok')).toBeNull();
    expect(detectLanguage('@acme 👍🙏 #help')).toBeNull();
    expect(detectLanguage('@acme @AcmeSupport https://t.co/x')).toBeNull();
    expect(detectLanguage('')).toBeNull();
    expect(detectLanguage('@acme my parcel is two weeks late, order 5521')).toBe('en');
  });

  it('keeps its held-out figures on the language set (the service rule, not re-tuned)', () => {
    const posts = loadLanguagePosts(LANGUAGE_POSTS);
    const r = evaluateCandidate({ name: 'eld', rank: rankLanguages }, posts, { fixedRule: LANGUAGE_RULE, timeBudgetMs: 50 });
    expect(r.heldoutAll.n).toBeGreaterThanOrEqual(400);
    expect(r.heldoutAll.right / r.heldoutAll.n).toBeGreaterThan(0.9);
    expect(r.heldoutAll.wrong / r.heldoutAll.n).toBeLessThan(0.05);
    for (const [lang, s] of Object.entries(r.heldout)) expect(s.right / s.n, lang).toBeGreaterThan(0.8);
  });

  it('stays fast on a long post (only its start is read)', () => {
    const long = 'my order never arrived and nobody answers the phone '.repeat(2000);
    const t = performance.now();
    expect(detectLanguage(long)).toBe('en');
    expect(performance.now() - t).toBeLessThan(50);
  });
});
