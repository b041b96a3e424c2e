import { describe, expect, it } from 'vitest';
import { rowLabels } from '../../handoff/queue-labels.js';
import { languageOf, textFacts } from '../../handoff/summary-text-facts.js';

// Phrasings written for this test.
const HURT = '@acme the kettle spat boiling water and burned my hand';
const FRENCH = 'bonjour, mon colis est perdu depuis une semaine et personne ne répond à mes messages';

/** Issue 17, queue pages: a row's text facts are remembered by what they come from, and equal to working them out afresh. */
describe('text facts of a queue row', () => {
  it('are the labels and language worked out afresh, for every input asked again', () => {
    const inputs = [
      [HURT, null],
      [HURT, { topic: 'complaint', sentiment: 'negative', complaint: true }],
      [HURT, { topic: 'delivery', sentiment: 'neutral', complaint: false, language: 'en' }],
      [FRENCH, { topic: 'delivery' }],
      [FRENCH, { topic: 'delivery', language: null }],
      [null, { topic: 'billing' }],
    ] as const;
    for (let pass = 0; pass < 2; pass++)
      for (const [text, u] of inputs)
        expect(textFacts(text, u)).toEqual({ labels: rowLabels(text, u), language: languageOf(u as { language?: string | null }, text) });
  });

  it('a changed understanding of the same text gives its own labels, not the remembered ones', () => {
    const calm = textFacts('@acme where is my order', { topic: 'delivery', sentiment: 'neutral' });
    const upset = textFacts('@acme where is my order', { topic: 'delivery', sentiment: 'negative', complaint: true });
    expect(calm.labels.labels).toEqual(['Delivery']);
    expect(upset.labels.labels).toEqual(['Delivery', 'Angry complaint']);
    // The language the turn recorded wins over detection; none recorded: detected from the text.
    expect(textFacts(FRENCH, { topic: 'delivery', language: 'es' }).language).toBe('es');
    expect(textFacts(FRENCH, { topic: 'delivery' }).language).toBe('fr');
    expect(textFacts(FRENCH, { topic: 'delivery', language: null }).language).toBeNull();
  });
});
