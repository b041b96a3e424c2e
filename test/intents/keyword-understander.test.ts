import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseKnowledge } from '../../config/knowledge/load-knowledge.js';
import { createKeywordUnderstander } from '../../intents/keyword-understander.js';
import { exampleKnowledge } from '../helpers/start-service.js';

describe('issue 18 — the keyword understanding on the example file, its campaign always on', () => {
  it("finding 4: words only an entry's negative examples use keep a look-alike from the entry", async () => {
    const knowledge = parseKnowledge(readFileSync(exampleKnowledge, 'utf8'));
    const understander = createKeywordUnderstander();
    await understander.train(knowledge.entries);
    const entryOf = async (text: string) => (await understander.understand({ text, channel: 'sandbox' })).entryId;
    // The campaign's own questions still match it by keyword.
    expect(await entryOf('@acme is there a black friday discount')).toBe('black-friday');
    expect(await entryOf('my promo code is refused')).toBe('black-friday');
    // A return of a sale purchase shares the keyword, not the question: not the campaign's reply.
    for (const text of knowledge.entries.find((e) => e.id === 'black-friday')!.negative_examples)
      expect(await entryOf(text), text).toBeUndefined();
    expect(await entryOf('I bought a kettle in the black friday sale and I want to return it')).toBeUndefined();
  });
});
