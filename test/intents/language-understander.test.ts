import { describe, expect, it } from 'vitest';
import type { IntentExamples } from '../../intents/intent-examples.js';
import { createKeywordUnderstander } from '../../intents/keyword-understander.js';
import { understandByLanguage } from '../../intents/language-understander.js';

const entries: IntentExamples[] = [
  {
    id: 'parcels',
    keywords: [],
    examples: ['my parcel is late'],
    examples_in: { es: ['mi paquete llega tarde'] },
    negative_examples: [],
  },
  // Spanish words in the default language's examples: only an English mention may be matched with them.
  { id: 'spanish-words', keywords: [], examples: ['paquete tarde llega'], negative_examples: [] },
  { id: 'outage', keywords: ['app down'], examples: ['the app is down'], negative_examples: [] },
];

describe('understandByLanguage', () => {
  it('a mention is understood against its own language examples, plus the keywords of every language', async () => {
    const u = understandByLanguage(createKeywordUnderstander());
    await u.train(entries);
    const spanish = 'mi paquete llega tarde otra vez';
    expect((await u.understand({ text: spanish, channel: 'x', language: 'es' })).entryId).toBe('parcels');
    // The same words read against the default language's examples: another entry.
    expect((await u.understand({ text: spanish, channel: 'x', language: 'en' })).entryId).toBe('spanish-words');
    expect((await u.understand({ text: spanish, channel: 'x' })).entryId).toBe('spanish-words');
    // Keywords hold in every language; a language without examples of its own reads the default's.
    expect((await u.understand({ text: 'app down, no funciona', channel: 'x', language: 'es' })).entryId).toBe('outage');
    expect((await u.understand({ text: 'my parcel is late', channel: 'x', language: 'de' })).entryId).toBe('parcels');
  });

  it('a retraining drops a language the file no longer has examples in', async () => {
    const u = understandByLanguage(createKeywordUnderstander());
    await u.train(entries);
    await u.train(entries.map((e) => ({ ...e, examples_in: undefined })));
    expect((await u.understand({ text: 'mi paquete llega tarde', channel: 'x', language: 'es' })).entryId).toBe('spanish-words');
  });

  it('without forks, one understander learns every language examples together', async () => {
    const base = createKeywordUnderstander();
    const u = understandByLanguage({ train: (e) => base.train(e), understand: (m) => base.understand(m) });
    await u.train(entries.filter((e) => e.id === 'parcels'));
    expect((await u.understand({ text: 'mi paquete llega tarde', channel: 'x', language: 'es' })).entryId).toBe('parcels');
  });
});
